#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs Gatewatch as the Flatpak build does (prefix /app, into a
DESTDIR) and checks the tree the way Flatpak and its linter see it.

Usage: check-install.py SOURCE_ROOT APP_ID

- nothing lands outside /app;
- every file Flatpak exports (desktop files, metainfo, icons, D-Bus
  services...) is named after the app ID (the ID followed by "." or "-"):
  Flatpak silently drops the others, so the panel would find no state icon;
- the desktop file, metainfo, app icon (scalable and symbolic), every
  state icon, the schema and the manifest's command sit where the linter
  and the sandbox expect them, and pass their validators.
"""

import configparser
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
STATES = ('operational', 'degraded', 'outage', 'local-problem', 'unknown')
# Folders under /app/share whose files Flatpak exports to the host.
EXPORTED = ('applications', 'metainfo', 'appdata', 'icons', 'dbus-1/services',
            'gnome-shell/search-providers', 'mime/packages', 'krunner/dbusplugins')
SKIP = 77


def run(argv, **kwargs):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=600, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f'{" ".join(argv)} failed ({result.returncode}):\n'
                           f'{result.stdout[-3000:]}{result.stderr[-3000:]}')
    return result.stdout


def install(top, scratch):
    """meson setup --prefix=/app, then meson install --destdir."""
    build = os.path.join(scratch, 'build')
    destdir = os.path.join(scratch, 'dest')
    run(['meson', 'setup', build, top, '--prefix=/app', '-Dtests=false'])
    run(['meson', 'install', '-C', build, '--destdir', destdir])
    return destdir


def exported_files(app):
    for folder in EXPORTED:
        root = os.path.join(app, 'share', folder)
        for directory, _dirs, files in os.walk(root):
            for name in files:
                if name in ('icon-theme.cache', 'index.theme'):
                    continue   # made by the icon cache trigger, never exported
                yield os.path.join(directory, name)


def check_exports(app, app_id):
    problems = []
    for path in exported_files(app):
        name = os.path.basename(path)
        if not (name.startswith(app_id + '.') or name.startswith(app_id + '-')):
            problems.append(f'{os.path.relpath(path, app)}: Flatpak does not export a file '
                            f'whose name does not start with {app_id}')
    return problems


def expected_files(app_id):
    icons = 'share/icons/hicolor'
    files = ['bin/gatewatch', 'libexec/gatewatch-applet',
             f'share/applications/{app_id}.desktop',
             f'share/metainfo/{app_id}.metainfo.xml',
             f'share/glib-2.0/schemas/{app_id}.gschema.xml',
             f'{icons}/scalable/apps/{app_id}.svg',
             f'{icons}/symbolic/apps/{app_id}-symbolic.svg']
    for state in STATES:
        files += [f'{icons}/scalable/status/{app_id}-{state}.svg',
                  f'{icons}/scalable/status/{app_id}-{state}-symbolic.svg']
    return files


def check_desktop_file(path, app_id):
    problems = []
    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str
    entry.read(path, encoding='utf-8')
    section = entry['Desktop Entry'] if entry.has_section('Desktop Entry') else {}
    if section.get('Icon') != app_id:
        problems.append(f'{path}: Icon is {section.get("Icon")!r}, not {app_id}')
    if section.get('NoDisplay', 'false') == 'true' or section.get('Hidden', 'false') == 'true':
        problems.append(f'{path}: hidden from the app grid')
    exec_line = section.get('Exec', '').split()
    if not exec_line or exec_line[0] != 'gatewatch':
        problems.append(f'{path}: Exec does not run the manifest\'s command gatewatch')
    try:
        run(['desktop-file-validate', path])
    except RuntimeError as error:
        problems.append(str(error))
    return problems


def check_validators(app, app_id, top, version):
    problems = check_desktop_file(os.path.join(app, 'share', 'applications',
                                               f'{app_id}.desktop'), app_id)
    metainfo = os.path.join(app, 'share', 'metainfo', f'{app_id}.metainfo.xml')
    result = subprocess.run([sys.executable, os.path.join(top, 'data', 'check-metainfo.py'),
                             '--flathub', '--app-id', app_id, '--version', version,
                             '--desktop', f'{app_id}.desktop',
                             '--screenshots', os.path.join(top, 'data', 'screenshots'),
                             metainfo], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        problems.append(result.stdout + result.stderr)
    try:
        run(['glib-compile-schemas', '--strict', '--dry-run',
             os.path.join(app, 'share', 'glib-2.0', 'schemas')])
    except RuntimeError as error:
        problems.append(str(error))
    return problems


def project_version(top):
    out = run(['meson', 'introspect', '--projectinfo', os.path.join(top, 'meson.build')])
    return json.loads(out)['version']


def main():
    top, app_id = sys.argv[1:3]
    for tool in ('meson', 'desktop-file-validate', 'appstreamcli', 'glib-compile-schemas'):
        if shutil.which(tool) is None:
            print(f'SKIP: {tool} is not installed')
            return SKIP
    with tempfile.TemporaryDirectory(prefix='gatewatch-flatpak-install-') as scratch:
        destdir = install(top, scratch)
        outside = sorted(set(os.listdir(destdir)) - {'app'})
        problems = [f'installed outside /app: /{name}' for name in outside]
        app = os.path.join(destdir, 'app')
        problems += [f'/app/{f} is not installed' for f in expected_files(app_id)
                     if not os.path.isfile(os.path.join(app, f))]
        if not os.access(os.path.join(app, 'bin', 'gatewatch'), os.X_OK):
            problems.append('/app/bin/gatewatch is not executable')
        problems += check_exports(app, app_id)
        problems += check_validators(app, app_id, top, project_version(top))
        count = sum(1 for _ in exported_files(app))
    for problem in problems:
        print(problem)
    if not problems:
        print(f'{count} exported files, all named after {app_id}; desktop file, metainfo, '
              f'icons and schema in place and valid')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
