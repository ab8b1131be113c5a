#!/usr/bin/env bash
# Runs a command and fails if it changed anything in the real HOME outside the tool caches
# that building needs (cargo, rustup, npm): the tests must run in throwaway homes, so a run
# can never warm a cache the next run depends on, nor touch a user's files.
set -euo pipefail
home=$(getent passwd "$(id -u)" | cut -d: -f6)
home=${home:-$HOME}
# The checkout itself (target/, node_modules/) may live in HOME; it is not HOME's business.
repo=$(cd "$(dirname "$0")/.." && pwd)
listing() {
  [[ -d "$home" ]] || return 0
  # Shell and editor histories change whenever a person works; they say nothing about a test.
  find "$home" -xdev \
    \( -path "$home/.cargo" -o -path "$home/.rustup" -o -path "$home/.npm" -o -path "$repo" \) -prune -o \
    \( -name '.bash_history' -o -name '.lesshst' -o -name '.viminfo' -o -name '.python_history' \
       -o -name '.wget-hsts' -o -name '.node_repl_history' \) -prune -o \
    -printf '%p\t%y\t%s\t%T@\n' 2>/dev/null | LC_ALL=C sort
}
before=$(mktemp)
after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
listing >"$before"
status=0
"$@" || status=$?
listing >"$after"
if ! changes=$(diff "$before" "$after"); then
  echo "home-guard: the tests changed $home (they must use throwaway homes):" >&2
  printf '%s\n' "$changes" | grep '^[<>]' | cut -f1 | sort -u | head -20 >&2
  [[ $status -ne 0 ]] || status=1
fi
exit "$status"
