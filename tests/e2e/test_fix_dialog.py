#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fix window as a screen-reader user meets it: the real applet, started
with `gatewatch --fix` against a real nginx answering 502 on loopback, read
and driven through AT-SPI (pyatspi) by accessible names and roles; the
clipboard read back through GTK; screenshots of each page in the light and
the dark theme.

Usage: test_fix_dialog.py PATH/TO/gatewatch [PATH/TO/bench-history] [unittest options]

With bench-history, each run starts from four weeks of synthetic history
(its deterministic rounds), so the peak hours have something to show.

Outside tests/headless-session.sh it starts itself inside one, with an
interpreter that has PyGObject and pyatspi (/usr/bin/python3). Screenshots
go to $GATEWATCH_SCREENSHOTS (data/screenshots holds the published ones),
else to the build folder.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
SESSION_SCRIPT = os.path.join(TOP, 'tests', 'headless-session.sh')
SYSTEM_PYTHON = '/usr/bin/python3'
SKIP = 77


def _has_modules():
    try:
        import gi  # noqa: F401
        import pyatspi  # noqa: F401
        return True
    except ImportError:
        return False


def _enter_session():
    """Runs this file again inside a private desktop session (with dunst, so
    notifications do not pop up over the window) unless it is in one."""
    if os.environ.get('GATEWATCH_TEST_SESSION') and _has_modules():
        return
    if os.environ.get('GATEWATCH_FIX_REEXEC'):
        print('test_fix_dialog: no session or no pyatspi even after re-running', file=sys.stderr)
        sys.exit(1)
    python = sys.executable if _has_modules() else SYSTEM_PYTHON
    missing = [t for t in ('Xvfb', 'dbus-daemon', 'dunst', 'import', 'xdotool')
               if shutil.which(t) is None]
    if not os.access(python, os.X_OK):
        missing.append('python3-pyatspi')
    if missing:
        print(f'SKIP: the fix window test needs {", ".join(missing)}')
        sys.exit(SKIP)
    os.environ['GATEWATCH_FIX_REEXEC'] = '1'
    argv = [python, os.path.abspath(__file__), *sys.argv[1:]]
    if not os.environ.get('GATEWATCH_TEST_SESSION'):
        argv = [SESSION_SCRIPT, '--notifications', *argv]
    sys.stdout.flush()
    os.execv(argv[0], argv)


if __name__ == '__main__':
    sys.path.insert(0, HERE)
    _enter_session()

import gi  # noqa: E402
gi.require_version('Gtk', '3.0')
gi.require_version('Gdk', '3.0')
from gi.repository import Gdk, Gtk  # noqa: E402
import pyatspi  # noqa: E402

from desktop import wait_until  # noqa: E402
from runner import SCRUBBED_VARIABLES, private_home  # noqa: E402
from servers import Answer, ClosedPort, Nginx, ScriptedServer, stop_process_group  # noqa: E402

GATEWATCH = None
SEEDER = None
SEED_DAYS = 28
PATHS = {'api': '/v1/models', 'status': '/api/v2/summary.json',
         'control': '/check_network_status.txt'}
TIMEOUT = 2
# The first round: three web attempts with their pauses, then the window
# shows its verdict; slack for a loaded machine.
FIRST_ROUND_WAIT = 30
PAGES = {'fix': 'What can I do?', 'peak-hours': 'Peak hours', 'outages': 'Outages'}
CONTROLS = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
            pyatspi.ROLE_RADIO_BUTTON}


def data(name):
    with open(os.path.join(HERE, '..', 'data', name), 'rb') as f:
        return f.read()


def walk(node, depth=0):
    """Every accessible under node, depth first."""
    yield node
    if depth > 40:
        return
    try:
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except gi.repository.GLib.GError:     # destroyed while walking: a live update
        return
    for child in children:
        if child is not None:
            yield from walk(child, depth + 1)


