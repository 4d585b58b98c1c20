#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hostile-response matrix: `gatewatch --once --json` against loopback
servers that misbehave on purpose (tests/e2e/hostile_servers.py). Each case
checks what the user is told (state and cause), which layer failed, that the
round ended within its worst case plus one second, and that the process's
peak RSS stayed under 20 MiB. The 429 case also runs the applet, to see the
monitor hold `web` back for as long as Retry-After asks.

Cases test_once.py covers already (a plain 429 in one round, nginx's 502 and
504, refused ports, captive portals behind refused HTTPS…) are not repeated.

Usage: test_hostile.py PATH/TO/gatewatch [unittest options, e.g. -v or -k bomb]
"""

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import hostile_servers as hs

GW_STATE_DEGRADED = 2     # GwState in the history's verdicts table
from runner import TARGETS, private_environment, private_home
from servers import Answer, ScriptedServer, find_tool, module_pki, stop_process_group

GATEWATCH = os.environ.get('GATEWATCH')   # set from argv by main()
TIMEOUT = 2                               # --timeout of every run, seconds
MAX_RSS_KIB = 20 * 1024                   # peak RSS of one `gatewatch --once`
GNU_TIME = '/usr/bin/time'
APPLET_INTERVAL = 5                       # --interval of the applet: its shortest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..'))
SESSION_SCRIPT = os.path.join(TOP, 'tests', 'headless-session.sh')
PATHS = {'web': '/', 'api': '/v1/models', 'status': '/api/v2/summary.json',
         'control': '/check_network_status.txt'}


# -- the round's worst case, from the prober's own constants ------------------

def _read_defines(*names):
    """Integer #defines of src/gw-prober.[ch], so the bound follows the code."""
    values = {}
    for source in ('gw-prober.h', 'gw-prober.c'):
        with open(os.path.join(TOP, 'src', source), encoding='utf-8') as f:
            for match in re.finditer(r'^#define\s+(\w+)\s+(\d+)\s*$', f.read(), re.M):
                values[match.group(1)] = int(match.group(2))
    missing = [n for n in names if n not in values]
    if missing:
        raise RuntimeError(f'src/gw-prober.[ch] no longer define {missing}')
    return [values[n] for n in names]


def round_worst_case(timeout_s):
    """The longest a round may take with --timeout timeout_s: three `web`
    attempts of up to timeout_s each and the two pauses between them, unless
    the round's own deadline (the timeout plus its slack) comes first: the
    prober starts no attempt that would end after it."""
    attempts, pause_1, pause_2, slack = _read_defines(
        'WEB_ATTEMPTS', 'GW_RETRY_PAUSE_1_MS', 'GW_RETRY_PAUSE_2_MS', 'GW_ROUND_SLACK_MS')
    three_attempts = attempts * timeout_s + (pause_1 + pause_2) / 1000
    return min(three_attempts, timeout_s + slack / 1000)


# -- running gatewatch and measuring it ---------------------------------------

class Run:
    """One `gatewatch --once --json` run: output, exit status, wall time and
    the child's own peak RSS (from wait4, so no other child counts)."""

    def __init__(self, argv, returncode, stdout, stderr, elapsed, max_rss_kib, timed_out):
        self.argv = argv
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.elapsed = elapsed
        self.max_rss_kib = max_rss_kib
        self.timed_out = timed_out
        try:
            self.json = json.loads(stdout)
        except ValueError:
            self.json = None

    def probe(self, name):
        for probe in (self.json or {}).get('probes', []):
            if probe.get('name') == name:
                return probe
        return None

    def causes(self):
        return [r.get('cause') for r in (self.json or {}).get('reasons', [])]

    def diagnostics(self):
        output = (json.dumps(self.json, indent=2, ensure_ascii=False)[:20000]
                  if self.json is not None else f'(not JSON)\n{self.stdout[:4000]}')
        return (f'\n--- gatewatch run ---\n$ {" ".join(self.argv)}\n'
                f'exit status {self.returncode}, {self.elapsed:.2f} s, peak RSS '
                f'{self.max_rss_kib / 1024:.1f} MiB{", TIMED OUT" if self.timed_out else ""}\n'
                f'--- stdout ---\n{output}\n--- stderr ---\n{self.stderr[:4000]}---')


