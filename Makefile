# The two commands: `make run` opens the app, `make test` runs every test.
# Both install missing system packages first (apt-get; sudo when not root).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
TAURI_CLI_VERSION := 2.12.4
XVFB := $(if $(DISPLAY),,xvfb-run -a -s "-screen 0 1400x900x24")

.PHONY: run test unit e2e e2e-offline build deps test-deps bundle lint fmt bench icons

run: deps
	cargo run -p prep-hub

# --show-output: the tests that try to break the app print what they tried (kills survived,
# payloads, corpus inputs, refused writes), passed or not.
test: test-deps build
	cargo test --workspace --exclude prep-hub-e2e -- --show-output
	$(XVFB) cargo test -p prep-hub-e2e -- --test-threads=1 --show-output
	$(MAKE) --no-print-directory e2e-offline

# Every screen, and the injection test, again in a network namespace with nothing but a
# loopback interface (tauri-driver talks to the test over it): no network at all.
NO_NETWORK := $(if $(filter 0,$(shell id -u)),unshare --net,unshare --user --map-root-user --net)
e2e-offline: build
	$(NO_NETWORK) bash -c 'ip link set lo up && echo "interfaces in the test namespace: $$(ip -o link | cut -d: -f2 | tr -d " " | tr "\n" " ")" && \
	  if (exec 3<>/dev/tcp/192.0.2.1/80) 2>/dev/null; then echo "the namespace reaches the network"; exit 1; fi && \
	  xvfb-run -a -s "-screen 0 1400x900x24" cargo test --offline -p prep-hub-e2e -- screens:: injection:: --test-threads=1'

unit:
	cargo test --workspace --exclude prep-hub-e2e

e2e: test-deps build
	$(XVFB) cargo test -p prep-hub-e2e -- --test-threads=1

build:
	cargo build -p prep-hub

deps:
	@.ci/deps.sh run

test-deps:
	@.ci/deps.sh test

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

# Builds a .deb with Tauri's bundler (tauri-cli pinned, from crates.io).
bundle: deps
	@command -v cargo-tauri >/dev/null && cargo tauri --version | grep -q "$(TAURI_CLI_VERSION)" \
		|| cargo install tauri-cli --version $(TAURI_CLI_VERSION) --locked
	cd src-tauri && cargo tauri build --bundles deb
	@ls -1 target/release/bundle/deb/*.deb

# Regenerates every icon size from icons/icon.svg.
icons:
	rsvg-convert -w 1024 -h 1024 icons/icon.svg -o icons/icon-source.png
	cd src-tauri && cargo tauri icon ../icons/icon-source.png -o $(CURDIR)/target/icons
	cp target/icons/{32x32,64x64,128x128,128x128@2x,icon}.png target/icons/icon.{icns,ico} icons/

# Prints the figures of the README's performance table: packs and search, practice, planner.
bench:
	cargo bench -p prep-hub --bench packs --bench practice --bench planner --bench startup

# Long fuzzing runs (nightly Rust and cargo-fuzz, installed when missing): each target for
# FUZZ_SECONDS (15 minutes by default), at most 1 s and 2 GiB per input. New corpus entries
# land in src-tauri/fuzz/corpus/, crashes in src-tauri/fuzz/artifacts/; `make test` replays both.
FUZZ_SECONDS ?= 900
FUZZ_TARGETS := pack markdown search backup
.PHONY: fuzz fuzz-deps fuzz-one
fuzz-deps: deps
	@rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

fuzz: fuzz-deps
	cd src-tauri && for t in $(FUZZ_TARGETS); do \
	  cargo +nightly fuzz run $$t fuzz/corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -timeout=1 -rss_limit_mb=2048 || exit 1; \
	done

# Replays one input: make fuzz-one TARGET=pack INPUT=path
fuzz-one: fuzz-deps
	cd src-tauri && cargo +nightly fuzz run $(TARGET) $(abspath $(INPUT))

# Start-up and memory beside an empty Tauri window (release builds; about 20 minutes the first time).
.PHONY: bench-startup bench-screens bench-peer
bench-startup: test-deps
	python3 bench/startup.py --runs $(or $(RUNS),10)
# Screen switches with OpenGL and with software compositing (release build).
bench-screens: test-deps
	python3 bench/screens.py --sessions $(or $(SESSIONS),4)
bench-peer:
	python3 bench/peer.py $(if $(SIZES),--sizes $(SIZES),)
