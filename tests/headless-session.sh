#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command inside a private headless desktop session: its own HOME and
# XDG folders, an Xvfb server and a D-Bus session bus, all torn down after.
#   tests/headless-session.sh COMMAND [ARGS...]
set -euo pipefail

session=$(mktemp -d "${TMPDIR:-/tmp}/gatewatch-session.XXXXXX")
pids=()

cleanup () {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  rm -rf "$session"
}
trap cleanup EXIT

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

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$session/display" \
  >"$session/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$(read_when_ready "$session/display" Xvfb)"

dbus-daemon --session --nofork --print-address=4 4>"$session/bus" \
  >"$session/dbus.log" 2>&1 &
pids+=($!)
DBUS_SESSION_BUS_ADDRESS=$(read_when_ready "$session/bus" dbus-daemon)
export DBUS_SESSION_BUS_ADDRESS

"$@"
