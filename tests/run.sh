#!/bin/sh
# The whole test suite: C unit tests (cmocka), luacheck, Lua specs, end-to-end CLI tests.
# Usage: tests/run.sh CTG_BINARY C_TEST_DIR. Ends with one line "total: N passed, N failed,
# N skipped" (skipped: a test file that cannot run here, e.g. no PostgreSQL: never passed).
CTG="$1"; CDIR="$2"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
status=0
for t in "$CDIR"/test_*; do
  [ -x "$t" ] || continue
  # the test's own status, not tee's: a test that aborts (a sanitizer report, a crash)
  # before cmocka prints its summary is counted as a failure, never passed over
  out=$("$t" 2>&1); rc=$?
  printf '%s\n' "$out" | tee -a "$log"
  if [ "$rc" -ne 0 ]; then
    status=1
    printf '%s\n' "$out" | grep -q '^\[  FAILED  \] [0-9]* test' ||
      echo "[  FAILED  ] 1 test(s), listed below: $(basename "$t") stopped with status $rc" | tee -a "$log"
  fi
done
# lint of the project's own Lua (.luacheckrc): any warning fails the suite
if lint=$(cd "$ROOT" && luacheck --no-color -q stdlib scripts tests/lua 2>&1); then
  echo "luacheck: 1 passed, 0 failed" | tee -a "$log"
else
  echo "$lint"; echo "luacheck: 0 passed, 1 failed" | tee -a "$log"; status=1
fi
"$CTG" "$ROOT/tests/lua/run.lua" 2>&1 | tee -a "$log"; [ "$(tail -1 "$log" | grep -c ' 0 failed')" = 1 ] || status=1
bash "$ROOT/tests/cli/run.sh" "$CTG" 2>&1 | tee -a "$log"; [ "$(tail -1 "$log" | grep -c ' 0 failed')" = 1 ] || status=1
# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed below:"
passed=$(sed -n -e 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' -e 's/^[a-z]*: \([0-9]*\) passed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(sed -n -e 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' -e 's/^[a-z]*: [0-9]* passed, \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
skipped=$(sed -n -e 's/^[a-z]*: [0-9]* passed, [0-9]* failed, \([0-9]*\) skipped.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
rm -f "$log"
[ "$failed" -eq 0 ] || status=1
echo "total: $passed passed, $failed failed, $skipped skipped"
exit $status
