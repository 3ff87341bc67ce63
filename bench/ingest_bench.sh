#!/usr/bin/env bash
# Ingest benchmark for regkg: (a) a full ingest of the corpus (wall time, files/s, MB/s,
# peak RSS, snapshot size); (b) regkg against Xapian Omega's omindex on statutes-zh/,
# alternating, fresh data directories each time, best of N for each.
#
# Usage: bench/ingest_bench.sh [--corpus DIR] [--runs 2] [--skip-full] [--keep]
#   --corpus DIR   corpus root (default: ../shared/corpus next to the repository);
#                  part (b) uses DIR/statutes-zh
#   --runs N       runs of each side in part (b), alternating (default 2)
#   --skip-full    only part (b)
# Environment: REGKG (binary, default build/regkg).
#
# Writes only to a temporary directory (removed on exit) and bench/results/ingest-<date>.md.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
REGKG=${REGKG:-$REPO/build/regkg}
CORPUS=$(cd "$REPO/.." && pwd)/shared/corpus
RUNS=2
FULL=1
KEEP=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --corpus) CORPUS=$(cd "$2" && pwd); shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --skip-full) FULL=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "ingest_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
ZH=$CORPUS/statutes-zh
for tool in omindex /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "ingest_bench.sh: missing $tool (apt-get install xapian-omega time)" >&2; exit 1; }
done
[[ -x $REGKG ]] || { echo "ingest_bench.sh: no binary at $REGKG" >&2; exit 1; }
[[ -d $ZH ]] || { echo "ingest_bench.sh: no $ZH" >&2; exit 1; }

TMP=$(mktemp -d /tmp/regkg-ingest-bench.XXXXXX)
CHILD=
cleanup() {
  local rc=$?
  [[ -n $CHILD ]] && kill "$CHILD" 2>/dev/null && wait "$CHILD" 2>/dev/null || true
  if [[ $KEEP == 1 ]]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }

# The binary may be rebuilt while we run: freeze a copy.
REGKG_SRC=$REGKG
cp "$REGKG_SRC" "$TMP/regkg"
REGKG=$TMP/regkg
"$REGKG" --help >/dev/null

