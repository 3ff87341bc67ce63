#!/usr/bin/env bash
# Installs dependencies, builds and runs the whole test suite with ctest.
# Usage: scripts/test.sh            normal build (build/)
#        scripts/test.sh --sanitize ASan + UBSan build (build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The browser tests' npm packages, exactly as locked (playwright-core, cytoscape).
(cd tests/web && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
if [ "${1:-}" = "--sanitize" ]; then
  export REGKG_BUILD_DIR=build-asan REGKG_BUILD_TYPE=Debug
  scripts/build.sh -DREGKG_SANITIZE=ON -DREGKG_WERROR=ON
else
  export REGKG_BUILD_DIR=${REGKG_BUILD_DIR:-build}
  scripts/build.sh -DREGKG_WERROR=ON
fi
cd "$REGKG_BUILD_DIR"
ctest --output-on-failure -j"$(nproc)"
