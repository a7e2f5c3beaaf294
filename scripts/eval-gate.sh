#!/usr/bin/env bash
# The evaluation gate (see scripts/eval_gate.py): quality floors and agreement with the
# reference scorer, on ../shared/datasets when present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --bin pith
python3 scripts/eval_gate.py "$@"
