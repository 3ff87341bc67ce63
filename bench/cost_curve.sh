#!/usr/bin/env bash
# Cost curve (issues 19 and 21): how regkg's costs grow with the corpus. Synthetic corpora of
# 1x, 2x, 4x, 8x the full corpus (bench/cost_curve_corpus.py: copies with distinct file names,
# titles and ids, made at bench time under --work, never committed); for each size, in this order:
#   - full ingest (`regkg ingest --full` into a fresh data directory) under /usr/bin/time -v:
#     wall and CPU time, peak RSS, the lowest MemAvailable seen while it ran;
#   - sizes on disk: snapshot, index/, graph.bin; nodes, edges, documents (manifest);
#   - server start (`regkg serve --cache-mb 0`) to the first 200 of /healthz, 3 times, and the
#     server's RSS at that moment;
#   - uncached search: build/bench/search_floor over the distinct q of bench/queries.txt, one
#     keep-alive connection, sequential (regkg's p50/p99/mean and Xapian's floor on the same index);
#   - graph routes over HTTP, uncached, sequential on one keep-alive connection
#     (bench/cost_curve_http.py): /api/v1/neighborhood depth 2 and /api/v1/paths for 200 seeds and
#     200 pairs sampled on the 1x graph as bench/graph_bench.sh samples them (the same ids at every
#     size: copy 1 is the real corpus); then build/bench/graph_bench on graph.bin (2-hop, paths,
#     whole-graph PageRank);
#   - refresh: `regkg serve --follow` on the corpus plus a second folder, then one law added as a
#     new dated version (run 1) and one article changed (runs 2-3): ms until a search finds the new
#     wording, as bench/refresh_bench.sh --follow measures it; the server's peak RSS (VmHWM).
# The host is shared: beside each wall time the CPU time of the process doing the work is recorded
# (ingest user+sys; the server's CPU per search and per graph request, for its start, and for each
# refresh), which other load does not stretch. The load average (1 min) is recorded before each
# measurement. Before each size the ingest's peak
# RSS is extrapolated from the sizes before it (linearly); a size that would not fit in
# MemAvailable minus 2 GiB is skipped, and the larger ones with it, and the TSV says so.
#
# Usage: nice -n 5 bench/cost_curve.sh [--sizes 1,2,4,8] [--repeat 1,2] [--work DIR] [--out DIR]
#                                      [--corpus DIR] [--rounds 3] [--keep-data]
#   --sizes LIST    corpus multiples to measure, ascending (default 1,2,4,8)
#   --repeat LIST   sizes measured a second time after the others (small sizes on a noisy host)
#   --work DIR      synthetic corpora and data directories (default /tmp/regkg-cost-curve; the
#                   copies are kept there for the next run, data directories are removed)
#   --out DIR       where cost-curve.tsv, cost-curve.png and cost-curve.md go (default
#                   bench/results/cost-curve-<date>); bench/cost_curve_report.py makes the last two
#   --corpus DIR    the 1x corpus (default ../shared/corpus next to the repository)
#   --rounds N      timed rounds of search_floor and of the graph routes (default 3)
# Environment: REGKG (build/regkg), SEARCH_FLOOR (build/bench/search_floor), GRAPH_BENCH
#   (build/bench/graph_bench): build them first, Release:
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2 --target regkg search_floor graph_bench
# Needs /usr/bin/time, curl, gnuplot (gnuplot-nox), /usr/bin/python3 with python3-igraph (seeds).
# Listens on 127.0.0.1 only; stops every process it started.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
source "$REPO/scripts/await_server.sh"
REGKG=${REGKG:-$REPO/build/regkg}
SEARCH_FLOOR=${SEARCH_FLOOR:-$REPO/build/bench/search_floor}
GRAPH_BENCH=${GRAPH_BENCH:-$REPO/build/bench/graph_bench}
CORPUS=$(cd "$REPO/.." && pwd)/shared/corpus
SIZES=1,2,4,8
REPEAT=
WORK=/tmp/regkg-cost-curve
OUT=
ROUNDS=3
KEEP_DATA=0
PY=/usr/bin/python3

while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --corpus) CORPUS=$(cd "$2" && pwd); shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --keep-data) KEEP_DATA=1; shift ;;
    -h|--help) sed -n '2,46p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "cost_curve.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
