#!/usr/bin/env bash
# Installs dependencies, builds and runs the whole test suite with ctest.
# Usage: scripts/test.sh            normal build (build/)
#        scripts/test.sh --sanitize ASan + UBSan build (build-asan/)
#        scripts/test.sh --tsan     ThreadSanitizer build (build-tsan/): the server and snapshot
#                                   (ingest, reload) suites only; a race fails the run
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The browser tests' npm packages, exactly as locked (playwright-core, cytoscape).
(cd tests/web && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
# Redocly's OpenAPI linter for the openapi_lint test, exactly as locked.
(cd tests/openapi && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
if [ "${1:-}" = "--tsan" ]; then
  # Only what the server and snapshot suites need is built; the child `regkg serve` processes are
  # TSan-built too. halt_on_error: a race aborts the process, so the test that caused it fails.
  export REGKG_BUILD_DIR=build-tsan
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREGKG_TSAN=ON -DREGKG_WERROR=ON \
    >/dev/null
  cmake --build build-tsan -j"$(nproc)" --target regkg test_server test_snapshot
  export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tsan.supp"
  cd build-tsan
  ctest --output-on-failure -j"$(nproc)" -L 'server|snapshot' --timeout 900
  exit 0
fi
exclude=()
if [ "${1:-}" = "--sanitize" ]; then
  export REGKG_BUILD_DIR=build-asan REGKG_BUILD_TYPE=Debug
  scripts/build.sh -DREGKG_SANITIZE=ON -DREGKG_WERROR=ON
  # Debian's libxapian 1.4.22 frees an object of its own with a mismatched sized delete inside
  # Xapian::Database::check (allocated and freed in libxapian.so, none of our frames between), which
  # the reload path calls before it swaps a snapshot in. Only that check is turned off.
  export ASAN_OPTIONS="new_delete_type_mismatch=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  # The relevance floors measure ranking and search_budget_load measures latency under load,
  # which a sanitizer cannot improve: the release build's run (stage 1) holds them; here their
  # full-corpus ingests would only add ~20 minutes each.
  exclude=(-E '^(relevance_floors|search_budget_load)$')
else
  export REGKG_BUILD_DIR=${REGKG_BUILD_DIR:-build}
  scripts/build.sh -DREGKG_WERROR=ON
fi
cd "$REGKG_BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" "${exclude[@]}"
