# SPDX-License-Identifier: GPL-3.0-or-later
"""Real servers on loopback for Gatewatch's end-to-end tests.

Everything here listens on 127.0.0.1 on an ephemeral port, keeps its files in
a folder the caller owns, and stops by itself: every class is a context
manager, every wait is bounded, and processes are ended by their PID.
"""

import dataclasses
import grp
import http.client
import http.server
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

LOOPBACK = '127.0.0.1'
START_TIMEOUT = 10.0   # seconds to wait for a server to accept connections
STOP_TIMEOUT = 5.0     # seconds to wait for a server to stop before killing it
IO_TIMEOUT = 15.0      # seconds a connection may stay idle inside a server


def find_tool(name):
    """The path of a system tool, also looking in sbin folders (nginx lives
    there and they are not always on a normal user's PATH), or None."""
    path = os.pathsep.join([os.environ.get('PATH', ''), '/usr/sbin', '/sbin'])
    return shutil.which(name, path=path)


def wait_for_port(port, timeout=START_TIMEOUT, process=None):
    """Waits until something accepts TCP connections on the loopback port.
    Raises RuntimeError when the deadline passes or the process exits."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f'process {process.pid} exited with '
                               f'{process.returncode} before listening on {port}')
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() >= deadline:
                raise RuntimeError(f'nothing accepts connections on port {port} '
                                   f'after {timeout} s') from None
            time.sleep(0.02)


def free_port():
    """A loopback port that was free a moment ago (for programs such as nginx
    that must bind it themselves)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


class ClosedPort:
    """A loopback port where connections are refused.

    The socket stays bound but never listens, so the kernel answers every
    connection attempt with a reset and nobody else can take the port while
    the test runs."""

    def __init__(self):
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind((LOOPBACK, 0))
        self.port = self._sock.getsockname()[1]

    def url(self, path='/', scheme='http'):
        return f'{scheme}://{LOOPBACK}:{self.port}{path}'

    def close(self):
        self._sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ---------------------------------------------------------------------------
# PKI

_OPENSSL_CONFIG = """\
[req]
distinguished_name = dn
prompt = no

[dn]
CN = unused

[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[v3_leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
"""


@dataclasses.dataclass(frozen=True)
class Authority:
    """A CA and the `localhost` leaf it signed."""
    ca_cert: str
    leaf_cert: str
    leaf_key: str

    def server_context(self):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.leaf_cert, self.leaf_key)
        return context


class PKI:
    """Test certificates made with the openssl CLI in `directory`:
    `trusted` (the CA the tests give to gatewatch with --cacert) and `rogue`
    (an unknown CA, as an intercepting proxy would use). Both leaves are for
    localhost and 127.0.0.1, so only the issuer differs."""

    def __init__(self, directory, openssl=None):
        self.directory = directory
        self.openssl = openssl or find_tool('openssl')
        if self.openssl is None:
            raise RuntimeError('the openssl command is not installed')
        self.config = os.path.join(directory, 'openssl.cnf')
        with open(self.config, 'w', encoding='ascii') as f:
            f.write(_OPENSSL_CONFIG)
        self.trusted = self._authority('trusted', 'Gatewatch Test CA')
        self.rogue = self._authority('rogue', 'Gatewatch Intercepting Proxy CA')

    def _openssl(self, *args):
        env = dict(os.environ, OPENSSL_CONF=self.config)
        subprocess.run([self.openssl, *args], cwd=self.directory, env=env,
                       check=True, timeout=60, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _authority(self, prefix, ca_name):
        def path(name):
            return os.path.join(self.directory, f'{prefix}-{name}')
        new_key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
                   '-nodes']
        self._openssl('req', '-config', self.config, '-x509', '-new', *new_key,
                      '-keyout', path('ca.key'), '-out', path('ca.pem'),
                      '-days', '2', '-subj', f'/O=Gatewatch tests/CN={ca_name}',
                      '-extensions', 'v3_ca')
        self._openssl('req', '-config', self.config, '-new', *new_key,
                      '-keyout', path('localhost.key'), '-out', path('localhost.csr'),
                      '-subj', '/O=Gatewatch tests/CN=localhost')
        self._openssl('x509', '-req', '-in', path('localhost.csr'),
                      '-CA', path('ca.pem'), '-CAkey', path('ca.key'),
                      '-set_serial', '0x' + os.urandom(8).hex(), '-days', '2',
                      '-extfile', self.config, '-extensions', 'v3_leaf',
                      '-out', path('localhost.pem'))
        return Authority(path('ca.pem'), path('localhost.pem'), path('localhost.key'))


