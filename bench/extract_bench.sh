#!/usr/bin/env bash
# Extraction cost side by side: build/bench/extract_bench (this tree) against the same program
# built at other commits, alternating, one run each per round; prints every run and the ratio of
# the best CPU times against the first binary given (the anchor).
#
# Usage: bench/extract_bench.sh [--corpus DIR] [--rounds 5] ANCHOR_BIN [OTHER_BIN …]
#   ANCHOR_BIN   extract_bench built at the earlier commit (see BENCHMARKS.md, "Extraction cost")
#   --corpus DIR statutes folder (default: ../shared/corpus/statutes-zh next to the repository)
# Environment: THIS (default build/bench/extract_bench).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
THIS=${THIS:-$REPO/build/bench/extract_bench}
CORPUS=$(cd "$REPO/.." && pwd)/shared/corpus/statutes-zh
ROUNDS=5
BINS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --corpus) CORPUS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) BINS+=("$(realpath "$1")"); shift ;;
  esac
done
[[ ${#BINS[@]} -ge 1 ]] || { echo "extract_bench.sh: give the anchor binary" >&2; exit 2; }
BINS+=("$THIS")
for b in "${BINS[@]}"; do [[ -x $b ]] || { echo "extract_bench.sh: no binary $b" >&2; exit 1; }; done
echo "corpus $CORPUS; $ROUNDS rounds; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A BEST
for r in $(seq "$ROUNDS"); do
  for b in "${BINS[@]}"; do
    out=$("$b" "$CORPUS" --runs 1)
    cpu=$(sed -n 's/^best CPU \([0-9.]*\) s.*/\1/p' <<<"$out")
    wall=$(sed -n 's/^best wall \([0-9.]*\) s.*/\1/p' <<<"$out")
    echo "round $r  $b  CPU $cpu s  wall $wall s"
    [[ -z ${BEST[$b]:-} ]] || awk -v a="$cpu" -v b="${BEST[$b]}" 'BEGIN{exit !(a<b)}' && BEST[$b]=$cpu
  done
done
for b in "${BINS[@]}"; do
  "$b" "$CORPUS" --runs 1 | sed -n '1,2p' | sed "s|^|$b: |"
done
anchor=${BEST[${BINS[0]}]}
for b in "${BINS[@]}"; do
  echo "$b: best CPU ${BEST[$b]} s, ratio to the anchor $(awk -v a="${BEST[$b]}" -v b="$anchor" 'BEGIN{printf "%.3f", a/b}')"
done
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
