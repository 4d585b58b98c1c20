# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by tools/run and tools/test: packages, configure, build. Sourced, not run.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$top/_build"

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the packages of the given groups of tools/packages.txt that are missing.
ensure_packages () {
  local group missing=()
  for group in "$@"; do
    while read -r pkg; do
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$pkg")
    done < <(sed -n "s/^$group: *//p" "$top/tools/packages.txt")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  say "Installing ${#missing[@]} packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# configure_and_build DIR [meson options...]
configure_and_build () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    say "Configuring $dir"
    meson setup "$dir" "$top" "$@"
  fi
  say "Building $dir"
  meson compile -C "$dir"
}
