#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a file with translatable strings is missing from po/POTFILES,
# or when POTFILES names a file that does not exist.
set -euo pipefail
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"

listed=$(grep -v '^#' po/POTFILES | sed '/^$/d' | sort)
needed=$( { grep -lE '(^|[^A-Za-z0-9_])N?_ ?\(' src/*.c 2>/dev/null || true
            grep -l 'translatable="yes"' src/*.ui 2>/dev/null || true
            ls data/*.gschema.xml data/*.desktop.in data/*.metainfo.xml.in 2>/dev/null || true
          } | sort -u)

status=0
for f in $needed; do
  grep -qxF "$f" <<<"$listed" || { echo "missing from po/POTFILES: $f"; status=1; }
done
for f in $listed; do
  [ -e "$f" ] || { echo "po/POTFILES names a file that does not exist: $f"; status=1; }
done
[ $status -eq 0 ] && echo "po/POTFILES lists all $(wc -w <<<"$needed") files with translatable strings"
exit $status
