#!/usr/bin/env bash
# The main job: install what building regkg needs, build the `regkg` program (not the tests),
# ingest the corpus and serve it at http://127.0.0.1:8080.
# The corpus is the embedded default corpus in corpus/ (see corpus/README.md) unless
# REGKG_CORPUS names another one, e.g. the full corpus fetched by scripts/get-corpus.sh DIR
# (REGKG_CORPUS=DIR/corpus) or ../shared/corpus.
# Environment: REGKG_PORT (8080), REGKG_DATA (data), REGKG_CORPUS (corpus/), REGKG_BUILD_DIR (build).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
step() { echo "run: [$((SECONDS - started)) s] $*"; }

step "checking Debian packages (scripts/setup.sh --run)"
scripts/setup.sh --run

build_dir=${REGKG_BUILD_DIR:-build}
step "building the regkg program into $build_dir/ (about 2 minutes on 2 cores the first time)"
# The same configuration as scripts/test.sh, so a later test run reuses these objects.
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREGKG_WERROR=ON >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target regkg

corpus=${REGKG_CORPUS:-corpus}
data=${REGKG_DATA:-data}
step "ingesting the corpus $(cd "$corpus" && pwd) into $data/"
"./$build_dir/regkg" ingest --corpus "$corpus" --data "$data"

port=${REGKG_PORT:-8080}
step "serving on http://127.0.0.1:$port/ (Ctrl-C stops)"
exec "./$build_dir/regkg" serve --data "$data" --host 127.0.0.1 --port "$port"
