#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The installed Flatpak, run in its sandbox in a private desktop session.

Run by tools/flatpak-test inside `tests/headless-session.sh --panel`, with
FLATPAK_USER_DIR pointing at the private installation and XDG_DATA_DIRS
holding its exports (as a person's session has them).

`flatpak run io.github.gatewatch.Gatewatch` against servers on loopback
(the web target over TLS with a test CA handed over with --cacert):
- with the manifest's permissions, the tray item registers with the panel's
  watcher through the sandbox's D-Bus filter, the panel draws the exported
  state icon, a round reaches the servers and the history lands in
  ~/.var/app/<id>/data, not in the host's data folder; the app asks the
  Background portal (it knows it is sandboxed);
- without the network (--unshare=network) no request arrives and the icon
  says the problem is on this side;
- without the watcher's talk-name the item never registers, though the app
  runs and probes.

Usage: test_sandbox.py [unittest options]
"""

import configparser
import contextlib
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'tests', 'e2e'))

from desktop import (BusMonitor, Screen, SessionBus, StatusNotifierItem, Tray,  # noqa: E402
                     in_session, wait_until)
from servers import PKI, Answer, ScriptedServer, stop_process_group  # noqa: E402

APP_ID = 'io.github.gatewatch.Gatewatch'
WATCHER = 'org.kde.StatusNotifierWatcher'
PATHS = {'web': '/', 'api': '/v1/models', 'status': '/api/v2/summary.json',
         'control': '/check_network_status.txt'}
INTERVAL = 5
TIMEOUT = 2
START_WAIT = 30       # flatpak run sets up the sandbox and its D-Bus proxy first
ROUND_WAIT = 1.1 * INTERVAL + 4 + TIMEOUT + 8
SKIP = 77


def data(name):
    with open(os.path.join(TOP, 'tests', 'data', name), 'rb') as f:
        return f.read()


def state_colour(state):
    """The main colour of an exported full-colour state icon (its first fill
    that is not white)."""
    path = os.path.join(os.environ['FLATPAK_USER_DIR'], 'exports', 'share', 'icons', 'hicolor',
                        'scalable', 'status', f'{APP_ID}-{state}.svg')
    with open(path, encoding='utf-8') as f:
        fills = re.findall(r'fill="(#[0-9a-fA-F]{6})"', f.read())
    colours = [c for c in fills if c.lower() != '#ffffff']
    if not colours:
        raise AssertionError(f'{path} has no colour besides white')
    return tuple(int(colours[0][i:i + 2], 16) for i in (1, 3, 5))


def pixels_near(image, colour, distance=40):
    """How many pixels of `image` lie within `distance` of `colour` (RGB)."""
    text = subprocess.run(['convert', image, '-depth', '8', 'txt:-'], check=True, timeout=30,
                          capture_output=True, text=True).stdout
    count = 0
    for match in re.finditer(r'#([0-9A-Fa-f]{6})', text):
        rgb = tuple(int(match.group(1)[i:i + 2], 16) for i in (0, 2, 4))
        if sum((a - b) ** 2 for a, b in zip(rgb, colour)) <= distance ** 2:
            count += 1
    return count


class SandboxTestCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.flatpak = shutil.which('flatpak')
        if cls.flatpak is None or not in_session() or 'FLATPAK_USER_DIR' not in os.environ:
            raise unittest.SkipTest('run through tools/flatpak-test')
        cls.scratch = tempfile.mkdtemp(prefix='gatewatch-flatpak-')
        cls.pki = PKI(cls.scratch)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.scratch, ignore_errors=True)

    def setUp(self):
        stack = contextlib.ExitStack()
        self.addCleanup(stack.close)
        self.web = stack.enter_context(ScriptedServer(
            {PATHS['web']: Answer(200, b'<html><title>ChatGPT</title>ok</html>',
                                  {'Content-Type': 'text/html'})},
            tls_context=self.pki.trusted.server_context()))
        self.other = stack.enter_context(ScriptedServer({
            PATHS['api']: Answer(401, b'{"error": {}}', {'Content-Type': 'application/json'}),
            PATHS['status']: Answer(200, data('summary.2026-07-09.operational.json'),
                                    {'Content-Type': 'application/json'}),
            PATHS['control']: Answer(200, b'NetworkManager is online\n'),
        }))
        self.urls = {'web': self.web.url(PATHS['web'])}
        self.urls.update({name: self.other.url(path) for name, path in PATHS.items()
                          if name != 'web'})
        # The sandbox sees only its own folder of the home: the CA goes there.
        self.app_home = os.path.join(os.environ['HOME'], '.var', 'app', APP_ID)
        os.makedirs(os.path.join(self.app_home, 'config'), exist_ok=True)
        self.cacert = os.path.join(self.app_home, 'config', 'test-ca.pem')
        shutil.copy(self.pki.trusted.ca_cert, self.cacert)
        self.bus = SessionBus()
        self.tray = Tray(self.bus)
        self.screen = Screen()
        self.screenshots = os.environ.get('GATEWATCH_SCREENSHOTS') or self.scratch
        os.makedirs(self.screenshots, exist_ok=True)
        self.log_path = os.path.join(self.scratch, f'{self.id().rsplit(".", 1)[-1]}.log')
        self.app = None

    def start(self, *permissions):
        argv = [self.flatpak, 'run', *permissions, APP_ID,
                '--interval', str(INTERVAL), '--timeout', str(TIMEOUT), '--cacert', self.cacert]
        for name, url in self.urls.items():
            argv += [f'--{name}-url', url]
        env = dict(os.environ, G_MESSAGES_DEBUG='gw-application gw-tray gw-autostart')
        with open(self.log_path, 'wb') as log:
            self.app = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                        stderr=log, start_new_session=True)
        self.addCleanup(stop_process_group, self.app)

    def log(self):
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def wait(self, predicate, timeout, what):
        try:
            return wait_until(predicate, timeout, what)
        except AssertionError as error:
            raise AssertionError(f'{error}\n--- flatpak run (exit {self.app.poll()}) ---\n'
                                 f'{self.log()}') from None

    def history(self):
        return os.path.join(self.app_home, 'data', 'gatewatch', 'history.sqlite3')

    def stored_probes(self):
        if not os.path.exists(self.history()):
            return 0
        with contextlib.closing(sqlite3.connect(f'file:{self.history()}?mode=ro', uri=True,
                                                timeout=5)) as db:
            return db.execute('SELECT count(*) FROM probes').fetchone()[0]

    def screenshot(self, state):
        """The panel's tray end, saved as flatpak-tray.png, once the state
        icon's own colour shows there."""
        colour = state_colour(state)
        full = os.path.join(self.scratch, 'screen.png')
        icon = os.path.join(self.scratch, 'icon.png')

        def drawn():
            self.screen.shoot(full)
            self.screen.panel_tray(full, icon, width=48, scale=100)
            return pixels_near(icon, colour) >= 20
        self.wait(drawn, 10, f'the panel to draw the {state} icon (colour {colour})')
        strip = self.screen.panel_tray(full, os.path.join(self.scratch, 'tray.png'))
        shutil.copy(strip, os.path.join(self.screenshots, 'flatpak-tray.png'))

    def quit(self, item):
        item.click('Quit')
        self.wait(lambda: self.app.poll() is not None, 15, 'the app to quit')
        self.assertEqual(self.app.returncode, 0, self.log())

    def test_runs_in_the_sandbox(self):
        with BusMonitor("type='method_call',interface='org.freedesktop.portal.Background'") as portal:
            self.start()
            item = self.wait(lambda: self.tray.find(APP_ID), START_WAIT,
                             'the item to register with the panel\'s watcher')
            self.wait(lambda: item.prop('IconName') == f'{APP_ID}-operational', ROUND_WAIT,
                      lambda: f'the operational icon (it is {item.prop("IconName")})')
            self.wait(lambda: 'RequestBackground' in portal.text(), 10,
                      'a call to the Background portal')
        self.assertGreater(self.web.count(PATHS['web']), 0)
        self.assertGreater(self.other.count(PATHS['control']), 0)
        user_agents = {r.headers.get('User-Agent', '') for r in self.web.requests}
        self.assertTrue(all(ua.startswith('Gatewatch/') for ua in user_agents), user_agents)
        self.assertTrue(self.screen.available(), 'no ImageMagick for the screenshot')
        self.screenshot('operational')
        self.wait(lambda: self.stored_probes() > 0, ROUND_WAIT,
                  f'probes stored in {self.history()}')
        host_history = os.path.join(os.environ['XDG_DATA_HOME'], 'gatewatch')
        self.assertFalse(os.path.exists(host_history), f'{host_history} written from the sandbox')
        self.launch_from_app_grid()
        self.quit(item)

    def item_ids(self):
        return [StatusNotifierItem(self.bus, entry).prop('Id') for entry in self.tray.items()]

    def launch_from_app_grid(self):
        """Runs the exported desktop file's Exec line, as the app grid does:
        the running instance opens its window."""
        entry = configparser.ConfigParser(interpolation=None)
        entry.optionxform = str
        entry.read(os.path.join(os.environ['FLATPAK_USER_DIR'], 'exports', 'share',
                                'applications', f'{APP_ID}.desktop'), encoding='utf-8')
        argv = [a for a in shlex.split(entry['Desktop Entry']['Exec']) if not a.startswith('%')]
        self.assertIn(APP_ID, argv)
        launcher = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=60, text=True)
        self.assertEqual(launcher.returncode, 0, launcher.stderr)
        title = entry['Desktop Entry']['Name']
        self.wait(lambda: subprocess.run(['xdotool', 'search', '--onlyvisible', '--name',
                                          f'^{title}$'], capture_output=True).returncode == 0,
                  15, f'a window named {title}')
        time.sleep(1)      # drawn
        self.screen.shoot(os.path.join(self.screenshots, 'flatpak-window.png'))
        self.assertEqual(self.item_ids().count(APP_ID), 1, 'a second instance started')

    def test_without_network(self):
        self.start('--unshare=network')
        item = self.wait(lambda: self.tray.find(APP_ID), START_WAIT,
                         'the item to register (D-Bus needs no network)')
        self.wait(lambda: item.prop('IconName') == f'{APP_ID}-local-problem', ROUND_WAIT,
                  lambda: f'the local-problem icon (it is {item.prop("IconName")})')
        self.assertEqual(self.web.count() + self.other.count(), 0,
                         'a request reached the servers without the network permission')
        self.quit(item)

    def test_without_watcher_permission(self):
        self.start(f'--no-talk-name={WATCHER}')
        self.wait(lambda: self.web.count(PATHS['web']) > 0, START_WAIT + ROUND_WAIT,
                  'a round to reach the web server')
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            self.assertIsNone(self.tray.find(APP_ID),
                              'the item registered though the sandbox may not talk to the watcher')
            time.sleep(0.2)
        self.assertIsNone(self.app.poll(), f'the app ended without the watcher\n{self.log()}')


if __name__ == '__main__':
    unittest.main(verbosity=2)
