#!/usr/bin/env bash
# Per-query cost of searching remote index shards (`regkg serve --remote-shards`, one
# xapian-tcpsrv per index layer on loopback) against the same snapshot's index read locally, side
# by side: every query of bench/queries.txt is sent to both servers in turn (uncached, one
# keep-alive connection each, alternating which goes first), for several rounds.
#
# Usage: bench/remote_search_bench.sh [--data DIR] [--corpus DIR] [--rounds 5]
#   --data DIR    a data directory whose current snapshot hides no documents (a full ingest);
#                 default: the --corpus ingested with `--threads 2 --full` (two shards)
#   --corpus DIR  corpus to ingest when --data is not given (default: the embedded corpus/)
#   --rounds N    passes over the queries (default 5)
# Environment: REGKG (binary, default build/regkg).
# Everything listens on 127.0.0.1; every process started here is stopped on exit. Writes only to
# a temporary directory.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
REGKG=${REGKG:-$REPO/build/regkg}
QUERIES=$SCRIPT_DIR/queries.txt
CORPUS=$REPO/corpus
DATA=
ROUNDS=5
while [[ $# -gt 0 ]]; do
  case $1 in
    --data) DATA=$(cd "$2" && pwd); shift 2 ;;
    --corpus) CORPUS=$(cd "$2" && pwd); shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "remote_search_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in xapian-tcpsrv /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "remote_search_bench.sh: missing $tool" >&2; exit 1; }
done

TMP=$(mktemp -d /tmp/regkg-remote-bench.XXXXXX)
cp "$REGKG" "$TMP/regkg"  # the binary may be rebuilt while this runs
REGKG=$TMP/regkg
PIDS=()
cleanup() {
  local rc=$?
  for p in "${PIDS[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [[ -z $DATA ]]; then
  DATA=$TMP/data
  log "ingesting $CORPUS (--threads 2 --full)"
  "$REGKG" ingest --corpus "$CORPUS" --data "$DATA" --threads 2 --full >"$TMP/ingest.log" 2>&1
fi
INDEX=$DATA/snapshots/$(cat "$DATA/CURRENT")/index
mapfile -t LAYERS < <(sed -n '/"layers": \[/,/\]/p' "$INDEX/layers.json" | grep -o '"[^"]*"' |
                      grep -v '"layers"' | tr -d '"')
SHARDS=()
for layer in "${LAYERS[@]}"; do
  port=$(free_port)
  # Its own process group: xapian-tcpsrv forks one child per connection.
  setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 --quiet "$INDEX/$layer" &
  PIDS+=($!)
  SHARDS+=("127.0.0.1:$port")
done
sleep 1
LIST=$(IFS=,; echo "${SHARDS[*]}")

start_server() {  # name, extra args…
  local name=$1; shift
  setsid "$REGKG" serve --data "$DATA" --port 0 --cache-mb 0 "$@" >"$TMP/$name.out" 2>"$TMP/$name.log" &
  PIDS+=($!)
  for _ in $(seq 1 600); do
    grep -q "at http://" "$TMP/$name.out" 2>/dev/null && break
    sleep 0.1
  done
  sed -n 's/.*at http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$TMP/$name.out"
}
LOCAL_PORT=$(start_server local)
REMOTE_PORT=$(start_server remote --remote-shards "$LIST")
[[ -n $LOCAL_PORT && -n $REMOTE_PORT ]] || { cat "$TMP"/*.log >&2; exit 1; }
log "local :$LOCAL_PORT, remote :$REMOTE_PORT over ${#LAYERS[@]} shards ($LIST)"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$LOCAL_PORT" "$REMOTE_PORT" "$QUERIES" "$ROUNDS" "$(cat "$DATA/CURRENT")" \
                   "${#LAYERS[@]}" <<'PY'
import http.client, statistics, sys, time
local_port, remote_port, queries_file, rounds, snapshot, shards = sys.argv[1:7]
queries = [l.strip() for l in open(queries_file, encoding="utf-8") if l.strip()]
conns = {"local": http.client.HTTPConnection("127.0.0.1", int(local_port)),
         "remote": http.client.HTTPConnection("127.0.0.1", int(remote_port))}
times = {"local": [], "remote": []}
per_query = {"local": {}, "remote": {}}
def ask(name, q):
    c = conns[name]
    t = time.perf_counter()
    c.request("GET", "/api/v1/search?" + q)
    r = c.getresponse()
    body = r.read()
    dt = time.perf_counter() - t
    if r.status != 200:
        sys.exit(f"{name} {q}: HTTP {r.status} {body[:200]!r}")
    return dt, body
# One warm-up pass (page cache, connections), not counted; answers compared on the way.
same = 0
for q in queries:
    a, b = ask("local", q)[1], ask("remote", q)[1]
    same += a == b
for r in range(int(rounds)):
    for i, q in enumerate(queries):
        order = ("local", "remote") if (i + r) % 2 == 0 else ("remote", "local")
        for name in order:
            dt = ask(name, q)[0]
            times[name].append(dt)
            per_query[name].setdefault(q, []).append(dt)
def ms(x): return f"{x * 1000:.2f}"
def row(name):
    t = sorted(times[name])
    return (ms(statistics.median(t)), ms(statistics.mean(t)), ms(t[int(len(t) * 0.9)]),
            ms(t[int(len(t) * 0.99)]))
print(f"snapshot {snapshot}, {shards} shards, {len(queries)} queries x {rounds} rounds, "
      f"{same}/{len(queries)} answers byte-identical")
print("| server | median ms | mean ms | p90 ms | p99 ms |")
print("|---|---|---|---|---|")
for name in ("local", "remote"):
    print("| " + name + " | " + " | ".join(row(name)) + " |")
ratios = sorted(statistics.median(per_query["remote"][q]) / statistics.median(per_query["local"][q])
                for q in queries)
print(f"remote / local per query (median of its rounds): median {statistics.median(ratios):.2f}x, "
      f"p90 {ratios[int(len(ratios) * 0.9)]:.2f}x; mean time {statistics.mean(times['remote']) / statistics.mean(times['local']):.2f}x")
PY
echo "load average: $LOAD_START at start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
