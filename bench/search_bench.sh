#!/usr/bin/env bash
# Search benchmark for regkg: latency, throughput (vs nginx serving a static response of
# the same size), start-up time and RSS, over the fixed workload in bench/queries.txt.
#
# Usage: bench/search_bench.sh [--data DIR] [--corpus DIR] [--duration 20s]
#                              [--threads 2] [--connections 8] [--rounds 2] [--keep]
#   --data DIR      reuse an existing data directory (skips the ingest)
#   --corpus DIR    corpus to ingest when --data is not given (default: ../shared/corpus
#                   next to the repository); all of it is ingested
#   --rounds N      wrk rounds, alternating regkg and nginx; the best round of each is reported
#   --keep          keep the temporary directory (server logs, per-query timings)
# Environment: REGKG (binary, default build/regkg), WRK_THREADS/WRK_CONNECTIONS/WRK_DURATION,
#   REGKG_SERVE_ARGS (extra `regkg serve` options; "--cache-mb 0" measures uncached searches).
#
# Everything listens on 127.0.0.1 only; every process started here is stopped on exit.
# Writes only to a temporary directory and to bench/results/search-<date>.md.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
REGKG=${REGKG:-$REPO/build/regkg}
QUERIES=$SCRIPT_DIR/queries.txt
LUA=$SCRIPT_DIR/wrk_queries.lua
CORPUS=$(cd "$REPO/.." && pwd)/shared/corpus
DATA=
# 2 wrk threads: one thread can saturate on nginx's side. 8 connections: cpp-httplib pins a
# keep-alive connection to one of its 64 workers; on 2 cores more connections only add queueing.
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-8}
WRK_DURATION=${WRK_DURATION:-20s}
ROUNDS=2
KEEP=0

while [[ $# -gt 0 ]]; do
  case $1 in
    --data) DATA=$(cd "$2" && pwd); shift 2 ;;
    --corpus) CORPUS=$(cd "$2" && pwd); shift 2 ;;
    --duration) WRK_DURATION=$2; shift 2 ;;
    --threads) WRK_THREADS=$2; shift 2 ;;
    --connections) WRK_CONNECTIONS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "search_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

for tool in wrk nginx curl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "search_bench.sh: missing $tool" >&2; exit 1; }
done
[[ -x $REGKG ]] || { echo "search_bench.sh: no binary at $REGKG (cmake --build build --target regkg)" >&2; exit 1; }

