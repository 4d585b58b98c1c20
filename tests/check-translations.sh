#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails unless every language in po/LINGUAS translates every message of the
# current sources: the template is made again from po/POTFILES with the
# xgettext arguments of the gatewatch-pot target, each .po is merged against
# it without fuzzy matching (so a changed string counts as untranslated), and
# msgfmt --check must pass with no fuzzy and no untranslated message. Also
# fails when a po/*.po file is missing from po/LINGUAS (it would never be built).
set -euo pipefail
top=${1:?usage: check-translations.sh SOURCE_ROOT BUILD_ROOT}
build=${2:?usage: check-translations.sh SOURCE_ROOT BUILD_ROOT}
export LC_ALL=C
cd "$top"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The arguments meson's i18n.gettext(preset: 'glib') gives xgettext, read from
# the gatewatch-pot target when the build has one, so the two never drift.
extra=$(sed -n 's/.*--internal gettext pot .*--extra-args=\([^ ]*\).*/\1/p' "$build/build.ninja" 2>/dev/null | head -n 1 || true)
if [ -n "$extra" ]; then
  IFS=$'\n' read -r -d '' -a args < <(printf '%s\0' "${extra//@@/$'\n'}") || true
else
  echo "no gatewatch-pot target in $build/build.ninja: using the glib preset's arguments"
  args=(--from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2
        --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3
        --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format
        --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format
        --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format
        --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format
        --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format
        --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format
        --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format
        --flag=g_snprintf:3:c-format)
fi
xgettext --package-name=gatewatch -p "$tmp" -f po/POTFILES -D . -k_ -o gatewatch.pot "${args[@]}"
total=$(msgattrib --no-obsolete "$tmp/gatewatch.pot" | grep -c '^msgid ' || true)
total=$((total - 1))   # the header

langs=$(sed -e 's/#.*//' po/LINGUAS | tr -s ' \t' '\n' | sed '/^$/d')
status=0
if [ -z "$langs" ]; then
  echo "po/LINGUAS lists no language"; status=1
fi
for po in po/*.po; do
  [ -e "$po" ] || continue
  l=$(basename "$po" .po)
  grep -qxF "$l" <<<"$langs" || { echo "$po is not listed in po/LINGUAS, so it is never built"; status=1; }
done

for l in $langs; do
  if [ ! -f "po/$l.po" ]; then
    echo "$l: po/LINGUAS lists it, but po/$l.po does not exist"; status=1; continue
  fi
  if ! msgmerge --quiet --no-fuzzy-matching -o "$tmp/$l.po" "po/$l.po" "$tmp/gatewatch.pot"; then
    echo "$l: msgmerge failed"; status=1; continue
  fi
  if ! stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$l.po" 2>&1); then
    echo "$l: msgfmt --check failed:"; echo "$stats"; status=1; continue
  fi
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$l.po" | grep -c '^msgid ' || true)
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$l.po" | grep -c '^msgid ' || true)
  # Each non-empty msgattrib output carries the header entry too.
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  if [ "$fuzzy" -gt 0 ] || [ "$untranslated" -gt 0 ]; then
    echo "$l: $fuzzy fuzzy and $untranslated untranslated of $total messages ($stats)"
    { msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$l.po"
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$l.po"; } |
      sed -n 's/^msgid "\(..*\)"$/    \1/p' | head -n 10
    status=1
  else
    echo "$l: all $total messages translated"
  fi
done
exit $status
