#!/usr/bin/env bash
# Install everything Pith needs to build and test, natively and as WebAssembly.
#
# Idempotent: every step first checks whether what it installs is already
# there (in the right version) and skips itself, saying so. On a fresh machine
# this takes several minutes (two `cargo install`s compile from source); on a
# warm one it takes seconds.
#
# Only package registries are used (Debian apt, crates.io, npm): nothing here
# downloads prebuilt binaries from anywhere else, because that fails on CI.
#
#   1. Debian chromium + chromium-driver   (/usr/bin/chromium, /usr/bin/chromedriver)
#   2. rustup target wasm32-unknown-unknown
#   3. wasm-bindgen-cli, at exactly the version of `wasm-bindgen` in Cargo.lock
#   4. wasm-pack
#   5. npm ci  (binaryen -> node_modules/.bin/wasm-opt, playwright-core)
#   6. python3 present
#   7. Debian firefox-esr                  (/usr/bin/firefox-esr: tests/browser/firefox.test.mjs
#                                          drives it headless over WebDriver BiDi)
#
# Environment overrides:
#   WASM_BINDGEN_VERSION  use this wasm-bindgen-cli version instead of reading
#                         it from Cargo.lock / Cargo.toml
set -Eeuo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# cargo installs go to the default ~/.cargo/bin, whatever CARGO_HOME says.
CARGO_BIN_ROOT="$HOME/.cargo"
export PATH="$CARGO_BIN_ROOT/bin:$REPO_ROOT/node_modules/.bin:$PATH"

MIN_WASM_OPT=130
SETUP_START=$SECONDS
CURRENT_STEP="(start)"

say()  { printf '==> [setup] %s\n' "$*"; }
ok()   { printf '    [setup] ok: %s\n' "$*"; }
die()  {
  printf '\n!!! [setup] FAILED during step: %s\n!!! [setup] %s\n\n' "$CURRENT_STEP" "$*" >&2
  exit 1
}
on_err() {
  local rc=$?
  printf '\n!!! [setup] FAILED (exit %s) during step: %s\n!!! [setup] command: %s\n\n' \
    "$rc" "$CURRENT_STEP" "$BASH_COMMAND" >&2
  exit "$rc"
}
trap on_err ERR

step() {
  CURRENT_STEP="$*"
  STEP_START=$SECONDS
  say "$*"
}
step_done() { ok "$* ($((SECONDS - STEP_START))s)"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $* (not root and no sudo)"
  fi
}

dpkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# ---------------------------------------------------------------------------
# g++: the fuzz run of `make test` (scripts/fuzz.sh) builds libFuzzer from its C++ source.
step "1/7 Debian chromium + chromium-driver + g++"
missing_pkgs=()
for p in chromium chromium-driver; do
  dpkg_installed "$p" || missing_pkgs+=("$p")
done
command -v c++ >/dev/null 2>&1 || missing_pkgs+=(g++)
if [ "${#missing_pkgs[@]}" -eq 0 ] && [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  ok "already installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
  [ "${#missing_pkgs[@]}" -eq 0 ] && missing_pkgs=(chromium chromium-driver)
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${missing_pkgs[*]} by hand"
  say "installing ${missing_pkgs[*]} with apt-get"
  as_root apt-get update || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing_pkgs[@]}" \
    || die "apt-get install ${missing_pkgs[*]} failed"
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
  [ -x /usr/bin/chromedriver ] || die "/usr/bin/chromedriver missing after install"
  /usr/bin/chromium --version || die "/usr/bin/chromium --version failed"
  step_done "chromium installed"
fi

# ---------------------------------------------------------------------------
step "2/7 rustup target wasm32-unknown-unknown"
command -v rustup >/dev/null 2>&1 || die "rustup not found on PATH ($PATH)"
command -v cargo  >/dev/null 2>&1 || die "cargo not found on PATH ($PATH)"
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  ok "already installed"
else
  rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown failed"
  step_done "target added"
fi

# ---------------------------------------------------------------------------
step "3/7 wasm-bindgen-cli (must match the wasm-bindgen crate exactly)"
wb_version="${WASM_BINDGEN_VERSION:-}"
wb_source="env WASM_BINDGEN_VERSION"
if [ -z "$wb_version" ] && [ -f Cargo.lock ]; then
  # [[package]] blocks: name = "wasm-bindgen" followed by version = "x.y.z"
  wb_version="$(awk '
    /^\[\[package\]\]/ { inpkg = 0 }
    /^name = "wasm-bindgen"$/ { inpkg = 1; next }
    inpkg && /^version = "/ { gsub(/^version = "|"$/, ""); print; exit }
  ' Cargo.lock)"
  wb_source="Cargo.lock"
fi
if [ -z "$wb_version" ] && [ -f Cargo.toml ]; then
  # wasm-bindgen = "=0.2.130"   or   wasm-bindgen = { version = "=0.2.130", ... }
  wb_version="$(grep -E '^[[:space:]]*wasm-bindgen[[:space:]]*=' Cargo.toml \
    | grep -oE '"=[0-9]+\.[0-9]+\.[0-9]+"' | head -n1 | tr -d '"=' || true)"
  wb_source="Cargo.toml pin"
