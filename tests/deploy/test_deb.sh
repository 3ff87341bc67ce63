#!/usr/bin/env bash
# The Debian package on this machine (CI stage 5; needs root or sudo, changes the system): builds
# it, installs it with apt-get, checks the systemd units with systemd-analyze verify, starts the
# installed program directly (systemd need not be PID 1 here) on the embedded corpus it ships,
# checks real answers, and purges the package again.
# Usage: tests/deploy/test_deb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
fail() { echo "FAIL: $*" >&2; exit 1; }

deb=$(bash scripts/package.sh | tail -1)
[ -f "$deb" ] || fail "no package built"
echo "test_deb: built $deb ($(du -h "$deb" | cut -f1))"
grep -q libxapian <<<"$(dpkg-deb --field "$deb" Depends)" || fail "Depends lacks libxapian: $(dpkg-deb --field "$deb" Depends)"
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/regkg ./usr/share/regkg/web/index.html ./usr/share/regkg/corpus/README.md \
         ./usr/share/regkg/corpus/dictionaries/actors.json ./usr/share/man/man1/regkg.1.gz \
         ./lib/systemd/system/regkg.service ./lib/systemd/system/regkg-follow.service \
         ./etc/default/regkg ./usr/share/regkg/deploy/nginx-regkg.conf \
         ./usr/share/regkg/deploy/nginx-regkg-http.conf ./usr/share/regkg/deploy/nginx-regkg-server.conf; do
  grep -q " $f\$" <<<"$contents" || fail "the package lacks $f"
done

"${sudo_cmd[@]}" apt-get install -y -qq "$(realpath "$deb")" >/dev/null
trap '"${sudo_cmd[@]}" apt-get purge -y -qq regkg >/dev/null 2>&1 || true' EXIT
[ -x /usr/bin/regkg ] || fail "/usr/bin/regkg not installed"
man -w regkg >/dev/null 2>&1 || zcat /usr/share/man/man1/regkg.1.gz | grep -q "^.SS serve" ||
  fail "the man page has no serve section"

# The units: systemd-analyze verify (from the systemd package) checks them offline.
command -v systemd-analyze >/dev/null ||
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends systemd >/dev/null
for unit in regkg.service regkg-follow.service; do
  # Any complaint naming our unit fails (unknown keys, bad values, missing executables); lines
  # about the machine's own units are not ours to judge.
  out=$(systemd-analyze verify "/lib/systemd/system/$unit" 2>&1 || true)
  if echo "$out" | grep -q "$unit"; then
    echo "$out" >&2
    fail "systemd-analyze verify complains about $unit"
  fi
done
echo "test_deb: systemd-analyze verify accepts regkg.service and regkg-follow.service"

# The installed program serves the corpus it ships, with the web UI it ships.
data=$(mktemp -d /tmp/regkg-deb.XXXXXX)
/usr/bin/regkg ingest --corpus /usr/share/regkg/corpus --data "$data/data" | tail -2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd / && exec /usr/bin/regkg serve --data "$data/data" --port "$port") >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"; "${sudo_cmd[@]}" apt-get purge -y -qq regkg >/dev/null 2>&1 || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/api/v1/search?q=%E5%AE%89%E5%85%A8%E8%AF%84%E4%BC%B0&limit=50" |
  grep -q '"cn/generative-ai-measures@2023-07-10/art-17"' || fail "search does not find Art. 17"
curl -sf "http://127.0.0.1:$port/" | grep -qi "<html" || fail "the installed web UI is not served"
curl -sf "http://127.0.0.1:$port/api/v1/actors/cac" | grep -q '"news"' || fail "no actor page for the CAC"
echo "test_deb: the installed regkg serves the embedded corpus and the web UI"
