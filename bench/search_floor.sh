#!/usr/bin/env bash
# Uncached search against Xapian's own floor (issue 19): ingests the corpus if needed, starts
# `regkg serve --cache-mb 0` on a free loopback port (and a second, older build with --before, on
# the same data), runs build/bench/search_floor over the distinct q of bench/queries.txt, then
# optionally wrk -t2 -c8 over bench/queries.txt, rounds alternating between the servers.
#
# Usage: bench/search_floor.sh [--data DIR] [--corpus DIR] [--rounds 5] [--before OLD_REGKG]
#                              [--wrk 20s] [--wrk-rounds 2] [--extra 'facets=false']
#   --data DIR        data directory; ingested from --corpus when it has no CURRENT yet
#                     (default /tmp/regkg-floor-data)
#   --corpus DIR      default ../shared/corpus next to the repository
#   --before BINARY   an older regkg build served side by side ("before"; this build is "after")
#   --wrk DURATION    also run wrk for DURATION per round and server (default: no wrk)
#   --extra PARAMS    appended to every search_floor request (not to wrk's)
# Environment: REGKG (default build/regkg), SEARCH_FLOOR (default build/bench/search_floor).
# Everything listens on 127.0.0.1 only; every process started here is stopped on exit.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
source "$REPO/scripts/await_server.sh"
REGKG=${REGKG:-$REPO/build/regkg}
SEARCH_FLOOR=${SEARCH_FLOOR:-$REPO/build/bench/search_floor}
QUERIES=$SCRIPT_DIR/queries.txt
CORPUS=$(cd "$REPO/.." && pwd)/shared/corpus
DATA=/tmp/regkg-floor-data
ROUNDS=5
BEFORE=
WRK_DURATION=
WRK_ROUNDS=2
EXTRA=

while [[ $# -gt 0 ]]; do
  case $1 in
    --data) DATA=$2; shift 2 ;;
    --corpus) CORPUS=$(cd "$2" && pwd); shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --before) BEFORE=$2; shift 2 ;;
    --wrk) WRK_DURATION=$2; shift 2 ;;
    --wrk-rounds) WRK_ROUNDS=$2; shift 2 ;;
    --extra) EXTRA=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "search_floor.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

[[ -x $REGKG ]] || { echo "search_floor.sh: no binary at $REGKG" >&2; exit 1; }
[[ -x $SEARCH_FLOOR ]] || {
  echo "search_floor.sh: no $SEARCH_FLOOR (cmake --build build --target search_floor)" >&2; exit 1; }
[[ -z $BEFORE || -x $BEFORE ]] || { echo "search_floor.sh: no binary at $BEFORE" >&2; exit 1; }
[[ -z $WRK_DURATION ]] || command -v wrk >/dev/null || { echo "search_floor.sh: no wrk" >&2; exit 1; }

TMP=$(mktemp -d /tmp/regkg-search-floor.XXXXXX)
# The binaries may be rebuilt while we run: freeze copies.
cp "$REGKG" "$TMP/regkg-after"
[[ -z $BEFORE ]] || cp "$BEFORE" "$TMP/regkg-before"
PIDS=()
cleanup() {
  local rc=$? pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ! -f $DATA/CURRENT ]]; then
  log "ingesting $CORPUS into $DATA"
  "$TMP/regkg-after" ingest --corpus "$CORPUS" --data "$DATA" >"$TMP/ingest.log" 2>&1 \
    || { tail -5 "$TMP/ingest.log" >&2; exit 1; }
fi

# Sets URL[$1]. Not called in a $(…): the server's pid must reach PIDS in this shell, for cleanup.
start_server() {  # $1 = label
  "$TMP/regkg-$1" serve --data "$DATA" --port 0 --cache-mb 0 >"$TMP/serve.$1.out" \
    2>"$TMP/serve.$1.err" &
  PIDS+=($!)
  URL[$1]=$(await_server "$!" "$TMP/serve.$1.out" "$TMP/serve.$1.err" 120) || exit 1
}

LABELS=(after)
[[ -z $BEFORE ]] || LABELS=(before after)
declare -A URL
SERVER_ARGS=()
for label in "${LABELS[@]}"; do
  start_server "$label"
  SERVER_ARGS+=(--server "$label=${URL[$label]}")
  log "$label: ${URL[$label]}"
done

log "floor benchmark: ${#LABELS[@]} server(s), $ROUNDS rounds"
"$SEARCH_FLOOR" --data "$DATA" "${SERVER_ARGS[@]}" --queries "$QUERIES" --rounds "$ROUNDS" \
  ${EXTRA:+--extra "$EXTRA"}

if [[ -n $WRK_DURATION ]]; then
  echo "wrk -t2 -c8 -d$WRK_DURATION over bench/queries.txt, uncached, rounds alternating:"
  for label in "${LABELS[@]}"; do  # warm-up: page cache and Xapian's blocks
    QUERIES=$QUERIES wrk -t2 -c8 -d5s -s "$SCRIPT_DIR/wrk_queries.lua" "${URL[$label]}" >/dev/null
  done
  for r in $(seq "$WRK_ROUNDS"); do
    for label in "${LABELS[@]}"; do
      line=$(QUERIES=$QUERIES wrk -t2 -c8 -d"$WRK_DURATION" -s "$SCRIPT_DIR/wrk_queries.lua" \
               "${URL[$label]}" | grep '^WRK_RESULT')
      echo "round $r $label: $(awk '{for (i = 2; i <= NF; ++i) {split($i, kv, "=");
        if (kv[1] == "rps") r = kv[2]; if (kv[1] == "p50_us") a = kv[2];
        if (kv[1] == "p99_us") b = kv[2]; if (kv[1] == "max_us") m = kv[2];
        if (kv[1] ~ /^err_/ && kv[2] != 0) e = e " " kv[1] "=" kv[2]}}
        END {printf "%s req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms%s", r, a / 1000, b / 1000,
             m / 1000, e}' <<<"$line")"
    done
  done
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
