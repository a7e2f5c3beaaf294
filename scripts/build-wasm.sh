#!/usr/bin/env bash
# Build Pith as WebAssembly with the settings in wasm-pack.toml.
#
#   bash scripts/build-wasm.sh                        shipped build (www/pkg by default)
#   bash scripts/build-wasm.sh --variant test-panic   a test-only build ([variant.test-panic])
#   bash scripts/build-wasm.sh --out-dir DIR          build somewhere else
#   bash scripts/build-wasm.sh --wasm-opt "-Oz"       try other wasm-opt arguments ("none" = skip)
#   bash scripts/build-wasm.sh --quiet                no size table at the end
#
# wasm-pack does not read wasm-pack.toml, so this script does: it runs
#   wasm-pack build --mode no-install --no-opt --no-pack --target .. --out-dir .. --out-name ..
# and then runs wasm-opt itself with [wasm-opt].args. Works offline: wasm-pack finds
# wasm-bindgen (the exact version in Cargo.lock, from ~/.cargo/bin) and this script uses
# binaryen's wasm-opt from node_modules/.bin (never Debian's binaryen: version 108 produces
# a module that fails with `WebAssembly.Table.set(): Argument 1 is invalid`).
# Respects CARGO_TARGET_DIR.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export PATH="$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

die() { echo "build-wasm: error: $*" >&2; exit 1; }
say() { echo "==> [build-wasm] $*"; }

variant=""
out_dir_override=""
opt_override=""
quiet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) [ $# -ge 2 ] || die "--variant needs a name"; variant="$2"; shift 2 ;;
    --variant=*) variant="${1#*=}"; shift ;;
    --out-dir) [ $# -ge 2 ] || die "--out-dir needs a directory"; out_dir_override="$2"; shift 2 ;;
    --out-dir=*) out_dir_override="${1#*=}"; shift ;;
    --wasm-opt) [ $# -ge 2 ] || die "--wasm-opt needs arguments"; opt_override="$2"; shift 2 ;;
    --wasm-opt=*) opt_override="${1#*=}"; shift ;;
    --quiet) quiet=1; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

[ -f wasm-pack.toml ] || die "wasm-pack.toml is missing in $REPO_ROOT"
command -v python3 >/dev/null || die "python3 is needed to read wasm-pack.toml"

