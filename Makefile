# ctg — build, test and install. `make demo` and `make test` are the README's two commands;
# both install missing Debian packages first (`make deps`), then re-enter make so that
# pkg-config sees the freshly installed libraries.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS    := lua5.4 sqlite3 yaml-0.1 libedit xlsxwriter libzip expat libpq
DEBS    := gcc make pkg-config liblua5.4-dev lua5.4 libsqlite3-dev sqlite3 libyaml-dev \
           libcmocka-dev libedit-dev valgrind time faketime libxlsxwriter-dev \
           libzip-dev libexpat1-dev postgresql libpq-dev \
           chromium poppler-utils python3 python3-yaml python3-openpyxl git lua-check
# make fuzz: libFuzzer comes with clang
DEBS    += clang libclang-rt-14-dev

OPT     ?= -O2 -g
SAN     ?=
CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(SAN) \
           -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -Ihost -I$(BUILD)
# libxlsxwriter is opened when a workbook is first written (host/xlsx.c): not linked
LDLIBS  := $(shell pkg-config --libs $(filter-out xlsxwriter,$(PKGS)) 2>/dev/null) -lm -pthread
XLSX_SONAME := $(shell readelf -d "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | \
               sed -n 's/.*soname: \[\(.*\)\]/\1/p')
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

HOST_SRC := $(sort $(shell find host -name '*.c' -not -path 'host/tools/*'))
HOST_HDR := $(shell find host -name '*.h')
HOST_OBJ := $(HOST_SRC:host/%.c=$(BUILD)/%.o) $(BUILD)/stdlib_data.o
LIB_OBJ  := $(filter-out $(BUILD)/main.o,$(HOST_OBJ))
STDLIB   := $(sort $(shell find stdlib -name '*.lua' 2>/dev/null))
# the stock report scripts travel inside the binary too: a project's thin scripts run them
SCRIPTS  := $(sort $(wildcard scripts/*.lua))
CTESTS   := $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/c/test_*.c)))
BIN      ?= ctg

.PHONY: all deps demo test check valgrind scale bench eval-golden install clean tests-bin fuzz fuzz-bin

all: $(BIN)

$(BIN): $(HOST_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# (VERSION: every object is compiled with CTG_VERSION)
$(BUILD)/%.o: host/%.c $(HOST_HDR) VERSION | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DCTG_VERSION='"$(VERSION)"' -DCTG_XLSX_SONAME='"$(or $(XLSX_SONAME),libxlsxwriter.so)"' -c -o $@ $<

# The stdlib is compiled into the binary: a generated C file holds every stdlib/**/*.lua.
# (compiled with the Lua library ctg links with: it writes the stdlib's bytecode)
$(BUILD)/embed: host/tools/embed.c | $(BUILD)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror $(shell pkg-config --cflags lua5.4) -o $@ $< \
	  $(shell pkg-config --libs lua5.4) -lm

$(BUILD)/stdlib_data.c: $(BUILD)/embed $(STDLIB) $(SCRIPTS)
	$(BUILD)/embed $(STDLIB) $(SCRIPTS) > $@.tmp && mv $@.tmp $@

$(BUILD)/stdlib_data.o: $(BUILD)/stdlib_data.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/tests/%: tests/c/%.c $(LIB_OBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

tests-bin: $(BIN) $(CTESTS)

deps:
	@sh tests/deps.sh $(DEBS)

# the demo says what it does, not how the compiler is called (errors still show)
demo: deps
	@echo "== compilation de ctg"
	@$(MAKE) --no-print-directory -s all
	@sh examples/demo.sh ./$(BIN)

test: deps
	@$(MAKE) --no-print-directory tests-bin
	@sh tests/run.sh ./$(BIN) $(BUILD)/tests

# Same suite, built with AddressSanitizer and UBSan in a separate build tree
# (verify_asan_link_order=0: the tests that fix the clock preload faketime before ASan;
# allocator_may_return_null=1: an impossible size fails as with the C library, NULL, so
# that the paths that handle it are tested rather than the sanitizer aborting).
check: deps
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/ctg OPT="-O1 -g -fno-omit-frame-pointer" \
	   SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" tests-bin
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:verify_asan_link_order=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	   sh tests/run.sh build/asan/ctg build/asan/tests

# The end-to-end tests with every ctg run under valgrind (leaks and memory errors fail them).
# A run of ctg under valgrind costs most of a second before it does anything, and the test
# files wait on locks and timeouts: one more file at a time than there are cores.
# VALGRIND_TESTS: some test files only (names as in tests/cli/t_NAME.sh; default all).
VALGRIND_JOBS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
VALGRIND_TESTS ?=
valgrind: deps
	@$(MAKE) --no-print-directory all
	@CTG_UNDER_VALGRIND=$(CURDIR)/$(BIN) CLI_JOBS=$(VALGRIND_JOBS) bash tests/cli/run.sh tests/valgrind-ctg.sh $(VALGRIND_TESTS)

# 1 000 000 generated observations imported and evaluated under ulimit -v 262144 (256 Mo):
# not timed, about a minute, so outside make test (.ci/run runs it). SCALE_ROWS changes the
# number of observations.
SCALE_ROWS ?= 1000000
scale: deps
	@$(MAKE) --no-print-directory all
	@sh tests/scale/run.sh ./$(BIN) $(SHARED_BENCH) $(SCALE_ROWS)

# Fuzzing (libFuzzer, clang): each harness of tests/fuzz/ runs FUZZ_SECONDS (default 60)
# under ASan + UBSan, from a seed corpus of the example's and the fixtures' files plus the
# hand-made seeds of tests/fuzz/corpus/NAME/ (the workbook reader: tests/fixtures/workbooks/). A crash, leak or sanitizer report fails it;
# the input that caused it is left in build/fuzz/ (crash-*, leak-*).
FUZZ_SECONDS ?= 60
FUZZERS      := csv yaml_stream yaml_roundtrip plan_yaml plan_lua amend csv_dialect workbook source
FUZZ_BINS    := $(FUZZERS:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_lua.h $(LIB_OBJ)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) $(LDLIBS)

fuzz-bin: $(FUZZ_BINS)

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT="-O1 -g -fno-omit-frame-pointer" \
	   SAN="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all" fuzz-bin
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZERS)

# The reference floor of `make bench`, shared by the projects beside the repository and used
# as it is (not ours to fix: no -Werror).
SHARED_BENCH ?= ../shared/bench
$(BUILD)/limit_import: $(SHARED_BENCH)/limit_import.c | $(BUILD)
	$(CC) -std=c11 -O2 -o $@ $< $(shell pkg-config --cflags --libs sqlite3 yaml-0.1 2>/dev/null)

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/limit_import
	@sh tests/bench/run.sh ./$(BIN) $(BUILD)/limit_import $(SHARED_BENCH)

# Rewrite the golden values tests/cli/t_eval_golden.sh compares with (after a change meant to
# change values: review the diff before committing it).
eval-golden: all
	@sh tests/fixtures/eval-golden/make.sh ./$(BIN) tests/fixtures/eval-golden

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ctg

clean:
	rm -rf build $(BIN)
