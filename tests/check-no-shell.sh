#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# No shell is ever invoked, and programs are started in two places only,
# each with an argv: main.c execs gatewatch-applet, gw-step-actions.c
# starts a browser's private window. Fails when code elsewhere starts a
# process, or anything calls a shell.
set -euo pipefail
top=${1:?usage: check-no-shell.sh SOURCE_ROOT}
cd "$top/src"

# The code without its comments (the preprocessor's own stripping, no expansion).
code=$(mktemp -d); trap 'rm -rf "$code"' EXIT
for f in ./*.c ./*.h; do
  ${CC:-cc} -fpreprocessed -dD -E -P "$f" > "$code/$f" 2>/dev/null
done
cd "$code"

status=0
shells=$(grep -nE '\b(system|popen|g_spawn_command_line_(sync|async)|execl|execlp|execle)[[:space:]]*\(|"/bin/sh"|"sh",[[:space:]]*"-c"|"-c",' ./*.c ./*.h || true)
if [ -n "$shells" ]; then
  echo "a shell or a command line is run here:"; echo "$shells"; status=1
fi
starts=$(grep -lE '\b(g_spawn_[a-z_]+|execv[pe]*|g_subprocess_[a-z_]+|fork)[[:space:]]*\(' ./*.c | sort || true)
allowed=$(printf '%s\n' ./gw-step-actions.c ./main.c)
if [ "$starts" != "$allowed" ]; then
  echo "processes are started in: $(echo $starts); expected only: $(echo $allowed)"; status=1
fi
[ $status -eq 0 ] && echo "no shell anywhere; processes start only in $(echo $allowed), by argv"
exit $status