# The cargo target directory, for "{target}" in out-dir.
target_dir="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
case "$target_dir" in /*) ;; *) target_dir="$REPO_ROOT/$target_dir" ;; esac

# Read wasm-pack.toml (and the variant's overrides) into shell variables, validated.
config="$(python3 - "$variant" "$target_dir" <<'PY'
import shlex, sys, tomllib

variant, target_dir = sys.argv[1], sys.argv[2]
with open("wasm-pack.toml", "rb") as f:
    cfg = tomllib.load(f)

def fail(msg):
    print(f"echo 'build-wasm: error: wasm-pack.toml: {msg}' >&2; exit 1")
    sys.exit(0)

build = dict(cfg.get("build", {}))
opt = dict(cfg.get("wasm-opt", {}))
if variant:
    variants = cfg.get("variant", {})
    if variant not in variants:
        fail(f"no [variant.{variant}] (have: {', '.join(variants) or 'none'})")
    over = dict(variants[variant])
    opt.update(over.pop("wasm-opt", {}))
    build.update(over)

target = build.get("target", "web")
if target not in ("web", "bundler", "nodejs", "no-modules", "deno"):
    fail(f"unknown target {target!r}")
profile = build.get("profile", "release")
if profile not in ("release", "dev", "profiling"):
    fail(f"profile must be release, dev or profiling, not {profile!r}")
features = build.get("features", [])
if not isinstance(features, list) or not all(isinstance(x, str) for x in features):
    fail("features must be a list of strings")
args = opt.get("args", ["-O3"])
if not isinstance(args, list) or not all(isinstance(x, str) for x in args):
    fail("[wasm-opt] args must be a list of strings")

out = {
    "cfg_target": target,
    "cfg_out_dir": str(build.get("out-dir", "www/pkg")).replace("{target}", target_dir),
    "cfg_out_name": build.get("out-name", "pith"),
    "cfg_profile": profile,
    "cfg_typescript": "1" if build.get("typescript", True) else "0",
    "cfg_features": ",".join(features),
    "cfg_opt_enabled": "1" if opt.get("enabled", True) else "0",
}
for k, v in out.items():
    print(f"{k}={shlex.quote(str(v))}")
print("cfg_opt_args=(" + " ".join(shlex.quote(a) for a in args) + ")")
PY
)"
eval "$config"

out_dir="${out_dir_override:-$cfg_out_dir}"
case "$out_dir" in /*) ;; *) out_dir="$REPO_ROOT/$out_dir" ;; esac
if [ -n "$opt_override" ]; then
  if [ "$opt_override" = none ]; then cfg_opt_enabled=0; else read -r -a cfg_opt_args <<<"$opt_override"; fi
fi

# --- tools -----------------------------------------------------------------------------
command -v wasm-pack >/dev/null || die "wasm-pack not found (run scripts/setup.sh)"
# wasm-pack uses a wasm-bindgen on PATH only when its version equals the one in Cargo.lock;
# otherwise it would try to download one, which fails offline with a confusing message.
want_wb="$(awk '/^\[\[package\]\]/{p=0} /^name = "wasm-bindgen"$/{p=1;next} p&&/^version = /{gsub(/^version = "|"$/,"");print;exit}' Cargo.lock 2>/dev/null || true)"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
[ -n "$have_wb" ] || die "wasm-bindgen not found on PATH (run scripts/setup.sh)"
if [ -n "$want_wb" ] && [ "$want_wb" != "$have_wb" ]; then
  die "wasm-bindgen on PATH is $have_wb but Cargo.lock wants $want_wb (run scripts/setup.sh)"
fi
if [ "$cfg_opt_enabled" = 1 ]; then
  wasm_opt="$(command -v wasm-opt || true)"
  [ -n "$wasm_opt" ] || die "wasm-opt not found (npm ci installs binaryen into node_modules/.bin)"
  [ "$wasm_opt" = "$REPO_ROOT/node_modules/.bin/wasm-opt" ] \
    || die "wasm-opt on PATH is $wasm_opt, not node_modules/.bin/wasm-opt (run npm ci)"
  opt_version="$(wasm-opt --version | grep -oE 'version [0-9]+' | awk '{print $2}')"
  # 130 is the oldest binaryen known to work (package.json pins 132; Debian's 108 breaks the module).
  [ "${opt_version:-0}" -ge 130 ] || die "wasm-opt version ${opt_version:-unknown} is too old (need binaryen >= 130; npm ci installs the pinned one)"
fi

# --- wasm-pack -------------------------------------------------------------------------
wp_args=(build "$REPO_ROOT" --mode no-install --no-opt --no-pack
  --target "$cfg_target" --out-dir "$out_dir" --out-name "$cfg_out_name")
case "$cfg_profile" in
  release) wp_args+=(--release) ;;
  dev) wp_args+=(--dev) ;;
  profiling) wp_args+=(--profiling) ;;
esac
[ "$cfg_typescript" = 1 ] || wp_args+=(--no-typescript)
cargo_args=()
[ -n "$cfg_features" ] && cargo_args+=(--features "$cfg_features")

say "wasm-pack ${wp_args[*]}${cargo_args[*]:+ -- ${cargo_args[*]}} (CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-default})"
started=$SECONDS
wasm-pack --log-level warn "${wp_args[@]}" ${cargo_args[@]+-- "${cargo_args[@]}"}

wasm="$out_dir/${cfg_out_name}_bg.wasm"
[ -f "$wasm" ] || die "wasm-pack produced no $wasm"

# --- the glue's reset ------------------------------------------------------------------
# www/pith.js recovers from a trapped instance by instantiating the compiled module again
# with the same glue. The glue keeps the instance it talks to in a module-level `let wasm`
# (`let wasmModule, wasmInstance, wasm;` in wasm-bindgen 0.2.130)
# (its other caches, the memory views, are cleared by initSync itself), and initSync does
# nothing once that is set; this export clears it. Checked, so that a wasm-bindgen whose
# glue looks different fails the build here rather than the recovery in the browser.
glue="$out_dir/${cfg_out_name}.js"
[ -f "$glue" ] || die "wasm-pack produced no $glue"
grep -qE '^let (wasmModule, wasmInstance, )?wasm(;| =)' "$glue" || die "$glue has no module-level 'let wasm': the reset in this script needs updating for this wasm-bindgen"
grep -q 'if (wasm !== undefined) return wasm;' "$glue" || die "$glue: initSync no longer starts with 'if (wasm !== undefined) return wasm;': check the reset in this script"
cat >>"$glue" <<'JS'

/** Added by scripts/build-wasm.sh: forget the instance, so that the next initSync() makes a
 * fresh one (www/pith.js, after a call trapped). */
export function __pithReset() {
    wasm = undefined;
}
JS
if [ "$cfg_typescript" = 1 ] && [ -f "$out_dir/${cfg_out_name}.d.ts" ]; then
  printf '\n/** Added by scripts/build-wasm.sh: forget the instance, so that the next initSync() makes a fresh one. */\nexport function __pithReset(): void;\n' >>"$out_dir/${cfg_out_name}.d.ts"
fi

# --- wasm-opt --------------------------------------------------------------------------
if [ "$cfg_opt_enabled" = 1 ]; then
  say "wasm-opt ${cfg_opt_args[*]} ($(wasm-opt --version))"
  before=$(wc -c <"$wasm")
  wasm-opt "$wasm" -o "$wasm.opt" "${cfg_opt_args[@]}"
  mv -f "$wasm.opt" "$wasm"
  say "wasm-opt: $before -> $(wc -c <"$wasm") bytes"
else
  say "wasm-opt skipped"
fi
say "done in $((SECONDS - started))s: $out_dir"

if [ "$quiet" = 0 ] && command -v node >/dev/null; then
  node "$REPO_ROOT/scripts/size-report.mjs" "$out_dir" "$cfg_out_name"
fi