def showing(node):
    return node.getState().contains(pyatspi.STATE_SHOWING)


def describe(node):
    """(role, name, showing) of node, or None when it went away meanwhile
    (a row rebuilt by a live update)."""
    try:
        return node.getRole(), node.name, showing(node)
    except gi.repository.GLib.GError:
        return None


class FixDialogTestCase(unittest.TestCase):
    theme = None
    seed = None       # a history file made by SEEDER for the class, copied into each run

    @classmethod
    def setUpClass(cls):
        if SEEDER is None:
            return
        folder = tempfile.mkdtemp(prefix='gatewatch-seed-')
        cls.addClassCleanup(shutil.rmtree, folder, ignore_errors=True)
        cls.seed = os.path.join(folder, 'history.sqlite3')
        subprocess.run([SEEDER, cls.seed, str(SEED_DAYS), str(SEED_DAYS)], check=True,
                       timeout=120, stdout=subprocess.DEVNULL)

    def setUp(self):
        if GATEWATCH is None:
            self.skipTest('no gatewatch binary given')
        stack = contextlib.ExitStack()
        self.addCleanup(stack.close)
        self.tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix='gatewatch-fix-'))
        self.screenshots = os.environ.get('GATEWATCH_SCREENSHOTS') or os.path.join(
            os.environ.get('G_TEST_BUILDDIR', self.tmp), 'screenshots')
        os.makedirs(self.screenshots, exist_ok=True)

        closed = stack.enter_context(ClosedPort())
        nginx_dir = os.path.join(self.tmp, 'nginx')
        os.makedirs(nginx_dir)
        self.gateway = stack.enter_context(
            Nginx(nginx_dir, {'gateway': f'proxy_pass {closed.url()};'}))
        self.other = stack.enter_context(ScriptedServer({
            PATHS['api']: Answer(401, b'{"error": {}}', {'Content-Type': 'application/json'}),
            PATHS['status']: Answer(200, data('summary.2026-07-09.operational.json'),
                                    {'Content-Type': 'application/json'}),
            PATHS['control']: Answer(200, b'NetworkManager is online\n'),
            # Imported on the first start: the official record of past incidents.
            '/api/v2/incidents.json': Answer(200, data('incidents.json'),
                                             {'Content-Type': 'application/json'}),
        }))
        self.home = private_home(self.tmp)
        if self.seed is not None:
            os.makedirs(os.path.join(self.home, 'data', 'gatewatch'), 0o700)
            shutil.copy(self.seed, os.path.join(self.home, 'data', 'gatewatch', 'history.sqlite3'))
        self.prepare_home()
        # The pointer away from the window: no tooltip in the screenshots.
        subprocess.run(['xdotool', 'mousemove', '1279', '799'], check=False, timeout=10)
        self.log_path = os.path.join(self.tmp, 'applet.log')
        self.applet = self.start_applet()
        self.addCleanup(stop_process_group, self.applet)
        self.app = wait_until(self.find_application, 20, 'the applet on the AT-SPI bus')

    def prepare_home(self):
        """Hook: more files in the private home before the applet starts."""

    def web_url(self):
        return self.gateway.url('gateway')

    def environment(self):
        env = {k: v for k, v in os.environ.items()
               if k not in SCRUBBED_VARIABLES or k in ('DISPLAY', 'DBUS_SESSION_BUS_ADDRESS')}
        env.pop('NO_AT_BRIDGE', None)
        for variable, folder in (('XDG_DATA_HOME', 'data'), ('XDG_CONFIG_HOME', 'config'),
                                 ('XDG_CACHE_HOME', 'cache'), ('XDG_STATE_HOME', 'state')):
            env[variable] = os.path.join(self.home, folder)
        env.update({
            'HOME': self.home,
            'GSETTINGS_BACKEND': 'memory',
            'LC_ALL': 'C.UTF-8',
            'GATEWATCH_ICON_THEME_PATH': os.path.join(TOP, 'data', 'icons'),
        })
        if self.theme:
            env['GTK_THEME'] = self.theme
        if 'GSETTINGS_SCHEMA_DIR' not in env:
            env['GSETTINGS_SCHEMA_DIR'] = os.path.normpath(
                os.path.join(os.path.dirname(os.path.abspath(GATEWATCH)), '..', 'data'))
        return env

    def start_applet(self):
        argv = [GATEWATCH, '--fix', '--interval', '600', '--timeout', str(TIMEOUT),
                '--web-url', self.web_url()]
        for name, path in PATHS.items():
            argv += [f'--{name}-url', self.other.url(path)]
        with open(self.log_path, 'wb') as log:
            return subprocess.Popen(argv, env=self.environment(), cwd=self.tmp,
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                    start_new_session=True)

    def log(self):
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def find_application(self):
        if self.applet.poll() is not None:
            raise AssertionError(f'the applet exited with {self.applet.returncode}:\n{self.log()}')
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == self.applet.pid:
                    return app
            except Exception:     # noqa: BLE001 - an application that just left
                continue
        return None

    # ---- finding things as a screen reader does ----

    def find(self, role, name=None, contains=None, visible=True, timeout=10):
        def look():
            for node in walk(self.app):
                facts = describe(node)
                if facts is None or facts[0] != role:
                    continue
                if name is not None and facts[1] != name:
                    continue
                if contains is not None and contains not in (facts[1] or ''):
                    continue
                if visible and not facts[2]:
                    continue
                return node
            return None
        return wait_until(look, timeout, f'a {role} named {name or contains!r}')

    def press(self, role, name):
        node = self.find(role, name)
        self.assertTrue(node.getState().contains(pyatspi.STATE_SENSITIVE), f'{name} is disabled')
        action = node.queryAction()
        self.assertGreater(action.nActions, 0, f'{name} has no action')
        action.doAction(0)
        return node

    def show_page(self, page):
        self.press(pyatspi.ROLE_RADIO_BUTTON, PAGES[page])
        wait_until(lambda: self.find(pyatspi.ROLE_RADIO_BUTTON, PAGES[page]).getState().contains(
            pyatspi.STATE_CHECKED), 5, f'the {page} page')

    def wait_outage_banner(self):
        return self.find(pyatspi.ROLE_LABEL, "It's not you: ChatGPT is down",
                         timeout=FIRST_ROUND_WAIT)

    def screenshot(self, name):
        window = subprocess.run(['xdotool', 'search', '--sync', '--onlyvisible', '--pid',
                                 str(self.applet.pid), '--name', '^Gatewatch$'],
                                capture_output=True, text=True, timeout=10).stdout.split()
        self.assertTrue(window, 'no window to photograph')
        time.sleep(0.5)       # let the page finish drawing
        path = os.path.join(self.screenshots, name)
        subprocess.run(['import', '-window', window[-1], path], check=True, timeout=30)
        return path

    def clipboard_text(self):
        clipboard = Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD)
        return clipboard.wait_for_text()


