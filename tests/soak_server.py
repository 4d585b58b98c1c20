#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fault-injecting HTTP server on loopback for the soak (tests/soak.c).

One port serves the four targets by path (web /, api /v1/models, status
/api/v2/summary.json and incidents.json, control /check_network_status.txt).
Time runs in phases that flap between healthy and failing. A failing phase
takes the next fault from a shuffled deck of every kind (so every kind comes
round again, in a random order), aims it at a random group of targets it
applies to, and injects it into a random share of their requests; healthy
phases still fail a few requests at random.

Standard library only, one asyncio loop, every connection closed by the
server (Gatewatch never reuses one). Prints "PORT n" once listening; stops
when its standard input closes (so it never outlives the soak) and then
prints one JSON line: how many answers of each kind it served.

Usage: soak_server.py [--seed N] [--tick-ms MS]
"""

import argparse
import asyncio
import email.utils
import json
import pathlib
import random
import socket
import struct
import sys
import time

TOP = pathlib.Path(__file__).resolve().parent
READ_LIMIT = 5.0            # seconds a request head may take to arrive
SILENCE_LIMIT = 30.0        # a silent answer waits at most this for the client to go
HUGE_STATUS_BYTES = 300 * 1024   # over Gatewatch's 256 KiB cap for the status page

TARGET_OF = {
    '/': 'web',
    '/v1/models': 'api',
    '/api/v2/summary.json': 'status',
    '/api/v2/incidents.json': 'status',
    '/check_network_status.txt': 'control',
}
TARGETS = ('web', 'api', 'status', 'control')

# Fault kinds and the targets each makes sense for.
ANY = TARGETS
FAULTS = {
    'http_502': ANY,
    'http_503': ANY,
    'http_504': ANY,
    'slow_headers': ANY,
    'closed_mid_body': ANY,
    'reset_after_headers': ANY,
    'no_answer': ANY,
    'too_many_requests': ANY,
    'invalid_status_json': ('status',),
    'huge_status_json': ('status',),
    'degraded_status': ('status',),
    'wrong_control_body': ('control',),
}
# Groups of targets a failing phase aims at.
GROUPS = (('web',), ('api',), ('status',), ('control',), ('web', 'api'), TARGETS)


def read_data(relative):
    return (TOP / relative).read_bytes()


class Plan:
    """Which answer each request gets: phases that flap between healthy and
    failing, the failing ones dealt from a shuffled deck of fault kinds."""

    def __init__(self, rng, tick_s):
        self.rng = rng
        self.tick_s = tick_s
        self.deck = []
        self.failing = False
        self.kind = None
        self.group = ()
        self.rate = 0.0
        self.ends = 0.0
        self.shuffled = False
        self.decks = 0   # whole decks dealt: each kind had a failing phase

    def next_phase(self, now):
        rng = self.rng
        self.failing = not self.failing
        # Phases last 10 to 200 schedule seconds: from a few rounds to long
        # enough for a local problem to be announced (after 120 s).
        self.ends = now + rng.uniform(10, 200) * self.tick_s
        if not self.failing:
            self.kind, self.group, self.rate = None, (), 0.0
            return
        if not self.deck:
            # Refilled after the first time: the last deck's phases are over.
            if self.shuffled:
                self.decks += 1
            self.shuffled = True
            self.deck = list(FAULTS)
            rng.shuffle(self.deck)
        self.kind = self.deck.pop()
        groups = [g for g in GROUPS if all(t in FAULTS[self.kind] for t in g)]
        self.group = rng.choice(groups)
        # Some phases fail every request, some flap request by request.
        self.rate = rng.choice((1.0, 1.0, 0.5, 0.8))

    def pick(self, target):
        now = time.monotonic()
        if now >= self.ends:
            self.next_phase(now)
        if target in self.group and self.rng.random() < self.rate:
            return self.kind
        if self.rng.random() < 0.02:   # background noise in any phase
            kinds = [k for k, targets in FAULTS.items() if target in targets]
            return self.rng.choice(kinds)
        return 'ok'


class Server:
    def __init__(self, rng, tick_s):
        self.rng = rng
        self.tick_s = tick_s
        self.plan = Plan(rng, tick_s)
        self.served = {kind: 0 for kind in ['ok', *FAULTS]}
        self.bodies = {
            'web': b'<!DOCTYPE html><title>ChatGPT</title>' + b'<p>hello</p>' * 150,
            'api': read_data('e2e/data/v1-models.401-no-api-key.2023.json'),
            'status': read_data('data/summary.2026-07-09.operational.json'),
            'incidents': read_data('data/incidents.json'),
            'degraded': read_data('data/summary.2026-09-29.degraded-with-incidents.json'),
            'control': b'NetworkManager is online\n',
        }
        self.huge = b'{"page": {"id": "x", "name": "' + b'A' * HUGE_STATUS_BYTES + b'"}}'
        self.invalid = [
            self.bodies['status'][:len(self.bodies['status']) // 2],       # cut short
            self.bodies['status'].replace(b'"ChatGPT"', b'"Chat\xff\xfeGPT"'),  # bad UTF-8
            b'{"status": {"indicator": 42}, "components": "none", "incidents": 7}',
            b'[' * 20000 + b']' * 20000,                                   # nested deep
            b'\x00\x01 not json at all',
        ]

    async def handle(self, reader, writer):
        try:
            head = await asyncio.wait_for(reader.readuntil(b'\r\n\r\n'), READ_LIMIT)
            path = head.split(b' ', 2)[1].decode('latin-1').split('?')[0]
            target = TARGET_OF.get(path, 'web')
            kind = self.plan.pick(target)
            self.served[kind] += 1
            await getattr(self, kind)(reader, writer, target, path)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                asyncio.TimeoutError, IndexError):
            pass
        finally:
            writer.close()

    # ---- answers ----

    def healthy(self, target, path):
        if target == 'web':
            return 200, 'text/html', self.bodies['web']
        if target == 'api':
            return 401, 'application/json', self.bodies['api']
        if target == 'status':
            name = 'incidents' if path.endswith('incidents.json') else 'status'
            return 200, 'application/json', self.bodies[name]
        return 200, 'text/plain', self.bodies['control']

    @staticmethod
    def head(status, content_type, length, extra=()):
        lines = [f'HTTP/1.1 {status} Soak', f'Content-Type: {content_type}',
                 f'Content-Length: {length}', 'Connection: close', *extra]
        return ('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1')

    async def send(self, writer, status, content_type, body, extra=()):
        writer.write(self.head(status, content_type, len(body), extra) + body)
        await writer.drain()

    async def ok(self, reader, writer, target, path):
        await self.send(writer, *self.healthy(target, path))

    async def error_page(self, writer, status, extra=()):
        body = f'<html><body><h1>{status}</h1>nginx</body></html>'.encode()
        await self.send(writer, status, 'text/html', body, extra)

    async def http_502(self, reader, writer, target, path):
        await self.error_page(writer, 502)

    async def http_503(self, reader, writer, target, path):
        await self.error_page(writer, 503)

    async def http_504(self, reader, writer, target, path):
        await self.error_page(writer, 504)

    async def too_many_requests(self, reader, writer, target, path):
        # Delta seconds or an HTTP-date, 1 to 120 seconds of the schedule.
        delay = self.rng.randint(1, 120)
        if self.rng.random() < 0.5:
            value = str(delay)
        else:
            value = email.utils.formatdate(time.time() + delay, usegmt=True)
        await self.error_page(writer, 429, [f'Retry-After: {value}'])

    async def slow_headers(self, reader, writer, target, path):
        """Slowloris: the head one byte at a time, slow enough that some of
        them outlast the client's timeout."""
        status, content_type, body = self.healthy(target, path)
        # 0.005 to 0.2 schedule seconds a byte: about half outlast the
        # client's 10 s timeout.
        pause = self.rng.uniform(0.005, 0.2) * self.tick_s
        for byte in self.head(status, content_type, len(body)):
            writer.write(bytes((byte,)))
            await writer.drain()
            await asyncio.sleep(pause)
        writer.write(body)
        await writer.drain()

    async def closed_mid_body(self, reader, writer, target, path):
        status, content_type, body = self.healthy(target, path)
        writer.write(self.head(status, content_type, len(body) + 1000) + body[:len(body) // 2])
        await writer.drain()

    async def reset_after_headers(self, reader, writer, target, path):
        status, content_type, body = self.healthy(target, path)
        writer.write(self.head(status, content_type, len(body)))
        await writer.drain()
        sock = writer.get_extra_info('socket')
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        writer.transport.abort()   # linger 0: the close sends a reset

    async def no_answer(self, reader, writer, target, path):
        """Accepts, reads the request and says nothing until the client gives up."""
        try:
            await asyncio.wait_for(reader.read(), SILENCE_LIMIT)
        except asyncio.TimeoutError:
            pass

    async def invalid_status_json(self, reader, writer, target, path):
        await self.send(writer, 200, 'application/json', self.rng.choice(self.invalid))

    async def huge_status_json(self, reader, writer, target, path):
        await self.send(writer, 200, 'application/json', self.huge)

    async def degraded_status(self, reader, writer, target, path):
        await self.send(writer, 200, 'application/json', self.bodies['degraded'])

    async def wrong_control_body(self, reader, writer, target, path):
        await self.send(writer, 200, 'text/html', b'<html>Please log in to the Wi-Fi</html>')


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--tick-ms', type=float, default=1000.0,
                        help='milliseconds in one second of the soak schedule')
    args = parser.parse_args()

    server = Server(random.Random(args.seed), args.tick_ms / 1000.0)
    listener = await asyncio.start_server(server.handle, '127.0.0.1', 0, backlog=256)
    port = listener.sockets[0].getsockname()[1]
    print(f'PORT {port}', flush=True)

    loop = asyncio.get_running_loop()
    stdin_closed = loop.create_future()

    def stdin_readable():
        if not sys.stdin.buffer.raw.read(4096) and not stdin_closed.done():
            stdin_closed.set_result(None)

    loop.add_reader(sys.stdin.fileno(), stdin_readable)
    await stdin_closed
    listener.close()
    print(json.dumps({'served': server.served, 'decks': server.plan.decks}), flush=True)


if __name__ == '__main__':
    asyncio.run(main())
