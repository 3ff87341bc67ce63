#!/usr/bin/env bash
# Graph benchmark, side by side in one run: regkg's graph library (bench/graph_bench.cpp), igraph
# and NetworkX (bench/graph_bench_py.py, /usr/bin/python3) answer the same queries on the graph of
# the full corpus (2-hop neighbourhoods of 200 seeds of varied degree, shortest paths between 200
# pairs, PageRank of the whole graph); the answers are compared before any time is reported. Then
# the HTTP routes /api/v1/neighborhood and /api/v1/paths under wrk, with and without the cache.
#
# Usage: bench/graph_bench.sh [--data DIR] [--corpus DIR] [--reps 5] [--duration 15s] [--keep]
#   --data DIR      reuse an ingested data directory (else the corpus is ingested into a temp dir)
#   --corpus DIR    corpus to ingest (default ../shared/corpus next to the repository)
#   --reps N        timed repetitions of each query batch for regkg and igraph (NetworkX: 1)
#   --duration D    wrk duration per HTTP round
#   --keep          keep the temporary directory (answers, GraphML, server logs)
# Environment: BUILD (build dir, default build), WRK_THREADS (2), WRK_CONNECTIONS (8).
# Installs python3-igraph, python3-networkx, python3-scipy and wrk with apt when missing.
# Listens on 127.0.0.1 only; stops every process it started. Writes to a temp dir and to
# bench/results/graph-<date>.md.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
source "$REPO/scripts/await_server.sh"
BUILD=${BUILD:-$REPO/build}
CORPUS=$(cd "$REPO/.." && pwd)/shared/corpus
DATA=
REPS=5
DURATION=15s
KEEP=0
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-8}
PY=/usr/bin/python3

while [[ $# -gt 0 ]]; do
  case $1 in
    --data) DATA=$(cd "$2" && pwd); shift 2 ;;
    --corpus) CORPUS=$(cd "$2" && pwd); shift 2 ;;
    --reps) REPS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "graph_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# --- tools ----------------------------------------------------------------------------------
missing=()
for p in python3-igraph python3-networkx python3-numpy python3-scipy wrk curl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
log "building regkg and graph_bench in $BUILD"
cmake -S "$REPO" -B "$BUILD" >/dev/null
cmake --build "$BUILD" -j2 --target regkg graph_bench >/dev/null

