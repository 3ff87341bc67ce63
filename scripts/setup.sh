#!/usr/bin/env bash
# Installs regkg's build and test dependencies from Debian packages, non-interactively and only
# when something is missing (safe to run again).
# Usage: scripts/setup.sh          everything the tests need (browser, fuzzing, Python checks)
#        scripts/setup.sh --run    only what building and running regkg needs (scripts/run.sh)
set -euo pipefail

packages=(
  cmake g++ pkg-config make
  libboost-graph-dev rapidjson-dev libcpp-httplib-dev libxapian-dev libssl-dev libopencc-dev
  doctest-dev libcli11-dev
)
if [ "${1:-}" != "--run" ]; then
  packages+=(
    # Tests: curl and git (crash test, corpus pull), Python with NetworkX and igraph (exports).
    curl git python3 python3-networkx python3-igraph
    # The Atom feeds are read by a real feed parser (tests/server/test_feeds.cpp).
    python3-feedparser
    # Browser tests (tests/web): Chromium, a CJK font so Chinese renders, Node.js for playwright.
    chromium fonts-wqy-microhei nodejs
    # Fuzzing (scripts/fuzz.sh, CI stage 4): clang 14 and its libFuzzer/sanitizer runtimes.
    clang-14 libclang-rt-14-dev
    # Remote index shards (tests/server/test_remote_shards.cpp, scripts/serve-shards.sh).
    xapian-tools
    # Deployment tests (tests/deploy): nginx in front of replicas, wrk load, rsync of snapshots.
    nginx-light wrk rsync
  )
  # npm comes with Debian's npm package, or inside a nodejs package from elsewhere (NodeSource).
  if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
