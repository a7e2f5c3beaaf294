#!/usr/bin/env bash
# End-to-end tests of the demo page and the JS API in headless Chromium (Debian's
# /usr/bin/chromium driven by playwright-core): tests/browser/*.test.mjs, run with node --test.
#
#   bash scripts/test-browser.sh                     all of them
#   bash scripts/test-browser.sh tests/browser/x.test.mjs  some of them
#
# Builds first what is missing or older than the sources: the shipped wasm (www/pkg) and the
# test-only build with the `test-panic` feature (the crash-recovery tests), both through
# scripts/build-wasm.sh; then, always (it takes a second), the browser extension into
# dist/extension*/ (scripts/build-extension.mjs). Screenshots land in
# tests/browser/screenshots/ (git-ignored), the measured timings in tests/browser/out/.
# Respects CARGO_TARGET_DIR.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export PATH="$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

die() { echo "test-browser: error: $*" >&2; exit 1; }
say() { echo "==> [test-browser] $*"; }

case "${1:-}" in
  -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

command -v node >/dev/null || die "node not found"
[ -f node_modules/playwright-core/package.json ] || die "playwright-core missing: run npm ci (scripts/setup.sh)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "${CHROMIUM:-/usr/bin/chromium} not found (scripts/setup.sh installs it)"

# True when $1 is missing or any input of the wasm build is newer than it.
stale() {
  [ -f "$1" ] || return 0
  [ -n "$(find src Cargo.toml Cargo.lock .cargo wasm-pack.toml scripts/build-wasm.sh -newer "$1" -print -quit 2>/dev/null)" ]
}

target_dir="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
case "$target_dir" in /*) ;; *) target_dir="$REPO_ROOT/$target_dir" ;; esac
panic_pkg="$target_dir/wasm-test-panic/pkg"

if stale www/pkg/pith_bg.wasm; then
  say "www/pkg is missing or older than the sources: building"
  bash scripts/build-wasm.sh
else
  say "www/pkg is up to date"
fi
if stale "$panic_pkg/pith_bg.wasm"; then
  say "the test-panic build is missing or stale: building"
  bash scripts/build-wasm.sh --variant test-panic --quiet
else
  say "the test-panic build is up to date ($panic_pkg)"
fi
export PITH_TEST_PANIC_PKG="$panic_pkg"

# The extension's test build (dist/extension-test/) and the shipped ones it is checked against.
say "building the browser extension (scripts/build-extension.mjs)"
node scripts/build-extension.mjs --quiet

if [ $# -gt 0 ]; then
  files=("$@")
else
  files=(tests/browser/*.test.mjs)
fi
say "node --test ${files[*]}"
node --test --test-concurrency=1 "${files[@]}"
