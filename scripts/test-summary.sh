#!/usr/bin/env bash
# Runs a test command, passing its output through, and ends with one plain line adding up
# every `test result:` line, so a reader (or CI) sees the total at the end.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     END { printf "rust: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
