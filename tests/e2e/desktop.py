# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop around the applet, as a person's session has it: the panel's
StatusNotifierItem host and its menus (read and clicked over D-Bus, as the
panel does), the notification server (dunst), and screenshots.

The D-Bus part needs PyGObject (`gi`): Debian's /usr/bin/python3 has it
(python3-gi); another python3 on PATH may not.
Every wait is bounded and says what it waited for when it gives up.
"""

import json
import os
import shutil
import signal
import subprocess
import threading
import time

try:
    import gi
    gi.require_version('Gio', '2.0')
    from gi.repository import Gio, GLib
except ImportError:     # in_session () and missing_tools () work without it
    Gio = GLib = None

WATCHER = 'org.kde.StatusNotifierWatcher'
WATCHER_PATH = '/StatusNotifierWatcher'
ITEM_INTERFACE = 'org.kde.StatusNotifierItem'
DBUSMENU_INTERFACE = 'com.canonical.dbusmenu'
CALL_TIMEOUT_MS = 5000

# The screen of tests/headless-session.sh, and its panel along the bottom.
SCREEN_WIDTH, SCREEN_HEIGHT = 1280, 800
PANEL_HEIGHT = 32


def wait_until(predicate, timeout, what, interval=0.1):
    """Calls `predicate` until it returns something true, and returns that;
    raises AssertionError naming `what` (a string, or a function that
    returns one, called at the end) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            what = what() if callable(what) else what
            raise AssertionError(f'timed out after {timeout:.0f} s waiting for {what}')
        time.sleep(interval)


def strip_mnemonic(label):
    """A dbusmenu label as people read it: "_Check now" → "Check now"
    ("__" stands for a literal underscore)."""
    return label.replace('__', '\0').replace('_', '').replace('\0', '_')


class MenuItem:
    """One dbusmenu item from GetLayout, its properties with the defaults of
    the dbusmenu specification filled in."""

    def __init__(self, item_id, properties, children):
        self.id = item_id
        self.properties = properties
        self.children = children

    @property
    def label(self):
        return strip_mnemonic(self.properties.get('label', ''))

    @property
    def type(self):
        return self.properties.get('type', 'standard')

    @property
    def visible(self):
        return self.properties.get('visible', True)

    @property
    def enabled(self):
        return self.properties.get('enabled', True)

    @property
    def toggle_type(self):
        return self.properties.get('toggle-type', '')

    @property
    def toggle_state(self):
        return self.properties.get('toggle-state', -1)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self):
        return f'MenuItem({self.id}, {self.properties!r})'


def _menu_item(layout):
    item_id, properties, children = layout
    return MenuItem(item_id, dict(properties), [_menu_item(c) for c in children])


class SessionBus:
    """The session bus of the private session, with synchronous calls that
    each time out after a few seconds."""

    def __init__(self):
        self.connection = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def call(self, name, path, interface, method, parameters=None, reply_type=None):
        reply = self.connection.call_sync(
            name, path, interface, method, parameters,
            GLib.VariantType(reply_type) if reply_type else None,
            Gio.DBusCallFlags.NO_AUTO_START, CALL_TIMEOUT_MS, None)
        return reply.unpack() if reply is not None else None

    def has_owner(self, name):
        return self.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                         'NameHasOwner', GLib.Variant('(s)', (name,)), '(b)')[0]

    def owner_pid(self, name):
        """The process that owns a bus name."""
        return self.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                         'GetConnectionUnixProcessID', GLib.Variant('(s)', (name,)), '(u)')[0]

    def get_property(self, name, path, interface, prop):
        return self.call(name, path, 'org.freedesktop.DBus.Properties', 'Get',
                         GLib.Variant('(ss)', (interface, prop)), '(v)')[0]


class Tray:
    """The StatusNotifierItems registered with the panel's watcher."""

    def __init__(self, bus):
        self.bus = bus

    def items(self):
        """The registered items as "BUS_NAME/OBJECT/PATH" strings."""
        if not self.bus.has_owner(WATCHER):
            return []
        return list(self.bus.get_property(WATCHER, WATCHER_PATH, WATCHER,
                                          'RegisteredStatusNotifierItems'))

    def find(self, item_id):
        """The registered item whose Id is `item_id`, or None."""
        for entry in self.items():
            item = StatusNotifierItem(self.bus, entry)
            try:
                if item.prop('Id') == item_id:
                    return item
            except GLib.Error:
                continue     # it left in the meantime
        return None


