#!/usr/bin/env bash
# Installs what building and testing Sinergi needs, skipping whatever is already
# there at the right version. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.2
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
BINARYEN_VERSION=132
WITH_BROWSER=${WITH_BROWSER:-0}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (several minutes, once per machine)"
  # --debug: an unoptimised build compiles in a fraction of the time, and the
  # tool only orchestrates (rustc, wasm-bindgen and wasm-opt do the heavy work).
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads --debug
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the version in Cargo.lock)"
  # Not --locked: its own lockfile pins a crate the registry no longer serves.
  # --debug for the same reason; it still processes the app's WASM in seconds.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force --debug
fi

mkdir -p tools
if [ ! -x tools/node_modules/.bin/wasm-opt ] || ! grep -q "\"version\": \"$BINARYEN_VERSION" tools/node_modules/binaryen/package.json 2>/dev/null; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  npm install --prefix tools --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if [ "$WITH_BROWSER" = 1 ]; then
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium for the browser tests"
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
  fi
  if [ ! -d end2end/node_modules/playwright-core ] || [ ! -d end2end/node_modules/axe-core ]; then
    say "installing playwright-core and axe-core for the browser tests"
    (cd end2end && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null)
  fi
fi
say "tools ready"
