#!/bin/sh
# Run the libFuzzer harnesses: tests/fuzz/run.sh BUILD_DIR SECONDS NAME…
# Each harness starts from a seed corpus: the example's and the fixtures' files of its kind,
# a plan exported as YAML, and the hand-made seeds of tests/fuzz/corpus/NAME/. The corpus is
# a scratch copy in BUILD_DIR (libFuzzer adds the inputs it finds there). Exit non-zero on
# the first harness that finds a crash, a leak or a sanitizer report.
BUILD="$1"; SECONDS_EACH="$2"; shift 2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
seed() { # seed NAME FILE…: copy files into the corpus of NAME
  name=$1; shift
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$BUILD/corpus/$name/$(echo "$f" | tr '/' '_')"; done
}
status=0
for name in "$@"; do
  rm -rf "$BUILD/corpus/$name" && mkdir -p "$BUILD/corpus/$name"
  [ -d "tests/fuzz/corpus/$name" ] && cp tests/fuzz/corpus/"$name"/* "$BUILD/corpus/$name/" 2>/dev/null
  case "$name" in
    csv|csv_dialect) seed "$name" $(find examples tests/fixtures -name '*.csv');;
    # (not tests/fixtures/contain/limits/: plans made to outlive their limit, which the
    # watchdog ends the process for)
    plan_lua) seed "$name" examples/*/plan.lua tests/fixtures/plans/*.lua tests/fixtures/*/plan.lua \
                $(find tests/fixtures/contain/outcome tests/fixtures/contain/terminal -name '*.lua');;
    amend) seed "$name" tests/fixtures/amend/*.lua $(find tests/fixtures/contain/amend-loop -name '*.lua');;
    workbook) seed workbook $(find tests/fixtures/workbooks -name '*.xlsx' -o -name '*.ods');;
    source) seed source $(grep -l "^source " $(find tests/fixtures examples -name "*.lua") 2>/dev/null);;
    yaml_stream) seed "$name" $(find examples tests/fixtures -name '*.yaml');;
  esac
  # the plans exported as YAML (by the ctg that make test built, when there is one)
  case "$name" in
    yaml_roundtrip|plan_yaml)
      seed "$name" $(find examples tests/fixtures -name '*.yaml')
      for p in examples/*/plan.lua tests/fixtures/plans/*.lua tests/fixtures/*/plan.lua; do
        [ -f "$p" ] && [ -x ./ctg ] && ./ctg export "$p" -o "$BUILD/corpus/$name/$(echo "$p" | tr '/' '_').yaml" 2>/dev/null
      done;;
  esac
  echo "fuzz: $name for ${SECONDS_EACH} s ($(ls "$BUILD/corpus/$name" | wc -l) seeds)"
  (cd "$BUILD" && ./fuzz_"$name" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
     -max_len=65536 -print_final_stats=1 "corpus/$name" 2>"fuzz_$name.log") || {
    status=1
    echo "fuzz: $name FAILED — see $BUILD/fuzz_$name.log and the crash-*/leak-* input there"
    grep -aE "ERROR|SUMMARY|fuzz: " "$BUILD/fuzz_$name.log" | head -20
  }
  grep -aE "stat::number_of_executed_units" "$BUILD/fuzz_$name.log" | sed "s/^/fuzz: $name /"
done
[ "$status" -eq 0 ] && echo "fuzz: all harnesses clean"
exit $status
