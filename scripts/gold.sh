#!/usr/bin/env bash
# Prints precision and recall of every extractor against the hand-annotated gold set in
# tests/gold/ (obligations, citations, dates, news -> instrument, news actors). The same
# evaluations run in the test suite, which fails when a floor is not met.
# Usage: scripts/gold.sh   (after scripts/build.sh or scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${REGKG_BUILD_DIR:-build}/tests/test_ingest
[ -x "$bin" ] || { echo "gold: $bin not built; run scripts/build.sh first" >&2; exit 1; }
"$bin" -tc="*precision and recall*" -s --no-path-filenames 2>&1 |
  sed -n 's/^.*MESSAGE: //p' | grep -E "P[ =]|precision" || true
# The blind sets (annotated before the extractor ran on them; A-D are tuned on since 2026-12-08, E is held out: never tuned on).
echo "obligations on the blind gold sets (tests/gold/CONVENTIONS-blind.md):"
"$bin" -tc="obligation extractor: the blind gold sets" 2>&1 | grep -E "^(blind|tuned|held-out)" || true
echo "sanctions on the blind gold set tests/gold/sanctions.json (CONVENTIONS-blind.md, part B):"
"$bin" -tc="sanction extractor: the blind gold set" 2>&1 | grep -E "^(sanction|\(|condition)" || true
"$bin" -tc="*precision and recall*,obligation extractor: the blind gold sets,sanction extractor: the blind gold set" >/dev/null 2>&1 &&
  echo "gold: all floors met" || {
  echo "gold: a floor is NOT met (run $bin -tc='*precision and recall*' for details)"; exit 1; }
