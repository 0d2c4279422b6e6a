#!/bin/bash
# End-to-end tests of the real binary: runs every tests/cli/t_*.sh with the helpers of lib.sh.
# Usage: tests/cli/run.sh CTG_BINARY [NAME…]: every file, or only t_NAME.sh for each NAME given
# (to iterate on one area). Ends with "cli: N passed, N failed, N skipped".
# A file that returns 77 (`return 77`, its reason in SKIP_REASON: no PostgreSQL here, …) is
# counted as one skipped file and its reason printed; the tests it ran before count as usual.
# CLI_JOBS=N (default: the number of cores, at most 4) runs N files at a time, each in its own
# process and temporary directory, their outputs printed whole in file order: under valgrind a
# run of ctg costs most of a second, and the files are independent.
CTG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CTG ROOT
unset CTG_PATH CTG_DB CTG_LANG

# names of the files to run: those given, else every t_*.sh
names="$*"
[ -n "$names" ] || names=$(cd "$ROOT/tests/cli" && ls t_*.sh | sed 's/^t_//; s/\.sh$//')
jobs=${CLI_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -gt 4 ] && jobs=4
if [ "$jobs" -gt 1 ] && [ "$(echo $names | wc -w)" -gt 1 ]; then
  logs=$(mktemp -d)
  # the longest files first (by size), so that the last to start are short ones
  order=$(for n in $names; do echo "$(wc -c < "$ROOT/tests/cli/t_$n.sh") $n"; done | sort -rn | cut -d' ' -f2)
  # shellcheck disable=SC2086
  printf '%s\n' $order | CLI_JOBS=1 xargs -P "$jobs" -I{} sh -c \
    'bash "$1" "$2" "$3" > "$4/$3.out" 2>&1' sh "$0" "$CTG" {} "$logs"
  passed=0; failed=0; skipped=0
  for n in $names; do
    grep -v '^cli: [0-9]* passed, [0-9]* failed, [0-9]* skipped$' "$logs/$n.out"
    line=$(grep '^cli: [0-9]* passed, [0-9]* failed, [0-9]* skipped$' "$logs/$n.out" | tail -1)
    if [ -z "$line" ]; then echo "FAIL t_$n.sh ended without its count"; failed=$((failed + 1)); continue; fi
    passed=$((passed + $(echo "$line" | sed 's/^cli: \([0-9]*\) passed.*/\1/')))
    failed=$((failed + $(echo "$line" | sed 's/.* \([0-9]*\) failed, .*/\1/')))
    skipped=$((skipped + $(echo "$line" | sed 's/.* \([0-9]*\) skipped$/\1/')))
  done
  rm -rf "$logs"
  echo "cli: $passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
  exit
fi

PASSED=0; FAILED=0; SKIPPED=0
. "$ROOT/tests/cli/lib.sh"
files=""
for n in $names; do files="$files $ROOT/tests/cli/t_$n.sh"; done
# a test file stopped half-way (a signal) never leaves its PostgreSQL servers running
trap 'pg_stop_all' EXIT
trap 'exit 130' INT TERM
for FILE in $files; do
  TMP=$(mktemp -d)
  export HOME="$TMP/home"; mkdir -p "$HOME"
  cd "$TMP" || exit 1
  SKIP_REASON=""
  . "$FILE"
  if [ $? -eq 77 ]; then
    SKIPPED=$((SKIPPED + 1)); echo "SKIP $(basename "$FILE"): ${SKIP_REASON:-sans raison donnée}"
  fi
  _judge
  pg_stop_all
  cd "$ROOT" || exit 1
  rm -rf "$TMP"
done
echo "cli: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
