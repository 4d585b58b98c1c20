#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without building it.

Usage: check-manifest.py SOURCE_ROOT APP_ID

- flatpak-builder --show-manifest accepts it without an "Unknown property"
  warning (a misspelt key is ignored silently otherwise);
- it is named after the app ID, builds against the GNOME runtime and runs
  the installed `gatewatch`;
- finish-args are exactly the set FLATPAK.md allows: no more (the linter
  refuses --own-name, portal talk-names, Notifications, filesystems), no
  less (the tray needs the watcher);
- every source is pinned: git by commit, archives and files by sha256;
  only the app's own module builds from the checkout (a dir source);
- the desktop file, metainfo and app icon in data/ carry the app ID.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--talk-name=org.kde.StatusNotifierWatcher',
}
COMMIT = re.compile(r'^[0-9a-f]{40}$')
SHA256 = re.compile(r'^[0-9a-f]{64}$')
APP_MODULE = 'gatewatch'
SKIP = 77


def show_manifest(path):
    """The manifest as flatpak-builder reads it, and its problems."""
    # In a folder of its own: flatpak-builder leaves its state folder there.
    with tempfile.TemporaryDirectory(prefix='gatewatch-manifest-') as scratch:
        result = subprocess.run(['flatpak-builder', '--show-manifest', os.path.abspath(path)],
                                capture_output=True, text=True, timeout=60, cwd=scratch)
    problems = [f'flatpak-builder: {line.strip()}' for line in result.stderr.splitlines()
                if 'Unknown property' in line or 'WARNING' in line or 'error' in line.lower()]
    if result.returncode != 0:
        problems.append(f'flatpak-builder --show-manifest exited with {result.returncode}:\n'
                        f'{result.stderr}')
        return None, problems
    return json.loads(result.stdout), problems


def check_top(manifest, path, app_id):
    problems = []
    app = manifest.get('id') or manifest.get('app-id')
    if app != app_id:
        problems.append(f'the manifest builds {app!r}, not {app_id!r}')
    if os.path.basename(path) != f'{app_id}.json':
        problems.append(f'the manifest file is {os.path.basename(path)}, not {app_id}.json')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append(f'runtime {manifest.get("runtime")} / sdk {manifest.get("sdk")}, '
                        f'not org.gnome.Platform / org.gnome.Sdk')
    if manifest.get('command') != 'gatewatch':
        problems.append(f'command is {manifest.get("command")!r}, not gatewatch')
    args = manifest.get('finish-args', [])
    if len(args) != len(set(args)):
        problems.append(f'finish-args repeat an entry: {args}')
    for extra in sorted(set(args) - FINISH_ARGS):
        problems.append(f'finish-args has {extra}, which is not allowed')
    for missing in sorted(FINISH_ARGS - set(args)):
        problems.append(f'finish-args lacks {missing}')
    return problems


def modules(module_list):
    """Every module, nested ones too, in build order."""
    for module in module_list:
        if isinstance(module, dict):
            yield from modules(module.get('modules', []))
            yield module


def check_source(module, source, manifest_dir, top):
    name = module.get('name')
    kind = source.get('type')
    where = f'module {name}: {kind} source {source.get("url") or source.get("path")}'
    if kind == 'git':
        if not COMMIT.match(source.get('commit', '')):
            return [f'{where} is not pinned to a commit']
        if source.get('branch'):
            return [f'{where} follows a branch']
    elif kind in ('archive', 'file'):
        if 'url' in source and not SHA256.match(source.get('sha256', '')):
            return [f'{where} has no sha256']
    elif kind == 'patch':
        paths = source.get('paths') or [source.get('path')]
        return [f'{where}: patch {p} does not exist' for p in paths
                if not os.path.isfile(os.path.join(manifest_dir, p))]
    elif kind == 'dir':
        resolved = os.path.realpath(os.path.join(manifest_dir, source.get('path', '')))
        if name != APP_MODULE or resolved != os.path.realpath(top):
            return [f'{where}: only the app module may build from the checkout']
    else:
        return [f'{where}: a source type this check does not know to be pinned']
    return []


def check_modules(manifest, manifest_dir, top):
    problems = []
    all_modules = list(modules(manifest.get('modules', [])))
    if not all_modules or all_modules[-1].get('name') != APP_MODULE:
        problems.append(f'the last module is not {APP_MODULE}')
    for module in all_modules:
        sources = module.get('sources', [])
        if not sources:
            problems.append(f'module {module.get("name")} has no sources')
        for source in sources:
            problems += check_source(module, source, manifest_dir, top)
    return problems


def check_data_names(top, app_id):
    problems = []
    data = os.path.join(top, 'data')
    for name in (f'{app_id}.desktop.in', f'{app_id}.metainfo.xml.in',
                 os.path.join('icons', 'hicolor', 'scalable', 'apps', f'{app_id}.svg'),
                 os.path.join('icons', 'hicolor', 'symbolic', 'apps', f'{app_id}-symbolic.svg')):
        if not os.path.isfile(os.path.join(data, name)):
            problems.append(f'data/{name} is missing')
    try:
        root = ET.parse(os.path.join(data, f'{app_id}.metainfo.xml.in')).getroot()
        if root.findtext('id') != app_id:
            problems.append(f'the metainfo\'s <id> is {root.findtext("id")!r}')
    except (OSError, ET.ParseError) as error:
        problems.append(f'the metainfo cannot be read: {error}')
    try:
        with open(os.path.join(data, f'{app_id}.desktop.in'), encoding='utf-8') as f:
            icons = re.findall(r'^Icon=(.*)$', f.read(), re.M)
        if icons != [app_id]:
            problems.append(f'the desktop file\'s Icon is {icons}, not [{app_id}]')
    except OSError as error:
        problems.append(f'the desktop file cannot be read: {error}')
    return problems


def main():
    top, app_id = sys.argv[1:3]
    if shutil.which('flatpak-builder') is None:
        print('SKIP: flatpak-builder is not installed (tools/packages.txt, group flatpak)')
        return SKIP
    path = os.path.join(top, 'flatpak', f'{app_id}.json')
    manifest, problems = show_manifest(path)
    if manifest is not None:
        problems += check_top(manifest, path, app_id)
        problems += check_modules(manifest, os.path.dirname(path), top)
    problems += check_data_names(top, app_id)
    for problem in problems:
        print(problem)
    if not problems:
        print(f'{path}: accepted, every source pinned, finish-args as allowed')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