# ---------------------------------------------------------------------------
# Threaded HTTP(S) servers

def module_pki(prefix):
    """A PKI in a temporary folder for a whole test module, and that folder
    (for tearDownModule to clean up); (None, None) without openssl."""
    if find_tool('openssl') is None:
        return None, None
    folder = tempfile.TemporaryDirectory(prefix=prefix)
    return PKI(folder.name), folder


@dataclasses.dataclass
class Answer:
    """One scripted HTTP answer. `headers` may override the defaults
    (Server, Content-Type…); `delay` is waited before the status line."""
    status: int = 200
    body: bytes = b''
    headers: dict = dataclasses.field(default_factory=dict)
    delay: float = 0.0

    def __post_init__(self):
        if isinstance(self.body, str):
            self.body = self.body.encode('utf-8')


NOT_FOUND = Answer(404, b'not found\n', {'Content-Type': 'text/plain'})


@dataclasses.dataclass
class Request:
    method: str
    target: str       # as sent on the request line (origin or absolute form)
    headers: dict


class _Server(http.server.ThreadingHTTPServer):
    """A ThreadingHTTPServer on a loopback ephemeral port that runs its loop
    in a thread, records requests, stays quiet about clients that hang up,
    and can serve TLS (the handshake happens in the connection's thread)."""

    daemon_threads = True
    handler_class = None

    def __init__(self, tls_context=None):
        super().__init__((LOOPBACK, 0), self.handler_class)
        self.port = self.server_address[1]
        self.tls_context = tls_context
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.requests = []
        self.errors = []          # exceptions raised while serving
        self.tls_rejections = 0   # handshakes the client ended with an alert
        self._thread = None

    @property
    def scheme(self):
        return 'https' if self.tls_context else 'http'

    def url(self, path='/', host=LOOPBACK):
        return f'{self.scheme}://{host}:{self.port}{path}'

    def start(self):
        self._thread = threading.Thread(target=self.serve_forever,
                                        kwargs={'poll_interval': 0.05},
                                        name=f'{type(self).__name__}:{self.port}',
                                        daemon=True)
        self._thread.start()
        wait_for_port(self.port)
        return self

    def stop(self):
        self.stopping.set()       # wakes answers that are waiting their delay
        if self._thread is not None:
            self.shutdown()
            self._thread.join(STOP_TIMEOUT)
            self._thread = None
        self.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def get_request(self):
        sock, address = self.socket.accept()
        if self.tls_context is not None:
            sock = self.tls_context.wrap_socket(sock, server_side=True,
                                                do_handshake_on_connect=False)
        return sock, address

    def record(self, request):
        with self.lock:
            self.requests.append(request)

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        with self.lock:
            # A client that rejects the certificate sends an alert (unknown
            # CA…); a plain EOF is someone who connected and left, such as
            # wait_for_port.
            if isinstance(error, ssl.SSLError) and not isinstance(error, ssl.SSLEOFError):
                self.tls_rejections += 1
            self.errors.append(error)

    def count(self, path=None):
        """How many requests arrived (for `path` only, when given)."""
        with self.lock:
            return sum(1 for r in self.requests
                       if path is None or urllib.parse.urlsplit(r.target).path == path)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    timeout = IO_TIMEOUT

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(self.timeout)
            self.request.do_handshake()       # failures go to handle_error
        super().setup()

    def handle(self):
        try:
            super().handle()
        except (ConnectionError, TimeoutError, ssl.SSLError):
            pass    # the client hung up or gave up: nothing to answer

    def log_message(self, format, *args):
        pass

    def read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def send_answer(self, status, body, headers, reason=None):
        """Sends a complete answer and closes the connection. `headers` is a
        list of (name, value); Server and Date are only added when missing."""
        names = {name.lower() for name, _ in headers}
        self.send_response_only(status, reason)
        if 'server' not in names:
            self.send_header('Server', 'gatewatch-e2e')
        if 'date' not in names:
            self.send_header('Date', self.date_time_string())
        for name, value in headers:
            self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.send_header('Connection', 'close')
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True


