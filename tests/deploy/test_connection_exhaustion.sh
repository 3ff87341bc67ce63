#!/usr/bin/env bash
# Connection exhaustion (issue 22): /healthz must answer within 1 s while 2,000 idle, 500
# keep-alive and 500 slowloris connections are held (tests/deploy/connection_flood.py reopens
# every one the server closes). Two fronts, each for 30 s of probes:
#   1. the shipped nginx edge (deploy/nginx-regkg.conf: client timeouts, per-client limits) in
#      front of a `regkg serve`: the documented public edge;
#   2. `regkg serve` alone, with its own limits (server/connection_parker.h: connections waiting
#      for a request are held by one poll thread, not a worker each).
# Every probe must be answered 200 within 1 s, the flood must really be held (on average 90 % of
# its 3,000 connections open at the probe moments), and the keep-alive connections answered.
# Usage: tests/deploy/test_connection_exhaustion.sh REGKG_BINARY SOURCE_ROOT
#        (ctest: connection_exhaustion; REGKG_FLOOD_HOLD=S changes the 30 s of probes)
set -euo pipefail
regkg=$1 src=$2
name=connection_exhaustion
hold=${REGKG_FLOOD_HOLD:-30}
log() { echo "$name: +${SECONDS}s $*"; }
skip() { echo "REGKG-SKIP: $name: $*"; exit 0; }
work=$(mktemp -d /tmp/regkg-exhaustion.XXXXXX)
source "$src/tests/deploy/nginx_edge.sh"
source "$src/scripts/await_server.sh"
[ -n "$nginx_bin" ] || skip "nginx is not installed (scripts/setup.sh installs nginx-light)"
command -v python3 >/dev/null || skip "python3 is not installed"
# 3,000 flood sockets in this process tree, as many accepted ones in nginx and in regkg.
ulimit -n 8192 2>/dev/null || [ "$(ulimit -n)" -ge 8192 ] ||
  skip "cannot raise the open-file limit to 8192 (ulimit -n is $(ulimit -n), hard $(ulimit -Hn))"

server_pid=
cleanup() {
  nginx_stop
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "$name: FAIL: $*" >&2
  for f in "$work/serve.log" "$work/nginx/logs/error.log"; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }
  done
  exit 1
}

# flood PORT LABEL: holds the flood against PORT and checks what the probes saw.
flood() {
  local out=$work/flood-$2.txt
  python3 "$src/tests/deploy/connection_flood.py" --port "$1" --idle 2000 --keepalive 500 \
    --slowloris 500 --ramp 5 --hold "$hold" --sources 16 --probe-interval 0.5 \
    --probe-timeout 10 --verbose >"$out" 2>&1 || fail "connection_flood.py failed: $(tail -3 "$out")"
  grep -q '^REGKG-SKIP' "$out" && skip "$(sed -n 's/^REGKG-SKIP: //p' "$out")"
  local result
  result=$(grep '^FLOOD_RESULT' "$out") || fail "no result from connection_flood.py: $(tail -3 "$out")"
  log "$2: $result"
  field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$result"; }
  [ "$(field probes)" -ge $((hold)) ] || fail "$2: too few probes: $result"
  [ "$(field failed)" = 0 ] || { grep FAILED "$out" | head -5 >&2; fail "$2: probes failed: $result"; }
  awk -v m="$(field max_ms)" 'BEGIN { exit !(m < 1000) }' ||
    { sort -t' ' -k2 -n -r "$out" | head -3 >&2; fail "$2: a /healthz probe took $(field max_ms) ms (limit 1000)"; }
  [ "$(field held_avg)" -ge 2700 ] || fail "$2: the flood was not held (3,000 wanted): $result"
  [ "$(field keepalive_answers)" -ge 500 ] || fail "$2: keep-alive connections were not answered: $result"
}

"$regkg" ingest --corpus "$src/corpus" --data "$work/data" >"$work/ingest.log" 2>&1 ||
  fail "ingest: $(tail -3 "$work/ingest.log")"
port=$(free_port)
"$regkg" serve --data "$work/data" --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
await_server "$server_pid" "$work/serve.log" "$work/serve.log" 30 >/dev/null || fail "regkg serve did not come up"

edge_port=$(free_port)
nginx_start "$edge_port" 8192 "$port" || fail "nginx did not start"
log "regkg on $port, nginx on $edge_port; flooding nginx"
flood "$edge_port" nginx
nginx_stop
log "flooding regkg directly"
flood "$port" regkg
kill -0 "$server_pid" 2>/dev/null || fail "regkg serve died"
log "ok: /healthz answered within 1 s through both fronts"
