#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command inside a private headless desktop session: its own HOME and
# XDG folders, an Xvfb server and a D-Bus session bus, all torn down after.
#   tests/headless-session.sh [--panel] [--notifications] [--] COMMAND [ARGS...]
# --panel          an xfce4-panel at the bottom of the screen whose Status Tray
#                  is the StatusNotifierItem host (org.kde.StatusNotifierWatcher)
# --notifications  dunst as the notification server (org.freedesktop.Notifications);
#                  read what arrived with `dunstctl history`
# The command also gets GATEWATCH_TEST_SESSION (the session folder, the marker
# of every process started here) and, with --panel, GATEWATCH_TEST_PANEL=1.
set -euo pipefail

panel=0
notifications=0
while [ $# -gt 0 ]; do
  case $1 in
    --panel) panel=1; shift ;;
    --notifications) notifications=1; shift ;;
    --) shift; break ;;
    -*) echo "headless-session: unknown option $1" >&2; exit 64 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "usage: $0 [--panel] [--notifications] [--] COMMAND [ARGS...]" >&2
  exit 64
fi

session=$(mktemp -d "${TMPDIR:-/tmp}/gatewatch-session.XXXXXX")
pids=()

# Processes that carry this session's marker but were not started here
# (D-Bus activated services such as xfconfd, the panel's plugin wrappers).
marked_pids () {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    [ "$pid" != $$ ] && [ "$pid" != "$BASHPID" ] || continue
    if { tr '\0' '\n' < "$environ"; } 2>/dev/null |
        grep -qxF "GATEWATCH_TEST_SESSION=$session"; then
      echo "$pid"
    fi
  done
}

# Ends one process: SIGTERM, up to 3 s to exit, then SIGKILL (a panel whose
# X server went away may never exit by itself).
stop () {
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup () {
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    stop "${pids[i]}"
    wait "${pids[i]}" 2>/dev/null || true
  done
  for pid in $(marked_pids); do
    stop "$pid"
  done
  rm -rf "$session"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Everything this script starts carries the marker, so leftovers can be found.
export GATEWATCH_TEST_SESSION="$session"
export HOME="$session/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$session/runtime"
export XDG_CURRENT_DESKTOP=XFCE
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
mkdir -m 0700 "$XDG_RUNTIME_DIR"

# Waits (bounded) until FILE has a line, then prints it.
read_when_ready () {
  local file=$1 i
  for ((i = 0; i < 100; i++)); do
    if [ -s "$file" ] && [ "$(wc -l < "$file")" -ge 1 ]; then
      head -n 1 "$file"
      return 0
    fi
    sleep 0.05
  done
  echo "headless-session: $2 did not start" >&2
  return 1
}

# Waits (bounded: 10 s) until NAME has an owner on the session bus; fails
# early when the process PID that should own it exits.
wait_for_bus_name () {
  local name=$1 pid=$2 log=$3 i
  for ((i = 0; i < 200; i++)); do
    if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner "$name" 2>/dev/null | grep -q true; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "headless-session: the owner of $name exited; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.05
  done
  echo "headless-session: nobody owns $name after 10 s; log $log:" >&2
  cat "$log" >&2
  return 1
}

# One horizontal panel along the bottom of the screen, 32 px high: a
# separator that takes the free space, then the Status Tray.
write_panel_config () {
  local dir="$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml"
  mkdir -p "$dir"
  cat > "$dir/xfce4-panel.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=10;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="32"/>
      <property name="icon-size" type="uint" value="0"/>
      <property name="plugin-ids" type="array">
        <value type="int" value="1"/>
        <value type="int" value="2"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="separator">
      <property name="expand" type="bool" value="true"/>
      <property name="style" type="uint" value="0"/>
    </property>
    <property name="plugin-2" type="string" value="systray"/>
  </property>
</channel>
EOF
}

# Notifications stay on screen a long time and every one lands in the
# history, where `dunstctl history` reads it (after `dunstctl close-all`).
write_dunst_config () {
  cat > "$session/dunstrc" <<'EOF'
[global]
    monitor = 0
    follow = none
    origin = top-right
    offset = 10x10
    width = 360
    idle_threshold = 0
    history_length = 100
    sticky_history = yes
    show_age_threshold = -1
    font = Sans 10
    frame_width = 1
[urgency_low]
    timeout = 600
[urgency_normal]
    timeout = 600
[urgency_critical]
    timeout = 600
EOF
}

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$session/display" \
  >"$session/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$(read_when_ready "$session/display" Xvfb)"

dbus-daemon --session --nofork --print-address=4 4>"$session/bus" \
  >"$session/dbus.log" 2>&1 &
pids+=($!)
DBUS_SESSION_BUS_ADDRESS=$(read_when_ready "$session/bus" dbus-daemon)
export DBUS_SESSION_BUS_ADDRESS

if [ $panel -eq 1 ]; then
  write_panel_config
  xfce4-panel --disable-wm-check >"$session/panel.log" 2>&1 &
  pids+=($!)
  wait_for_bus_name org.kde.StatusNotifierWatcher $! "$session/panel.log"
  export GATEWATCH_TEST_PANEL=1
fi

if [ $notifications -eq 1 ]; then
  write_dunst_config
  dunst -conf "$session/dunstrc" >"$session/dunst.log" 2>&1 &
  pids+=($!)
  wait_for_bus_name org.freedesktop.Notifications $! "$session/dunst.log"
fi

"$@"
