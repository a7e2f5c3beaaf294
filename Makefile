# Pith: build and test natively and as WebAssembly.
#
#   make setup   install toolchain pieces (scripts/setup.sh; idempotent, fast when warm)
#   make build   setup + native release build + wasm build
#   make serve   build + serve www/ on http://127.0.0.1:8080/
#   make site    the demo, bookmarklet and wasm as a static folder, dist/site/ (any static host)
#   make package the npm package, dist/npm/ (npm install ./dist/npm)
#   make test    setup + cargo tests + bounded fuzzing + wasm tests (Node, Chromium) + browser tests + eval gate
#   make eval    native release build + eval gate (when ../shared/datasets exists)
#   make eval-pages  rewrite tests/eval-pages/ (per-page results) from this build

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# Never let playwright fetch its own browsers: Debian's /usr/bin/chromium is used.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

HOST ?= 127.0.0.1
PORT ?= 8080
DATASETS ?= ../shared/datasets


# .PHONY below
.PHONY: site package extension all setup build build-native build-wasm serve test test-rust test-fuzz test-wasm test-browser test-linear eval-gate eval-pages eval clean

all: build

setup:
	bash scripts/setup.sh

build: setup
	$(MAKE) build-native
	$(MAKE) build-wasm

build-native:
	cargo build --release

build-wasm:
	bash scripts/build-wasm.sh

extension: setup
	$(MAKE) build-wasm
	node scripts/build-extension.mjs

site: setup
	$(MAKE) build-wasm
	node scripts/build-site.mjs

package: setup
	$(MAKE) build-wasm
	node scripts/build-npm.mjs

serve: build
	node scripts/serve.mjs --root www --port $(PORT) --host $(HOST)

test: setup
	$(MAKE) test-rust
	$(MAKE) test-fuzz
	$(MAKE) test-linear
	$(MAKE) test-wasm
	$(MAKE) test-browser
	$(MAKE) eval-gate

test-rust:
	cargo test --release --all-targets

# A bounded fuzz run (scripts/fuzz.sh: the extract and readerable targets, 20,000 inputs each
# from seed 1, the same on every machine); FUZZ_RUNS=200000 make test-fuzz runs longer. Its
# corpus feeds the browser's parser differential.
FUZZ_RUNS ?= 20000
test-fuzz:
	bash scripts/fuzz.sh --runs $(FUZZ_RUNS)

# Every generated page shape at 20 MB within a generous bound: catches time that grows with the
# square of the page (scripts/bench-linear.py prints the whole curve).
test-linear:
	cargo build --release --bin pith
	python3 scripts/bench-linear.py --check --sizes 20 --pith target/release/pith

test-wasm:
	bash scripts/test-wasm.sh

test-browser:
	bash scripts/test-browser.sh

eval-gate:
	bash scripts/eval-gate.sh

# Rewrites tests/eval-pages/<set>.tsv (per-page P/R/F1) from this build; commit them with the
# change that moved them (`python3 scripts/f1_moved.py` lists the pages that moved).
eval-pages:
	bash scripts/eval-gate.sh --write-pages

eval:
	cargo build --release
	@if [ -d "$(DATASETS)" ]; then \
	  $(MAKE) eval-gate; \
	else \
	  echo "############################################################"; \
	  echo "### SKIPPED: eval: $(DATASETS) does not exist"; \
	  echo "############################################################"; \
	fi

clean:
	cargo clean
