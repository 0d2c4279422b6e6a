#!/bin/sh
# Runs ctg under valgrind for `make valgrind`: any leak or memory error makes the command
# exit 99, which the CLI tests see as a wrong exit code. The binary comes from
# CTG_UNDER_VALGRIND (set by `make valgrind`) so that a test which copies "the binary" — this
# wrapper — elsewhere still runs the real one.
exec valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
  "${CTG_UNDER_VALGRIND:-$(dirname "$0")/../ctg}" "$@"
