#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of the tray applet in a real desktop session: the real
`gatewatch` applet against loopback servers, its icon and menu read and
clicked over D-Bus the way the panel (xfce4-panel's Status Tray) does, its
notifications as dunst received them, and screenshots of the panel.

Usage: test_tray.py PATH/TO/gatewatch [unittest options]

Outside `tests/headless-session.sh --panel --notifications` it starts itself
inside one, with an interpreter that has PyGObject (/usr/bin/python3 when the
python3 on PATH has none). Screenshots go to $GATEWATCH_SCREENSHOTS (the
project's data/screenshots is where the published ones live), else to a
temporary folder.
"""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
SESSION_SCRIPT = os.path.join(TOP, 'tests', 'headless-session.sh')
SYSTEM_PYTHON = '/usr/bin/python3'
SKIP = 77     # what meson counts as a skipped test


def _has_gi():
    try:
        import gi  # noqa: F401
        return True
    except ImportError:
        return False


def _enter_session():
    """Runs this file again inside a private desktop session with a panel and
    a notification server, unless it already is in one."""
    from desktop import in_session, missing_tools   # these need no gi

    if in_session() and _has_gi():
        return
    if os.environ.get('GATEWATCH_TRAY_REEXEC'):
        print('test_tray: no panel session or no PyGObject even after re-running', file=sys.stderr)
        sys.exit(1)
    python = sys.executable if _has_gi() else SYSTEM_PYTHON
    missing = missing_tools()
    if not os.access(python, os.X_OK):
        missing.append('python3-gi')
    if missing:
        print(f'SKIP: the desktop session needs {", ".join(missing)}')
        sys.exit(SKIP)
    os.environ['GATEWATCH_TRAY_REEXEC'] = '1'
    argv = [python, os.path.abspath(__file__), *sys.argv[1:]]
    if not in_session():
        argv = [SESSION_SCRIPT, '--panel', '--notifications', *argv]
    sys.stdout.flush()
    os.execv(argv[0], argv)


if __name__ == '__main__':
    sys.path.insert(0, HERE)
    _enter_session()

from desktop import (WATCHER, BusMonitor, Notifications, Screen, SessionBus,  # noqa: E402
                     Tray, wait_until)
from runner import SCRUBBED_VARIABLES, private_home  # noqa: E402
from servers import Answer, ScriptedServer, stop_process_group  # noqa: E402

GATEWATCH = None
APP_ID = 'io.github.gatewatch.Gatewatch'
PATHS = {'web': '/', 'api': '/v1/models', 'status': '/api/v2/summary.json',
         'control': '/check_network_status.txt'}
OK_PAGE = Answer(200, b'<html><title>ChatGPT</title>ok</html>', {'Content-Type': 'text/html'})
BAD_GATEWAY = Answer(502, b'error code: 502', {'Content-Type': 'text/plain'})

INTERVAL = 5          # --interval: rounds every 4.5-5.5 s
TIMEOUT = 2           # --timeout; a failing web probe retries for ~4 s in a round
# A state change shows after the next round: up to 1.1 x INTERVAL, plus the
# round with its retries, plus slack for a loaded machine.
ROUND_WAIT = 1.1 * INTERVAL + 4 + TIMEOUT + 6
BACK_WAIT = ROUND_WAIT + 1.1 * INTERVAL + 2      # two good rounds

MENU_LABELS = ('Check now', 'What can I do?…', 'Peak hours…', 'Open status page',
               'Open ChatGPT', "Notify me when it's back", 'Pause checks',
               'Start at login', 'Quit')
CHECK_ITEMS = ("Notify me when it's back", 'Pause checks', 'Start at login')
LAST_CHECK = re.compile(r'^Last check (\d\d:\d\d)( · \d+ ms)?( · next at (\d\d:\d\d))?$')
CHECK_NOW_LATER = re.compile(r'^Check now \(available at (\d\d):(\d\d)\)$')


def data(name):
    with open(os.path.join(HERE, '..', 'data', name), 'rb') as f:
        return f.read()


def within_next_minute(hh_mm):
    """Whether a HH:MM (local time) shown in the menu lies between now and
    61 s from now, to the minute."""
    now = time.time()
    allowed = {time.strftime('%H:%M', time.localtime(now + s)) for s in range(-1, 62)}
    return hh_mm in allowed


class TrayTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        if GATEWATCH is None:
            self.skipTest('no gatewatch binary given')
        stack = contextlib.ExitStack()
        self.addCleanup(stack.close)
        self.tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix='gatewatch-tray-'))
        self.screenshots = os.environ.get('GATEWATCH_SCREENSHOTS') or (
            os.path.join(os.environ['G_TEST_BUILDDIR'], 'screenshots')
            if os.environ.get('G_TEST_BUILDDIR') else os.path.join(self.tmp, 'screenshots'))
        os.makedirs(self.screenshots, exist_ok=True)

        self.web = stack.enter_context(ScriptedServer({PATHS['web']: OK_PAGE}))
        self.other = stack.enter_context(ScriptedServer({
            PATHS['api']: Answer(401, b'{"error": {}}', {'Content-Type': 'application/json'}),
            PATHS['status']: Answer(200, data('summary.2026-07-09.operational.json'),
                                    {'Content-Type': 'application/json'}),
            PATHS['control']: Answer(200, b'NetworkManager is online\n'),
        }))
        self.urls = {name: (self.web if name == 'web' else self.other).url(path)
                     for name, path in PATHS.items()}
        self.env = self.applet_environment()
        self.log_path = os.path.join(self.tmp, 'applet.log')
        self.bus = SessionBus()
        self.tray = Tray(self.bus)
        self.screen = Screen()
        self.applet = self.start_applet()
        self.addCleanup(stop_process_group, self.applet)

    def applet_environment(self):
        env = {k: v for k, v in os.environ.items()
               if k not in SCRUBBED_VARIABLES or k == 'DISPLAY'}
        home = private_home(self.tmp)
        for variable, folder in (('XDG_DATA_HOME', 'data'), ('XDG_CONFIG_HOME', 'config'),
                                 ('XDG_CACHE_HOME', 'cache'), ('XDG_STATE_HOME', 'state')):
            env[variable] = os.path.join(home, folder)
        env.update({
            # A settings file in the private XDG_CONFIG_HOME, which the applet
            # watches: `gsettings set` from the test reaches it while it runs.
            'GSETTINGS_BACKEND': 'keyfile',
            'LC_ALL': 'C.UTF-8',
            'NO_AT_BRIDGE': '1',
            # "Check now refused" shows that a request reached the applet.
            'G_MESSAGES_DEBUG': 'gw-application gw-tray',
            # Uninstalled: the panel finds the state icons in the source tree
            # (or wherever the caller points it).
            'GATEWATCH_ICON_THEME_PATH': (os.environ.get('GATEWATCH_ICON_THEME_PATH') or
                                          os.path.join(TOP, 'data', 'icons')),
        })
        if 'GSETTINGS_SCHEMA_DIR' not in env:
            env['GSETTINGS_SCHEMA_DIR'] = os.path.normpath(
                os.path.join(os.path.dirname(os.path.abspath(GATEWATCH)), '..', 'data'))
        return env

    def gatewatch_argv(self, *extra):
        argv = [GATEWATCH, '--interval', str(INTERVAL), '--timeout', str(TIMEOUT)]
        for name, url in self.urls.items():
            argv += [f'--{name}-url', url]
        return argv + list(extra)

    def start_applet(self):
        with open(self.log_path, 'wb') as log:
            return subprocess.Popen(self.gatewatch_argv(), env=self.env, cwd=self.tmp,
                                    stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                    start_new_session=True)

    def log(self):
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def diagnostics(self):
        try:
            menu = self.item.menu_labels() if getattr(self, 'item', None) else '(no item)'
        except Exception as error:    # noqa: BLE001 - for the report only
            menu = f'(unreadable: {error})'
        return (f'\n--- applet (pid {self.applet.pid}, exit {self.applet.poll()}) ---\n'
                f'{self.log()}\n--- menu ---\n{menu}\n'
                f'--- web requests: {self.web.count(PATHS["web"])} ---')

    # ---- waiting for the tray ----

    def wait(self, predicate, timeout, what):
        try:
            return wait_until(predicate, timeout, what)
        except AssertionError as error:
            raise AssertionError(f'{error}{self.diagnostics()}') from None

    def wait_for_icon(self, state, timeout):
        name = f'{APP_ID}-{state}'
        self.wait(lambda: self.item.prop('IconName') == name, timeout,
                  lambda: f'the icon {name} (it is {self.item.prop("IconName")})')

    def wait_for_toggle(self, label, state, timeout=5):
        self.wait(lambda: self.item.menu_item(label).toggle_state == state, timeout,
                  f'“{label}” to show toggle-state {state}')

    def wait_for_web_request(self, after, timeout):
        return self.wait(lambda: self.web.count(PATHS['web']) > after and
                         self.web.count(PATHS['web']), timeout,
                         f'a web request after request {after}')

    def web_requests_within(self, seconds, after):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.web.count(PATHS['web']) > after:
                return True
            time.sleep(0.05)
        return False

    # ---- screenshots ----

    def screenshot(self, state, unlike=None):
        """The panel's tray end in `state`, saved as tray-<state>.png once an
        icon is drawn there (many colours, not a flat panel) that differs
        from the crop `unlike` (the previous state's). Returns the icon's
        crop, or None without ImageMagick."""
        if not self.screen.available():
            return None
        deadline = time.monotonic() + 5       # the panel redraws on NewIcon
        while True:
            full = self.screen.shoot(os.path.join(self.tmp, f'screen-{state}.png'))
            strip = self.screen.panel_tray(full, os.path.join(self.tmp, f'tray-{state}.png'))
            icon = self.screen.panel_tray(full, os.path.join(self.tmp, f'icon-{state}.png'),
                                          width=48, scale=100)
            colours = self.screen.colours(icon)
            drawn = colours > 8
            changed = unlike is None or not self.screen.same(unlike, icon)
            if (drawn and changed) or time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        self.assertTrue(drawn, f'no icon drawn at the end of the panel ({colours} colours in '
                               f'{icon}; the whole screen: {full})')
        self.assertTrue(changed, f'the panel shows the same icon in {state} as before ({icon})')
        shutil.copy(strip, os.path.join(self.screenshots, f'tray-{state}.png'))
        return icon

    # ---- "Check now" ----

    def assert_check_now_answers(self, trigger, what):
        """`trigger` asks for a check right after a scheduled round, so the
        schedule cannot explain a web request in the next 2.5 s. Then either a
        round runs (a web request arrives), or the applet refused (it logs
        that the request arrived) and the menu says when "Check now" is
        available again: at most a minute from now."""
        seen = self.wait_for_web_request(self.web.count(PATHS['web']), ROUND_WAIT)
        time.sleep(0.3)     # that round (all on loopback) is over
        logged = len(self.log())
        trigger()
        if self.web_requests_within(2.5, seen):
            return 'ran'
        self.wait(lambda: 'Check now' in self.log()[logged:], 2,
                  f'{what}: neither a round nor “Check now refused” in the applet’s debug log')
        label = self.wait(lambda: CHECK_NOW_LATER.match(self.item.menu_item('Check now').label),
                          2, f'{what}: refused, but no “Check now (available at …)” in the menu')
        self.assertTrue(within_next_minute(f'{label.group(1)}:{label.group(2)}'),
                        f'{what}: {label.group(0)} is not within the next minute '
                        f'(now {time.strftime("%H:%M:%S")})')
        return 'refused'

    # ---- the scenario ----

    def test_tray(self):
        started = time.monotonic()
        self.item = self.wait(lambda: self.tray.find(APP_ID), 15,
                              'the applet to register its StatusNotifierItem')
        self.check_item_properties()
        self.wait_for_icon('operational', ROUND_WAIT)
        self.check_menu()
        self.operational_icon = self.screenshot('operational')
        self.check_monochrome()

        answer = self.assert_check_now_answers(lambda: self.item.click('Check now'), 'the menu')
        print(f'  Check now from the menu: {answer}', file=sys.stderr)
        answer = self.assert_check_now_answers(self.item.secondary_activate, 'a middle click')
        print(f'  Check now by a middle click: {answer}', file=sys.stderr)
        self.check_check_now_from_command_line()

        self.check_outage_and_back()
        self.check_pause()
        self.check_start_at_login()
        self.check_host_gone()

        self.item.click('Quit')
        self.wait(lambda: self.applet.poll() is not None, 10, 'the applet to quit')
        self.assertEqual(self.applet.returncode, 0, self.diagnostics())
        self.wait(lambda: self.tray.find(APP_ID) is None, 5, 'the item to leave the tray')
        self.assertNotIn('CRITICAL', self.log(), self.diagnostics())
        print(f'  scenario took {time.monotonic() - started:.1f} s', file=sys.stderr)

    def check_item_properties(self):
        item = self.item
        self.assertEqual(item.prop('Title'), 'ChatGPT status')
        self.assertEqual(item.prop('Status'), 'Active')
        self.assertEqual(item.prop('Category'), 'ApplicationStatus')
        self.assertEqual(item.prop('IconThemePath'), self.env['GATEWATCH_ICON_THEME_PATH'])
        self.assertTrue(item.prop('IconName').startswith(APP_ID + '-'))

    def check_menu(self):
        menu = [i for i in self.item.menu().walk() if i.id != 0]
        labels = [i.label for i in menu if i.type != 'separator']
        for label in MENU_LABELS:
            self.assertTrue(any(text.startswith(label) for text in labels),
                            f'no “{label}” in the menu {labels}')
        for item in menu:
            if item.type != 'separator':
                self.assertTrue(item.label, f'an item without a label: {item}')
        # The summary and the last check come first, as text.
        summary, last_check = menu[0], menu[1]
        self.assertFalse(summary.enabled)
        self.assertEqual(summary.label, self.item.prop('IconAccessibleDesc'))
        self.assertFalse(last_check.enabled)
        self.wait(lambda: LAST_CHECK.match(self.item.menu()
                                           .children[1].label), ROUND_WAIT,
                  '“Last check HH:MM · N ms · next at HH:MM”')
        for label in CHECK_ITEMS:
            item = self.item.menu_item(label)
            self.assertEqual(item.toggle_type, 'checkmark', label)
            self.assertEqual(item.toggle_state, 0, label)
        # Nothing to be notified about while all is well.
        self.assertFalse(self.item.menu_item("Notify me when it's back").visible)

    def check_monochrome(self):
        """The icon follows the monochrome-icon setting while running."""
        for monochrome, name in ((True, 'operational-symbolic'), (False, 'operational')):
            subprocess.run(['gsettings', 'set', APP_ID, 'monochrome-icon',
                            'true' if monochrome else 'false'], env=self.env, check=True,
                           timeout=10)
            self.wait_for_icon(name, 5)
            if monochrome:
                # Panels look names up in the hicolor folders its index.theme
                # lists (Debian 12's: symbolic/apps, not symbolic/status).
                with self.subTest('the panel draws the -symbolic icon'):
                    self.screenshot(name, unlike=self.operational_icon)

    def check_check_now_from_command_line(self):
        rule = "type='method_call',interface='org.gtk.Actions',member='Activate'"
        with BusMonitor(rule) as monitor:
            def run_cli():
                result = subprocess.run(self.gatewatch_argv('--check-now'), env=self.env,
                                        cwd=self.tmp, stdin=subprocess.DEVNULL,
                                        capture_output=True, text=True, timeout=15)
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            answer = self.assert_check_now_answers(run_cli, 'gatewatch --check-now')
            # It reached the running applet through its actions on the bus.
            self.wait(lambda: '"check-now"' in monitor.text(), 3,
                      f'org.gtk.Actions.Activate("check-now") on the bus:\n{monitor.text()}')
        print(f'  gatewatch --check-now: {answer}', file=sys.stderr)

    def check_outage_and_back(self):
        notify = "Notify me when it's back"
        self.web.set_answers(PATHS['web'], [BAD_GATEWAY])
        # The first round that sees the 502s (after its retries) shows it.
        self.wait_for_icon('outage', ROUND_WAIT)
        self.wait(lambda: self.item.menu_item(notify).visible, 3, f'“{notify}” to show')
        summary = self.item.menu().children[0].label
        self.assertEqual(summary, self.item.prop('IconAccessibleDesc'))
        self.screenshot('outage', unlike=self.operational_icon)

        self.item.click(notify)
        self.wait_for_toggle(notify, 1)

        self.web.set_answers(PATHS['web'], [OK_PAGE])
        self.wait_for_icon('operational', BACK_WAIT)
        self.wait(lambda: not self.item.menu_item(notify).visible, 3, f'“{notify}” to hide')

        with self.subTest('the "back" notification'):
            if not self.applet_has_text('ChatGPT is back'):
                self.skipTest('this applet build sends no notifications yet '
                              '(no “ChatGPT is back” in gatewatch-applet)')
            notifications = Notifications()
            summaries = self.wait(lambda: ('ChatGPT is back' in notifications.summaries()
                                           and notifications.summaries()), 5,
                                  lambda: f'“ChatGPT is back” in dunst’s history '
                                          f'{notifications.summaries()}')
            print(f'  notifications: {summaries}', file=sys.stderr)

    def applet_has_text(self, text):
        applet = os.path.join(os.path.dirname(os.path.abspath(GATEWATCH)), 'gatewatch-applet')
        with open(applet if os.path.exists(applet) else GATEWATCH, 'rb') as f:
            return text.encode() in f.read()

    def check_start_at_login(self):
        """The check item shows the action's state, also when the action
        refuses the change."""
        label = 'Start at login'
        entry = os.path.join(self.env['XDG_CONFIG_HOME'], 'autostart', APP_ID + '.desktop')
        self.item.click(label)
        self.wait_for_toggle(label, 1)
        self.wait(lambda: os.path.isfile(entry), 3, f'{entry} to be written')
        self.item.click(label)
        self.wait_for_toggle(label, 0)
        self.wait(lambda: not os.path.exists(entry), 3, f'{entry} to be removed')

        os.mkdir(entry)      # the entry cannot be written now
        try:
            self.item.click(label)
            self.wait(lambda: 'Start at login not changed' in self.log(), 3,
                      'the applet to refuse “Start at login”')
            time.sleep(0.3)
            self.assertEqual(self.item.menu_item(label).toggle_state, 0,
                             f'“{label}” shows ticked though it was refused{self.diagnostics()}')
        finally:
            os.rmdir(entry)

    def check_host_gone(self):
        """The panel's tray goes away (its plugin ends): the applet lives on
        and says once, in a notification, where to find it."""
        host = self.bus.owner_pid(WATCHER)
        self.assertNotEqual(host, self.applet.pid)
        os.kill(host, signal.SIGTERM)
        self.wait(lambda: not self.bus.has_owner(WATCHER), 5, 'the tray host to go')
        with self.subTest('the "no tray" notification'):
            title = 'Gatewatch keeps checking ChatGPT'
            if not self.applet_has_text(title):
                self.skipTest(f'this applet build has no “{title}” notification yet')
            notifications = Notifications()
            summaries = self.wait(lambda: title in notifications.summaries() and
                                  notifications.summaries(), 5,
                                  lambda: f'“{title}” in dunst’s history '
                                          f'{notifications.summaries()}')
            print(f'  notifications: {summaries}', file=sys.stderr)
        self.assertIsNone(self.applet.poll(), f'the applet ended with the tray host'
                                              f'{self.diagnostics()}')

    def check_pause(self):
        self.item.click('Pause checks')
        self.wait_for_toggle('Pause checks', 1)
        self.wait(lambda: self.item.menu().children[1].label == 'Paused', 3, '“Paused”')
        self.wait_for_icon('unknown', 3)
        self.screenshot('unknown', unlike=self.operational_icon)
        count = self.web.count(PATHS['web'])
        self.assertFalse(self.web_requests_within(1.1 * INTERVAL + 1, count),
                         f'a web request while paused{self.diagnostics()}')
        self.item.click('Pause checks')
        self.wait_for_toggle('Pause checks', 0)
        self.wait_for_web_request(count, 3)      # resuming checks at once
        self.wait_for_icon('operational', ROUND_WAIT)


if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1].startswith('-'):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    GATEWATCH = os.path.abspath(sys.argv.pop(1))
    unittest.main()
