#!/usr/bin/env bash
# /healthz latency while hostile connections are held (issue 22, "connection exhaustion"):
# 2,000 idle, 500 keep-alive, 500 slowloris connections, each alone and all together, against
# `regkg serve` alone (one or two builds side by side, e.g. before/after a change) and against
# the shipped nginx edge in front of it. Uses tests/deploy/connection_flood.py; prints a Markdown
# table for BENCHMARKS.md. A fresh server for every row.
# Usage: bench/connection_exhaustion.sh [--hold S] REGKG_BINARY [LABEL=OTHER_REGKG_BINARY …]
#   e.g. bench/connection_exhaustion.sh build/cli/regkg before=/tmp/regkg-main
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
hold=20
if [ "${1:-}" = "--hold" ]; then hold=$2; shift 2; fi
[ $# -ge 1 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
builds=("this=$1"); shift
for b in "$@"; do builds+=("$b"); done
ulimit -n 8192
work=$(mktemp -d /tmp/regkg-exhaustion-bench.XXXXXX)
source "$src/tests/deploy/nginx_edge.sh"
source "$src/scripts/await_server.sh"
server_pid=
cleanup() {
  nginx_stop
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"${builds[0]#*=}" ingest --corpus "$src/corpus" --data "$work/data" >"$work/ingest.log" 2>&1
start_server() {  # binary
  port=$(free_port)
  "$1" serve --data "$work/data" --port "$port" >"$work/serve.log" 2>&1 &
  server_pid=$!
  await_server "$server_pid" "$work/serve.log" "$work/serve.log" 30 >/dev/null || exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }
row() {  # front load port args…
  local front=$1 load=$2 p=$3
  shift 3
  local r
  r=$(python3 "$src/tests/deploy/connection_flood.py" --port "$p" --ramp 5 --hold "$hold" \
        --sources 16 --probe-interval 0.5 --probe-timeout 10 "$@" | grep '^FLOOD_RESULT')
  f() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$r"; }
  printf '| %s | %s | %s | %s | %s | %s | %s / %s |\n' "$front" "$load" "$(f probes)" "$(f failed)" \
    "$(f p50_ms)" "$(f max_ms)" "$(f held_avg)" "$(f target)"
}
loads=("2,000 idle|--idle 2000" "500 keep-alive|--keepalive 500" "500 slowloris|--slowloris 500"
       "all three|--idle 2000 --keepalive 500 --slowloris 500")
echo "| front | held connections | probes | failed (> 10 s or not 200) | p50 ms | max ms | held (avg) / wanted |"
echo "|---|---|---|---|---|---|---|"
for b in "${builds[@]}"; do
  for l in "${loads[@]}"; do
    start_server "${b#*=}"
    # shellcheck disable=SC2086
    row "regkg alone ($b)" "${l%%|*}" "$port" ${l#*|}
    stop_server
  done
done
start_server "${builds[0]#*=}"
nginx_start "$(free_port)" 8192 "$port"
edge=$(sed -n 's/.*listen 127.0.0.1:\([0-9]*\);.*/\1/p' "$work/nginx/regkg-site.conf")
row "nginx edge → regkg (${builds[0]})" "all three" "$edge" --idle 2000 --keepalive 500 --slowloris 500
