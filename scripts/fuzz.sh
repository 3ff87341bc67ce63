#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang-14 into build-fuzz/, makes their seed corpora
# from the real corpus, and runs each target for a set time, recording execs/s, total execs and
# findings (crashes, leaks, timeouts, out-of-memory) in build-fuzz/fuzz-results.tsv.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (default 60)] [TARGET ...]
#        FUZZ_JOBS=N runs N targets at once (default 1). FUZZ_RUNS=N also stops each target after
#        N executions (whichever comes first). Exit status 1 when anything was found.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=${REGKG_FUZZ_BUILD_DIR:-build-fuzz}
corpus=${REGKG_CORPUS:-../shared/corpus}
all_targets=(fuzz_statute_markdown fuzz_compass_json fuzz_news_markdown fuzz_front_matter
             fuzz_citation_extractor fuzz_date_extractor fuzz_obligation_extractor
             fuzz_sanction_extractor fuzz_chinese_numeral fuzz_publication_html
             fuzz_request_params fuzz_http_request)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
command -v clang++-14 >/dev/null || { echo "fuzz: clang++-14 not found (apt-get install clang-14)"; exit 2; }

# One build at a time in $build (several fuzz.sh may run side by side); fuzzing is not locked.
mkdir -p "$build"
exec 9>"$build/.build.lock"
flock 9
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREGKG_FUZZ=ON -DREGKG_BUILD_TESTS=OFF >/dev/null
# The small snapshot below is ingested by the normal build's regkg when there is one.
regkg=${REGKG_BIN:-build/regkg}
if [ ! -x "$regkg" ]; then regkg=$build/regkg; fi
if [ "$regkg" = "$build/regkg" ]; then
  cmake --build "$build" -j2 --target "${targets[@]}" regkg
else
  cmake --build "$build" -j2 --target "${targets[@]}"
fi

if [ ! -d "$build/seeds" ]; then
  python3 fuzz/make_seeds.py "$corpus" "$build/seeds.tmp" && mv "$build/seeds.tmp" "$build/seeds"
fi

# A small real snapshot for the request-layer target: the same files as the server tests use.
data="$build/fuzz-data"
# Made again when this regkg cannot open it (left by an older build: another graph or index format).
if [[ " ${targets[*]} " == *" fuzz_http_request "* ]] &&
  ! { [ -f "$data/CURRENT" ] && ASAN_OPTIONS=detect_leaks=0 "$regkg" search --data "$data" --limit 1 probe >/dev/null 2>&1; }; then
  rm -rf "$build/fuzz-corpus" "$data"
  while read -r rel; do
    mkdir -p "$build/fuzz-corpus/$(dirname "$rel")"
    ln -s "$(realpath "$corpus/$rel")" "$build/fuzz-corpus/$rel"
  done <<'LIST'
statutes-zh/行政法/数据安全法(2021-06-10).md
statutes-zh/行政法/个人信息保护法(2021-08-20).md
statutes-zh/行政法/网络安全法(2016-11-07).md
statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md
compass/instruments.json
compass/jurisdictions.json
compass/relations.json
compass/cn-generative-ai-measures-articles.json
compass/cn-pipl-articles.json
news/seed/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md
LIST
  ASAN_OPTIONS=detect_leaks=0 "$regkg" ingest --corpus "$build/fuzz-corpus" --data "$data" \
    --threads 2 >/dev/null
fi
export REGKG_FUZZ_DATA=$PWD/$data
flock -u 9

results="$build/fuzz-results.tsv"
[ -f "$results" ] || printf 'date\ttarget\tseconds\texecs\texecs_per_s\tcorpus\tfindings\n' >"$results"
mkdir -p "$build/findings" "$build/logs"

run_one() {
  local t=$1 dict=() log="$build/logs/$1.log"
  mkdir -p "$build/corpus/$t"
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  [ -n "${FUZZ_RUNS:-}" ] && dict+=(-runs="$FUZZ_RUNS")
  local before start=$SECONDS
  before=$(ls "$build/findings" | grep -c "^$t-" || true)
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a leak or blow-up is a finding.
  "$build/fuzz/$t" "$build/corpus/$t" "$build/seeds/$t" "${dict[@]}" -max_len=8192 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$t-" >"$log" 2>&1 || true
  local execs rate units after
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  units=$(ls "$build/corpus/$t" | wc -l)
  after=$(ls "$build/findings" | grep -c "^$t-" || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$((SECONDS - start))" "${execs:-0}" \
    "${rate:-0}" "$units" "$((after - before))" | tee -a "$results"
}

jobs=${FUZZ_JOBS:-1}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  run_one "$t" &
done
wait
echo "fuzz: results in $results; findings (if any) in $build/findings/"
found=$(ls "$build/findings" | wc -l)
[ "$found" -eq 0 ] || { echo "fuzz: $found finding(s)"; exit 1; }
