#!/usr/bin/env bash
# Builds the Debian package: regkg (the program), web/, the embedded corpus, the regkg(1) man page
# written from --help, the systemd units regkg.service and regkg-follow.service, /etc/default/regkg
# and deploy/nginx-regkg.conf. Usage: scripts/package.sh   -> build-pkg/regkg_<version>_<arch>.deb
# Install it with: sudo apt-get install ./build-pkg/regkg_*.deb   (then: systemctl start regkg)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --run
# dpkg-shlibdeps (dpkg-dev) works out the library dependencies; file is what CPack probes with.
missing=()
for p in dpkg-dev file; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
build=${REGKG_PKG_BUILD_DIR:-build-pkg}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREGKG_BUILD_TESTS=OFF \
  -DREGKG_BUILD_BENCH=OFF -DREGKG_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target regkg regkg_man
(cd "$build" && cpack -G DEB >/dev/null)
ls "$build"/regkg_*.deb
