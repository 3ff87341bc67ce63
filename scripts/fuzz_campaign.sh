#!/usr/bin/env bash
# A fuzz campaign: runs each libFuzzer target (all, or the ones named) to a number of executions
# and appends one row per target to docs/fuzz-campaigns.tsv, the record later sessions read:
# executions, exec/s, coverage (cov and ft of libFuzzer's last status line), corpus size,
# findings, wall time, date and commit. Builds and seeds through scripts/fuzz.sh (build-fuzz/).
# Usage: scripts/fuzz_campaign.sh [-n RUNS (default 10000000)] [-j JOBS (default 1)]
#          [-t MAX_SECONDS (default 0: no limit)] [TARGET ...]
# With -j J, J libFuzzer jobs share the target's corpus, each running RUNS/J executions.
# Run it at low priority on a shared machine: nice -n 10 scripts/fuzz_campaign.sh ...
# Exit status 1 when a target found anything.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10000000 jobs=1 max_time=0
while getopts "n:j:t:" opt; do
  case $opt in
  n) runs=$OPTARG ;;
  j) jobs=$OPTARG ;;
  t) max_time=$OPTARG ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
build=${REGKG_FUZZ_BUILD_DIR:-build-fuzz}
record=docs/fuzz-campaigns.tsv
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^regkg_fuzz_target(\(fuzz_[a-z_]*\) .*/\1/p' fuzz/CMakeLists.txt)
fi

# Build, seeds and the request target's snapshot: one execution per target through fuzz.sh.
FUZZ_RUNS=1 FUZZ_JOBS=1 scripts/fuzz.sh 1 "${targets[@]}" >/dev/null
export REGKG_FUZZ_DATA=$PWD/$build/fuzz-data
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- fuzz ingest text fetch server || echo +dirty)
[ -f "$record" ] || printf 'date\tcommit\ttarget\truns_asked\tjobs\texecs\texecs_per_s\tcov\tft\tcorpus\tfindings\twall_s\n' >"$record"
mkdir -p "$build/findings" "$build/campaign-logs"
status=0

for t in "${targets[@]}"; do
  logs="$build/campaign-logs/$t"
  rm -rf "$logs" && mkdir -p "$logs" "$build/corpus/$t"
  opts=(-max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="$PWD/$build/findings/$t-" -runs=$((runs / jobs)))
  [ -f "fuzz/$t.dict" ] && opts+=(-dict="$PWD/fuzz/$t.dict")
  [ "$max_time" -gt 0 ] && opts+=(-max_total_time="$max_time")
  before=$(find "$build/findings" -name "$t-*" | wc -l)
  start=$(date +%s)
  if [ "$jobs" -eq 1 ]; then
    "$build/fuzz/$t" "${opts[@]}" "$build/corpus/$t" "$build/seeds/$t" >"$logs/fuzz-0.log" 2>&1 || true
  else
    # -jobs writes fuzz-N.log in the working directory: run from the log folder.
    (cd "$logs" && "$OLDPWD/$build/fuzz/$t" "${opts[@]}" -jobs="$jobs" -workers="$jobs" \
      "$OLDPWD/$build/corpus/$t" "$OLDPWD/$build/seeds/$t" >jobs.log 2>&1) || true
  fi
  wall=$(($(date +%s) - start))
  # Executions summed over the jobs; coverage is the largest any job reached (they share a corpus).
  execs=0 cov=0 ft=0
  for log in "$logs"/fuzz-*.log; do
    e=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    execs=$((execs + ${e:-0}))
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    c=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    f=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    [ "${c:-0}" -gt "$cov" ] && cov=$c
    [ "${f:-0}" -gt "$ft" ] && ft=$f
  done
  rate=$((wall > 0 ? execs / wall : execs))
  units=$(find "$build/corpus/$t" -type f | wc -l)
  found=$(($(find "$build/findings" -name "$t-*" | wc -l) - before))
  [ "$found" -eq 0 ] || status=1
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$commit" "$t" \
    "$runs" "$jobs" "$execs" "$rate" "$cov" "$ft" "$units" "$found" "$wall" | tee -a "$record"
done
echo "fuzz_campaign: rows appended to $record; findings (if any) in $build/findings/"
exit $status
