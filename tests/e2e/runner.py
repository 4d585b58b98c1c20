# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs `gatewatch --once --json` in a private environment and collects what
it printed, its exit status and how long it took."""

import dataclasses
import json
import os
import shlex
import signal
import subprocess
import tempfile
import time

TARGETS = ('web', 'api', 'status', 'control')

# The web probe may be retried twice within a round, after ~1 s and ~3 s.
RETRY_BUDGET = 5.0
MARGIN = 3.0

# Never inherited: a test that wants a proxy sets one itself. The TLS
# variables would change which CAs are trusted.
SCRUBBED_VARIABLES = (
    'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy',
    'ALL_PROXY', 'no_proxy', 'NO_PROXY', 'ftp_proxy', 'FTP_PROXY',
    'CURL_CA_BUNDLE', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
    'DISPLAY', 'WAYLAND_DISPLAY', 'LANGUAGE',
)


def time_limit(timeout):
    """The longest a round may take: the per-request timeout, the retries'
    pauses, and a margin."""
    return timeout + RETRY_BUDGET + MARGIN


@dataclasses.dataclass
class OnceResult:
    argv: list
    env: dict            # only what the test added on top of the private environment
    returncode: int
    stdout: str
    stderr: str
    elapsed: float
    limit: float
    timed_out: bool
    json: object = None
    json_error: str = None

    def probe(self, name):
        """The probe called `name` in the JSON, or None."""
        if not isinstance(self.json, dict) or not isinstance(self.json.get('probes'), list):
            return None
        for probe in self.json['probes']:
            if isinstance(probe, dict) and probe.get('name') == name:
                return probe
        return None

    def diagnostics(self):
        env = ' '.join(f'{k}={shlex.quote(v)}' for k, v in self.env.items())
        command = ' '.join(shlex.quote(a) for a in self.argv)
        if isinstance(self.json, dict):
            output = json.dumps(self.json, indent=2, ensure_ascii=False)
        else:
            output = f'(not JSON: {self.json_error})\n{self.stdout}'
        return (f'\n--- gatewatch run ---\n$ {env + " " if env else ""}{command}\n'
                f'exit status {self.returncode}, {self.elapsed:.2f} s '
                f'(limit {self.limit:.0f} s){", TIMED OUT" if self.timed_out else ""}\n'
                f'--- stdout ---\n{output}\n--- stderr ---\n{self.stderr}---')


_XDG_FOLDERS = {'HOME': 'home', 'XDG_DATA_HOME': 'data', 'XDG_CONFIG_HOME': 'config',
                'XDG_CACHE_HOME': 'cache', 'XDG_STATE_HOME': 'state',
                'XDG_RUNTIME_DIR': 'runtime', 'TMPDIR': 'tmp'}


def private_environment(home, binary):
    """The environment of one gatewatch run: the caller's, minus proxies and
    TLS overrides, with the private HOME and XDG tree of `home`."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_VARIABLES}
    for variable, folder in _XDG_FOLDERS.items():
        env[variable] = os.path.join(home, folder)
    env.update({
        'GSETTINGS_BACKEND': 'memory',
        'NO_AT_BRIDGE': '1',
        'LC_ALL': 'C.UTF-8',
        # A bus that does not exist: --once must not need one, and nothing
        # may autolaunch a daemon that would outlive the test.
        'DBUS_SESSION_BUS_ADDRESS': 'unix:path=' + os.path.join(home, 'no-session-bus'),
    })
    if 'GSETTINGS_SCHEMA_DIR' not in env:
        # Run by hand from a build tree: the compiled schema sits in data/.
        schemas = os.path.join(os.path.dirname(os.path.abspath(binary)), '..', 'data')
        if os.path.exists(os.path.join(schemas, 'gschemas.compiled')):
            env['GSETTINGS_SCHEMA_DIR'] = os.path.normpath(schemas)
    return env


def run_once(binary, urls, cacert=None, timeout=2, env=None, extra_args=(), home=None):
    """Runs one `gatewatch --once --json` round against `urls` (target name →
    URL, '' disables it; missing targets are disabled too) and returns an
    OnceResult. The process is killed, with its process group, at the limit.
    `home` (made by private_home) keeps the history between runs; without it
    each run gets a fresh one."""
    argv = [binary, '--once', '--json', '--timeout', str(timeout)]
    for name in TARGETS:
        argv += [f'--{name}-url', urls.get(name, '')]
    if cacert:
        argv += ['--cacert', cacert]
    argv += list(extra_args)
    return run(binary, argv[1:], limit=time_limit(timeout), env=env, home=home)


def private_home(directory):
    """A private HOME and XDG tree under `directory`, for several runs."""
    home = os.path.join(directory, 'gatewatch-home')
    os.mkdir(home, 0o700)
    for folder in _XDG_FOLDERS.values():
        os.mkdir(os.path.join(home, folder), 0o700)
    return home


def run(binary, args, limit=30, env=None, home=None):
    """Runs gatewatch with `args` in a private environment (in `home` when
    given) and returns an OnceResult, stdout parsed as JSON when it is."""
    argv = [binary, *args]
    with tempfile.TemporaryDirectory(prefix='gatewatch-e2e-home-') as scratch:
        full_env = private_environment(home or private_home(scratch), binary)
        full_env.update(env or {})
        started = time.monotonic()
        process = subprocess.Popen(argv, env=full_env, cwd=scratch, text=True,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
        timed_out = False
        try:
            stdout, stderr = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(process.pid)
            stdout, stderr = process.communicate(timeout=10)
        elapsed = time.monotonic() - started
        _kill_group(process.pid)    # anything it left behind
    result = OnceResult(argv, dict(env or {}), process.returncode, stdout, stderr,
                        elapsed, limit, timed_out)
    try:
        result.json = json.loads(stdout)
    except ValueError as error:
        result.json_error = str(error)
    return result


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
