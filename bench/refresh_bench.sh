#!/usr/bin/env bash
# Time from a changed law file to searchable, on the full corpus: a served data directory, one
# statute amended on disk, then `regkg ingest` (incremental) and the server's poll of CURRENT,
# until a search finds the new wording. Compared with a full rebuild (`regkg ingest --full`).
#
# Usage: bench/refresh_bench.sh [--corpus DIR] [--runs 3] [--keep] [--no-full] [--settle S]
#                               [--watch | --follow]
#   The corpus (default ../shared/corpus) is read in place; the amended law lives in a second
#   corpus folder in a temporary directory. Environment: REGKG (binary, default build/regkg).
#   --watch: refreshes come from a running `regkg watch --interval 0.1 --debounce 0.1` (which keeps
#   parse and analysis caches between runs) instead of one `regkg ingest` per change.
#   --follow: the server itself follows the corpus (`regkg serve --follow`, same intervals) and
#   serves each snapshot with the graph its ingest built.
#   --no-full: skip the full rebuild at the end. The last line sums up the runs (min, median, max);
#   run 1 makes the amended law a new version (56 new articles), later runs change one article.
#   --settle S: wait S seconds once the server is ready before the first change (default 0): a real
#   publication does not arrive the moment the server has started (its start-up work is done).
set -euo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
REGKG=${REGKG:-$REPO/build/regkg}
CORPUS=$(cd "$REPO/.." && pwd)/shared/corpus
RUNS=3 KEEP=0 WATCH=0 FULL=1 SETTLE=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --corpus) CORPUS=$(cd "$2" && pwd); shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --no-full) FULL=0; shift ;;
    --settle) SETTLE=$2; shift 2 ;;
    --watch) WATCH=1; shift ;;
    --follow) WATCH=2; shift ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "refresh_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
server_pid= watch_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; [ -n "$watch_pid" ] && kill $watch_pid 2>/dev/null; [ $KEEP = 1 ] || rm -rf "$work"' EXIT
now_ms() { date +%s%3N; }
law="$CORPUS/statutes-zh/行政法/数据安全法(2021-06-10).md"
extra="$work/extra/statutes-zh"
mkdir -p "$extra"
# The amended law: a later dated version of the Data Security Law in the second corpus folder.
amended="$extra/数据安全法(2026-11-01).md"
cp "$law" "$amended"
ingest() { "$REGKG" ingest --corpus "$CORPUS" --corpus "$work/extra" --data "$work/data" "$@"; }

t0=$(now_ms); ingest > "$work/full0.log" 2>&1; full0=$(( $(now_ms) - t0 ))
echo "refresh_bench: first full ingest ${full0} ms ($(tail -2 "$work/full0.log" | head -1 | sed 's/.*: \([0-9]* nodes\)/\1/'))"
serve_args=(--watch-interval 0.1)
[ $WATCH = 2 ] && serve_args=(--follow "$CORPUS" --follow "$work/extra" --follow-interval 0.1 --follow-debounce 0.1)
"$REGKG" serve --data "$work/data" --port 0 "${serve_args[@]}" > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 300); do grep -q "at http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*at http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$work/serve.out")
[ -n "$port" ] || { echo "server did not start" >&2; exit 1; }

if [ $WATCH = 2 ]; then
  ln -s serve.err "$work/watch.log"  # the follow loop logs like regkg watch, to the server's stderr
  until grep -q "is current" "$work/watch.log"; do sleep 0.1; done
  echo "refresh_bench: regkg serve --follow ready ($(grep "is current" "$work/watch.log" | tail -1 | sed 's/.*(//; s/)$//'))"
elif [ $WATCH = 1 ]; then
  "$REGKG" watch --corpus "$CORPUS" --corpus "$work/extra" --data "$work/data" --interval 0.1 \
    --debounce 0.1 > "$work/watch.log" 2>&1 &
  watch_pid=$!
  # Its first ingest (at start) fills the caches; refreshes are measured after it.
  until grep -q "is current" "$work/watch.log"; do sleep 0.1; done
  echo "refresh_bench: regkg watch ready ($(grep "is current" "$work/watch.log" | tail -1 | sed 's/.*(//; s/)$//'))"
fi

sleep "$SETTLE"
times=()
for run in $(seq "$RUNS"); do
  word="第${run}号量子数据目录制度"
  enc=$(printf '%s' "\"$word\"" | od -An -tx1 | tr -d ' \n' | sed 's/\(..\)/%\1/g')
  sed -i "s/国家建立数据分类分级保护制度[^，。]*/国家建立数据分类分级保护制度和${word}/" "$amended"
  t0=$(now_ms)
  if [ $WATCH != 0 ]; then
    before=$(grep -c "is current" "$work/watch.log" || true)
    until curl -sf "http://127.0.0.1:$port/api/v1/search?q=$enc" | grep -q '"total":[1-9]'; do sleep 0.02; done
    t_search=$(( $(now_ms) - t0 ))
    times+=("$t_search")
    until [ "$(grep -c "is current" "$work/watch.log")" -gt "$before" ]; do sleep 0.02; done
    echo "refresh_bench: run $run: searchable after ${t_search} ms (watch: $(grep "is current" "$work/watch.log" | tail -1 | sed 's/.*(//; s/)$//'))"
    awk -v n="$before" '/is current/ {c++} c==n' "$work/watch.log" | grep -o '\[ *[0-9.]*s\] [a-z0-9][^(]*' | tr '\n' ';' | sed 's/;/; /g'; echo
    continue
  fi
  ingest > "$work/inc$run.log" 2>&1
  t_ingest=$(( $(now_ms) - t0 ))
  until curl -sf "http://127.0.0.1:$port/api/v1/search?q=$enc" | grep -q '"total":[1-9]'; do sleep 0.02; done
  t_search=$(( $(now_ms) - t0 ))
  times+=("$t_search")
  echo "refresh_bench: run $run: incremental ingest ${t_ingest} ms, searchable after ${t_search} ms ($(grep '^regkg ingest: index' "$work/inc$run.log" | sed 's/regkg ingest: //'))"
  grep -o '\[ *[0-9.]*s\] [a-z][^(]*' "$work/inc$run.log" | tr '\n' ';' | sed 's/;/; /g'; echo
done
if [ -n "$watch_pid" ]; then kill "$watch_pid"; wait "$watch_pid" 2>/dev/null || true; watch_pid=; fi
summary=$(printf '%s\n' "${times[@]}" | sort -n | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "min %d, median %d, max %d ms over %d runs", v[1], m, v[NR], NR}')
echo "refresh_bench: searchable after a change: $summary (load average $(cut -d' ' -f1-3 /proc/loadavg))"
[ $FULL = 1 ] || exit 0
t0=$(now_ms); ingest --full > "$work/full.log" 2>&1; full=$(( $(now_ms) - t0 ))
echo "refresh_bench: full rebuild (--full) ${full} ms"
