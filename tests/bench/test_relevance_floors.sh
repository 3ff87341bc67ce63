#!/usr/bin/env bash
# Relevance floors (issue 23): ingest the full corpus, then run bench/relevance_bench on the judged
# sets tests/gold/relevance_dev.json (tuned on) and relevance_heldout.json (held out) with a floor
# on success@5 and NDCG@10 for each language, so that relevance cannot silently regress.
# Usage: test_relevance_floors.sh REGKG_BINARY RELEVANCE_BENCH SOURCE_DIR CORPUS_DIR
# Skipped (REGKG-SKIP) without the full corpus: the judged items are files of ../shared/corpus.
set -euo pipefail
regkg=$1 bench=$2 src=$3 corpus=${REGKG_CORPUS:-$4}
# The full corpus, not the embedded one (which has the same folders but ~100 of the ~1,600 laws
# and 25 of the Compass files the judged items name).
statutes=$(find "$corpus/statutes-zh" -name '*.md' 2>/dev/null | wc -l)
if [[ $statutes -lt 1000 || ! -f "$corpus/compass/uk-gdpr-articles.json" ]]; then
  echo "REGKG-SKIP: the judged queries need the full corpus (../shared/corpus), not $corpus ($statutes statute files)"
  exit 0
fi
data=$(mktemp -d /tmp/regkg-relevance.XXXXXX)
trap 'rm -rf "$data"' EXIT
"$regkg" ingest --corpus "$corpus" --data "$data" > "$data.log" 2>&1 || { tail -20 "$data.log"; exit 1; }
rm -f "$data.log"
# Floors a little under the figures recorded in BENCHMARKS.md ("Relevance on judged queries").
"$bench" --data "$data" --judged "$src/tests/gold/relevance_dev.json" \
  --min-success5 0.90 --min-ndcg10 0.65
"$bench" --data "$data" --judged "$src/tests/gold/relevance_heldout.json" \
  --min-success5 0.85 --min-ndcg10 0.63
