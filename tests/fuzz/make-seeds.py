#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the fuzzers' seed corpora under tests/fuzz/corpus/.

The seeds are real answers (tests/data and the shared fixtures: summary.json,
incidents.json, Cloudflare response heads) plus hostile ones built here: deep
nesting, invalid UTF-8, numbers where strings belong, long strings, absurd
dates. The corpus is kept in git; run this again only to change it:

    tests/fuzz/make-seeds.py [FIXTURES_DIR]
"""
import json
import pathlib
import shutil
import struct
import sys

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent / 'data'
CORPUS = HERE / 'corpus'
FIXTURES = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / 'shared' / 'fixtures'

LONG = 12 * 1024  # a long string, well inside -max_len


def write(harness, name, data):
    folder = CORPUS / harness
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / name).write_bytes(data)


def copy(harness, source, name=None):
    if source.exists():
        write(harness, name or source.name, source.read_bytes())
    else:
        print(f'skipped {source}: not found', file=sys.stderr)


def nested(depth, inner=b'{}'):
    return b'{"status":' * depth + inner + b'}' * depth


def hostile_json(harness, member):
    """Hostile shapes common to both JSON parsers; member is the list key."""
    write(harness, 'deep-64', b'{"x":' + b'[' * 63 + b']' * 63 + b'}')
    write(harness, 'deep-65', b'{"x":' + b'[' * 64 + b']' * 64 + b'}')
    write(harness, 'deep-1000', nested(1000))
    write(harness, 'deep-in-string', b'{"x":"' + b'[' * 500 + b'"}')
    write(harness, 'deep-escaped-quote', b'{"x":"\\"' + b'{' * 100 + b'"}')
    write(harness, 'invalid-utf8-name',
          b'{"%s":[{"name":"Chat\xff\xfeGPT \xc3","status":"\xed\xa0\x80"}]}' % member.encode())
    write(harness, 'invalid-utf8-key', b'{"\xc0\xaf":1,"%s":[]}' % member.encode())
    write(harness, 'escaped-surrogate',
          ('{"%s":[{"name":"ChatGPT \\ud800 \\udfff x","id":"\\u0000"}]}' % member).encode())
    write(harness, 'numbers-for-strings',
          json.dumps({'status': {'indicator': 3, 'description': 1e308},
                      member: [{'name': 12, 'status': True, 'id': None, 'impact': [],
                                'started_at': 1790000000, 'resolved_at': -1}]}))
    write(harness, 'long-strings',
          json.dumps({'status': {'indicator': 'major', 'description': 'D' * 200},
                      member: [{'name': 'ChatGPT ' + 'x' * LONG, 'status': 'major_outage',
                                'impact': 'critical', 'started_at': '2026-09-29T17:49:05Z'}]}))
    write(harness, 'nul-byte', b'{"status":{"indicator":"none"}}\x00{}')
    write(harness, 'bom', b'\xef\xbb\xbf{"status":{}}')
    write(harness, 'top-level-array', b'[{"status":{}}]')
    write(harness, 'empty', b'')
    write(harness, 'truncated', b'{"%s":[{"name":"ChatGPT' % member.encode())


def status_page():
    for path in sorted(DATA.glob('status-*.json')) + sorted(DATA.glob('summary.*.json')):
        copy('status-page', path)
    hostile_json('status-page', 'components')
    write('status-page', 'many-components',
          json.dumps({'components': [{'name': f'Conversations {i}', 'status': 'partial_outage'}
                                     for i in range(300)]}))


def incidents():
    copy('incidents', DATA / 'incidents.json')
    copy('incidents', DATA / 'status-incidents.json')
    copy('incidents', DATA / 'summary.2026-09-29.degraded-with-incidents.json')
    hostile_json('incidents', 'incidents')
    odd_times = ['9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z',
                 '2026-02-30T25:61:61Z', '2026-09-29T17:49:05+14:00', '2026-09-29',
                 '-2026-09-29T17:49:05Z', '2026-09-29T17:49:05.123456789Z', '']
    write('incidents', 'odd-times', json.dumps({'incidents': [
        {'id': f't{i}', 'name': f'ChatGPT down {i}', 'status': 'resolved', 'impact': 'major',
         'started_at': t, 'resolved_at': odd_times[-1 - i]}
        for i, t in enumerate(odd_times)]}))
    write('incidents', 'ends-before-start', json.dumps({'incidents': [
        {'name': 'ChatGPT errors', 'status': 'resolved', 'started_at': '2026-09-29T18:00:00Z',
         'resolved_at': '2026-09-29T17:00:00Z'}]}))
    write('incidents', 'same-id-twice', json.dumps({'incidents': [
        {'id': 'a', 'name': 'ChatGPT one', 'started_at': '2026-09-29T18:00:00Z'},
        {'id': 'a', 'name': 'ChatGPT two', 'started_at': '2025-09-29T18:00:00Z',
         'resolved_at': '2025-09-29T19:00:00Z'}]}))


def http_headers():
    for path in sorted((FIXTURES / 'cloudflare').glob('*.txt')):
        copy('http-headers', path)
    seeds = {
        '429-retry-after-120': 'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\n'
                               'Server: cloudflare\r\n\r\n',
        '503-retry-after-imf-date': 'HTTP/1.1 503 Service Unavailable\r\n'
                                    'Retry-After: Sun, 06 Nov 2026 08:49:37 GMT\r\n\r\n',
        '503-retry-after-rfc850': 'HTTP/1.1 503 Service Unavailable\r\n'
                                  'Retry-After: Sunday, 06-Nov-26 08:49:37 GMT\r\n\r\n',
        '503-retry-after-asctime': 'HTTP/1.1 503 Service Unavailable\r\n'
                                   'Retry-After: Sun Nov  6 08:49:37 2026\r\n\r\n',
        '429-retry-after-past': 'HTTP/1.1 429 Too Many Requests\r\n'
                                'Retry-After: Thu, 01 Jan 1970 00:00:00 GMT\r\n\r\n',
        '429-retry-after-huge': 'HTTP/1.1 429 Too Many Requests\r\n'
                                'Retry-After: 99999999999999999999999999\r\n\r\n',
        '403-challenge': 'HTTP/2 403\r\ncf-mitigated: challenge\r\ncf-ray: 8a1b-AMS\r\n'
                         'content-type: text/html\r\n\r\n<html>Just a moment...</html>',
        'redirect-then-200': 'HTTP/1.1 301 Moved\r\nLocation: http://portal.example/\r\n'
                             'Server: old\r\n\r\n',
        'control-online': 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n'
                          'NetworkManager is online\n',
        'control-portal': 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'
                          '<html>Sign in to the hotel Wi-Fi</html>',
        'obs-fold-and-no-colon': 'HTTP/1.1 502 Bad Gateway\r\nServer: cloud\r\n flare\r\n'
                                 'garbage line\r\n:\r\nServer:\r\n\r\n',
        'long-header': 'HTTP/1.1 200 OK\r\nServer: ' + 'é' * 400 + '\r\n\r\n',
    }
    for name, text in seeds.items():
        write('http-headers', name, text)
    write('http-headers', 'invalid-utf8-and-controls',
          b'HTTP/1.1 500 Oops\r\nServer: \xff\xfe\x01\x7f\tnginx \xe2\x82\r\n'
          b'Retry-After:\x00 12\r\n\r\n')
    write('http-headers', 'header-cut-in-utf8', b'HTTP/1.1 200 OK\r\nServer: ' + b'a' * 255 + 'é'.encode() + b'\r\n\r\n')


# The verdict harness's layout: see fuzz-verdict.c.
WEB, API, STATUS, CONTROL = range(4)
HTTP_OK, ERR_DNS, ERR_CONNECT, ERR_TLS, ERR_TIMEOUT, ERR_PROXY, ERR_PROTOCOL, ERR_BROKEN = range(8)


def s(value):
    if value is None:
        return struct.pack('<H', 0)
    if isinstance(value, str):
        value = value.encode()
    return struct.pack('<H', len(value) + 1) + value


def probe(url=None, attempts=1, failed=0, error=None, response=None, layer=None,
          truncated=False, tls_failed=False):
    flags = (1 if url else 0) | (2 if response else 0) | (4 if layer is not None else 0) | \
            (8 if truncated else 0) | (16 if tls_failed else 0)
    out = bytes([flags])
    if url:
        out += s(url)
    out += bytes([attempts, failed]) + s(error)
    if response:
        out += response
    if layer is not None:
        out += bytes([layer])
    return out


def response(error=HTTP_OK, error_text=None, status=200, proxy_status=0, headers=None,
             timings=(1000, 2000, 3000, 50000, 60000), body=b'', proxy=None, issuer=None,
             redirects=0):
    headers = headers or {}
    names = ['server', 'cf-ray', 'cf-mitigated', 'retry-after', 'content-type', 'location']
    out = bytes([error]) + s(error_text) + struct.pack('<HH', status, proxy_status)
    out += b''.join(s(headers.get(n)) for n in names)
    out += struct.pack('<5q', *timings) + s(body) + s(proxy) + s(issuer) + bytes([redirects])
    return out


def round_(probes, page=None, page_error=None, started=1790000000 * 10**6, slow=None):
    out = struct.pack('<q', started)
    out += b'\x01' + struct.pack('<q', slow) if slow is not None else b'\x00'
    out += b''.join(probes)
    if page is not None:
        out += b'\x01' + page
    elif page_error is not None:
        out += b'\x02' + page_error.encode()
    else:
        out += b'\x00'
    return out


def verdict():
    urls = ['https://chatgpt.com/', 'https://api.openai.com/v1/models',
            'https://status.openai.com/api/v2/summary.json',
            'http://nmcheck.gnome.org/check_network_status.txt']
    ok = [response(status=200), response(status=401), response(status=200),
          response(status=200, body=b'NetworkManager is online\n')]
    summary = (DATA / 'summary.2026-09-29.degraded-with-incidents.json').read_bytes()
    operational = (DATA / 'summary.2026-07-09.operational.json').read_bytes()

    def all_ok(**changes):
        probes = [probe(urls[t], response=ok[t]) for t in range(4)]
        for t, p in changes.items():
            probes[{'web': WEB, 'api': API, 'status': STATUS, 'control': CONTROL}[t]] = p
        return probes

    seeds = {
        'operational': round_(all_ok(), page=operational),
        'degraded-status-page': round_(all_ok(), page=summary),
        'web-502-every-attempt': round_(all_ok(web=probe(urls[0], 3, 3, 'HTTP 502', response(
            status=502, headers={'server': 'cloudflare', 'cf-ray': '8a-AMS'},
            body=b'<html>502 Bad Gateway</html>')))),
        'web-intermittent': round_(all_ok(web=probe(urls[0], 2, 1, response=ok[0]))),
        'web-challenge': round_(all_ok(web=probe(urls[0], response=response(
            status=403, headers={'cf-mitigated': 'challenge'})))),
        'rate-limited': round_(all_ok(web=probe(urls[0], response=response(
            status=429, headers={'retry-after': '120'})))),
        'slow': round_(all_ok(web=probe(urls[0], response=response(
            timings=(1, 2, 3, 9 * 10**6, 9 * 10**6)))), slow=1),
        'huge-timings': round_(all_ok(web=probe(urls[0], response=response(
            timings=(2**62, 2**62, 2**62, 2**63 - 1, 2**63 - 1))))),
        'offline': round_([probe(urls[t], 1, 1, 'connect failed', response(
            error=ERR_CONNECT, error_text="Couldn't connect", status=0, timings=(-1,) * 5))
            for t in range(4)]),
        'dns': round_([probe(urls[t], 1, 1, 'no such host', response(
            error=ERR_DNS, status=0, timings=(-1,) * 5)) for t in range(4)]),
        'captive-portal': round_(all_ok(control=probe(urls[3], response=response(
            body=b'<html>hotel login</html>', redirects=2,
            headers={'location': 'http://portal.example/'})))),
        'tls-interception': round_(all_ok(web=probe(urls[0], 1, 1, 'certificate', response(
            error=ERR_TLS, status=0, issuer='CN=Corporate Inspection CA'), tls_failed=True))),
        'proxy-refused': round_([probe(urls[t], 1, 1, 'proxy', response(
            error=ERR_PROXY, status=0, proxy_status=403, proxy='http://proxy.local:3128'))
            for t in range(4)]),
        'timeout': round_(all_ok(web=probe(urls[0], 3, 3, 'timeout', response(
            error=ERR_TIMEOUT, status=0)))),
        'status-unreadable': round_(all_ok(), page_error='status page nests too deep'),
        'status-page-garbage': round_(all_ok(), page=b'{"status":{"indicator":12}}'),
        'everything-disabled': round_([probe(None, 0) for _ in range(4)]),
        'not-run': round_([probe(urls[t], 0) for t in range(4)]),
        'forced-layers': round_([probe(urls[t], 2, 1, 'odd', ok[t], layer=t + 1) for t in range(4)]),
        'invalid-utf8-everywhere': round_([probe(urls[t], 1, 1, b'\xff\xfe', response(
            error=ERR_PROTOCOL, error_text=b'\xc3', status=999,
            headers={n: b'\xe2\x82' for n in ['server', 'cf-ray', 'retry-after']},
            body=b'\xff' * 64, issuer=b'CN=\xff')) for t in range(4)]),
        'empty': b'',
    }
    for name, data in seeds.items():
        write('verdict', name, data)


def main():
    for harness in ('status-page', 'incidents', 'verdict', 'http-headers'):
        shutil.rmtree(CORPUS / harness, ignore_errors=True)
    status_page()
    incidents()
    http_headers()
    verdict()


if __name__ == '__main__':
    main()
