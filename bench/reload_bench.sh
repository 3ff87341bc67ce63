#!/usr/bin/env bash
# Hot reload under load: wrk at 64 connections on a mix of search, node, neighbour, path, export
# and health requests against the full corpus, once without reloads and once with a forced reload
# (POST /api/v1/admin/reload?force=true: the snapshot is reopened and swapped) every 5 s.
# Reports requests, failures (socket errors, non-2xx) and latency percentiles of both runs.
#
# Usage: bench/reload_bench.sh --data DIR [--duration 60] [--connections 64] [--every 5]
#   DIR: a data directory with an ingested full corpus (regkg ingest --corpus ../shared/corpus).
# The server gets 128 workers: cpp-httplib pins a keep-alive connection to a worker, so with 64
# workers the 64 wrk connections would leave none for the reload request itself.
# Environment: REGKG (binary, default build/regkg); REGKG_SERVE_ARGS (extra serve options, e.g.
#   "--cache-mb 0" to measure without the response cache).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
REGKG=${REGKG:-$REPO/build/regkg}
DATA= DURATION=60 CONNECTIONS=64 EVERY=5
while [[ $# -gt 0 ]]; do
  case $1 in
    --data) DATA=$(cd "$2" && pwd); shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --every) EVERY=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "reload_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$DATA" ] || { echo "reload_bench.sh: --data DIR is required" >&2; exit 2; }
for tool in wrk curl; do command -v $tool >/dev/null || { echo "reload_bench.sh: missing $tool" >&2; exit 1; }; done

work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

# The request mix: every line is a path; wrk cycles through it.
{
  awk '!/^#/ && NF && n++ < 60 { print "/api/v1/search?" $0 }' "$SCRIPT_DIR/queries.txt"
  for id in cn/generative-ai-measures cn/pipl cn/data-security-law cn/cybersecurity-law \
            cn/generative-ai-measures@2023-07-10/art-17 actor/cac actor/jd-com; do
    enc=$(printf '%s' "$id" | sed 's|/|%2F|g; s|@|%40|g')
    echo "/api/v1/nodes/$enc"
    echo "/api/v1/nodes/$enc/neighbors?limit=50"
    echo "/api/v1/neighborhood?id=$enc&depth=2&limit=200"
  done
  echo "/api/v1/paths?from=actor%2Fjd-com&to=actor%2Fcac&k=3"
  echo "/api/v1/paths?from=cn%2Fgenerative-ai-measures&to=cn%2Fpipl&k=3"
  echo "/api/v1/citations/graph?id=cn%2Fgenerative-ai-measures&depth=2"
  echo "/api/v1/obligations?bearer=role-provider&limit=50"
  # Exports of neighbourhoods (7-40 KB), as GraphML, JSON Lines and CSV nodes and edges. (Whole
  # kinds, e.g. every instrument as CSV, 190-370 KB and ~15 ms each, turn the run into an export
  # benchmark: 2,857 requests/s, p99 345 ms.)
  echo "/api/v1/export?format=graphml&around=cn%2Fgenerative-ai-measures&depth=1"
  echo "/api/v1/export?format=jsonl&around=actor%2Fcac&depth=1"
  echo "/api/v1/export?format=csv&part=nodes&around=cn%2Fpipl&depth=1"
  echo "/api/v1/export?format=csv&part=edges&around=actor%2Fcac&depth=1"
  echo "/healthz"
} > "$work/mix.txt"

REGKG_ADMIN_TOKEN=$token "$REGKG" serve --data "$DATA" --port 0 --watch-interval 0 \
  --threads 128 ${REGKG_SERVE_ARGS:-} > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 300); do grep -q "at http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*at http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$work/serve.out")
[ -n "$port" ] || { echo "server did not start: $(cat "$work/serve.err")" >&2; exit 1; }
base="http://127.0.0.1:$port"
# Every path of the mix answers 200 before the runs (a 4xx in the mix would count as a failure).
while read -r p; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$p")
  [ "$code" = 200 ] || { echo "reload_bench.sh: $p -> $code" >&2; exit 1; }
done < "$work/mix.txt"

run() {  # $1 = label, $2 = reload every N seconds (0 = none)
  local reloads=0 reload_fail=0
  QUERIES="$work/mix.txt" PATH_PREFIX="" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
    -s "$SCRIPT_DIR/wrk_queries.lua" "$base" > "$work/$1.wrk" 2>&1 &
  local wrk_pid=$!
  if [ "$2" -gt 0 ]; then
    local end=$((SECONDS + DURATION - 1))
    while [ $SECONDS -lt $end ]; do
      sleep "$2"
      code=$(curl -s -m 30 -o "$work/reload.json" -w "%{http_code}" -d "" \
        -H "Authorization: Bearer $token" "$base/api/v1/admin/reload?force=true")
      if [ "$code" = 200 ]; then reloads=$((reloads + 1)); else reload_fail=$((reload_fail + 1)); fi
    done
  fi
  wait $wrk_pid
  local line non2xx
  line=$(grep WRK_RESULT "$work/$1.wrk")
  non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' "$work/$1.wrk")
  echo "$1: ${line#WRK_RESULT } non_2xx=${non2xx:-0} reloads=$reloads reload_failures=$reload_fail"
}
echo "reload_bench: $(wc -l < "$work/mix.txt") paths, $CONNECTIONS connections, ${DURATION}s per run, server ${REGKG_SERVE_ARGS:-(default options)}"
run no-reloads 0
run reload-every-${EVERY}s "$EVERY"
kill -0 $server_pid && echo "reload_bench: server still up; $(grep -cE 'now serving|reopened snapshot' "$work/serve.err") swaps logged"
