# Dualtrack — every command installs what is missing first (scripts/deps.sh is idempotent).
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
BIN := target/debug/dualtrack

.PHONY: help deps ui build run test lint test-rust test-ui test-e2e bundle soak bench clean

help:
	@echo "make run    install what is missing, build, open the app"
	@echo "make test   install what is missing, run every test (Rust, UI, CLI, keyring)"
	@echo "make bench  performance figures (release build, jrnl peer comparison)"
	@echo "make soak   the SIGKILL crash tests: 1000 cycles of saving, 300 of rekey"
	@echo "make bundle the .deb package (target/release/bundle/deb/)"

deps:
	@scripts/deps.sh

ui: deps
	npm --prefix ui run build

build: ui
	$(CARGO) build

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No display here. The CLI works headless: $(BIN) --help"; \
	  echo "To open the window without a screen: xvfb-run -a $(BIN)"; \
	else \
	  $(BIN); \
	fi

lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	@! $(CARGO) tree -p dualtrack-core -e normal,build --prefix none | grep -qi '^tauri' \
	  || { echo "dualtrack-core must not depend on Tauri"; exit 1; }
	npm --prefix ui run check
	@# Views and components never import lib/api (ui/eslint.config.js).
	npm --prefix ui run lint

test-ui: ui
	npm --prefix ui test

test-rust: ui
	scripts/test-summary.sh scripts/with-test-keyring.sh $(CARGO) test --workspace
	@# ts-rs regenerated the UI's types while testing: they must match what is committed.
	@test -z "$$(git status --porcelain -- ui/src/lib/bindings)" \
	  || { git status --short -- ui/src/lib/bindings; echo "ui/src/lib/bindings is stale: commit the regenerated types"; exit 1; }

test-e2e: ui
	@# With the examples (the stand-in notification service the reminder flow talks to), the
	@# binaries get the same features as under `cargo test`, so nothing is compiled twice.
	$(CARGO) build --workspace --bins --examples
	scripts/with-test-keyring.sh python3 tests/e2e/run.py $(BIN)

# Every test target, under a guard that fails the run if the real HOME changed.
test: deps
	scripts/home-guard.sh $(MAKE) --no-print-directory lint test-rust test-ui test-e2e

bundle: ui
	$(CARGO) build --release --bins
	@# The package's main binary is `dualtrack` (the CLI, which execs the window); the window
	@# binary is staged so the bundler can add it beside it as /usr/bin/dualtrack-window.
	mkdir -p target/bundle-cli && cp target/release/dualtrack-window target/bundle-cli/dualtrack-window
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb
	@ls -1 target/release/bundle/deb/*.deb

soak: ui
	DUALTRACK_CRASH_CYCLES=1000 $(CARGO) test -p dualtrack-core --test crash -- --nocapture
	DUALTRACK_REKEY_KILL_CYCLES=300 $(CARGO) test -p dualtrack --test safety rekey_killed -- --nocapture

bench: ui
	$(CARGO) build --release --bins
	scripts/with-test-keyring.sh $(CARGO) bench -p dualtrack-core --bench journal
	scripts/with-test-keyring.sh python3 bench/peer.py --dualtrack target/release/dualtrack --sizes 3650,36500
	python3 bench/imports.py --dualtrack target/release/dualtrack
	scripts/with-test-keyring.sh python3 tests/e2e/measure.py target/release

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules target/bench
