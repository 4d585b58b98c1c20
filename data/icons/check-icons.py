#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the hicolor icon tree: check-icons.py APP_ID HICOLOR_DIR

Every SVG must parse as XML, be an <svg> with a viewBox, have a name that
starts with the application ID and carry no bitmaps or external references.
Symbolic icons must be 16x16, end in -symbolic.svg and use fills only (GTK
recolours a symbolic icon by overriding `fill`, so a stroke keeps its colour).
Every state the applet shows must have both a full-colour and a symbolic icon.
"""
import os
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
XLINK_HREF = '{http://www.w3.org/1999/xlink}href'
STATES = ('operational', 'degraded', 'outage', 'local-problem', 'unknown')


def check(path, app_id, symbolic):
    errors = []
    name = os.path.basename(path)
    if not name.startswith(app_id):
        errors.append(f'name does not start with {app_id}')
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return errors + [f'not well-formed XML: {e}']
    if root.tag != SVG + 'svg':
        errors.append(f'root element is {root.tag}, not svg')
    view_box = root.get('viewBox')
    if not view_box:
        errors.append('no viewBox')
    elif symbolic and view_box.split() != ['0', '0', '16', '16']:
        errors.append(f'symbolic viewBox is "{view_box}", not "0 0 16 16"')
    for el in root.iter():
        tag = el.tag.replace(SVG, '')
        if tag == 'image':
            errors.append('embedded bitmap (<image>)')
        href = el.get('href') or el.get(XLINK_HREF)
        if href and not href.startswith('#'):
            errors.append(f'external reference {href[:40]}')
        if symbolic and (el.get('stroke') not in (None, 'none') or 'stroke' in el.get('style', '')):
            errors.append(f'<{tag}> has a stroke (GTK cannot recolour it)')
        if symbolic and el.get('fill') == 'none' and tag in ('path', 'rect', 'circle'):
            errors.append(f'<{tag}> fill="none" (GTK would fill it)')
    return errors


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[0])
    app_id, top = sys.argv[1], sys.argv[2]
    failed = False
    seen = set()
    for dirpath, _dirs, files in sorted(os.walk(top)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, top)
            if not name.endswith('.svg'):
                print(f'{rel}: not an SVG')
                failed = True
                continue
            seen.add(rel)
            for error in check(path, app_id, name.endswith('-symbolic.svg')):
                print(f'{rel}: {error}')
                failed = True
    wanted = [f'scalable/apps/{app_id}.svg', f'symbolic/apps/{app_id}-symbolic.svg']
    for state in STATES:
        # The symbolic state icons sit beside the coloured ones: hicolor's
        # index (0.17, Debian 12 / Ubuntu 22.04) lists no symbolic/status
        # folder, so a panel would find nothing there.
        wanted += [f'scalable/status/{app_id}-{state}.svg',
                   f'scalable/status/{app_id}-{state}-symbolic.svg']
    for rel in wanted:
        if rel not in seen:
            print(f'{rel}: missing')
            failed = True
    print(f'{len(seen)} icons checked' + (', FAILED' if failed else ', all valid'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
