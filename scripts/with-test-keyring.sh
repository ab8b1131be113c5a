#!/usr/bin/env bash
# Runs a command with a throwaway HOME and a private session bus whose Secret Service is a
# fresh, unlocked gnome-keyring: tests never see the developer's real keyring or journal.
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/run"
chmod 700 "$scratch/run"
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" \
  XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config"
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
