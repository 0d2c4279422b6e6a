#!/bin/sh
# Runs ctg under valgrind for `make valgrind`: any leak or memory error makes the command
# exit 99, which the CLI tests see as a wrong exit code.
exec valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
  "$(dirname "$0")/../ctg" "$@"
