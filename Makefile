# Pith: build and test natively and as WebAssembly.
#
#   make setup   install toolchain pieces (scripts/setup.sh; idempotent, fast when warm)
#   make build   setup + native release build + wasm build
#   make serve   build + serve www/ on http://127.0.0.1:8080/
#   make test    setup + cargo tests + wasm/browser tests + eval gate (those present)
#   make eval    native release build + eval gate (when ../shared/datasets exists)

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

# Run an optional script, or announce loudly that it is not there yet.
# $(call optional,script,label)
define optional
	@if [ -f "$(1)" ]; then \
	  echo "==> [make] $(2): bash $(1)"; \
	  bash "$(1)"; \
	else \
	  echo "############################################################"; \
	  echo "### SKIPPED: not present yet: $(1) ($(2))"; \
	  echo "############################################################"; \
	fi
endef

.PHONY: all setup build build-native build-wasm serve test test-rust test-wasm test-browser eval-gate eval clean

all: build

setup:
	bash scripts/setup.sh

build: setup
	$(MAKE) build-native
	$(MAKE) build-wasm

build-native:
	cargo build --release

build-wasm:
	@if [ -f scripts/build-wasm.sh ]; then \
	  echo "==> [make] wasm build: bash scripts/build-wasm.sh"; \
	  bash scripts/build-wasm.sh; \
	else \
	  echo "############################################################"; \
	  echo "### wasm build not yet present (scripts/build-wasm.sh missing)"; \
	  echo "############################################################"; \
	fi

serve: build
	node scripts/serve.mjs --root www --port $(PORT) --host $(HOST)

test: setup
	$(MAKE) test-rust
	$(MAKE) test-wasm
	$(MAKE) test-browser
	$(MAKE) eval-gate

test-rust:
	cargo test --release --all-targets

test-wasm:
	$(call optional,scripts/test-wasm.sh,wasm tests)

test-browser:
	$(call optional,scripts/test-browser.sh,browser tests)

eval-gate:
	$(call optional,scripts/eval-gate.sh,eval gate)

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