class _ScriptedHandler(_Handler):
    def _answer(self):
        self.read_body()
        self.server.record(Request(self.command, self.path, dict(self.headers)))
        answer = self.server.next_answer(urllib.parse.urlsplit(self.path).path)
        if answer.delay and self.server.stopping.wait(answer.delay):
            self.close_connection = True
            return
        headers = dict(answer.headers)
        if not any(name.lower() == 'content-type' for name in headers):
            headers['Content-Type'] = 'text/plain; charset=utf-8'
        self.send_answer(answer.status, answer.body, list(headers.items()))

    do_GET = do_HEAD = do_POST = _answer


class ScriptedServer(_Server):
    """An HTTP or HTTPS server whose behaviour per path is a script.

    `routes` maps a path to an Answer, or to a list of Answers given in turn
    (the last one repeats: [Answer(502), Answer(200)] flaps once). `default`
    answers every other path (404 unless given)."""

    handler_class = _ScriptedHandler

    def __init__(self, routes=None, default=NOT_FOUND, tls_context=None):
        super().__init__(tls_context)
        self._scripts = {path: list(a) if isinstance(a, (list, tuple)) else [a]
                         for path, a in (routes or {}).items()}
        self._default = default

    def set_answers(self, path, answers):
        """Replaces the script of `path` from now on."""
        with self.lock:
            self._scripts[path] = list(answers)

    def next_answer(self, path):
        with self.lock:
            script = self._scripts.get(path)
            if not script:
                return self._default
            return script.pop(0) if len(script) > 1 else script[0]


_HOP_BY_HOP = {'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization',
               'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
               'content-length'}


class _ProxyHandler(_Handler):
    def _forward(self):
        body = self.read_body()
        self.server.record(Request(self.command, self.path, dict(self.headers)))
        url = urllib.parse.urlsplit(self.path)
        if url.scheme != 'http' or url.hostname not in (LOOPBACK, 'localhost'):
            # Only plain HTTP, and never anywhere but this machine.
            self.send_answer(403, b'forbidden by the test proxy\n',
                             [('Content-Type', 'text/plain')])
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        target = urllib.parse.urlunsplit(('', '', url.path or '/', url.query, ''))
        upstream = http.client.HTTPConnection(url.hostname, url.port or 80,
                                              timeout=IO_TIMEOUT)
        try:
            upstream.request(self.command, target, body or None, headers)
            response = upstream.getresponse()
            data = response.read()
        except OSError as error:
            self.send_answer(502, f'test proxy: {error}\n'.encode(),
                             [('Content-Type', 'text/plain')])
            return
        finally:
            upstream.close()
        self.send_answer(response.status, data,
                         [(k, v) for k, v in response.getheaders()
                          if k.lower() not in _HOP_BY_HOP],
                         reason=response.reason)

    def do_CONNECT(self):
        self.server.record(Request(self.command, self.path, dict(self.headers)))
        self.send_answer(501, b'CONNECT is not supported by the test proxy\n',
                         [('Content-Type', 'text/plain')])

    do_GET = do_HEAD = do_POST = _forward


