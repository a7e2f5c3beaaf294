#!/usr/bin/env bash
# Run the wasm-bindgen tests (tests/wasm.rs) in Node and in headless Chromium.
#
#   bash scripts/test-wasm.sh            both
#   bash scripts/test-wasm.sh --node     Node only
#   bash scripts/test-wasm.sh --browser  headless Chromium only
#
# One test file serves both: it has no `wasm_bindgen_test_configure!`, so the test runner
# runs it in Node unless WASM_BINDGEN_USE_BROWSER is set. Chromium gets its arguments from
# a webdriver.json written to a temporary directory (wasm-bindgen-test-runner reads the file
# named by WASM_BINDGEN_TEST_WEBDRIVER_JSON), with a fresh --user-data-dir: without those
# flags Chromium hangs on a closed network. wasm-pack passes CHROMEDRIVER itself
# (--chromedriver), and ignores the variable from the environment.
# `--no-default-features` leaves out the `cli` feature, so the native-only `pith` binary is
# not built for wasm32. Respects CARGO_TARGET_DIR.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export PATH="$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

die() { echo "test-wasm: error: $*" >&2; exit 1; }
say() { echo "==> [test-wasm] $*"; }

run_node=1
run_browser=1
case "${1:-}" in
  "") ;;
  --node) run_browser=0 ;;
  --browser) run_node=0 ;;
  -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument: $1 (see --help)" ;;
esac

command -v wasm-pack >/dev/null || die "wasm-pack not found (run scripts/setup.sh)"
command -v wasm-bindgen-test-runner >/dev/null || die "wasm-bindgen-test-runner not found (run scripts/setup.sh)"

# What tests/wasm.rs needs from the crate; say so plainly rather than fail to compile.
grep -Eq '^[[:space:]]*pub mod wasm;' src/lib.rs \
  || die "tests/wasm.rs calls pith::wasm::*: src/lib.rs must declare \`#[cfg(target_arch = \"wasm32\")] #[doc(hidden)] pub mod wasm;\`"
grep -Eq '^required-features = \["cli"\]' Cargo.toml \
  || die "Cargo.toml: the [[bin]] needs required-features = [\"cli\"] (and [features] default = [\"cli\"], cli = []) so the wasm tests do not build the CLI for wasm32"

test_args=(--mode no-install -- --no-default-features --test wasm)

if [ "$run_node" = 1 ]; then
  command -v node >/dev/null || die "node not found"
  say "Node $(node --version): wasm-pack test --node ${test_args[*]}"
  wasm-pack test --node "${test_args[@]}"
fi

if [ "$run_browser" = 1 ]; then
  chromium="${CHROMIUM:-/usr/bin/chromium}"
  chromedriver="${CHROMEDRIVER_PATH:-/usr/bin/chromedriver}"
  [ -x "$chromium" ] || die "$chromium not found (run scripts/setup.sh)"
  [ -x "$chromedriver" ] || die "$chromedriver not found (run scripts/setup.sh)"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/pith-test-wasm.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  mkdir "$tmp/profile"
  python3 - "$chromium" "$tmp/profile" >"$tmp/webdriver.json" <<'PY'
import json, sys
chromium, profile = sys.argv[1], sys.argv[2]
args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile]
print(json.dumps({"goog:chromeOptions": {"binary": chromium, "args": args}}))
PY
  say "$("$chromium" --version 2>/dev/null | tail -n1): wasm-pack test --headless --chrome ${test_args[*]}"
  WASM_BINDGEN_USE_BROWSER=1 WASM_BINDGEN_TEST_WEBDRIVER_JSON="$tmp/webdriver.json" \
    wasm-pack test --headless --chrome --chromedriver "$chromedriver" "${test_args[@]}"
fi
say "passed"
