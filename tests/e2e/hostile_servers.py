# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile HTTP servers on loopback for Gatewatch's end-to-end tests.

servers.py holds well-behaved servers built on http.server; the ones here
work at the socket level, because the misbehaviour is the point: headers
that trickle, bodies cut short, resets, endless bodies, compression bombs,
silence. Each listens on an ephemeral loopback port (127.0.0.1 or ::1),
serves every connection in a thread of its own, records what was asked and
stops by itself: it is a context manager and every wait is bounded.
"""

import dataclasses
import socket
import struct
import threading
import time
import zlib

from servers import IO_TIMEOUT, STOP_TIMEOUT

LOOPBACK4 = '127.0.0.1'
LOOPBACK6 = '::1'
MAX_REQUEST_HEAD = 64 * 1024   # a request head longer than this is dropped


def has_ipv6_loopback():
    """Whether ::1 can be bound here (no IPv6, or IPv6 disabled on lo: no)."""
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind((LOOPBACK6, 0))
        return True
    except OSError:
        return False


@dataclasses.dataclass
class Request:
    method: str
    path: str
    headers: dict


@dataclasses.dataclass
class Connection:
    """What a behaviour gets: the socket, the request, and the server (for
    its stop event and counters)."""
    sock: socket.socket
    request: Request
    server: 'HostileServer'

    def send(self, data):
        """Sends all of `data`; False when the client has gone."""
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def wait(self, seconds):
        """Sleeps, unless the server stops; True when it is stopping."""
        return self.server.stopping.wait(seconds)


def head(status, headers=(), version='HTTP/1.1', reason='Whatever'):
    """The bytes of a status line and header block."""
    lines = [f'{version} {status} {reason}'] + [f'{k}: {v}' for k, v in headers]
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1')


# ---------------------------------------------------------------------------
# Behaviours: each is a callable taking a Connection; the server closes the
# socket after it returns (unless the behaviour already did).

def answer(status, body=b'', headers=(), version='HTTP/1.1'):
    """A complete, well-formed answer with a Content-Length."""
    body = body.encode('utf-8') if isinstance(body, str) else body

    def behave(conn):
        all_headers = [('Content-Length', str(len(body))), ('Connection', 'close'), *headers]
        conn.send(head(status, all_headers, version) + body)
    return behave


def redirect(location, status=302):
    return answer(status, b'', [('Location', location)])


def trickle_head(status=200, interval=1.0):
    """Slowloris: the status line and headers, one byte per `interval`,
    for as long as the client listens (the head never ends)."""
    def behave(conn):
        data = head(status, [('Content-Type', 'text/html')])[:-2]
        for i in range(len(data)):
            if not conn.send(data[i:i + 1]) or conn.wait(interval):
                return
        while not conn.wait(interval):
            if not conn.send(b'X-Padding: x\r\n'):
                return
    return behave


def close_mid_body(length=8192, sent=3000):
    """Promises `length` bytes of body, sends `sent` of them, closes."""
    def behave(conn):
        conn.send(head(200, [('Content-Type', 'text/html'),
                             ('Content-Length', str(length))]) + b'<' * sent)
    return behave


def reset_after_headers():
    """The headers of a 200 with a body to come, then a TCP reset."""
    def behave(conn):
        conn.send(head(200, [('Content-Type', 'text/html'), ('Content-Length', '8192')]))
        time.sleep(0.1)     # let the head leave before the reset
        conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        conn.sock.close()   # with linger 0: RST instead of FIN
    return behave


def http10_until_close(body, content_type='text/html'):
    """An HTTP/1.0 answer without Content-Length: the body ends at close."""
    body = body.encode('utf-8') if isinstance(body, str) else body

    def behave(conn):
        conn.send(head(200, [('Content-Type', content_type)], version='HTTP/1.0', reason='OK'))
        for i in range(0, len(body), 1000):     # in pieces, as a slow server would
            if not conn.send(body[i:i + 1000]):
                return
    return behave


def endless(length, content_type='application/json', chunk=64 * 1024):
    """A `length`-byte body of spaces (valid JSON whitespace), streamed. The
    server counts in `bytes_sent` what the client accepted before leaving."""
    def behave(conn):
        if not conn.send(head(200, [('Content-Type', content_type),
                                    ('Content-Length', str(length))])):
            return
        block = b' ' * chunk
        left = length
        while left > 0 and not conn.server.stopping.is_set():
            piece = block[:min(left, chunk)]
            if not conn.send(piece):
                conn.server.count_bytes(0, hung_up=True)
                return
            conn.server.count_bytes(len(piece))
            left -= len(piece)
    return behave


def silent():
    """Reads the request and never answers (until the server stops)."""
    def behave(conn):
        conn.wait(IO_TIMEOUT * 4)
    return behave


_bomb_lock = threading.Lock()
_bomb = None


def gzip_bomb():
    """(body, layers): about 2 KB that inflate to 1 GiB of zeros, gzip inside
    gzip, to send with `Content-Encoding: gzip, gzip`. Made once (2-3 s)."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            inner = zlib.compressobj(9, zlib.DEFLATED, 31)
            zeros = bytes(1 << 20)
            inflated = b''.join([inner.compress(zeros) for _ in range(1024)] + [inner.flush()])
            outer = zlib.compressobj(9, zlib.DEFLATED, 31)
            _bomb = outer.compress(inflated) + outer.flush()
        return _bomb, 2