TMP=$(mktemp -d /tmp/regkg-graph-bench.XXXXXX)
# Frozen copies: a rebuild during the run must not change what is measured.
cp "$BUILD/regkg" "$TMP/regkg"
cp "$BUILD/bench/graph_bench" "$TMP/graph_bench"
REGKG=$TMP/regkg
SERVER_PID=
cleanup() {
  local rc=$?
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [[ $KEEP == 1 ]]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- data, GraphML, queries -----------------------------------------------------------------
INGEST_NOTE="reused $DATA"
if [[ -z $DATA ]]; then
  DATA=$TMP/data
  log "ingesting $CORPUS"
  "$REGKG" ingest --corpus "$CORPUS" --data "$DATA" >"$TMP/ingest.log" 2>&1 || { tail -5 "$TMP/ingest.log" >&2; exit 1; }
  INGEST_NOTE="fresh ingest of $CORPUS"
fi
SNAP=$(cat "$DATA/CURRENT")
GRAPHML=$TMP/graph.graphml
EXPORT_LINE=$("$REGKG" export --data "$DATA" --format graphml --out "$GRAPHML")
log "$EXPORT_LINE"
$PY -W ignore "$SCRIPT_DIR/graph_bench_py.py" sample "$GRAPHML" "$TMP" | tee "$TMP/sample.txt" >&2

# --- the three libraries --------------------------------------------------------------------
log "regkg graph library ($REPS reps)"
"$TMP/graph_bench" --graph "$DATA/snapshots/$SNAP/graph.bin" --seeds "$TMP/seeds.txt" \
  --pairs "$TMP/pairs.tsv" --answers "$TMP/answers-regkg.tsv" --reps "$REPS" >"$TMP/regkg.out"
log "igraph ($REPS reps)"
$PY -W ignore "$SCRIPT_DIR/graph_bench_py.py" run igraph "$GRAPHML" "$TMP" --reps "$REPS" >"$TMP/igraph.out"
log "networkx (1 rep)"
$PY -W ignore "$SCRIPT_DIR/graph_bench_py.py" run networkx "$GRAPHML" "$TMP" --reps 1 --pagerank-reps 1 >"$TMP/networkx.out"
cat "$TMP/regkg.out" "$TMP/igraph.out" "$TMP/networkx.out" >&2
log "comparing answers"
if ! $PY "$SCRIPT_DIR/graph_bench_py.py" compare "$TMP" igraph networkx >"$TMP/compare.txt"; then
  cat "$TMP/compare.txt" >&2
  echo "graph_bench.sh: the libraries disagree; no timings reported" >&2
  KEEP=1
  exit 1
fi
cat "$TMP/compare.txt" >&2

# --- HTTP -----------------------------------------------------------------------------------
# URL lists from the same seeds and pairs (ids percent-encoded), for wrk_queries.lua.
$PY - "$TMP" <<'EOF'
import sys, urllib.parse
d = sys.argv[1]
q = lambda s: urllib.parse.quote(s, safe="")
seeds = [l.rstrip("\n") for l in open(f"{d}/seeds.txt", encoding="utf-8") if l.strip()]
pairs = [l.rstrip("\n").split("\t") for l in open(f"{d}/pairs.tsv", encoding="utf-8") if l.strip()]
with open(f"{d}/http-neighborhood.txt", "w") as f:
    for s in seeds:
        f.write(f"/api/v1/neighborhood?id={q(s)}&depth=2\n")
with open(f"{d}/http-paths.txt", "w") as f:
    for a, b in pairs:
        f.write(f"/api/v1/paths?from={q(a)}&to={q(b)}\n")
EOF

start_server() {  # $1 = label, rest = extra serve options; sets SERVER_PID, BASE
  local label=$1; shift
  "$REGKG" serve --data "$DATA" --port 0 "$@" >"$TMP/serve-$label.out" 2>"$TMP/serve-$label.err" &
  SERVER_PID=$!
  BASE=$(await_server "$SERVER_PID" "$TMP/serve-$label.out" "$TMP/serve-$label.err" 60) || exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }
wrk_round() {  # $1 = url list; prints the WRK_RESULT line
  QUERIES=$1 PATH_PREFIX="" timeout 300 wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$DURATION" \
    -s "$SCRIPT_DIR/wrk_queries.lua" "$BASE" | grep '^WRK_RESULT'
}
declare -A HTTP
for mode in uncached cached; do
  if [[ $mode == uncached ]]; then start_server "$mode" --cache-mb 0; else start_server "$mode"; fi
  for route in neighborhood paths; do
    list=$TMP/http-$route.txt
    # Every request once (status check, and the cache's warm-up when it is on).
    bad=0
    while read -r u; do
      s=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$u")
      [[ $s == 200 ]] || bad=$((bad + 1))
    done <"$list"
    [[ $bad == 0 ]] || { echo "graph_bench.sh: $bad $route requests did not answer 200" >&2; exit 1; }
    log "wrk $route, $mode ($DURATION)"
    HTTP[$mode.$route]=$(wrk_round "$list")
  done
  stop_server
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ---------------------------------------------------------------------------------
t() { awk -v q="$2" '$1 == "TIME" && $2 == q {print $3}' "$TMP/$1.out"; }
ms() { awk -v x="$1" 'BEGIN{printf "%.2f", x/1000}'; }
fmt_us() { awk -v x="$1" 'BEGIN{ if (x >= 1000) printf "%.2f ms", x/1000; else printf "%.1f µs", x }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3g", a/b}'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN{ok = (op == "<=") ? (v <= t) : (v >= t); print ok ? "met" : "**missed**"}'; }
STAMP=$(date +%Y-%m-%dT%H%M%S)
mkdir -p "$SCRIPT_DIR/results"
OUT=$SCRIPT_DIR/results/graph-$STAMP.md
{
  echo "## regkg graph benchmark, $(date -Iseconds)"
  echo
  echo "Snapshot $SNAP ($INGEST_NOTE): $(grep -o '[0-9]* nodes, [0-9]* edges' <<<"$EXPORT_LINE")."
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average at start $LOAD_START, at end $LOAD_END."
  echo "regkg: \`graph_bench\` (graph library, C++, one thread); igraph $($PY -c 'import igraph; print(igraph.__version__)') and NetworkX $($PY -c 'import networkx; print(networkx.__version__)') on \`/usr/bin/python3\` over the GraphML export."
  echo "Per-query times: median over $REPS timed passes of the whole batch (NetworkX: 1 pass), after an untimed answering pass."
  echo
  grep '^AGREE\|^QUERIES' "$TMP/compare.txt" | sed 's/^/- /'
  grep '^seeds' "$TMP/sample.txt" | sed 's/^/- /'
  grep '^PAGERANK' "$TMP/regkg.out" | sed 's/^/- /'
  echo
  echo "| query | regkg | igraph | networkx | regkg / igraph (target <= 1.5) | networkx / regkg (target >= 50) |"
  echo "|---|---:|---:|---:|---:|---:|"
  for q in nbhd2 path pagerank; do
    r=$(t regkg $q); i=$(t igraph $q); n=$(t networkx $q)
    ri=$(ratio "$r" "$i"); nr=$(ratio "$n" "$r")
    echo "| $q | $(fmt_us "$r") | $(fmt_us "$i") | $(fmt_us "$n") | $ri ($(verdict "$ri" "<=" 1.5)) | $nr ($(verdict "$nr" ">=" 50)) |"
  done
  echo
  echo "Other regkg measures: 2-hop neighbourhood as the HTTP route computes it (capped at 10,000 nodes, with the induced edges) $(fmt_us "$(t regkg nbhd2_capped_with_edges)"); PageRank by power iteration (NetworkX's iteration) $(fmt_us "$(t regkg pagerank_power)")."
  echo
  echo "HTTP, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$DURATION over the same seeds / pairs (neighborhood depth=2 with the default limit 500; paths with the defaults max_length=4, k=1):"
  echo
  echo "| route | cache | req/s | p50 | p90 | p99 (target <= 10 ms) | max | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  for mode in uncached cached; do
    for route in neighborhood paths; do
      w=${HTTP[$mode.$route]}
      p99=$(ms "$(field "$w" p99_us)")
      echo "| /api/v1/$route | $([[ $mode == cached ]] && echo "on (64 MiB)" || echo "off (--cache-mb 0)") | $(field "$w" rps) | $(ms "$(field "$w" p50_us)") ms | $(ms "$(field "$w" p90_us)") ms | $p99 ms ($(verdict "$p99" "<=" 10)) | $(ms "$(field "$w" max_us)") ms | connect $(field "$w" err_connect), read $(field "$w" err_read), status $(field "$w" err_status), timeout $(field "$w" err_timeout) |"
    done
  done
} | tee "$OUT"
log "wrote $OUT"