class StatusNotifierItem:
    def __init__(self, bus, entry):
        self.bus = bus
        slash = entry.index('/')
        self.name, self.path = entry[:slash], entry[slash:]

    def prop(self, name):
        return self.bus.get_property(self.name, self.path, ITEM_INTERFACE, name)

    def secondary_activate(self):
        """A middle click on the icon, as the panel reports it."""
        self.bus.call(self.name, self.path, ITEM_INTERFACE, 'SecondaryActivate',
                      GLib.Variant('(ii)', (0, 0)))

    @property
    def menu_path(self):
        return self.prop('Menu')

    def menu(self):
        """The whole menu (GetLayout), as a MenuItem tree."""
        _revision, layout = self.bus.call(self.name, self.menu_path, DBUSMENU_INTERFACE,
                                          'GetLayout', GLib.Variant('(iias)', (0, -1, [])),
                                          '(u(ia{sv}av))')
        return _menu_item(layout)

    def menu_item(self, label_prefix):
        """The first menu item whose label starts with `label_prefix`."""
        for item in self.menu().walk():
            if item.type != 'separator' and item.label.startswith(label_prefix):
                return item
        raise AssertionError(f'no menu item labelled “{label_prefix}…” in {self.menu_labels()}')

    def menu_labels(self):
        return [item.label for item in self.menu().walk()
                if item.id != 0 and item.type != 'separator']

    def click(self, label_prefix):
        """Clicks a menu item as the panel does when someone picks it."""
        item = self.menu_item(label_prefix)
        self.bus.call(self.name, self.menu_path, DBUSMENU_INTERFACE, 'Event',
                      GLib.Variant('(isvu)', (item.id, 'clicked', GLib.Variant('i', 0), 0)))
        return item


class Notifications:
    """What the notification server (dunst) received."""

    def __init__(self):
        self.dunstctl = shutil.which('dunstctl')

    def available(self):
        return self.dunstctl is not None

    def summaries(self):
        """Every notification's summary so far, newest first. Closes the ones
        on screen first: dunst only lists closed ones in its history."""
        subprocess.run([self.dunstctl, 'close-all'], check=True, timeout=10,
                       stdout=subprocess.DEVNULL)
        output = subprocess.run([self.dunstctl, 'history'], check=True, timeout=10,
                                capture_output=True, text=True).stdout
        history = json.loads(output)
        entries = history.get('data', [[]])[0] if isinstance(history, dict) else []
        return [entry.get('summary', {}).get('data', '') for entry in entries]


class Screen:
    """Screenshots of the whole screen (ImageMagick's `import`) and crops."""

    def __init__(self):
        self.convert = shutil.which('convert')
        self.import_ = shutil.which('import')

    def available(self):
        return self.convert is not None and self.import_ is not None

    def shoot(self, path):
        subprocess.run([self.import_, '-window', 'root', path], check=True, timeout=30)
        return path

    def crop(self, source, path, width, height, x, y, scale=100):
        subprocess.run([self.convert, source, '-crop', f'{width}x{height}+{x}+{y}', '+repage',
                        '-scale', f'{scale}%', path], check=True, timeout=30)
        return path

    def panel_tray(self, source, path, width=320, scale=200):
        """The right end of the bottom panel, where the Status Tray sits."""
        return self.crop(source, path, width, PANEL_HEIGHT, SCREEN_WIDTH - width,
                         SCREEN_HEIGHT - PANEL_HEIGHT, scale)

    def colours(self, path):
        """How many distinct colours an image has: an empty panel has one or
        two, a drawn icon many more."""
        output = subprocess.run([self.convert, path, '-format', '%k', 'info:'], check=True,
                                timeout=30, capture_output=True, text=True).stdout
        return int(output.strip())

    def same(self, a, b):
        """Whether two images are identical pixel for pixel."""
        result = subprocess.run([self.convert, a, b, '-metric', 'AE', '-compare', '-format',
                                 '%[distortion]', 'info:'], timeout=30, capture_output=True,
                                text=True)
        try:
            return float(result.stdout.strip() or 'nan') == 0
        except ValueError:
            return False


class BusMonitor:
    """Watches the session bus (dbus-monitor) for method calls matching
    `rule`, e.g. "type='method_call',interface='org.gtk.Actions'"; `lines`
    is everything it printed so far. A context manager."""

    def __init__(self, rule):
        self.rule = rule
        self.lines = []
        self._lock = threading.Lock()
        self._process = None
        self._thread = None

    def __enter__(self):
        self._process = subprocess.Popen(['dbus-monitor', '--session', self.rule],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, text=True,
                                         start_new_session=True)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        # It prints a NameAcquired signal once it listens.
        wait_until(lambda: self.lines or self._process.poll() is not None, 5,
                   'dbus-monitor to start')
        if self._process.poll() is not None:
            raise RuntimeError(f'dbus-monitor exited with {self._process.returncode}')
        return self

    def _read(self):
        for line in self._process.stdout:
            with self._lock:
                self.lines.append(line.rstrip('\n'))

    def text(self):
        with self._lock:
            return '\n'.join(self.lines)

    def __exit__(self, *exc):
        try:
            os.killpg(self._process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(5)
        self._thread.join(5)
        self._process.stdout.close()


def in_session():
    """Whether this runs inside tests/headless-session.sh --panel."""
    return os.environ.get('GATEWATCH_TEST_PANEL') == '1'


SESSION_TOOLS = ('Xvfb', 'dbus-daemon', 'dbus-monitor', 'gdbus', 'gsettings', 'xfce4-panel',
                 'dunst', 'dunstctl')


def missing_tools():
    """The programs of tests/headless-session.sh --panel --notifications (and
    of these helpers) that are not installed."""
    return [tool for tool in SESSION_TOOLS if shutil.which(tool) is None]
