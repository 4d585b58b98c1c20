#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of the history: `gatewatch --once` records every round in
the history of its HOME, `--history` shows the peak hours and the outages
(own and the status page's official ones), `--export` streams every probe.

Usage: test_history.py PATH/TO/gatewatch [unittest options]
"""

import contextlib
import csv
import io
import os
import sqlite3
import sys
import tempfile
import unittest

from runner import TARGETS, private_home, run, run_once
from servers import Answer, ScriptedServer

GATEWATCH = None
HERE = os.path.dirname(os.path.abspath(__file__))
PATHS = {'web': '/', 'api': '/v1/models', 'status': '/api/v2/summary.json',
         'control': '/check_network_status.txt'}


def data(name):
    with open(os.path.join(HERE, '..', 'data', name), 'rb') as f:
        return f.read()


class HistoryTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        if GATEWATCH is None:
            self.skipTest('no gatewatch binary given')
        stack = contextlib.ExitStack()
        self.addCleanup(stack.close)
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix='gatewatch-history-'))
        self.home = private_home(tmp)
        self.web = stack.enter_context(ScriptedServer({'/': Answer(200, b'<html>ok</html>')}))
        self.other = stack.enter_context(ScriptedServer({
            PATHS['api']: Answer(401, b'{"error": {}}', {'Content-Type': 'application/json'}),
            PATHS['status']: Answer(200, data('summary.2026-07-09.operational.json'),
                                    {'Content-Type': 'application/json'}),
            '/api/v2/incidents.json': Answer(200, data('incidents.json'),
                                             {'Content-Type': 'application/json'}),
            PATHS['control']: Answer(200, b'NetworkManager is online\n'),
        }))
        self.urls = {name: (self.web if name == 'web' else self.other).url(PATHS[name])
                     for name in TARGETS}
        self.database = os.path.join(self.home, 'data', 'gatewatch', 'history.sqlite3')

    def once(self, expected_state):
        result = run_once(GATEWATCH, self.urls, timeout=2, home=self.home)
        self.assertEqual(result.json and result.json.get('state'), expected_state,
                         result.diagnostics())
        self.assertNotIn('not saved', result.stderr, result.diagnostics())

    def gatewatch(self, *args):
        result = run(GATEWATCH, list(args), home=self.home)
        self.assertFalse(result.timed_out, result.diagnostics())
        return result

    def test_once_rounds_feed_history_and_export(self):
        self.once('operational')
        self.web.set_answers('/', [Answer(502, b'error code: 502')])
        self.once('outage')
        self.web.set_answers('/', [Answer(200, b'<html>ok</html>')])
        self.once('operational')

        # The file is private to the user.
        self.assertEqual(os.stat(self.database).st_mode & 0o777, 0o600)

        # --history fetches the official incidents next to the status page's summary.
        history = self.gatewatch('--history', '--json', '--status-url', self.urls['status'])
        diag = history.diagnostics()
        self.assertEqual(history.returncode, 0, diag)
        self.assertEqual(history.json['total_checks'], 3, diag)
        failures = sum(cell['failures'] for row in history.json['cells'] for cell in row)
        self.assertEqual(failures, 1, diag)
        outages = history.json['outages']
        own = [o for o in outages if o['source'] == 'probes']
        official = [o for o in outages if o['source'] == 'status_page']
        self.assertEqual(len(own), 1, diag)
        self.assertEqual(own[0]['worst_state'], 'outage', diag)
        self.assertEqual(own[0]['http_status'], 502, diag)
        self.assertIsNotNone(own[0]['end'], diag)
        # The official record came from incidents.json next to the summary.
        self.assertTrue(official, diag)
        self.assertTrue(all(o['incident_name'] for o in official), diag)

        text = self.gatewatch('--history')
        self.assertEqual(text.returncode, 0, text.diagnostics())
        self.assertIn('Recent outages', text.stdout, text.diagnostics())
        self.assertIn('502 Bad Gateway', text.stdout, text.diagnostics())

        # Every probe of every round: 3 rounds × 4 targets.
        exported = self.gatewatch('--export', 'csv')
        rows = list(csv.DictReader(io.StringIO(exported.stdout)))
        self.assertEqual(len(rows), 12, exported.diagnostics())
        self.assertEqual(sorted({r['target'] for r in rows}), sorted(TARGETS))
        web = [r for r in rows if r['target'] == 'web']
        self.assertEqual([r['http_status'] for r in web], ['200', '502', '200'])
        self.assertEqual([r['layer'] for r in web], ['none', 'http', 'none'])

        as_json = self.gatewatch('--export', 'json')
        self.assertEqual(len(as_json.json), 12, as_json.diagnostics())
        self.assertEqual(as_json.json[0].keys(), rows[0].keys())

    def test_bad_export_format_is_a_usage_error(self):
        result = self.gatewatch('--export', 'xml')
        self.assertEqual(result.returncode, 64, result.diagnostics())

    def test_seconds_out_of_range_are_usage_errors(self):
        # 0 too: GApplication would drop an int option of 0 as if unset.
        for option, value in (('--timeout', '0'), ('--timeout', '121'), ('--interval', 'soon')):
            result = self.gatewatch(option, value, '--once')
            self.assertEqual(result.returncode, 64, result.diagnostics())
            self.assertIn(f'{option} must be between', result.stderr, result.diagnostics())

    def test_corrupt_history_is_kept_aside_and_checks_go_on(self):
        os.makedirs(os.path.dirname(self.database), exist_ok=True)
        with open(self.database, 'wb') as f:
            f.write(b'this is not a database\n' * 100)
        result = run_once(GATEWATCH, self.urls, timeout=2, home=self.home)
        diag = result.diagnostics()
        self.assertEqual(result.returncode, 0, diag)
        self.assertIn('corrupt', ' '.join(os.listdir(os.path.dirname(self.database))), diag)
        self.assertTrue(result.stderr.strip(), 'the user is told: ' + diag)
        with sqlite3.connect(self.database) as db:
            self.assertEqual(db.execute('SELECT count(*) FROM probes').fetchone()[0], 4, diag)


def main():
    global GATEWATCH
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        GATEWATCH = os.path.abspath(sys.argv.pop(1))
    unittest.main()


if __name__ == '__main__':
    main()