class LightTest(FixDialogTestCase):
    def test_outage_banner_checklist_and_report(self):
        self.wait_outage_banner()
        summary = self.find(pyatspi.ROLE_LABEL, contains='502 Bad Gateway')
        self.assertIn('ChatGPT is down', summary.name)
        # The outage puts "Is it just you?" and "Refresh" first, local steps
        # folded away.
        just_you = self.find(pyatspi.ROLE_LIST_ITEM, 'Is it just you?')
        self.assertIn('Problem found', just_you.description)
        self.find(pyatspi.ROLE_PUSH_BUTTON, 'Open the status page')
        self.find(pyatspi.ROLE_CHECK_BOX, 'Mark “Is it just you?” as done')
        others = self.find(pyatspi.ROLE_TOGGLE_BUTTON, 'Other things you could try')
        self.assertFalse(others.getState().contains(pyatspi.STATE_EXPANDED),
                         'the local steps are not folded away during an outage')
        self.screenshot('fix-outage-light.png')

        self.press(pyatspi.ROLE_TOGGLE_BUTTON, 'Other things you could try')
        wait_until(lambda: others.getState().contains(pyatspi.STATE_EXPANDED), 5, 'unfolding')
        self.press(pyatspi.ROLE_PUSH_BUTTON, 'Copy diagnostic report')
        self.find(pyatspi.ROLE_LABEL, 'Copied to the clipboard.')
        report = wait_until(self.clipboard_text, 5, 'the report on the clipboard')
        self.assertIn('502', report)
        self.assertIn('ChatGPT is down', report)
        self.assertNotIn(self.home, report, 'the home folder is not redacted')

    def test_check_now_and_tick(self):
        self.wait_outage_banner()
        before = self.other.count(PATHS['api'])
        self.press(pyatspi.ROLE_PUSH_BUTTON, 'Check now')
        self.find(pyatspi.ROLE_LABEL, 'Checking now…')
        wait_until(lambda: self.other.count(PATHS['api']) > before, FIRST_ROUND_WAIT,
                   'a round started by Check now')
        # Within the minute, Check now is refused and says why.
        self.find(pyatspi.ROLE_LABEL, contains='Gatewatch checks at most once a minute',
                  timeout=FIRST_ROUND_WAIT)
        button = self.find(pyatspi.ROLE_PUSH_BUTTON, 'Check now')
        self.assertFalse(button.getState().contains(pyatspi.STATE_SENSITIVE))

        tick = self.press(pyatspi.ROLE_CHECK_BOX, 'Mark “Refresh, but not nonstop” as done')
        wait_until(lambda: tick.getState().contains(pyatspi.STATE_CHECKED), 5, 'the tick')

    def test_pages_and_controls_have_names(self):
        self.wait_outage_banner()
        self.show_page('peak-hours')
        heatmap = self.find(pyatspi.ROLE_CHART, 'Peak hours heatmap')
        self.assertTrue(heatmap.getState().contains(pyatspi.STATE_FOCUSABLE))
        basis = self.find(pyatspi.ROLE_LABEL, contains='of checks.')
        if SEEDER is not None:
            self.assertEqual(basis.name, f'Based on {SEED_DAYS + 1} days of checks.')
            self.find(pyatspi.ROLE_LABEL, contains='Quietest:')
        self.press(pyatspi.ROLE_RADIO_BUTTON, 'Latency')
        wait_until(lambda: self.find(pyatspi.ROLE_RADIO_BUTTON, 'Latency').getState().contains(
            pyatspi.STATE_CHECKED), 5, 'the latency view')
        self.screenshot('peak-hours-light.png')

        official = self.find(pyatspi.ROLE_LIST_ITEM, contains='(status page')
        self.assertNotIn('your own checks', official.name)

        self.show_page('outages')
        self.find(pyatspi.ROLE_LIST_ITEM, contains='502 Bad Gateway (your own checks)')
        self.find(pyatspi.ROLE_LIST_ITEM, contains='(status page')
        self.screenshot('outages-light.png')

        self.show_page('fix')
        self.press(pyatspi.ROLE_TOGGLE_BUTTON, 'Other things you could try')
        self.find(pyatspi.ROLE_PUSH_BUTTON, 'Copy diagnostic report')
        controls = [facts for facts in map(describe, walk(self.app))
                    if facts is not None and facts[0] in CONTROLS and facts[2]]
        self.assertGreater(len(controls), 10)
        unnamed = [str(role) for role, name, _ in controls if not name]
        self.assertEqual(unnamed, [], 'controls without an accessible name')


