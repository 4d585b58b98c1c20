#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of `gatewatch --once --json` against real servers on
loopback: nginx as a failing gateway, HTTPS with a test CA and with an
intercepting one, a forward proxy, captive portals, refused ports and names
that never resolve.

Usage: test_once.py PATH/TO/gatewatch [unittest options, e.g. -v or -k tls]
"""

import contextlib
import copy
import datetime
import json
import os
import sys
import tempfile
import unittest

from runner import TARGETS, run_once
from servers import (LOOPBACK, Answer, ClosedPort, ForwardProxy, Nginx, ScriptedServer,
                     find_tool, module_pki)

GATEWATCH = os.environ.get('GATEWATCH')   # set from argv by main()
TIMEOUT = 2                               # --timeout of every run, seconds

HERE = os.path.dirname(os.path.abspath(__file__))
# Captured payloads: the ones only these tests use, then the project's shared ones.
DATA_DIRS = (os.path.join(HERE, 'data'), os.path.join(HERE, '..', 'data'))


def data(name):
    for directory in DATA_DIRS:
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, 'rb') as f:
                return f.read()
    raise FileNotFoundError(f'{name} is in none of {DATA_DIRS}')


def json_answer(body):
    return Answer(200, body, {'Content-Type': 'application/json'})


def html_answer(body, status=200, headers=None):
    return Answer(status, body, {'Content-Type': 'text/html; charset=utf-8', **(headers or {})})


def captured_headers(name):
    """The headers of a captured answer, minus its status line and Date."""
    lines = data(name).decode('utf-8').splitlines()[1:]
    pairs = (line.split(':', 1) for line in lines if ':' in line)
    return {k.strip(): v.strip() for k, v in pairs if k.strip().lower() != 'date'}


STATUS_OPERATIONAL = data('summary.2026-07-09.operational.json')
STATUS_DEGRADED = data('summary.2026-09-29.degraded-with-incidents.json')


def status_outage():
    """The operational capture as it would read during a ChatGPT outage."""
    summary = json.loads(STATUS_OPERATIONAL)
    summary['status'] = {'indicator': 'major', 'description': 'Major System Outage'}
    conversations = copy.deepcopy(summary['components'][0])
    conversations.update(id='01E2ETESTCONVERSATIONS0000', name='Conversations',
                         status='major_outage', position=len(summary['components']))
    summary['components'].append(conversations)
    return json.dumps(summary).encode('utf-8')


WEB_OK = html_answer('<!DOCTYPE html><html><head><title>ChatGPT</title></head>'
                     '<body><div id="root"></div></body></html>\n')
API_401 = Answer(401, data('v1-models.401-no-api-key.2023.json'),
                 {'Content-Type': 'application/json; charset=utf-8'})
STATUS_OK = json_answer(STATUS_OPERATIONAL)
CONTROL_OK = Answer(200, 'NetworkManager is online\n', {'Content-Type': 'text/plain'})
PORTAL_PAGE = html_answer('<!DOCTYPE html><html><head><title>Welcome to Airport Wi-Fi'
                          '</title></head><body><form method="post" action="/login">'
                          '<input type="checkbox" name="terms"> I accept the terms '
                          '<button>Connect</button></form></body></html>\n')

# Where each target lives on its real host.
PATHS = {'web': '/', 'api': '/v1/models', 'status': '/api/v2/summary.json',
         'control': '/check_network_status.txt'}

LAYERS = {'dns', 'connect', 'tls', 'http', 'timeout', 'proxy', 'none'}
STATES = {'operational', 'degraded', 'outage', 'local-problem', 'unknown'}
TIMINGS = ('dns', 'connect', 'tls', 'first_byte', 'total')

_pki = None
_pki_dir = None


def setUpModule():
    global _pki, _pki_dir
    if GATEWATCH is None or not os.access(GATEWATCH, os.X_OK):
        raise unittest.SkipTest(f'no gatewatch binary to test: {GATEWATCH!r}')
    _pki, _pki_dir = module_pki('gatewatch-e2e-pki-')


def tearDownModule():
    if _pki_dir is not None:
        _pki_dir.cleanup()


class OnceTestCase(unittest.TestCase):
    """Each test starts its own servers; they all stop in the cleanups, even
    when the test fails."""

    maxDiff = None

    def setUp(self):
        self.stack = contextlib.ExitStack()
        self.addCleanup(self.stack.close)
        self.tmp = self.stack.enter_context(
            tempfile.TemporaryDirectory(prefix='gatewatch-e2e-'))
        self.servers = {}

    # -- servers -----------------------------------------------------------

    @property
    def pki(self):
        if _pki is None:
            self.skipTest('the openssl command is not installed')
        return _pki

    def serve(self, routes=None, tls=None, **kwargs):
        """A started ScriptedServer; `tls` is an Authority or None."""
        context = tls.server_context() if tls else None
        return self.stack.enter_context(ScriptedServer(routes, tls_context=context, **kwargs))

    def closed_port(self):
        return self.stack.enter_context(ClosedPort())

    def nginx(self, sites):
        if find_tool('nginx') is None:
            self.skipTest('nginx is not installed')
        directory = tempfile.mkdtemp(prefix='nginx-', dir=self.tmp)
        return self.stack.enter_context(Nginx(directory, sites))

    def nginx_bad_gateway(self):
        """A real nginx 502: its upstream is a refused port."""
        gateway = self.nginx({'gateway': f'proxy_pass {self.closed_port().url()};'})
        return gateway.url('gateway')

    def targets(self, web=WEB_OK, api=API_401, status=STATUS_OK, control=CONTROL_OK,
                web_tls=None):
        """The four target URLs of a round. Each argument is a URL to use as
        it is ('' disables the target), or an Answer (or a list of Answers in
        turn) for a new server of its own at the target's usual path. The
        servers are kept in self.servers by target name. `web_tls` serves
        the web target over HTTPS with that Authority, as `localhost`."""
        urls = {}
        for name, spec in (('web', web), ('api', api), ('status', status),
                           ('control', control)):
            if isinstance(spec, str):
                urls[name] = spec
                continue
            tls = web_tls if name == 'web' else None
            server = self.serve({PATHS[name]: spec}, tls=tls)
            self.servers[name] = server
            urls[name] = server.url(PATHS[name], host='localhost' if tls else LOOPBACK)
        return urls

    # -- gatewatch ---------------------------------------------------------

    def gatewatch(self, urls, env=None):
        """Runs one round (trusting the test CA); fails the test if it hangs,
        overruns its time limit or prints something other than one JSON object."""
        result = run_once(GATEWATCH, urls, timeout=TIMEOUT, env=env,
                          cacert=_pki.trusted.ca_cert if _pki else None)
        diag = result.diagnostics()
        self.assertFalse(result.timed_out, 'gatewatch hung and was killed' + diag)
        self.assertLess(result.elapsed, result.limit, 'the round took too long' + diag)
        self.assertIsInstance(result.json, dict, 'stdout is not one JSON object' + diag)
        return result

    def assertOutcome(self, result, state, exit_code):
        diag = result.diagnostics()
        self.assertEqual(result.json.get('state'), state, diag)
        self.assertEqual(result.returncode, exit_code, diag)

    def assertProbe(self, result, name, layer, http_status=None):
        """The probe failed at `layer` (or passed: 'none'), with that HTTP
        status when given; a failed probe says why, a passed one does not."""
        diag = result.diagnostics()
        probe = result.probe(name)
        self.assertIsInstance(probe, dict, f'no probe named {name}' + diag)
        self.assertEqual(probe.get('layer'), layer, f'layer of the {name} probe' + diag)
        if http_status is not None:
            self.assertEqual(probe.get('http_status'), http_status,
                             f'http_status of the {name} probe' + diag)
        if layer == 'none':
            self.assertIsNone(probe.get('error'), f'error of the passed {name} probe' + diag)
        else:
            self.assertIsInstance(probe.get('error'), str, f'error of the {name} probe' + diag)
            self.assertTrue(probe['error'], f'empty error of the {name} probe' + diag)
        return probe

    # -- 1, 2: real gateway errors from nginx --------------------------------

    def test_01_nginx_502_bad_gateway_is_outage(self):
        r = self.gatewatch(self.targets(web=self.nginx_bad_gateway()))
        self.assertOutcome(r, 'outage', 2)
        self.assertProbe(r, 'web', 'http', 502)
        self.assertIn('502', r.json['summary'], r.diagnostics())

    def test_02_nginx_504_gateway_timeout_is_outage(self):
        silent = self.serve({'/': Answer(200, 'too late', delay=60)})
        gateway = self.nginx({'gateway': 'proxy_connect_timeout 1s; proxy_read_timeout 1s; '
                                         f'proxy_pass {silent.url()};'})
        r = self.gatewatch(self.targets(web=gateway.url('gateway')))
        self.assertOutcome(r, 'outage', 2)
        self.assertProbe(r, 'web', 'http', 504)
        self.assertGreaterEqual(silent.count('/'), 1, 'nginx never asked the upstream')

    # -- 3, 4: TLS -------------------------------------------------------------

    def test_03_https_with_trusted_test_ca_is_operational(self):
        r = self.gatewatch(self.targets(web_tls=self.pki.trusted))
        self.assertOutcome(r, 'operational', 0)
        web = self.assertProbe(r, 'web', 'none', 200)
        self.assertTrue(web['url'].startswith('https://localhost:'), r.diagnostics())
        timings = web['timings_ms']
        self.assertGreater(timings['tls'], 0, r.diagnostics())
        self.assertGreaterEqual(timings['dns'], 0, r.diagnostics())
        self.assertLessEqual(timings['first_byte'], timings['total'], r.diagnostics())

    def test_04_tls_interception_by_unknown_ca_is_local_problem(self):
        r = self.gatewatch(self.targets(web_tls=self.pki.rogue))
        self.assertOutcome(r, 'local-problem', 3)
        self.assertProbe(r, 'web', 'tls')
        self.assertGreaterEqual(self.servers['web'].tls_rejections, 1,
                                'the client never rejected the intercepting certificate'
                                + r.diagnostics())
        self.assertEqual(self.servers['web'].count(), 0, r.diagnostics())

    # -- 5, 6, 7: connectivity and names ---------------------------------------

    def test_05_web_refused_while_control_works_is_local_problem(self):
        r = self.gatewatch(self.targets(web=self.closed_port().url()))
        self.assertOutcome(r, 'local-problem', 3)
        self.assertProbe(r, 'web', 'connect', 0)
        self.assertProbe(r, 'control', 'none', 200)

    def test_06_everything_refused_is_local_problem(self):
        urls = {name: self.closed_port().url(PATHS[name]) for name in TARGETS}
        r = self.gatewatch(urls)
        self.assertOutcome(r, 'local-problem', 3)
        self.assertProbe(r, 'control', 'connect', 0)
        self.assertProbe(r, 'web', 'connect', 0)

    def test_07_unresolvable_names_are_local_problem_without_retries(self):
        r = self.gatewatch(self.targets(
            web='http://chatgpt.gatewatch-test.invalid/',
            api='http://api.gatewatch-test.invalid/v1/models',
            control='http://nmcheck.gatewatch-test.invalid/check_network_status.txt'))
        self.assertOutcome(r, 'local-problem', 3)
        for name in ('web', 'api', 'control'):
            self.assertProbe(r, name, 'dns', 0)
        self.assertLess(r.elapsed, 3.0, 'DNS failures must not be retried' + r.diagnostics())

    # -- 8: captive portals ------------------------------------------------------
    # As a person meets one: the portal hijacks plain HTTP (the control) and
    # either intercepts HTTPS with a certificate of its own or blocks it until
    # the terms are accepted. (ChatGPT's targets are HTTPS: a portal cannot
    # make them answer 200.)

    def portal_intercepting_https(self):
        """URLs of web, api and status on an HTTPS server with the portal's
        own certificate, answering its login page to everything."""
        portal = self.serve(default=PORTAL_PAGE, tls=self.pki.rogue)
        return {name: portal.url(PATHS[name], host='localhost')
                for name in ('web', 'api', 'status')}

    def test_08a_captive_portal_login_page_is_local_problem(self):
        r = self.gatewatch(self.targets(control=PORTAL_PAGE,
                                        **self.portal_intercepting_https()))
        self.assertOutcome(r, 'local-problem', 3)
        self.assertProbe(r, 'control', 'http', 200)
        self.assertProbe(r, 'web', 'tls')

    def test_08b_captive_portal_redirect_is_local_problem_and_not_followed(self):
        portal = self.serve({'/login': PORTAL_PAGE})
        redirect = Answer(302, '', {'Location': portal.url('/login', host='localhost')})
        blocked = {name: self.closed_port().url(PATHS[name], scheme='https')
                   for name in ('web', 'api', 'status')}
        r = self.gatewatch(self.targets(control=redirect, **blocked))
        self.assertOutcome(r, 'local-problem', 3)
        self.assertProbe(r, 'control', 'http', 302)
        self.assertEqual(portal.count(), 0, 'the redirect was followed' + r.diagnostics())

    # -- 9, 10: the status page ----------------------------------------------------

    def test_09_status_page_major_outage_is_outage(self):
        r = self.gatewatch(self.targets(status=json_answer(status_outage())))
        self.assertOutcome(r, 'outage', 2)
        self.assertProbe(r, 'web', 'none', 200)
        page = r.json['status_page']
        self.assertIsInstance(page, dict, r.diagnostics())
        self.assertEqual(page['indicator'], 'major', r.diagnostics())
        self.assertIn({'name': 'Conversations', 'status': 'major_outage'},
                      [{'name': c.get('name'), 'status': c.get('status')}
                       for c in page['components']], r.diagnostics())

    def test_10_truncated_status_page_with_nginx_502_is_outage(self):
        truncated = STATUS_OPERATIONAL[:len(STATUS_OPERATIONAL) // 2]
        r = self.gatewatch(self.targets(web=self.nginx_bad_gateway(),
                                        status=json_answer(truncated)))
        self.assertOutcome(r, 'outage', 2)
        self.assertIsNone(r.json['status_page'], r.diagnostics())
        self.assertProbe(r, 'status', 'http', 200)
        self.assertProbe(r, 'web', 'http', 502)

    # -- 11, 12, 13: answers of the web edge -------------------------------------

    def test_11_cloudflare_challenge_is_operational(self):
        challenge = html_answer('<!DOCTYPE html><html><head><title>Just a moment...'
                                '</title></head><body></body></html>\n', 403,
                                captured_headers('403-cf-mitigated-challenge.'
                                                 'chat.openai.com.2023-04-23.headers.txt'))
        r = self.gatewatch(self.targets(web=challenge))
        self.assertOutcome(r, 'operational', 0)
        self.assertProbe(r, 'web', 'none', 403)

    def test_12_too_many_requests_is_degraded(self):
        r = self.gatewatch(self.targets(web=html_answer('Too Many Requests\n', 429,
                                                        {'Retry-After': '30'})))
        self.assertOutcome(r, 'degraded', 1)
        self.assertProbe(r, 'web', 'http', 429)

    def test_13_flapping_502_then_200_is_degraded(self):
        r = self.gatewatch(self.targets(web=[html_answer('<h1>502 Bad Gateway</h1>', 502),
                                             WEB_OK]))
        self.assertOutcome(r, 'degraded', 1)
        self.assertProbe(r, 'web', 'none', 200)
        self.assertEqual(self.servers['web'].count(), 2,
                         'expected exactly one retry' + r.diagnostics())

    # -- 14: proxies from the environment ---------------------------------------

    def test_14a_unreachable_proxy_is_local_problem(self):
        proxy = self.closed_port()
        urls = self.targets()
        r = self.gatewatch(urls, env={'http_proxy': proxy.url('')})
        self.assertOutcome(r, 'local-problem', 3)
        self.assertProbe(r, 'control', 'proxy', 0)
        self.assertEqual(self.servers['control'].count(), 0,
                         'the control bypassed the proxy' + r.diagnostics())

    def test_14b_working_proxy_carries_the_control(self):
        proxy = self.stack.enter_context(ForwardProxy())
        urls = self.targets()
        r = self.gatewatch(urls, env={'http_proxy': proxy.url('')})
        self.assertOutcome(r, 'operational', 0)
        self.assertProbe(r, 'control', 'none', 200)
        self.assertTrue(proxy.saw(urls['control']),
                        f'the proxy saw only {[q.target for q in proxy.requests]}'
                        + r.diagnostics())

    # -- 15: nothing to check ------------------------------------------------------

    def test_15_all_targets_disabled_is_unknown(self):
        r = self.gatewatch({name: '' for name in TARGETS})
        self.assertOutcome(r, 'unknown', 3)

    # -- 16: Cloudflare's own 5xx pages ------------------------------------------

    def test_16a_cloudflare_522_page_is_outage(self):
        page = html_answer(data('522-connection-timed-out.html'), 522,
                           {'Server': 'cloudflare', 'CF-RAY': '796959bfc954d039-FRA'})
        r = self.gatewatch(self.targets(web=page))
        self.assertOutcome(r, 'outage', 2)
        self.assertProbe(r, 'web', 'http', 522)

    def test_16b_cloudflare_plain_error_code_502_is_outage(self):
        body = b'error code: 502'    # as Cloudflare sends it: no HTML, no newline
        r = self.gatewatch(self.targets(web=Answer(502, body, {'Server': 'cloudflare'})))
        self.assertOutcome(r, 'outage', 2)
        self.assertProbe(r, 'web', 'http', 502)

    # -- 17: the shape of the JSON -------------------------------------------------

    def test_17a_json_shape(self):
        before = datetime.datetime.now(datetime.timezone.utc)
        urls = self.targets(web_tls=self.pki.trusted)
        r = self.gatewatch(urls)
        after = datetime.datetime.now(datetime.timezone.utc)
        diag = r.diagnostics()
        doc = r.json
        self.assertIn(doc.get('state'), STATES, diag)
        self.assertIsInstance(doc.get('summary'), str, diag)
        self.assertTrue(doc['summary'].strip(), diag)

        checked_at = doc.get('checked_at')
        self.assertIsInstance(checked_at, str, diag)
        self.assertRegex(checked_at, r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:?00)$', diag)
        when = datetime.datetime.fromisoformat(checked_at.replace('Z', '+00:00'))
        slack = datetime.timedelta(seconds=2)
        self.assertTrue(before - slack <= when <= after + slack,
                        f'checked_at {when} is not the time of the run' + diag)

        self.assertIsInstance(doc.get('probes'), list, diag)
        self.assertEqual([p.get('name') for p in doc['probes']], list(TARGETS), diag)
        for probe in doc['probes']:
            self.assertEqual(probe.get('url'), urls[probe['name']], diag)
            self.assertIn(probe.get('layer'), LAYERS, diag)
            self.assertIs(type(probe.get('http_status')), int, diag)
            self.assertIsInstance(probe.get('error'), (str, type(None)), diag)
            timings = probe.get('timings_ms')
            self.assertIsInstance(timings, dict, diag)
            for key in TIMINGS:
                value = timings.get(key)
                if key == 'tls' and probe['url'].startswith('http:') and value is None:
                    continue    # no TLS phase over plain HTTP: null is fair
                self.assertIn(type(value), (int, float), f'timings_ms.{key}' + diag)
                self.assertGreaterEqual(value, 0, f'timings_ms.{key}' + diag)

        page = doc.get('status_page')
        self.assertIsInstance(page, dict, diag)
        self.assertEqual(page.get('indicator'), 'none', diag)
        self.assertIsInstance(page.get('description'), str, diag)
        self.assertIsInstance(page.get('components'), list, diag)
        for component in page['components']:
            self.assertIsInstance(component.get('name'), str, diag)
            self.assertIsInstance(component.get('status'), str, diag)
        self.assertEqual(page.get('incidents'), [], diag)

    def test_17b_json_shape_of_incidents(self):
        r = self.gatewatch(self.targets(status=json_answer(STATUS_DEGRADED)))
        diag = r.diagnostics()
        self.assertOutcome(r, 'degraded', 1)
        page = r.json.get('status_page')
        self.assertIsInstance(page, dict, diag)
        self.assertEqual(page.get('indicator'), 'minor', diag)
        incidents = page.get('incidents')
        self.assertIsInstance(incidents, list, diag)
        self.assertEqual(sorted(i.get('name') for i in incidents),
                         ['Elevated errors across ChatGPT, Codex, and the API including '
                          'the Agents API', 'Support chat unavailable'], diag)
        for incident in incidents:
            self.assertEqual(incident.get('status'), 'investigating', diag)
            self.assertIsInstance(incident.get('impact'), str, diag)
            # The capture has no started_at: null, or the creation time.
            started_at = incident.get('started_at')
            if started_at is not None:
                self.assertRegex(started_at, r'^2026-09-29T\d\d:\d\d:\d\d', diag)


def main():
    global GATEWATCH
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        GATEWATCH = os.path.abspath(sys.argv.pop(1))
    if GATEWATCH is None:
        sys.exit(__doc__.strip().splitlines()[-1])
    unittest.main()


if __name__ == '__main__':
    main()
