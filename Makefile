# trackscope: the two set-up commands are `make run` and `make test`.
# Both install missing system packages first (libncurses-dev to build; tmux, and ncurses-term's
# xterm-direct, for the terminal tests).

SWIFT ?= swift
BUILD_PACKAGES = libncurses-dev pkg-config
TEST_PACKAGES = $(BUILD_PACKAGES) tmux jq ncurses-term
BENCH_PACKAGES = $(TEST_PACKAGES) wrk hyperfine bc curl

.PHONY: run test build release fuzz bench bench-parse bench-log bench-collect bench-request bench-inspect bench-replay bench-ui bench-theme clean system-packages-build system-packages-test system-packages-bench

run: system-packages-build
	$(SWIFT) build -c release --product trackscope
	.build/release/trackscope $(ARGS)

# The in-process tests first, then those that run the built binary (CLI, collector, the UI in
# tmux), so that the terminal tests do not share the two cores with the fuzzing and server tests.
test: system-packages-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip trackscopeTests
	$(SWIFT) test --skip-build --filter trackscopeTests

build: system-packages-build
	$(SWIFT) build

release: system-packages-build
	$(SWIFT) build -c release

# Fuzzing: every reader of outside bytes, FUZZ_SECONDS in all (default 10 minutes); prints the
# inputs tried and the crashes found per target, and keeps each input that broke something.
FUZZ_SECONDS ?= 600
fuzz: system-packages-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

# Benchmarks print their figures and a ratio against a baseline measured in the same run.
bench: bench-parse bench-log bench-request bench-collect bench-inspect bench-replay bench-ui

bench-parse: system-packages-build
	$(SWIFT) build -c release --product ParseBenchmark
	.build/release/ParseBenchmark $(ARGS)

bench-theme: system-packages-build
	$(SWIFT) build -c release --product ThemeParseBenchmark
	.build/release/ThemeParseBenchmark $(ARGS)

bench-log: system-packages-bench
	Benchmarks/capture-log.sh $(ARGS)

bench-request: system-packages-build
	$(SWIFT) build -c release --product RequestPathBenchmark
	.build/release/RequestPathBenchmark $(ARGS)

bench-collect: system-packages-bench
	Benchmarks/collector.sh $(ARGS)

bench-inspect: system-packages-bench
	Benchmarks/inspection.sh $(ARGS)

bench-replay: system-packages-bench
	Benchmarks/replay.sh $(ARGS)

bench-ui: system-packages-build
	Benchmarks/inspector.sh $(ARGS)

system-packages-build:
	@scripts/ensure-system-packages $(BUILD_PACKAGES)

system-packages-test:
	@scripts/ensure-system-packages $(TEST_PACKAGES)

system-packages-bench:
	@scripts/ensure-system-packages $(BENCH_PACKAGES)

clean:
	rm -rf .build
