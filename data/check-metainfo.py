#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks an AppStream metainfo file.

Usage: check-metainfo.py [--flathub] [--app-id ID] [--desktop FILE]
                         [--screenshots DIR] [--version VERSION]
                         [--appstreamcli PATH] METAINFO

Always: `appstreamcli validate --no-net` passes and reports no warning and no
error (its exit status alone lets warnings through on some versions).

--flathub adds what Flathub's linter treats as errors, and which Debian's
appstreamcli reports only as information or not at all (a missing content
rating, a missing <developer>, a summary too long...), plus this project's
rules: no vendor trademark in the name, every screenshot a PNG that exists in
data/screenshots/, branding colours for light and dark, and the newest
release being the project's version.
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

TRADEMARKS = ('chatgpt', 'openai')
COLOUR = re.compile(r'^#[0-9a-fA-F]{6}$')
SUMMARY_MIN, SUMMARY_MAX = 10, 35


def appstream_problems(appstreamcli, path):
    """appstreamcli's errors and warnings (pedantic and info lines pass)."""
    result = subprocess.run([appstreamcli, 'validate', '--no-net', '--no-color', path],
                            capture_output=True, text=True, timeout=60)
    problems = [f'appstreamcli: {line}' for line in result.stdout.splitlines()
                if line.startswith(('E:', 'W:'))]
    if result.returncode != 0 and not problems:
        problems.append(f'appstreamcli validate exited with {result.returncode}:\n'
                        f'{result.stdout}{result.stderr}')
    return problems


def text(element):
    return ''.join(element.itertext()).strip() if element is not None else ''


def check_identity(root, path, args):
    problems = []
    cid = text(root.find('id'))
    if args.app_id and cid != args.app_id:
        problems.append(f'<id> is {cid!r}, not the app ID {args.app_id!r}')
    if os.path.basename(path) != f'{cid}.metainfo.xml':
        problems.append(f'the file is named {os.path.basename(path)!r}, not {cid}.metainfo.xml')
    if root.get('type') != 'desktop-application':
        problems.append(f'component type is {root.get("type")!r}, not desktop-application')
    launchables = [text(e) for e in root.findall('launchable') if e.get('type') == 'desktop-id']
    if launchables != [f'{cid}.desktop']:
        problems.append(f'<launchable type="desktop-id"> is {launchables}, not [{cid}.desktop]')
    if args.desktop and os.path.basename(args.desktop) not in launchables:
        problems.append(f'the launchable does not name the desktop file {args.desktop}')
    return problems


def check_texts(root):
    problems = []
    name = text(root.find('name'))
    summary = text(root.find('summary'))
    if not name:
        problems.append('no <name>')
    if any(mark in name.lower() for mark in TRADEMARKS):
        problems.append(f'the name {name!r} holds a vendor\'s trademark')
    if not SUMMARY_MIN <= len(summary) <= SUMMARY_MAX:
        problems.append(f'the summary {summary!r} has {len(summary)} characters, '
                        f'not {SUMMARY_MIN}-{SUMMARY_MAX}')
    if summary.endswith('.'):
        problems.append('the summary ends with a full stop')
    if name and summary.lower().startswith(name.lower()):
        problems.append('the summary repeats the name')
    description = root.find('description')
    if description is None or description.find('p') is None:
        problems.append('no <description> with a paragraph')
    return problems


def check_people_and_links(root):
    problems = []
    developer = root.find('developer')
    if developer is None or not developer.get('id') or not text(developer.find('name')):
        problems.append('no <developer id="..."> with a <name>')
    if not any(e.get('type') in ('oars-1.0', 'oars-1.1') for e in root.findall('content_rating')):
        problems.append('no <content_rating type="oars-1.1">')
    homepage = [text(e) for e in root.findall('url') if e.get('type') == 'homepage']
    if not homepage or not homepage[0].startswith('https://'):
        problems.append(f'no https homepage <url> ({homepage})')
    return problems


def check_releases(root, version):
    problems = []
    releases = root.findall('releases/release')
    if not releases:
        return ['no <release>']
    dates = []
    for release in releases:
        label = release.get('version') or '(no version)'
        try:
            dates.append(datetime.date.fromisoformat(release.get('date') or ''))
        except ValueError:
            problems.append(f'release {label} has no ISO date ({release.get("date")!r})')
        if release.find('description/p') is None:
            problems.append(f'release {label} has no notes (<description> with a paragraph)')
    if dates != sorted(dates, reverse=True):
        problems.append('releases are not listed newest first')
    if version and releases[0].get('version') != version:
        problems.append(f'the newest release is {releases[0].get("version")}, '
                        f'not the project\'s version {version}')
    return problems


def check_screenshots(root, folder):
    problems = []
    screenshots = root.findall('screenshots/screenshot')
    if not screenshots:
        return ['no <screenshots>']
    defaults = [s for s in screenshots if s.get('type') == 'default']
    if len(defaults) != 1:
        problems.append(f'{len(defaults)} default screenshots, not 1')
    for shot in screenshots:
        url = text(shot.find('image'))
        if not url.startswith('https://') or not url.endswith('.png'):
            problems.append(f'screenshot {url!r} is not a PNG over https')
        if not text(shot.find('caption')):
            problems.append(f'screenshot {url!r} has no caption')
        if folder and not os.path.isfile(os.path.join(folder, url.rsplit('/', 1)[-1])):
            problems.append(f'screenshot {url!r} is not in {folder}')
    return problems


def check_branding(root):
    colours = {e.get('scheme_preference'): text(e)
               for e in root.findall('branding/color') if e.get('type') == 'primary'}
    problems = [f'no primary branding colour for the {scheme} scheme'
                for scheme in ('light', 'dark') if scheme not in colours]
    problems += [f'branding colour {c!r} is not #RRGGBB'
                 for c in colours.values() if not COLOUR.match(c)]
    if colours.get('light') and colours.get('light') == colours.get('dark'):
        problems.append('the light and dark branding colours are the same')
    return problems


def flathub_problems(path, args):
    root = ET.parse(path).getroot()
    return (check_identity(root, path, args) + check_texts(root) +
            check_people_and_links(root) + check_releases(root, args.version) +
            check_screenshots(root, args.screenshots) + check_branding(root))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('metainfo')
    parser.add_argument('--flathub', action='store_true')
    parser.add_argument('--app-id')
    parser.add_argument('--desktop')
    parser.add_argument('--screenshots')
    parser.add_argument('--version')
    parser.add_argument('--appstreamcli', default=shutil.which('appstreamcli'))
    args = parser.parse_args()

    if args.appstreamcli is None:
        print('SKIP: appstreamcli is not installed')
        return 77
    problems = appstream_problems(args.appstreamcli, args.metainfo)
    if args.flathub:
        problems += flathub_problems(args.metainfo, args)
    for problem in problems:
        print(f'{args.metainfo}: {problem}')
    if not problems:
        extra = ' (with Flathub\'s stricter checks)' if args.flathub else ''
        print(f'{args.metainfo}: no problems{extra}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