OUT=${OUT:-$REPO/bench/results/cost-curve-$(date +%Y-%m-%dT%H%M%S)}
for tool in /usr/bin/time curl gnuplot "$PY"; do
  command -v "$tool" >/dev/null || { echo "cost_curve.sh: missing $tool" >&2; exit 1; }
done
for bin in "$REGKG" "$SEARCH_FLOOR" "$GRAPH_BENCH"; do
  [[ -x $bin ]] || { echo "cost_curve.sh: no $bin (see --help for the build command)" >&2; exit 1; }
done
# The machine is shared: this script and everything it starts run at nice 5 at least.
[[ $(nice) -ge 5 ]] || renice -n 5 -p $$ >/dev/null

mkdir -p "$WORK" "$OUT"
WORK=$(cd "$WORK" && pwd)
OUT=$(cd "$OUT" && pwd)
RUN=$WORK/run-$$
mkdir -p "$RUN"
# Frozen copies: a rebuild during the run must not change what is measured.
cp "$REGKG" "$RUN/regkg"; cp "$SEARCH_FLOOR" "$RUN/search_floor"; cp "$GRAPH_BENCH" "$RUN/graph_bench"
REGKG_SRC=$REGKG
REGKG=$RUN/regkg
PIDS=()
cleanup() {
  local rc=$? pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$RUN"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.3f", b-a}'; }
load1() { cut -d' ' -f1 /proc/loadavg; }
avail_mib() { awk '/^MemAvailable/ {printf "%d", $2/1024}' /proc/meminfo; }
rss_mib() { awk -v k="$2" '$1 == k":" {printf "%d", $2/1024}' /proc/"$1"/status; }
# CPU seconds (user + system) a process has used: unlike wall times, not stretched by other load.
TICKS=$(getconf CLK_TCK)
cpu_s() { awk -v t="$TICKS" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t}' /proc/"$1"/stat; }
per_ms() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN{printf "%.3f", (b - a) * 1000 / n}'; }

# --- corpora ------------------------------------------------------------------------------------
ALL_SIZES=$(tr ',' '\n' <<<"$SIZES,$REPEAT" | grep . | sort -un | paste -sd,)
log "synthetic corpora $ALL_SIZES x under $WORK"
$PY "$SCRIPT_DIR/cost_curve_corpus.py" --corpus "$CORPUS" --out "$WORK" --sizes "$ALL_SIZES" >/dev/null

# --- seeds and pairs, sampled once on the 1x graph -----------------------------------------------
SEEDS=$WORK/seeds
if [[ ! -s $SEEDS/pairs.tsv ]]; then
  log "sampling 200 seeds and 200 pairs on the 1x graph"
  mkdir -p "$SEEDS"
  "$REGKG" ingest --corpus "$WORK/size-1" --data "$SEEDS/data" >"$SEEDS/ingest.log" 2>&1
  "$REGKG" export --data "$SEEDS/data" --format graphml --out "$SEEDS/graph.graphml" >/dev/null
  $PY -W ignore "$SCRIPT_DIR/graph_bench_py.py" sample "$SEEDS/graph.graphml" "$SEEDS" >&2
  rm -rf "$SEEDS/data" "$SEEDS/graph.graphml"
fi
$PY - "$SEEDS" "$RUN" <<'EOF'
import sys, urllib.parse
d, out = sys.argv[1], sys.argv[2]
q = lambda s: urllib.parse.quote(s, safe="")
seeds = [l.rstrip("\n") for l in open(f"{d}/seeds.txt", encoding="utf-8") if l.strip()]
pairs = [l.rstrip("\n").split("\t") for l in open(f"{d}/pairs.tsv", encoding="utf-8") if l.strip()]
with open(f"{out}/http-neighborhood.txt", "w") as f:
    for s in seeds:
        f.write(f"/api/v1/neighborhood?id={q(s)}&depth=2\n")
with open(f"{out}/http-paths.txt", "w") as f:
    for a, b in pairs:
        f.write(f"/api/v1/paths?from={q(a)}&to={q(b)}\n")
EOF

