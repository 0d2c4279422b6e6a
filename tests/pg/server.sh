#!/bin/bash
# A private PostgreSQL server for the tests (issue 28): nothing of the machine's own clusters
# is used nor touched.
#
#   tests/pg/server.sh start [--owner PID]   prints the connection URL on stdout, exit 0
#   tests/pg/server.sh stop DIR|URL          stops the server and removes its folder
#   tests/pg/server.sh available             exit 0 when a server can be started here
#
# start: initdb into a new temporary folder (mktemp -d under $TMPDIR, else /tmp), a superuser
# `ctg` trusted on that folder's Unix socket only (authentication is the folder's
# permissions), TCP on 127.0.0.1 alone at a port found free, fsync and synchronous commit
# off (the data is thrown away), a database `ctg`. The URL names the socket folder:
#   postgresql:///ctg?host=/tmp/ctg-pg.XXXX&port=PORT&user=ctg
# so two servers started at once never share anything (each its folder, socket and port).
# --owner PID: a watcher stops the server and removes its folder when PID ends, so that a
# test killed half-way never leaves a server behind (lib.sh's pg_start passes its shell).
#
# Exit codes: 0 done; 2 usage; 77 no PostgreSQL can start here (no initdb, or it failed: the
# reason on stderr), which the test runners count as skipped, never as passed.
# As root (initdb refuses root), the server runs as the user `postgres` (else `nobody`).
set -u
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
SKIP=77

die_skip() { echo "tests/pg/server.sh: PostgreSQL indisponible : $*" >&2; exit $SKIP; }
usage() { echo "usage : tests/pg/server.sh start [--owner PID] | stop DIR|URL | available" >&2; exit 2; }

# the user the server runs as, and how to run a command as that user
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  for u in postgres nobody; do
    if id "$u" >/dev/null 2>&1; then as_server=(runuser -u "$u" --); server_user=$u; break; fi
  done
  [ ${#as_server[@]} -gt 0 ] || die_skip "root, et ni postgres ni nobody pour lancer le serveur"
fi

available() {
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] || return 1
  command -v psql >/dev/null 2>&1 || return 1
}

# a TCP port of 127.0.0.1 that nothing listens on (the server's start confirms it)
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}

# the folder of a URL (host=…) or the folder itself
dir_of() {
  case "$1" in
    postgresql://*) printf '%s\n' "$1" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p' ;;
    *) printf '%s\n' "$1" ;;
  esac
}

stop() {
  local dir
  dir=$(dir_of "$1")
  # only a folder this script made: it holds our marker
  [ -n "$dir" ] && [ -f "$dir/ctg-pg-server" ] || { echo "tests/pg/server.sh: $1 n'est pas un serveur de test" >&2; return 2; }
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_server[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$dir"
}

start() {
  local owner="" dir port url
  while [ $# -gt 0 ]; do
    case "$1" in
      --owner) [ $# -ge 2 ] || usage; owner=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  available || die_skip "pas d'initdb ni de pg_ctl (paquet postgresql : make deps)"
  dir=$(mktemp -d "${TMPDIR:-/tmp}/ctg-pg.XXXXXX") || die_skip "mktemp"
  touch "$dir/ctg-pg-server"
  # a start interrupted or failed half-way leaves nothing behind
  trap 'stop "$dir" 2>/dev/null; exit 130' INT TERM
  trap '[ -n "${started:-}" ] || stop "$dir" 2>/dev/null' EXIT
  [ -n "${server_user:-}" ] && chown "$server_user" "$dir"
  chmod 700 "$dir"
  "${as_server[@]}" "$PGBIN/initdb" -D "$dir/data" -U ctg --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 \
    || die_skip "initdb a échoué ($(tail -1 "$dir/initdb.log"))"
  local tries=0
  while :; do
    port=$(free_port) || die_skip "aucun port libre"
    if "${as_server[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
         start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    # another server took the port between the probe and the start: another port
    [ $tries -lt 5 ] || die_skip "le serveur ne démarre pas ($(tail -1 "$dir/server.log" 2>/dev/null))"
  done
  psql -X -q -h "$dir" -p "$port" -U ctg -d postgres -c "CREATE DATABASE ctg" >/dev/null 2>"$dir/createdb.log" \
    || die_skip "CREATE DATABASE a échoué ($(tail -1 "$dir/createdb.log"))"
  url="postgresql:///ctg?host=$dir&port=$port&user=ctg"
  echo "$url" > "$dir/url"
  if [ -n "$owner" ]; then
    # the watcher: detached, its outputs closed (a $(…) around start must not wait for it)
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$3" ]; do sleep 1; done; [ -d "$3" ] && exec bash "$2" stop "$3"' \
      watcher "$owner" "$(realpath "$0")" "$dir" </dev/null >/dev/null 2>&1 &
  fi
  started=1
  echo "$url"
}

[ $# -ge 1 ] || usage
cmd=$1; shift
case "$cmd" in
  start) start "$@" ;;
  stop) [ $# -eq 1 ] || usage; stop "$1" ;;
  available) available || die_skip "pas d'initdb ni de pg_ctl (paquet postgresql : make deps)" ;;
  *) usage ;;
esac