# run NAME CMD...: runs under /usr/bin/time -v with a 20-minute bound; sets WALL (s) and PEAK_KB
run() {
  local name=$1; shift
  local t0 rc=0
  t0=$(now)
  timeout 1200 /usr/bin/time -v -o "$TMP/$name.time" "$@" >"$TMP/$name.log" 2>&1 &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=
  WALL=$(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}')
  PEAK_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/$name.time")
  if [[ $rc -ne 0 ]]; then
    echo "ingest_bench.sh: $name failed (exit $rc):" >&2; tail -5 "$TMP/$name.log" >&2; exit 1
  fi
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
# Same page-cache state for everyone: read the corpus once first.
log "warming the page cache with $CORPUS"
find "$CORPUS" -type f -exec cat {} + >/dev/null

FULL_ROWS=
if [[ $FULL == 1 ]]; then
  NFILES=$(find "$CORPUS" -type f | wc -l)
  BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  log "full ingest of $CORPUS ($NFILES files, $BYTES bytes)"
  run full "$REGKG" ingest --corpus "$CORPUS" --data "$TMP/full"
  SNAP=$(du -sb "$TMP/full" | cut -f1)
  SUMMARY=$(grep 'is current' "$TMP/full.log" | sed 's/^regkg ingest: //' || true)
  FULL_ROWS=$(cat <<EOF
| files | $NFILES ($(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB) |
| wall time | $WALL s |
| files/s | $(awk -v n="$NFILES" -v t="$WALL" 'BEGIN{printf "%.1f", n/t}') |
| MB/s | $(awk -v b="$BYTES" -v t="$WALL" 'BEGIN{printf "%.2f", b/1e6/t}') |
| user + sys CPU | $(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f s", u+s}' "$TMP/full.time") |
| peak RSS | $((PEAK_KB / 1024)) MiB |
| data dir size (du) | $((SNAP / 1048576)) MiB |
EOF
)
  FULL_PHASES=$(grep -E '^\[ *[0-9.]+s\]' "$TMP/full.log" || true)
  rm -rf "$TMP/full"
fi

ZH_FILES=$(find "$ZH" -type f | wc -l)
ZH_BYTES=$(find "$ZH" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
OMINDEX_VERSION=$(omindex --version 2>/dev/null | head -1 || true)
REG_TIMES=(); OMI_TIMES=(); REG_RSS=(); OMI_RSS=()
for r in $(seq "$RUNS"); do
  log "run $r: omindex on statutes-zh"
  run "omindex$r" env XAPIAN_CJK_NGRAM=1 omindex --db "$TMP/omega$r" --url /docs/ -M md:text/plain "$ZH"
  OMI_TIMES+=("$WALL"); OMI_RSS+=("$PEAK_KB")
  OMI_SIZE=$(du -sb "$TMP/omega$r" | cut -f1)
  OMI_DOCS=$(xapian-delve "$TMP/omega$r" 2>/dev/null | awk -F"= " "/number of documents/ {print \$2}" || true)
  rm -rf "$TMP/omega$r"
  log "run $r: regkg ingest on statutes-zh"
  run "regkg$r" "$REGKG" ingest --corpus "$ZH" --data "$TMP/regkg$r"
  REG_TIMES+=("$WALL"); REG_RSS+=("$PEAK_KB")
  REG_SIZE=$(du -sb "$TMP/regkg$r" | cut -f1)
  REG_SUMMARY=$(grep 'is current' "$TMP/regkg$r.log" | sed 's/^regkg ingest: //' || true)
  rm -rf "$TMP/regkg$r"
done
best() { printf '%s\n' "$@" | sort -g | head -1; }
REG_BEST=$(best "${REG_TIMES[@]}"); OMI_BEST=$(best "${OMI_TIMES[@]}")
RATIO=$(awk -v a="$REG_BEST" -v b="$OMI_BEST" 'BEGIN{printf "%.2f", a/b}')
VERDICT=$(awk -v r="$RATIO" 'BEGIN{print (r <= 1.5) ? "met" : "**missed**"}')
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

STAMP=$(date +%Y-%m-%dT%H%M%S)
mkdir -p "$SCRIPT_DIR/results"
OUT=$SCRIPT_DIR/results/ingest-$STAMP.md
{
  echo "## regkg ingest benchmark, $(date -Iseconds)"
  echo
  echo "Binary \`$REGKG_SRC\` ($(stat -c %y "$REGKG_SRC" | cut -d. -f1), frozen copy); corpus $CORPUS (page cache warm);"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average at start $LOAD_START, at end $LOAD_END."
  if [[ $FULL == 1 ]]; then
    echo
    echo "### Full ingest"
    echo
    echo "| measure | value |"
    echo "|---|---:|"
    echo "$FULL_ROWS"
    echo
    echo "regkg: $SUMMARY"
    if [[ -n $FULL_PHASES ]]; then echo; echo '```'; echo "$FULL_PHASES"; echo '```'; fi
  fi
  echo
  echo "### regkg vs omindex on statutes-zh ($ZH_FILES files, $(awk -v b="$ZH_BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB), best of $RUNS alternating"
  echo
  echo "| tool | best wall s | all runs s | peak RSS MiB | output size MiB |"
  echo "|---|---:|---:|---:|---:|"
  echo "| \`XAPIAN_CJK_NGRAM=1 omindex -M md:text/plain\` ($OMINDEX_VERSION, ${OMI_DOCS:-?} docs) | $OMI_BEST | ${OMI_TIMES[*]} | $(( $(best "${OMI_RSS[@]}") / 1024 )) | $((OMI_SIZE / 1048576)) |"
  echo "| \`regkg ingest\` | $REG_BEST | ${REG_TIMES[*]} | $(( $(best "${REG_RSS[@]}") / 1024 )) | $((REG_SIZE / 1048576)) |"
  echo
  echo "| measure | value | target | verdict |"
  echo "|---|---:|---:|---|"
  echo "| regkg / omindex wall time | ${RATIO}x | <= 1.5x | $VERDICT |"
  echo
  echo "regkg on statutes-zh: $REG_SUMMARY"
} | tee "$OUT"
log "wrote $OUT"