TMP=$(mktemp -d /tmp/regkg-search-bench.XXXXXX)
# The binary may be rebuilt while we run: freeze a copy so every step uses the same one.
REGKG_SRC=$REGKG
cp "$REGKG_SRC" "$TMP/regkg"
REGKG=$TMP/regkg
"$REGKG" --help >/dev/null
SERVER_PID=
NGINX_PID=
cleanup() {
  local rc=$?
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  if [[ $KEEP == 1 ]]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- data -------------------------------------------------------------------------------
INGEST_NOTE="reused $DATA"
if [[ -z $DATA ]]; then
  DATA=$TMP/data
  log "ingesting $CORPUS into $DATA"
  t0=$(now)
  timeout 1200 "$REGKG" ingest --corpus "$CORPUS" --data "$DATA" >"$TMP/ingest.log" 2>&1 \
    || { tail -5 "$TMP/ingest.log" >&2; exit 1; }
  INGEST_NOTE="fresh ingest of $CORPUS, $(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}') s"
fi

# --- server start -> first answered query ---------------------------------------------
FIRST_Q=$(head -1 "$QUERIES")
start_server() {  # sets SERVER_PID, BASE, START_S
  local out=$TMP/serve.$1.out t0 url=
  t0=$(now)
  # shellcheck disable=SC2086  # REGKG_SERVE_ARGS is a list of options, e.g. "--cache-mb 0"
  "$REGKG" serve --data "$DATA" --port 0 ${REGKG_SERVE_ARGS:-} >"$out" 2>"$TMP/serve.$1.err" &
  SERVER_PID=$!
  local deadline=$((SECONDS + 60))
  while (( SECONDS < deadline )); do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.$1.err" >&2; echo "server died" >&2; exit 1; }
    if [[ -z $url ]]; then
      url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" 2>/dev/null | head -1 || true)
    fi
    if [[ -n $url ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/api/v1/search?$FIRST_Q") == 200 ]]; then
      START_S=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}')
      BASE=$url
      return 0
    fi
    sleep 0.01
  done
  echo "server did not answer within 60 s" >&2; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

STARTS=()
for i in 1 2 3; do
  start_server "$i"
  STARTS+=("$START_S")
  log "start $i: ${START_S} s to first answered search"
  if [[ $i -lt 3 ]]; then stop_server; fi
done
START_MEDIAN=$(printf '%s\n' "${STARTS[@]}" | sort -g | sed -n 2p)
log "server at $BASE (pid $SERVER_PID)"

# --- warm-up and per-query pass --------------------------------------------------------
mapfile -t QLIST < <(grep -v '^#' "$QUERIES" | grep -v '^$')
NQ=${#QLIST[@]}
per_query_pass() {  # $1 = output file: status time_s bytes total query
  local q out=$1
  : >"$out"
  for q in "${QLIST[@]}"; do
    local w
    w=$(curl -s -o "$TMP/body.json" -w '%{http_code} %{time_total} %{size_download}' --max-time 30 \
        "$BASE/api/v1/search?$q" || echo "000 30 0")
    local total
    total=$(grep -o '"total":[0-9]*' "$TMP/body.json" | head -1 | cut -d: -f2 || true)
    echo "$w ${total:--} $q" >>"$out"
  done
}
log "warm-up: one pass over $NQ queries, then 3 timed passes"
per_query_pass "$TMP/pass0.txt"
for p in 1 2 3; do per_query_pass "$TMP/pass$p.txt"; done
NON200=$(cat "$TMP"/pass[0-3].txt | awk '$1 != 200' | wc -l)
ZERO=$(awk '$1 == 200 && $4 == 0' "$TMP/pass1.txt" | wc -l)
# per query: min and median of the 3 timed passes (ms), decoded query for readability
paste -d' ' <(awk '{print $2}' "$TMP/pass1.txt") <(awk '{print $2}' "$TMP/pass2.txt") \
            <(awk '{print $2, $3, $4, $1, $5}' "$TMP/pass3.txt") |
  /usr/bin/python3 -c '
import sys, urllib.parse
rows = []
for line in sys.stdin:
    a, b, c, size, total, status, q = line.split(" ", 6)
    t = sorted(float(x) * 1000 for x in (a, b, c))
    rows.append((t[1], t[0], int(size), total, status, urllib.parse.unquote(q.strip())))
rows.sort(reverse=True)
for med, mn, size, total, status, q in rows:
    print(f"{med:.2f}\t{mn:.2f}\t{size}\t{total}\t{status}\t{q}")
' >"$TMP/per_query.tsv"
SEQ_STATS=$(awk -F'\t' '{print $1}' "$TMP/per_query.tsv" | sort -g | awk '{a[NR]=$1} END {
  printf "%.2f %.2f %.2f", a[int(NR*0.5+0.5)], a[int(NR*0.99+0.5)], a[NR]}')
read -r SEQ_P50 SEQ_P99 SEQ_MAX <<<"$SEQ_STATS"

# --- a typical response for nginx: the one whose size is the median ----------------------
MEDIAN_SIZE=$(awk '{print $3}' "$TMP/pass1.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
TYPICAL_Q=$(awk -v m="$MEDIAN_SIZE" '$3 == m {print $5; exit}' "$TMP/pass1.txt")
mkdir -p "$TMP/nginx/www" "$TMP/nginx/logs" "$TMP/nginx/tmp"
curl -s --max-time 30 -o "$TMP/nginx/www/resp.json" "$BASE/api/v1/search?$TYPICAL_Q"
RESP_BYTES=$(stat -c %s "$TMP/nginx/www/resp.json")

# warm-up under load, then RSS
log "warm-up: 5 s of wrk"
QUERIES=$QUERIES timeout 60 wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d5s -s "$LUA" "$BASE" >/dev/null
RSS_KB=$(awk '/^VmRSS/ {print $2}' /proc/"$SERVER_PID"/status)

# --- nginx -------------------------------------------------------------------------------
NGINX_PORT=$(free_port)
NGINX_USER=
# as root, nginx workers would switch to www-data, which cannot enter our 0700 temp dir
if [[ $EUID -eq 0 ]]; then NGINX_USER="user $(id -un) $(id -gn);"; fi
cat >"$TMP/nginx/nginx.conf" <<EOF
$NGINX_USER
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/nginx/www;
    location / { default_type application/json; try_files /resp.json =404; }
  }
}
EOF
nginx -p "$TMP/nginx" -e "$TMP/nginx/logs/error.log" -c "$TMP/nginx/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 100); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/api/v1/search?x" || true) == 200 ]] && break
  sleep 0.05