def bomb(content_type='application/json'):
    body, layers = gzip_bomb()
    return answer(200, body, [('Content-Type', content_type),
                              ('Content-Encoding', ', '.join(['gzip'] * layers))])


# ---------------------------------------------------------------------------

class HostileServer:
    """A threaded TCP server speaking just enough HTTP to read a request
    head, then handing the connection to the behaviour of its path.

    `routes` maps a path to a behaviour; `default` serves the others (a 404
    unless given). `host` is 127.0.0.1 or ::1."""

    def __init__(self, routes=None, default=None, host=LOOPBACK4):
        self.host = host
        self.routes = dict(routes or {})
        self.default = default or answer(404, b'not found\n', [('Content-Type', 'text/plain')])
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.requests = []
        self.bytes_sent = 0
        self.hung_up = 0
        family = socket.AF_INET6 if ':' in host else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, 0))
        self._sock.listen(16)
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self._threads = []
        self._thread = None

    def url(self, path='/', scheme='http'):
        host = f'[{self.host}]' if ':' in self.host else self.host
        return f'{scheme}://{host}:{self.port}{path}'

    def count(self, path=None):
        with self.lock:
            return sum(1 for r in self.requests if path is None or r.path == path)

    def count_bytes(self, n, hung_up=False):
        with self.lock:
            self.bytes_sent += n
            self.hung_up += 1 if hung_up else 0

    def start(self):
        self._thread = threading.Thread(target=self._accept_loop, daemon=True,
                                        name=f'hostile:{self.port}')
        self._thread.start()
        return self

    def stop(self):
        self.stopping.set()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT)
        for thread in self._threads:
            thread.join(STOP_TIMEOUT)
        self._sock.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _accept_loop(self):
        while not self.stopping.is_set():
            try:
                sock, _ = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return      # the listening socket is gone
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _read_head(self, sock):
        data = b''
        while b'\r\n\r\n' not in data:
            if len(data) > MAX_REQUEST_HEAD:
                return None
            chunk = sock.recv(4096)
            if not chunk:
                return None
            data += chunk
        lines = data.split(b'\r\n\r\n', 1)[0].decode('latin-1').split('\r\n')
        parts = lines[0].split(' ')
        if len(parts) != 3:
            return None
        headers = dict(line.split(':', 1) for line in lines[1:] if ':' in line)
        return Request(parts[0], parts[1], {k.strip(): v.strip() for k, v in headers.items()})

    def _serve(self, sock):
        try:
            sock.settimeout(IO_TIMEOUT)
            request = self._read_head(sock)
            if request is None:
                return
            with self.lock:
                self.requests.append(request)
            behave = self.routes.get(request.path.split('?', 1)[0], self.default)
            behave(Connection(sock, request, self))
        except OSError:
            pass    # the client hung up: nothing more to do
        finally:
            sock.close()