# A fake browser: records the argv it was started with, one NUL-terminated
# argument after another and an empty one at the end, next to itself.
FAKE_BROWSER = '''#!/bin/sh
for arg in "$0" "$@"; do printf '%s\\0' "$arg"; done >> "$0.argv"
printf '\\0' >> "$0.argv"
'''


class BrowserTest(FixDialogTestCase):
    """The browser buttons start the installed browsers with the URL as one
    argument of its own, however the URL reads: no shell sees it."""

    # Characters a shell would act on, all legal in a URL's path.
    HOSTILE_PATH = "/a;touch${IFS}pwned;b$(touch${IFS}pwned)&c|d'e"

    def prepare_home(self):
        self.bin = os.path.join(self.tmp, 'bin')
        os.makedirs(self.bin)
        applications = os.path.join(self.home, 'data', 'applications')
        os.makedirs(applications)
        for name, title in (('firefox', 'Firefox'), ('chromium', 'Chromium')):
            program = os.path.join(self.bin, name)
            with open(program, 'w', encoding='utf-8') as f:
                f.write(FAKE_BROWSER)
            os.chmod(program, 0o755)
            with open(os.path.join(applications, f'{name}.desktop'), 'w', encoding='utf-8') as f:
                f.write('[Desktop Entry]\nType=Application\n'
                        f'Name={title}\nExec={program} %u\n'
                        'MimeType=x-scheme-handler/http;x-scheme-handler/https;\n')
        # As installing a browser package does: the folder's mimeinfo.cache.
        subprocess.run(['update-desktop-database', applications], check=True, timeout=30)
        with open(os.path.join(self.home, 'config', 'mimeapps.list'), 'w', encoding='utf-8') as f:
            f.write('[Default Applications]\nx-scheme-handler/https=chromium.desktop\n')

    def web_url(self):
        return self.gateway.url('gateway', self.HOSTILE_PATH)

    def launched(self, name):
        def read():
            try:
                with open(os.path.join(self.bin, name + '.argv'), 'rb') as f:
                    runs = f.read().split(b'\0\0')
            except FileNotFoundError:
                return None
            return [run.decode().split('\0') for run in runs if run]
        return wait_until(read, 10, f'{name} to start')

    def test_browsers_get_the_url_as_one_argument(self):
        self.wait_outage_banner()
        self.press(pyatspi.ROLE_TOGGLE_BUTTON, 'Other things you could try')
        url = self.web_url()
        self.press(pyatspi.ROLE_PUSH_BUTTON, 'Open in Firefox')
        self.assertEqual(self.launched('firefox'),
                         [[os.path.join(self.bin, 'firefox'), url]])
        # The default browser (Chromium) is not "another" browser.
        self.assertEqual(self.find_all(pyatspi.ROLE_PUSH_BUTTON, 'Open in Chromium'), [])
        self.press(pyatspi.ROLE_PUSH_BUTTON, 'Private window in Chromium')
        self.assertEqual(self.launched('chromium'),
                         [[os.path.join(self.bin, 'chromium'), '--incognito', url]])
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'pwned')))
        self.assertFalse(os.path.exists(os.path.join(self.bin, 'pwned')))

    def find_all(self, role, name):
        return [node for node in walk(self.app)
                if (describe(node) or (None, None, None))[:2] == (role, name)]


class DarkTest(FixDialogTestCase):
    theme = 'Adwaita:dark'

    def test_pages_in_the_dark_theme(self):
        self.wait_outage_banner()
        self.screenshot('fix-outage-dark.png')
        self.show_page('peak-hours')
        self.find(pyatspi.ROLE_CHART, 'Peak hours heatmap')
        self.screenshot('peak-hours-dark.png')
        self.show_page('outages')
        self.find(pyatspi.ROLE_LIST_ITEM, contains='502 Bad Gateway (your own checks)')
        self.screenshot('outages-dark.png')


if __name__ == '__main__':
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        GATEWATCH = os.path.abspath(sys.argv.pop(1))
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        SEEDER = os.path.abspath(sys.argv.pop(1))
    unittest.main()