done
[[ $(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$NGINX_PORT/api/v1/search?x") == "$RESP_BYTES" ]] \
  || { echo "nginx did not come up" >&2; tail -5 "$TMP/nginx/logs/error.log" >&2; exit 1; }
QUERIES=$QUERIES timeout 60 wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d3s -s "$LUA" "http://127.0.0.1:$NGINX_PORT" >/dev/null

# --- load rounds, alternating ------------------------------------------------------------
run_wrk() {  # $1 = base url; prints the WRK_RESULT line
  QUERIES=$QUERIES timeout 300 wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" -s "$LUA" "$1" \
    | grep '^WRK_RESULT'
}
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }
BEST_R= ; BEST_N=
ROUND_NOTES=()
for r in $(seq "$ROUNDS"); do
  log "round $r: regkg ($WRK_DURATION)"
  R=$(run_wrk "$BASE")
  log "round $r: nginx ($WRK_DURATION)"
  N=$(run_wrk "http://127.0.0.1:$NGINX_PORT")
  ROUND_NOTES+=("round $r: regkg $(field "$R" rps) req/s p50 $(field "$R" p50_us) us p99 $(field "$R" p99_us) us; nginx $(field "$N" rps) req/s p50 $(field "$N" p50_us) us")
  if [[ -z $BEST_R ]] || awk -v a="$(field "$R" rps)" -v b="$(field "$BEST_R" rps)" 'BEGIN{exit !(a > b)}'; then BEST_R=$R; fi
  if [[ -z $BEST_N ]] || awk -v a="$(field "$N" rps)" -v b="$(field "$BEST_N" rps)" 'BEGIN{exit !(a > b)}'; then BEST_N=$N; fi
done
RSS_AFTER_KB=$(awk '/^VmRSS/ {print $2}' /proc/"$SERVER_PID"/status)
HWM_KB=$(awk '/^VmHWM/ {print $2}' /proc/"$SERVER_PID"/status)
SERVER_ERR_LINES=$(cat "$TMP"/serve.*.err | grep -c . || true)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------
R_RPS=$(field "$BEST_R" rps); N_RPS=$(field "$BEST_N" rps)
P50_MS=$(awk -v x="$(field "$BEST_R" p50_us)" 'BEGIN{printf "%.2f", x/1000}')
P99_MS=$(awk -v x="$(field "$BEST_R" p99_us)" 'BEGIN{printf "%.2f", x/1000}')
RATIO=$(awk -v a="$R_RPS" -v b="$N_RPS" 'BEGIN{printf "%.3f", a/b}')
RSS_MIB=$(awk -v x="$RSS_KB" 'BEGIN{printf "%.0f", x/1024}')
verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN{ok = (op == "<=") ? (v <= t) : (v >= t); print ok ? "met" : "**missed**"}'; }
ERRS="connect $(field "$BEST_R" err_connect), read $(field "$BEST_R" err_read), status $(field "$BEST_R" err_status), timeout $(field "$BEST_R" err_timeout)"

STAMP=$(date +%Y-%m-%dT%H%M%S)
mkdir -p "$SCRIPT_DIR/results"
OUT=$SCRIPT_DIR/results/search-$STAMP.md
{
  echo "## regkg search benchmark, $(date -Iseconds)"
  echo
  echo "Binary \`$REGKG_SRC\` ($(stat -c %y "$REGKG_SRC" | cut -d. -f1), frozen copy); data: $INGEST_NOTE;"
  echo "$NQ requests from bench/queries.txt; wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION, best of $ROUNDS alternating rounds;"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average at start $LOAD_START, at end $LOAD_END."
  echo
  echo "| measure | value | target | verdict |"
  echo "|---|---:|---:|---|"
  echo "| p50 latency under load | $P50_MS ms | <= 3 ms | $(verdict "$P50_MS" "<=" 3) |"
  echo "| p99 latency under load | $P99_MS ms | <= 20 ms | $(verdict "$P99_MS" "<=" 20) |"
  echo "| regkg throughput | $R_RPS req/s | | |"
  echo "| nginx static throughput ($RESP_BYTES-byte JSON) | $N_RPS req/s | | |"
  echo "| ratio regkg / nginx | $RATIO | >= 0.30 | $(verdict "$RATIO" ">=" 0.30) |"
  echo "| start -> first answered search (median of 3) | $START_MEDIAN s | <= 2 s | $(verdict "$START_MEDIAN" "<=" 2) |"
  echo "| RSS after warm-up | $RSS_MIB MiB | <= 1024 MiB | $(verdict "$RSS_MIB" "<=" 1024) |"
  echo
  echo "- start times: ${STARTS[*]} s"
  echo "- RSS after the load rounds $((RSS_AFTER_KB / 1024)) MiB, peak (VmHWM) $((HWM_KB / 1024)) MiB"
  echo "- sequential pass (one curl at a time, median of 3 per query): p50 $SEQ_P50 ms, p99 $SEQ_P99 ms, max $SEQ_MAX ms"
  echo "- non-200 answers in the sequential passes: $NON200; queries with total=0: $ZERO of $NQ"
  echo "- wrk errors (best regkg round): $ERRS; server stderr lines: $SERVER_ERR_LINES"
  for n in "${ROUND_NOTES[@]}"; do echo "- $n"; done
  echo
  echo "Slowest 10 queries, sequential (median of 3 runs, ms):"
  echo
  echo "| median ms | min ms | bytes | total | status | query |"
  echo "|---:|---:|---:|---:|---|---|"
  head -10 "$TMP/per_query.tsv" | awk -F'\t' '{q=$6; gsub(/\|/, "\\|", q); printf "| %s | %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5, q}'
} | tee "$OUT"
cp "$TMP/per_query.tsv" "$SCRIPT_DIR/results/search-$STAMP-per-query.tsv"
log "wrote $OUT and search-$STAMP-per-query.tsv"
