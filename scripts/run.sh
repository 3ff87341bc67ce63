#!/usr/bin/env bash
# The main job: install dependencies, build, ingest the corpus, serve at http://127.0.0.1:8080.
# Uses ../shared/corpus when it exists, else the project's own corpus/. Usage: scripts/run.sh
# Environment: REGKG_PORT (8080), REGKG_DATA (data), REGKG_CORPUS (override the corpus dir).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

if [ -n "${REGKG_CORPUS:-}" ]; then
  corpus=$REGKG_CORPUS
elif [ -d ../shared/corpus ]; then
  corpus=../shared/corpus
else
  corpus=corpus
fi
echo "run: ingesting corpus $(cd "$corpus" && pwd)"
data=${REGKG_DATA:-data}
./build/regkg ingest --corpus "$corpus" --data "$data"
echo "run: serving on http://127.0.0.1:${REGKG_PORT:-8080}/ (Ctrl-C stops)"
exec ./build/regkg serve --data "$data" --host 127.0.0.1 --port "${REGKG_PORT:-8080}"
