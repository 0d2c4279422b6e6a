#!/bin/bash
# End-to-end tests of the real binary: runs every tests/cli/t_*.sh with the helpers of lib.sh.
# Usage: tests/cli/run.sh CTG_BINARY [NAME…]: every file, or only t_NAME.sh for each NAME given
# (to iterate on one area). Ends with "cli: N passed, N failed".
CTG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CTG ROOT
unset CTG_PATH CTG_DB
PASSED=0; FAILED=0
. "$ROOT/tests/cli/lib.sh"
files=""
for n in "$@"; do files="$files $ROOT/tests/cli/t_$n.sh"; done
[ -n "$files" ] || files=$(ls "$ROOT"/tests/cli/t_*.sh)
for FILE in $files; do
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