def run_measured(urls, timeout=TIMEOUT, cacert=None, kill_after=60):
    """Runs one round in a private HOME and returns a Run.

    The peak RSS comes from GNU time, which forks gatewatch from its own
    small process and reads the child's rusage with wait4. Waiting for
    gatewatch from here would not do: Linux carries the peak RSS of the
    process image replaced by exec into the child's figure, and that image
    is this Python interpreter (fork or vfork alike)."""
    argv = [GATEWATCH, '--once', '--json', '--timeout', str(timeout)]
    for name in TARGETS:
        argv += [f'--{name}-url', urls.get(name, '')]
    if cacert:
        argv += ['--cacert', cacert]
    with tempfile.TemporaryDirectory(prefix='gatewatch-hostile-') as scratch:
        env = private_environment(private_home(scratch), GATEWATCH)
        rss_file = os.path.join(scratch, 'max-rss-kib')
        started = time.monotonic()
        process = subprocess.Popen([GNU_TIME, '-f', '%M', '-o', rss_file, *argv],
                                   env=env, cwd=scratch, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True)
        timed_out = False
        try:
            stdout, stderr = process.communicate(timeout=kill_after)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
        elapsed = time.monotonic() - started
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)     # anything it left behind
        max_rss_kib = _read_max_rss(rss_file)
    return Run(argv, process.returncode, stdout.decode('utf-8', 'replace'),
               stderr.decode('utf-8', 'replace'), elapsed, max_rss_kib, timed_out)


def _read_max_rss(path):
    """GNU time's %M (KiB), on the last line (a line before it says so when
    the command was killed or exited with a status)."""
    try:
        with open(path, encoding='utf-8') as f:
            return int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        return float('inf')


# -- well-behaved answers for the targets a case leaves alone -----------------

def data(name):
    for directory in (os.path.join(HERE, 'data'), os.path.join(HERE, '..', 'data')):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, 'rb') as f:
                return f.read()
    raise FileNotFoundError(name)


STATUS_OPERATIONAL = data('summary.2026-07-09.operational.json')
WEB_PAGE = ('<!DOCTYPE html><html><head><title>ChatGPT</title></head>'
            '<body><div id="root"></div></body></html>\n')


def web_ok():
    return hs.answer(200, WEB_PAGE, [('Content-Type', 'text/html; charset=utf-8')])


def api_ok():
    return hs.answer(401, data('v1-models.401-no-api-key.2023.json'),
                     [('Content-Type', 'application/json; charset=utf-8')])


def status_page(body):
    return hs.answer(200, body, [('Content-Type', 'application/json')])


def control_ok():
    return hs.answer(200, 'NetworkManager is online\n', [('Content-Type', 'text/plain')])


_pki = None
_pki_dir = None
_sanitized = False     # an ASan build: its shadow memory makes RSS meaningless


def built_with_asan(binary):
    with open(binary, 'rb') as f:
        return b'__asan_init' in f.read()


def setUpModule():
    global _pki, _pki_dir, _sanitized
    if GATEWATCH is None or not os.access(GATEWATCH, os.X_OK):
        raise unittest.SkipTest(f'no gatewatch binary to test: {GATEWATCH!r}')
    if not os.access(GNU_TIME, os.X_OK):
        raise unittest.SkipTest(f'{GNU_TIME} (Debian package time) measures the peak RSS; '
                                'it is not installed')
    _sanitized = built_with_asan(GATEWATCH)
    if _sanitized:
        print('test_hostile: an AddressSanitizer build; peak RSS is not checked',
              file=sys.stderr)
    _pki, _pki_dir = module_pki('gatewatch-hostile-pki-')