fi
[ -n "$wb_version" ] || die "cannot determine the wasm-bindgen version: no wasm-bindgen entry in Cargo.lock, no \"=x.y.z\" pin in Cargo.toml, and WASM_BINDGEN_VERSION is unset"
[[ "$wb_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "odd wasm-bindgen version '$wb_version' (from $wb_source)"
say "wanted wasm-bindgen $wb_version (from $wb_source)"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" = "$wb_version" ]; then
  ok "already installed: wasm-bindgen $have_wb ($(command -v wasm-bindgen))"
else
  [ -n "$have_wb" ] && say "found wasm-bindgen $have_wb, replacing with $wb_version"
  say "cargo install wasm-bindgen-cli --version $wb_version (compiles from source, a few minutes)"
  # No --locked: the CLI's own lockfile names a crate version the registry lacks.
  cargo install --root "$CARGO_BIN_ROOT" --force wasm-bindgen-cli --version "$wb_version" \
    || die "cargo install wasm-bindgen-cli --version $wb_version failed"
  hash -r
  have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  [ "$have_wb" = "$wb_version" ] || die "after install, wasm-bindgen --version says '$have_wb', wanted $wb_version"
  step_done "wasm-bindgen $have_wb"
fi

# ---------------------------------------------------------------------------
step "4/7 wasm-pack"
if have_wp="$(wasm-pack --version 2>/dev/null)" && [ -n "$have_wp" ]; then
  ok "already installed: $have_wp ($(command -v wasm-pack))"
else
  say "cargo install wasm-pack (compiles from source, a few minutes)"
  cargo install --root "$CARGO_BIN_ROOT" wasm-pack || die "cargo install wasm-pack failed"
  hash -r
  have_wp="$(wasm-pack --version 2>/dev/null)" || die "wasm-pack --version fails after install"
  step_done "$have_wp"
fi

# ---------------------------------------------------------------------------
step "5/7 npm packages (binaryen's wasm-opt >= $MIN_WASM_OPT, playwright-core)"
command -v node >/dev/null 2>&1 || die "node not found on PATH"
command -v npm  >/dev/null 2>&1 || die "npm not found on PATH"
[ -f package.json ] || die "package.json missing in $REPO_ROOT"
# Never download playwright's own browsers: we use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=node_modules/.pith-setup-stamp
want_stamp="$( (cat package.json; cat package-lock.json 2>/dev/null || true) | sha256sum | awk '{print $1}')"
wasm_opt_major() {
  node_modules/.bin/wasm-opt --version 2>/dev/null | grep -oE 'version [0-9]+' | awk '{print $2}' | head -n1 || true
}
npm_ok() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] \
    && [ -f node_modules/playwright-core/package.json ] \
    && [ -n "$(wasm_opt_major)" ] && [ "$(wasm_opt_major)" -ge "$MIN_WASM_OPT" ]
}
if npm_ok; then
  ok "node_modules up to date with package-lock.json (wasm-opt $(wasm_opt_major))"
else
  if [ -f package-lock.json ]; then
    say "npm ci"
    npm ci --no-audit --no-fund || die "npm ci failed"
  else
    say "no package-lock.json: npm install (commit the package-lock.json it writes)"
    npm install --no-audit --no-fund || die "npm install failed"
    want_stamp="$( (cat package.json; cat package-lock.json) | sha256sum | awk '{print $1}')"
  fi
  [ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt missing after npm install (is binaryen in devDependencies?)"
  [ -f node_modules/playwright-core/package.json ] || die "playwright-core missing after npm install"
  major="$(wasm_opt_major)"
  [ -n "$major" ] || die "node_modules/.bin/wasm-opt --version prints no version"
  [ "$major" -ge "$MIN_WASM_OPT" ] || die "wasm-opt version $major < $MIN_WASM_OPT (bump binaryen in package.json)"
  echo "$want_stamp" > "$stamp"
  step_done "wasm-opt $major, playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version")"
fi
# A Debian binaryen earlier on PATH would be shadowed by ours; say so if one exists.
if [ -x /usr/bin/wasm-opt ]; then
  say "note: /usr/bin/wasm-opt exists ($(/usr/bin/wasm-opt --version 2>/dev/null || echo '?')); node_modules/.bin comes first on PATH"
fi
[ "$(command -v wasm-opt)" = "$REPO_ROOT/node_modules/.bin/wasm-opt" ] \
  || die "wasm-opt on PATH is $(command -v wasm-opt), not node_modules/.bin/wasm-opt"

# ---------------------------------------------------------------------------
step "6/7 python3"
command -v python3 >/dev/null 2>&1 || die "python3 not found on PATH"
ok "$(python3 --version 2>&1) ($(command -v python3))"

# ---------------------------------------------------------------------------
step "7/7 Debian firefox-esr (the Firefox build of the extension is tested in it)"
if dpkg_installed firefox-esr && [ -x /usr/bin/firefox-esr ]; then
  ok "already installed: $(/usr/bin/firefox-esr --version 2>/dev/null || echo firefox-esr)"
else
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install firefox-esr by hand"
  say "installing firefox-esr with apt-get"
  as_root apt-get update || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends firefox-esr \
    || die "apt-get install firefox-esr failed"
  [ -x /usr/bin/firefox-esr ] || die "/usr/bin/firefox-esr missing after install"
  /usr/bin/firefox-esr --version || die "/usr/bin/firefox-esr --version failed"
  step_done "firefox-esr installed"
fi

# ---------------------------------------------------------------------------
CURRENT_STEP="(summary)"
say "done in $((SECONDS - SETUP_START))s"
printf '    %-14s %s\n' \
  chromium     "$(/usr/bin/chromium --version 2>/dev/null || echo '?')" \
  chromedriver "$(/usr/bin/chromedriver --version 2>/dev/null | head -n1 || echo '?')" \
  firefox-esr  "$(/usr/bin/firefox-esr --version 2>/dev/null || echo '?')" \
  rustc        "$(rustc --version)" \
  wasm-bindgen "$(wasm-bindgen --version)" \
  wasm-pack    "$(wasm-pack --version)" \
  wasm-opt     "$(wasm-opt --version)" \
  node         "$(node --version)" \
  python3      "$(python3 --version 2>&1)"
