#!/usr/bin/env bash
# A bounded run of the fuzz targets (fuzz/fuzz_targets/), part of `make test`:
#
#   bash scripts/fuzz.sh                    20,000 inputs through each target, seed 1
#   bash scripts/fuzz.sh --runs 200000      more
#   bash scripts/fuzz.sh --explore 600      a random seed, for 600 s (while working on it)
#
# The run in `make test` is fixed (a seed and a number of inputs, not a time): a clean clone
# explores the same inputs on every machine, so main does not turn red because one run was
# luckier than the last; --explore looks further. Either way --seconds caps the time
# (default 600 s per target) and a run that hits it still passes.
#
# Stable Rust, libFuzzer with its coverage instrumentation passed by hand (fuzz/README.md says
# why no nightly or cargo-fuzz); built into $CARGO_TARGET_DIR/fuzz (default target/fuzz).
#
# The corpus starts from pages that reach deep into the code: every fixture, every page of the
# browser's hostile corpus (tests/browser/hostile.mjs, written out by node), and the regression
# inputs in fuzz/regressions/<target>/ (each a crash or a failure once found, kept for good).
# libFuzzer adds what it finds to fuzz/corpus/<target>/ (git-ignored), which the browser's
# parser differential (tests/browser/differential.test.mjs) also reads.
#
# A crash, a failed invariant or an input slower than 10 s fails the run; the input lands in
# fuzz/artifacts/<target>/. Copy it into fuzz/regressions/<target>/ with the fix: from then on
# `cargo test --test robustness` replays it too.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

die() { echo "fuzz: error: $*" >&2; exit 1; }
say() { echo "==> [fuzz] $*"; }

runs=20000
seed=1
seconds=600
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs="$2"; shift 2 ;;
    --runs=*) runs="${1#*=}"; shift ;;
    --explore) [ $# -ge 2 ] || die "--explore needs seconds"; seconds="$2"; runs=-1; seed=0; shift 2 ;;
    --explore=*) seconds="${1#*=}"; runs=-1; seed=0; shift ;;
    --seconds) [ $# -ge 2 ] || die "--seconds needs a number"; seconds="$2"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -ge 3 ] || die "--seconds must be a whole number >= 3, not $seconds"
[[ "$runs" =~ ^-?[0-9]+$ ]] || die "--runs must be a whole number, not $runs"

command -v c++ >/dev/null || die "no C++ compiler (libFuzzer is built from source): apt-get install g++"
host="$(rustc -vV | awk '/^host:/ {print $2}')"
target_dir="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
case "$target_dir" in /*) ;; *) target_dir="$REPO_ROOT/$target_dir" ;; esac
target_dir="$target_dir/fuzz"

# libFuzzer's coverage instrumentation, by hand (what cargo-fuzz passes, minus the sanitizer);
# --target keeps the flags off build scripts and proc macros.
say "building the fuzz targets (stable, $host, into $target_dir)"
started=$SECONDS
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo build --quiet --release --bins --manifest-path fuzz/Cargo.toml --target "$host" --target-dir "$target_dir"
say "built in $((SECONDS - started)) s"
bin="$target_dir/$host/release"

# Seeds: the fixtures and the hostile pages (written out fresh each run).
seeds="$target_dir/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
for d in tests/fixtures/*/; do cp "$d/source.html" "$seeds/fixture-$(basename "$d").html"; done
if command -v node >/dev/null; then
  node --input-type=module -e "
    import fs from 'node:fs';
    const { hostilePages } = await import('$REPO_ROOT/tests/browser/hostile.mjs');
    for (const p of hostilePages()) fs.writeFileSync('$seeds/hostile-' + p.name + '.html', p.html);
  "
fi
mkdir -p fuzz/regressions/extract fuzz/regressions/readerable
say "$(ls "$seeds" | wc -l) seed pages, $(ls fuzz/regressions/extract fuzz/regressions/readerable | grep -vc ':$\|^$') regression inputs"

run() { # target corpus-dirs...
  local name="$1" secs="$seconds"
  shift
  mkdir -p "fuzz/corpus/$name" "fuzz/artifacts/$name"
  local log="$target_dir/$name.log"
  say "$name: $([ "$runs" -ge 0 ] && echo "$runs inputs, seed $seed, at most ${secs} s" || echo "${secs} s, a random seed")"
  # -timeout: an input slower than 10 s is a finding (time that grows with the square of the
  # page). -rss_limit_mb: a blow-up in memory is one too. The first corpus dir gets new inputs.
  if ! "$bin/$name" "fuzz/corpus/$name" "$@" -runs="$runs" -seed="$seed" -max_total_time="$secs" -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$name/" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    die "$name found a failing input (above; saved under fuzz/artifacts/$name/): fix it and keep the input in fuzz/regressions/$name/"
  fi
  local execs corpus
  execs="$(awk '/stat::number_of_executed_units/ {print $NF}' "$log")"
  corpus="$(ls "fuzz/corpus/$name" | wc -l)"
  local took
  took="$(awk '/^Done [0-9]+ runs in/ {print $5}' "$log")"
  say "$name: ${execs:-?} executions in ${took:-?} s, no failure; corpus now $corpus inputs"
  echo "$name executions=${execs:-0} seconds=${took:-?} corpus=$corpus" >>"$target_dir/summary.txt"
}

rm -f "$target_dir/summary.txt"
run extract "$seeds" fuzz/regressions/extract
run readerable "$seeds" fuzz/regressions/readerable