class ForwardProxy(_Server):
    """A tiny plain-HTTP forward proxy (absolute-URI requests) to loopback
    servers only; `requests` lists what went through it."""

    handler_class = _ProxyHandler

    def saw(self, url):
        with self.lock:
            return any(r.target == url for r in self.requests)


# ---------------------------------------------------------------------------
# nginx

_NGINX_TEMP_PATHS = ('client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi')


class Nginx:
    """A real nginx in `directory` (config, pid, logs and temp files all
    inside it), in the foreground, with one `server` per entry of `sites`:
    name → the directives of its `location /`. Each site gets its own free
    loopback port; `url(name)` gives its address."""

    def __init__(self, directory, sites, nginx=None):
        self.directory = os.path.abspath(directory)
        self.sites = dict(sites)
        self.nginx = nginx or find_tool('nginx')
        if self.nginx is None:
            raise RuntimeError('nginx is not installed')
        self.ports = {}
        self.process = None
        self.error_log = os.path.join(self.directory, 'error.log')

    def url(self, name, path='/'):
        return f'http://{LOOPBACK}:{self.ports[name]}{path}'

    def _write_config(self):
        d = self.directory
        lines = ['daemon off;', 'master_process on;', 'worker_processes 1;',
                 f'pid {d}/nginx.pid;', f'error_log {self.error_log} info;']
        if os.geteuid() == 0:
            # Workers as root: they must reach the private 0700 folder.
            lines.append(f'user {pwd.getpwuid(os.geteuid()).pw_name} '
                         f'{grp.getgrgid(os.getegid()).gr_name};')
        lines.append('events { worker_connections 64; }')
        lines.append('http {')
        lines.append('  access_log off;')
        for name in _NGINX_TEMP_PATHS:
            lines.append(f'  {name}_temp_path {d}/{name}_temp;')
        for name, location in self.sites.items():
            lines.append(f'  server {{  # {name}')
            lines.append(f'    listen {LOOPBACK}:{self.ports[name]};')
            lines.append('    server_name localhost;')
            lines.append(f'    location / {{ {location} }}')
            lines.append('  }')
        lines.append('}')
        path = os.path.join(d, 'nginx.conf')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        return path

    def start(self, attempts=3):
        for attempt in range(attempts):
            self.ports = {name: free_port() for name in self.sites}
            config = self._write_config()
            with open(os.path.join(self.directory, 'stderr.log'), 'ab') as err:
                # Its own session: the workers share the master's process
                # group, so killpg on the master's PID reaches all of them.
                self.process = subprocess.Popen(
                    [self.nginx, '-e', self.error_log, '-c', config,
                     '-p', self.directory + '/'],
                    stdin=subprocess.DEVNULL, stdout=err, stderr=err,
                    start_new_session=True)
            try:
                for port in self.ports.values():
                    wait_for_port(port, process=self.process)
                return self
            except RuntimeError as error:
                self.stop()
                if attempt + 1 == attempts or 'in use' not in self.log():
                    raise RuntimeError(f'nginx did not start: {error}\n{self.log()}') from None
        return self

    def log(self):
        text = ''
        for name in ('stderr.log', 'error.log'):
            try:
                with open(os.path.join(self.directory, name), encoding='utf-8',
                          errors='replace') as f:
                    text += f.read()
            except FileNotFoundError:
                pass
        return text

    def stop(self):
        process, self.process = self.process, None
        if process is None:
            return
        stop_process_group(process, signal.SIGTERM)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def stop_process_group(process, first_signal=signal.SIGTERM):
    """Ends a process started with start_new_session=True and everything in
    its process group: `first_signal`, a bounded wait, then SIGKILL."""
    if process.poll() is None:
        try:
            process.send_signal(first_signal)
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)   # leftovers of the group
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
