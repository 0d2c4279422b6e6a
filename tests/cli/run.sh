#!/bin/bash
# End-to-end tests of the real binary: runs every tests/cli/t_*.sh with the helpers of lib.sh.
# Usage: tests/cli/run.sh CTG_BINARY. Ends with "cli: N passed, N failed".
CTG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CTG ROOT
unset CTG_PATH CTG_DB
PASSED=0; FAILED=0
. "$ROOT/tests/cli/lib.sh"
for FILE in "$ROOT"/tests/cli/t_*.sh; do
  TMP=$(mktemp -d)
  export HOME="$TMP/home"; mkdir -p "$HOME"
  cd "$TMP" || exit 1
  . "$FILE"
  _judge
  cd "$ROOT" || exit 1
  rm -rf "$TMP"
done
echo "cli: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
