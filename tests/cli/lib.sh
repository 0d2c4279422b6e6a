# CLI test helpers, sourced by tests/cli/run.sh before each tests/cli/t_*.sh file.
#   t "name"                    start a test (the previous one is judged)
#   run CMD ARGS…               run CMD, capture $out, $err, $rc (stdin from /dev/null)
#   run_in "INPUT" CMD ARGS…    same with INPUT on stdin
#   expect_rc N
#   expect_out "TEXT" / expect_err "TEXT"        output contains TEXT (fixed string)
#   expect_out_eq "TEXT"                        stdout is exactly TEXT (trailing newline trimmed)
#   expect_no_out "TEXT" / expect_no_err "TEXT" output does not contain TEXT
#   copy_with SRC OUT OLD NEW [OLD NEW…]        a copy of SRC with literal replacements
#   pg_start                    a private PostgreSQL server for this file: $PG_URL, stopped by
#                               the runner when the file ends (tests/pg/server.sh)
#   $CTG is the binary under test, $ROOT the repository, $TMP a per-file temp directory.
# A file that cannot run here ends with `return 77` after setting SKIP_REASON: the runner counts
# it as skipped (with its reason), never as passed. `pg_start || return 77` does both.
NB=$(printf '\342\200\257')   # U+202F, the French thousands and unit separator
_cur=""; _bad=0
_judge() {
  [ -n "$_cur" ] || return 0
  if [ "$_bad" -eq 0 ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
  _cur=""
}
t() { _judge; _cur="$1"; _bad=0; }
_fail() {
  _bad=1
  echo "FAIL $FILE :: $_cur: $*"
  echo "     rc=$rc"; echo "$out" | head -20 | sed 's/^/     out| /'; echo "$err" | head -20 | sed 's/^/     err| /'
}
run() { out=$("$@" 2>"$TMP/.err" </dev/null); rc=$?; err=$(cat "$TMP/.err"); }
run_in() { _in="$1"; shift; out=$(printf '%s' "$_in" | "$@" 2>"$TMP/.err"); rc=$?; err=$(cat "$TMP/.err"); }
expect_rc() { [ "$rc" = "$1" ] || _fail "exit code $rc, expected $1"; }
expect_out() { case "$out" in *"$1"*) ;; *) _fail "stdout lacks: $1";; esac; }
expect_err() { case "$err" in *"$1"*) ;; *) _fail "stderr lacks: $1";; esac; }
expect_no_out() { case "$out" in *"$1"*) _fail "stdout has: $1";; esac; }
expect_no_err() { case "$err" in *"$1"*) _fail "stderr has: $1";; esac; }
expect_out_eq() { [ "$out" = "$1" ] || _fail "stdout is not exactly: $1"; }
pg_start() {
  PG_URL=$(bash "$ROOT/tests/pg/server.sh" start --owner $$ 2>"$TMP/.pg-err")
  if [ $? -ne 0 ] || [ -z "$PG_URL" ]; then SKIP_REASON=$(tail -1 "$TMP/.pg-err"); return 1; fi
  echo "$PG_URL" >> "$TMP/.pg-servers"
}
# the servers this file started, stopped (the runner calls it after each file and on exit)
pg_stop_all() {
  [ -f "$TMP/.pg-servers" ] || return 0
  while read -r u; do bash "$ROOT/tests/pg/server.sh" stop "$u" 2>/dev/null; done < "$TMP/.pg-servers"
  rm -f "$TMP/.pg-servers"
}
# copy_with SRC OUT OLD NEW [OLD NEW…]: a copy of SRC with literal replacements (each OLD
# must be found)
copy_with() {
  src=$1; dst=$2; shift 2
  EDITS=""; for e in "$@"; do EDITS="$EDITS$e$(printf '\036')"; done
  EDITS="$EDITS" SRC="$src" OUT="$dst" "$CTG" -e '
    local a = {}
    for w in (os.getenv("EDITS") or ""):gmatch("([^\30]*)\30") do a[#a + 1] = w end
    local f = assert(io.open(os.getenv("SRC"))); local s = f:read("a"); f:close()
    for i = 1, #a, 2 do
      local x, y = s:find(a[i], 1, true); assert(x, "edit not found: " .. a[i])
      s = s:sub(1, x - 1) .. a[i + 1] .. s:sub(y + 1)
    end
    f = assert(io.open(os.getenv("OUT"), "w")); f:write(s); f:close()'
}
