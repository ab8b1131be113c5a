#!/usr/bin/env bash
# Installs what building and testing Dualtrack needs on Debian/Ubuntu, and nothing twice:
# system packages only when one is missing, npm packages only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tauri 2's own prerequisites, then what the tests use: Xvfb and WebKitWebDriver for the window,
# a private D-Bus with gnome-keyring (the real Secret Service) and secret-tool for the keyring,
# pdftotext to read the PDF reports back, headless Chromium to open the HTML report offline,
# strace to count the CLI's write calls.
PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  xvfb webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-tools
  poppler-utils chromium strace
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "deps: $tool is required (Rust via rustup, Node.js >= 20.19)" >&2; exit 1; }
done

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests. Pin major 2:
# unpinned, cargo picks a 3.0 alpha.
if ! command -v tauri-driver >/dev/null; then
  echo "deps: cargo install tauri-driver"
  cargo install tauri-driver --version "^2" --locked --quiet
fi

# npm ci only when node_modules is missing or older than the lock file.
stamp=ui/node_modules/.package-lock.json
if [[ ! -f "$stamp" || ui/package-lock.json -nt "$stamp" ]]; then
  echo "deps: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# A cold debug build with every test target takes about 3.5 GB in target/ (measured from a
# fresh clone); say so before a full disk stops the compiler halfway.
mkdir -p target
free_mb=$(df -Pm target | awk 'NR == 2 { print $4 }')
if [[ -n "$free_mb" ]] && ((free_mb < 4096)); then
  echo "deps: only ${free_mb} MB free for target/; a first build and test run needs about 4 GB" >&2
fi
