#!/usr/bin/env bash
# Runs a command with a throwaway HOME — every XDG directory inside it, so nothing (Mesa's
# shader cache, WebKit's caches, Chromium's profile) lands in the real HOME and every run starts
# as cold as a new machine — and a private session bus whose Secret Service is a fresh,
# unlocked gnome-keyring: tests never see the developer's real keyring or journal.
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/run"
chmod 700 "$scratch/run"
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" \
  XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config" \
  XDG_CACHE_HOME="$scratch/home/.cache" XDG_STATE_HOME="$scratch/home/.local/state"
# Mesa looks for its cache in MESA_SHADER_CACHE_DIR, then XDG_CACHE_HOME, then the home folder
# of the password database (not $HOME): name it outright.
export MESA_SHADER_CACHE_DIR="$XDG_CACHE_HOME/mesa_shader_cache"
# As on a new machine the folders exist but are empty (Mesa creates only the last component
# and otherwise turns its cache off, which is not what a user's first start looks like).
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
unset DISPLAY WAYLAND_DISPLAY
# Cargo and rustup live under the real HOME; keep using them.
export CARGO_HOME="${CARGO_HOME:-$(dirname "$(dirname "$(command -v cargo)")")}"
export RUSTUP_HOME="${RUSTUP_HOME:-$CARGO_HOME/../.rustup}"
exec dbus-run-session -- sh -c '
  printf test | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring=$!
  "$@"; status=$?
  kill $keyring 2>/dev/null; wait $keyring 2>/dev/null
  exit $status' sh "$@"