def tearDownModule():
    if _pki_dir is not None:
        _pki_dir.cleanup()


class HostileTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.stack = contextlib.ExitStack()
        self.addCleanup(self.stack.close)

    def serve(self, host=hs.LOOPBACK4, **behaviours):
        """One hostile server holding the four targets at their usual paths;
        keyword arguments replace a target's well-behaved answer."""
        routes = {PATHS['web']: web_ok(), PATHS['api']: api_ok(),
                  PATHS['status']: status_page(STATUS_OPERATIONAL),
                  PATHS['control']: control_ok()}
        routes.update({PATHS[name]: behave for name, behave in behaviours.items()})
        return self.stack.enter_context(hs.HostileServer(routes, host=host))

    def urls(self, server, **overrides):
        urls = {name: server.url(PATHS[name]) for name in TARGETS}
        urls.update(overrides)
        return urls

    def gatewatch(self, urls, cacert=None):
        """One round; asserts it printed JSON, kept to its time and memory."""
        run = run_measured(urls, cacert=cacert)
        diag = run.diagnostics()
        limit = round_worst_case(TIMEOUT) + 1.0
        print(f'\n  {self._testMethodName}: {run.elapsed:.2f} s (limit {limit:.1f} s), '
              f'peak RSS {run.max_rss_kib / 1024:.1f} MiB', file=sys.stderr, end=' ')
        self.assertFalse(run.timed_out, 'gatewatch hung and was killed' + diag)
        self.assertIsInstance(run.json, dict, 'stdout is not one JSON object' + diag)
        self.assertLessEqual(run.elapsed, limit,
                             f'the round took longer than its worst case + 1 s ({limit:.1f} s)'
                             + diag)
        if not _sanitized:
            self.assertLess(run.max_rss_kib, MAX_RSS_KIB, 'peak RSS over 20 MiB' + diag)
        return run

    def assertVerdict(self, run, state, cause):
        diag = run.diagnostics()
        self.assertEqual((run.json.get('state'), run.json.get('cause')), (state, cause), diag)
        exit_codes = {'operational': 0, 'degraded': 1, 'outage': 2}
        self.assertEqual(run.returncode, exit_codes.get(state, 3), diag)

    def assertLayer(self, run, name, layer, http_status=None):
        probe = run.probe(name)
        diag = run.diagnostics()
        self.assertIsNotNone(probe, f'no {name} probe' + diag)
        self.assertEqual(probe.get('layer'), layer, f'layer of {name}' + diag)
        if http_status is not None:
            self.assertEqual(probe.get('http_status'), http_status, f'status of {name}' + diag)
        if layer != 'none':
            self.assertTrue(probe.get('error'), f'{name} failed without saying why' + diag)
        return probe

    def assertStatusPageSetAside(self, run):
        """The status page could not be used: the verdict rests on the probes
        and says so."""
        diag = run.diagnostics()
        self.assertLayer(run, 'status', 'http')
        self.assertIsNone(run.json.get('status_page'), diag)
        self.assertIn('status-page-unreadable', run.causes(), diag)

    # -- the web edge misbehaves: ChatGPT's side, while the internet works ----

    def test_slowloris_headers_are_a_timeout_outage(self):
        server = self.serve(web=hs.trickle_head(interval=1.0))
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'outage', 'timeout')
        web = self.assertLayer(run, 'web', 'timeout')
        self.assertGreaterEqual(web.get('attempts'), 2, 'a timeout is retried' + run.diagnostics())
        self.assertLayer(run, 'control', 'none', 200)

    def test_connection_closed_mid_body_is_an_outage(self):
        server = self.serve(web=hs.close_mid_body())
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'outage', 'server-error')
        web = self.assertLayer(run, 'web', 'http')
        self.assertEqual(web.get('attempts'), 3, 'a broken transfer is retried' + run.diagnostics())

    def test_reset_after_headers_is_an_outage(self):
        server = self.serve(web=hs.reset_after_headers())
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'outage', 'server-error')
        web = self.assertLayer(run, 'web', 'http')
        self.assertEqual(web.get('attempts'), 3, 'a reset is retried' + run.diagnostics())

    def test_silent_web_server_is_a_timeout_outage(self):
        server = self.serve(web=hs.silent())
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'outage', 'timeout')
        self.assertLayer(run, 'web', 'timeout')
        self.assertGreaterEqual(server.count(PATHS['web']), 2, run.diagnostics())

    # -- answers that are valid but unusual ----------------------------------

    def test_http10_without_content_length_is_read_to_the_close(self):
        server = self.serve(web=hs.http10_until_close(WEB_PAGE),
                            status=hs.http10_until_close(STATUS_OPERATIONAL, 'application/json'))
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'operational', 'none')
        self.assertLayer(run, 'web', 'none', 200)
        self.assertLayer(run, 'status', 'none', 200)
        page = run.json.get('status_page')
        self.assertIsInstance(page, dict, 'the whole page was read' + run.diagnostics())
        self.assertEqual(page.get('indicator'), 'none', run.diagnostics())

    # -- bodies that would eat the memory: cut, never buffered whole --------

    def test_gzip_bomb_is_cut_after_decompression(self):
        body, _ = hs.gzip_bomb()
        self.assertLess(len(body), 4096, 'the bomb is small on the wire')
        server = self.serve(web=hs.bomb('text/html'), status=hs.bomb())
        run = self.gatewatch(self.urls(server))
        # The edge answered 200: web passed. The status page decompresses to
        # far more than its cap, so it is set aside rather than inflated.
        self.assertVerdict(run, 'operational', 'none')
        self.assertLayer(run, 'web', 'none', 200)
        self.assertStatusPageSetAside(run)
        self.assertIn('larger than', run.probe('status')['error'],
                      'the bomb was decoded, then cut' + run.diagnostics())

    def test_50_mb_body_is_abandoned_at_the_cap(self):
        size = 50 * 1000 * 1000
        server = self.serve(web=hs.endless(size, 'text/html'), status=hs.endless(size))
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'operational', 'none')
        self.assertLayer(run, 'web', 'none', 200)
        self.assertStatusPageSetAside(run)
        deadline = time.monotonic() + 5
        while server.hung_up < 2 and time.monotonic() < deadline:
            time.sleep(0.05)     # the server notices the hang-up on its next send
        self.assertEqual(server.hung_up, 2, 'both transfers stopped before the end'
                         + run.diagnostics())
        self.assertLess(server.bytes_sent, size, run.diagnostics())

    # -- redirects -------------------------------------------------------------

    def test_redirect_loop_is_an_unexpected_answer(self):
        server = self.serve(web=hs.redirect('/loop'))
        server.routes['/loop'] = hs.redirect('/')
        run = self.gatewatch(self.urls(server))
        # chatgpt.com answers, but not with a page: degraded, not an outage
        # (one deterministic answer, retrying would not change it).
        self.assertVerdict(run, 'degraded', 'unexpected')
        web = self.assertLayer(run, 'web', 'http', 302)
        self.assertEqual(web.get('attempts'), 1, run.diagnostics())
        followed = server.count(PATHS['web']) + server.count('/loop')
        self.assertLessEqual(followed, 4, 'at most 3 redirects are followed' + run.diagnostics())

    def test_redirect_from_https_to_http_is_not_followed(self):
        if _pki is None:
            self.skipTest('the openssl command is not installed')
        plain = self.serve()
        secure = self.stack.enter_context(ScriptedServer(
            {'/': Answer(302, '', {'Location': plain.url('/downgraded')})},
            tls_context=_pki.trusted.server_context()))
        run = self.gatewatch(self.urls(plain, web=secure.url('/', host='localhost')),
                             cacert=_pki.trusted.ca_cert)
        self.assertVerdict(run, 'degraded', 'unexpected')
        self.assertLayer(run, 'web', 'http', 302)
        self.assertEqual(plain.count('/downgraded'), 0, 'followed to plain HTTP'
                         + run.diagnostics())

    def test_control_redirect_to_another_host_is_a_captive_portal(self):
        # The portal answers plain HTTP with a redirect to its login page on
        # another host, and lets nothing through to HTTPS.
        portal = self.stack.enter_context(hs.HostileServer(
            {'/login': hs.answer(200, '<html>Sign in</html>')}))
        server = self.serve(web=hs.silent(), api=hs.silent(), status=hs.silent(),
                            control=hs.redirect(portal.url('/login').replace(
                                hs.LOOPBACK4, 'localhost')))
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'local-problem', 'captive-portal')
        self.assertLayer(run, 'control', 'http', 302)
        self.assertLayer(run, 'web', 'timeout')
        self.assertEqual(portal.count(), 0, 'the redirect was followed' + run.diagnostics())

    # -- a hostile status page: set aside, the probes decide -----------------

    def test_status_json_nested_100000_deep(self):
        deep = b'{"status": {"indicator": "none"}, "components": ' + \
               b'[' * 100000 + b']' * 100000 + b'}'
        server = self.serve(status=status_page(deep))
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'operational', 'none')
        self.assertStatusPageSetAside(run)

    def test_status_json_with_invalid_utf8(self):
        page = json.loads(STATUS_OPERATIONAL)
        page['components'][0]['name'] = 'Conversations \udcff'   # a lone 0xff byte
        body = json.dumps(page, ensure_ascii=False).encode('utf-8', 'surrogateescape')
        self.assertRaises(UnicodeDecodeError, body.decode, 'utf-8')
        server = self.serve(status=status_page(body))
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'operational', 'none')
        self.assertStatusPageSetAside(run)

    def test_status_json_with_10_mb_strings(self):
        page = json.loads(STATUS_OPERATIONAL)
        page['status']['description'] = 'x' * (10 * 1000 * 1000)
        server = self.serve(status=status_page(json.dumps(page)))
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'operational', 'none')
        self.assertStatusPageSetAside(run)

    def test_status_json_with_numbers_for_strings(self):
        # Numbers where the names, statuses and indicator belong: ignored,
        # never read as an enum's index (3 would be major_outage, 4 critical),
        # and what is printed keeps its types.
        page = json.loads(STATUS_OPERATIONAL)
        page['status'] = {'indicator': 3, 'description': 4}
        for component in page['components']:
            component['status'] = 3
        page['components'].append({'id': 7, 'name': 12345, 'status': 'major_outage'})
        page['incidents'] = [{'id': 1, 'name': 2, 'status': 3, 'impact': 4}]
        server = self.serve(status=status_page(json.dumps(page)))
        run = self.gatewatch(self.urls(server))
        diag = run.diagnostics()
        self.assertVerdict(run, 'operational', 'none')
        self.assertLayer(run, 'status', 'none', 200)
        printed = run.json.get('status_page')
        self.assertIsInstance(printed, dict, diag)
        self.assertEqual(printed.get('indicator'), 'unknown', diag)
        self.assertIsInstance(printed.get('components'), list, diag)
        for component in printed['components']:
            self.assertIsInstance(component.get('name'), str, diag)
            self.assertEqual(component.get('status'), 'unknown', diag)
        self.assertEqual(printed.get('incidents'), [], diag)

    # -- Retry-After: the monitor holds web back --------------------------------

    def test_retry_after_120_holds_web_back_in_the_applet(self):
        """The applet, at its shortest interval, in a headless session: after
        a 429 with Retry-After: 120, the next rounds leave chatgpt.com alone
        while the other targets are still checked, and ChatGPT stays rate
        limited meanwhile: the API's answer alone does not call it fine."""
        for tool in ('Xvfb', 'dbus-daemon'):
            if find_tool(tool) is None:
                self.skipTest(f'the headless session needs {tool}')
        server = self.serve(web=hs.answer(429, 'Too Many Requests\n',
                                          [('Content-Type', 'text/plain'),
                                           ('Retry-After', '120')]))
        rounds = 3
        scratch = self.stack.enter_context(tempfile.TemporaryDirectory(prefix='gatewatch-ra-'))
        pid_file = os.path.join(scratch, 'applet.pid')
        data_home = os.path.join(scratch, 'data')
        log_path = os.path.join(scratch, 'applet.log')
        argv = [GATEWATCH, '--interval', str(APPLET_INTERVAL), '--timeout', str(TIMEOUT)]
        for name, url in self.urls(server).items():
            argv += [f'--{name}-url', url]
        env = private_environment(private_home(scratch), GATEWATCH)
        with open(log_path, 'wb') as log:
            session = subprocess.Popen(
                [SESSION_SCRIPT, 'sh', '-c',
                 'echo $$ > "$0" && export XDG_DATA_HOME="$1" && shift && exec "$@"',
                 pid_file, data_home, *argv],
                env=env, cwd=scratch, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True)
        self.addCleanup(stop_process_group, session)

        # Each round asks the API once; a round is due every interval ±10 %.
        deadline = time.monotonic() + 10 + rounds * APPLET_INTERVAL * 1.5
        while server.count(PATHS['api']) < rounds and session.poll() is None and \
                time.monotonic() < deadline:
            time.sleep(0.1)
        api, web = server.count(PATHS['api']), server.count(PATHS['web'])
        self._stop_applet(session, pid_file)
        with open(log_path, encoding='utf-8', errors='replace') as f:
            diag = f'\n--- session log ---\n{f.read()[-4000:]}---'
        self.assertGreaterEqual(api, rounds, f'only {api} rounds ran' + diag)
        self.assertEqual(web, 1, f'web was asked {web} times in {api} rounds' + diag)
        # Every state the history recorded: degraded (rate limited), never operational.
        with contextlib.closing(sqlite3.connect(
                os.path.join(data_home, 'gatewatch', 'history.sqlite3'))) as db:
            states = [row[0] for row in db.execute('SELECT state FROM verdicts ORDER BY t')]
        self.assertEqual(set(states), {GW_STATE_DEGRADED}, f'states {states}' + diag)

    def _stop_applet(self, session, pid_file):
        """SIGTERM to the applet; the session script then tears itself down."""
        with contextlib.suppress(OSError, ValueError):
            with open(pid_file, encoding='ascii') as f:
                os.kill(int(f.read()), signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            session.wait(10)

    # -- nobody answers, anywhere: the network is at fault --------------------

    def test_servers_that_accept_and_never_answer_are_offline(self):
        silent = {name: hs.silent() for name in TARGETS}
        server = self.serve(**silent)
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'local-problem', 'offline')
        for name in TARGETS:
            self.assertLayer(run, name, 'timeout')

    # -- IPv6 --------------------------------------------------------------------

    def test_ipv6_only_targets_on_loopback(self):
        if not hs.has_ipv6_loopback():
            self.skipTest('this machine has no IPv6 loopback (::1)')
        server = self.serve(host=hs.LOOPBACK6)
        run = self.gatewatch(self.urls(server))
        self.assertVerdict(run, 'operational', 'none')
        for name in TARGETS:
            probe = self.assertLayer(run, name, 'none')
            self.assertTrue(probe['url'].startswith('http://[::1]:'), run.diagnostics())
        self.assertEqual(server.count(), len(TARGETS), run.diagnostics())


def main():
    global GATEWATCH
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        GATEWATCH = os.path.abspath(sys.argv.pop(1))
    if GATEWATCH is None:
        sys.exit(__doc__.strip().splitlines()[-1])
    unittest.main()


if __name__ == '__main__':
    main()