# --- the server ---------------------------------------------------------------------------------
SERVER_PID=
BASE=
start_server() {  # $1 = data dir, $2 = label, rest = serve options; sets SERVER_PID, BASE, START_S
  local data=$1 label=$2 t0; shift 2
  t0=$(now)
  "$REGKG" serve --data "$data" --port 0 --cache-mb 0 "$@" >"$RUN/serve-$label.out" 2>"$RUN/serve-$label.err" &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  BASE=$(await_server "$SERVER_PID" "$RUN/serve-$label.out" "$RUN/serve-$label.err" 1800 0.01) || exit 1
  START_S=$(since "$t0")
  START_CPU=$(cpu_s "$SERVER_PID")
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

# --- one size -----------------------------------------------------------------------------------
TSV=$OUT/cost-curve.tsv
COLUMNS_TSV="size run status load_ingest ingest_s ingest_cpu_s ingest_peak_mib min_avail_mib files nodes edges documents snapshot_mib index_mib graph_mib load_start start_s start_cpu_s start_rss_mib load_search search_p50_ms search_p99_ms search_mean_ms search_cpu_ms floor_p50_ms floor_p99_ms floor_counting_mean_ms load_graph nbhd_p50_ms nbhd_p99_ms nbhd_cpu_ms paths_p50_ms paths_p99_ms paths_cpu_ms lib_nbhd2_us lib_path_us lib_pagerank_ms serve_hwm_mib load_refresh follow_start_s follow_start_cpu_s refresh_new_version_ms refresh_new_version_cpu_s refresh_article_ms refresh_article_cpu_s follow_hwm_mib"
[[ -s $TSV ]] || tr ' ' '\t' <<<"$COLUMNS_TSV" >"$TSV"
declare -A ROW
emit_row() {
  local c line=
  for c in $COLUMNS_TSV; do line+="${ROW[$c]:-NA}"$'\t'; done
  echo "${line%$'\t'}" >>"$TSV"
}
PREV_SIZE= ; PREV_PEAK=

measure() {  # $1 = size, $2 = run number
  local S=$1 R=$2 data=$WORK/data-$1 corpus=$WORK/size-$1 t0 need
  ROW=([size]=$S [run]=$R [status]=ok)
  if [[ -n $PREV_PEAK ]]; then
    need=$(( PREV_PEAK * S / PREV_SIZE ))
  else
    need=$(( 2500 * S ))
  fi
  if (( need > $(avail_mib) - 2048 )); then
    log "${S}x: the ingest would need about $need MiB, MemAvailable is $(avail_mib) MiB: skipped"
    ROW[status]="skipped:needs~${need}MiB,available$(avail_mib)MiB"
    emit_row
    return 1
  fi
  rm -rf "$data"

  # ingest
  log "${S}x run $R: full ingest of $corpus (load $(load1))"
  ROW[load_ingest]=$(load1)
  local minavail=$RUN/minavail
  echo "$(avail_mib)" >"$minavail"
  ( while sleep 1; do a=$(avail_mib); (( a < $(cat "$minavail") )) && echo "$a" >"$minavail"; done ) &
  local sampler=$!
  PIDS+=("$sampler")
  t0=$(now)
  timeout 14400 /usr/bin/time -v -o "$RUN/ingest.time" "$REGKG" ingest --corpus "$corpus" --data "$data" --full \
    >"$RUN/ingest.log" 2>&1 || { kill "$sampler"; tail -5 "$RUN/ingest.log" >&2; exit 1; }
  ROW[ingest_s]=$(since "$t0")
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  ROW[min_avail_mib]=$(cat "$minavail")
  ROW[ingest_peak_mib]=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$RUN/ingest.time")
  ROW[ingest_cpu_s]=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$RUN/ingest.time")
  PREV_SIZE=$S; PREV_PEAK=${ROW[ingest_peak_mib]}
  grep '^regkg ingest' "$RUN/ingest.log" >&2
  local snap
  snap=$data/snapshots/$(cat "$data/CURRENT")
  read -r 'ROW[files]' 'ROW[nodes]' 'ROW[edges]' 'ROW[documents]' < <($PY -c '
import json, sys
m = json.load(open(sys.argv[1]))
c = m["counts"]
print(c.get("sources.ingested", 0), c["nodes"], c["edges"], c["documents"])' "$snap/manifest.json")
  ROW[snapshot_mib]=$(du -sm "$snap" | cut -f1)
  ROW[index_mib]=$(du -sm "$snap/index" | cut -f1)
  ROW[graph_mib]=$(du -sm "$snap/graph.bin" | cut -f1)
  log "${S}x: ingest ${ROW[ingest_s]} s, peak ${ROW[ingest_peak_mib]} MiB, snapshot ${ROW[snapshot_mib]} MiB"

  # server start, 3 times; the last one stays up
  ROW[load_start]=$(load1)
  local starts=() rss=() cpus=() c0 nq
  for i in 1 2 3; do
    start_server "$data" "start$i"
    starts+=("$START_S"); rss+=("$(rss_mib "$SERVER_PID" VmRSS)"); cpus+=("$START_CPU")
    [[ $i == 3 ]] || stop_server
  done
  ROW[start_s]=$(printf '%s\n' "${starts[@]}" | sort -g | sed -n 2p)
  ROW[start_rss_mib]=$(printf '%s\n' "${rss[@]}" | sort -g | sed -n 2p)
  ROW[start_cpu_s]=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n 2p)
  log "${S}x: start ${starts[*]} s (CPU ${cpus[*]} s), RSS ${rss[*]} MiB"

  # uncached search, sequential, one keep-alive connection
  ROW[load_search]=$(load1)
  # server CPU per search: the check pass and every round send each distinct q once
  nq=$(grep -v '^#' "$SCRIPT_DIR/queries.txt" | grep -v '^$' | sed 's/&.*//' | sort -u | wc -l)
  c0=$(cpu_s "$SERVER_PID")
  if "$RUN/search_floor" --data "$data" --url "$BASE" --queries "$SCRIPT_DIR/queries.txt" \
       --rounds "$ROUNDS" >"$RUN/floor.out" 2>"$RUN/floor.err"; then
    read -r 'ROW[search_p50_ms]' 'ROW[search_p99_ms]' 'ROW[search_mean_ms]' < <(awk '/^\(c\)/ {print $(NF-3), $(NF-2), $(NF-1)}' "$RUN/floor.out")
    read -r 'ROW[floor_p50_ms]' 'ROW[floor_p99_ms]' < <(awk '/^\(a\)/ {print $(NF-3), $(NF-2)}' "$RUN/floor.out")
    ROW[floor_counting_mean_ms]=$(awk '/^\(b\)/ {print $(NF-1)}' "$RUN/floor.out")
    ROW[search_cpu_ms]=$(per_ms "$c0" "$(cpu_s "$SERVER_PID")" $(( nq * (ROUNDS + 1) )))
    grep -E '^\((a|b|c)\)|^RATIO' "$RUN/floor.out" >&2
  else
    log "search_floor failed: $(tail -1 "$RUN/floor.err")"
    exit 1
  fi

  # graph routes over HTTP, uncached
  ROW[load_graph]=$(load1)
  local h
  c0=$(cpu_s "$SERVER_PID")
  h=$($PY "$SCRIPT_DIR/cost_curve_http.py" --url "$BASE" --paths "$RUN/http-neighborhood.txt" --rounds "$ROUNDS")
  ROW[nbhd_cpu_ms]=$(per_ms "$c0" "$(cpu_s "$SERVER_PID")" $(( $(wc -l <"$RUN/http-neighborhood.txt") * (ROUNDS + 1) )))
  ROW[nbhd_p50_ms]=$(grep -o 'p50_ms=[0-9.]*' <<<"$h" | cut -d= -f2); ROW[nbhd_p99_ms]=$(grep -o 'p99_ms=[0-9.]*' <<<"$h" | cut -d= -f2)
  log "${S}x: neighborhood $h"
  c0=$(cpu_s "$SERVER_PID")
  h=$($PY "$SCRIPT_DIR/cost_curve_http.py" --url "$BASE" --paths "$RUN/http-paths.txt" --rounds "$ROUNDS")
  ROW[paths_cpu_ms]=$(per_ms "$c0" "$(cpu_s "$SERVER_PID")" $(( $(wc -l <"$RUN/http-paths.txt") * (ROUNDS + 1) )))
  ROW[paths_p50_ms]=$(grep -o 'p50_ms=[0-9.]*' <<<"$h" | cut -d= -f2); ROW[paths_p99_ms]=$(grep -o 'p99_ms=[0-9.]*' <<<"$h" | cut -d= -f2)
  log "${S}x: paths $h"
  ROW[serve_hwm_mib]=$(rss_mib "$SERVER_PID" VmHWM)
  stop_server

  # the graph library on graph.bin
  "$RUN/graph_bench" --graph "$snap/graph.bin" --seeds "$SEEDS/seeds.txt" --pairs "$SEEDS/pairs.tsv" \
    --answers "$RUN/answers.tsv" --reps "$ROUNDS" --pagerank-reps 1 >"$RUN/graph_bench.out"
  ROW[lib_nbhd2_us]=$(awk '$1 == "TIME" && $2 == "nbhd2" {print $3}' "$RUN/graph_bench.out")
  ROW[lib_path_us]=$(awk '$1 == "TIME" && $2 == "path" {print $3}' "$RUN/graph_bench.out")
  ROW[lib_pagerank_ms]=$(awk '$1 == "TIME" && $2 == "pagerank" {printf "%.1f", $3 / 1000}' "$RUN/graph_bench.out")
  grep -E '^(TIME|LOAD)' "$RUN/graph_bench.out" >&2

  # refresh with regkg serve --follow
  ROW[load_refresh]=$(load1)
  local extra=$RUN/extra law amended times=() run word enc before
  rm -rf "$extra"; mkdir -p "$extra/statutes-zh"
  law="$CORPUS/statutes-zh/行政法/数据安全法(2021-06-10).md"
  amended="$extra/statutes-zh/数据安全法(2026-11-01).md"
  t0=$(now)
  start_server "$data" follow --follow "$corpus" --follow "$extra" --follow-interval 0.1 --follow-debounce 0.1
  until grep -q "is current" "$RUN/serve-follow.err"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -5 "$RUN/serve-follow.err" >&2; exit 1; }
    sleep 0.1
  done
  ROW[follow_start_s]=$(since "$t0")
  ROW[follow_start_cpu_s]=$(cpu_s "$SERVER_PID")
  local cpus_r=()
  sleep 5  # a publication does not arrive the moment the server has started
  for run in 1 2 3; do
    word="第${run}号量子数据目录制度"
    enc=$(printf '%s' "\"$word\"" | od -An -tx1 | tr -d ' \n' | sed 's/\(..\)/%\1/g')
    before=$(grep -c "is current" "$RUN/serve-follow.err" || true)
    c0=$(cpu_s "$SERVER_PID")
    if [[ $run == 1 ]]; then
      sed "s/国家建立数据分类分级保护制度[^，。]*/国家建立数据分类分级保护制度和${word}/" "$law" >"$amended.tmp"
      t0=$(now); mv "$amended.tmp" "$amended"
    else
      t0=$(now); sed -i "s/国家建立数据分类分级保护制度[^，。]*/国家建立数据分类分级保护制度和${word}/" "$amended"
    fi
    until curl -sf "$BASE/api/v1/search?q=$enc" | grep -q '"total":[1-9]'; do
      kill -0 "$SERVER_PID" 2>/dev/null || { tail -5 "$RUN/serve-follow.err" >&2; exit 1; }
      sleep 0.02
    done
    times+=("$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%d", (b-a)*1000}')")
    # served once indexed; the follower then writes graph.bin and commits: wait for that
    until [[ $(grep -c "is current" "$RUN/serve-follow.err") -gt $before ]]; do sleep 0.1; done
    cpus_r+=("$(awk -v a="$c0" -v b="$(cpu_s "$SERVER_PID")" 'BEGIN{printf "%.2f", b - a}')")
    sleep 1
  done
  ROW[refresh_new_version_ms]=${times[0]}
  ROW[refresh_article_ms]=$(printf '%s\n' "${times[1]}" "${times[2]}" | sort -n | head -1)
  ROW[refresh_new_version_cpu_s]=${cpus_r[0]}
  ROW[refresh_article_cpu_s]=$(printf '%s\n' "${cpus_r[1]}" "${cpus_r[2]}" | sort -n | head -1)
  ROW[follow_hwm_mib]=$(rss_mib "$SERVER_PID" VmHWM)
  log "${S}x: follow start ${ROW[follow_start_s]} s, refreshes ${times[*]} ms (server CPU ${cpus_r[*]} s), peak RSS ${ROW[follow_hwm_mib]} MiB"
  stop_server

  emit_row
  [[ $KEEP_DATA == 1 ]] || rm -rf "$data"
}

log "binary $REGKG_SRC ($(stat -c %y "$REGKG_SRC" | cut -d. -f1)); $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
for S in $(tr ',' ' ' <<<"$SIZES"); do
  measure "$S" 1 || break
done
for S in $(tr ',' ' ' <<<"$REPEAT"); do
  measure "$S" 2 || true
done
log "measured: $TSV"
$PY "$SCRIPT_DIR/cost_curve_report.py" --tsv "$TSV" --out "$OUT"
log "wrote $OUT/cost-curve.png and $OUT/cost-curve.md"
