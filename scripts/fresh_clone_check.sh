#!/usr/bin/env bash
# What a new user gets: clones this repository's committed HEAD into an empty temporary folder
# (no ../shared beside it), runs the README's main job there (scripts/run.sh) on a free port and
# checks real answers from the embedded corpus; prints the time to the first answered search.
# Usage: scripts/fresh_clone_check.sh [--tests]
#   --tests   then also runs the README's test command (scripts/test.sh) in the clone
# Environment: REGKG_FRESH_DIR (default: a new mktemp -d, removed at the end unless kept with
#              REGKG_KEEP_FRESH=1).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
with_tests=0
[ "${1:-}" = "--tests" ] && with_tests=1

root=${REGKG_FRESH_DIR:-$(mktemp -d /tmp/regkg-fresh.XXXXXX)}
clone=$root/regkg
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  if [ "${REGKG_KEEP_FRESH:-0}" != 1 ] && [ -z "${REGKG_FRESH_DIR:-}" ]; then rm -rf "$root"; fi
}
trap cleanup EXIT

rm -rf "$clone"
git clone -q --no-local "$repo" "$clone"
[ ! -e "$root/shared" ] || { echo "fresh_clone_check: $root/shared must not exist" >&2; exit 1; }
echo "fresh_clone_check: cloned $(git -C "$clone" rev-parse --short HEAD) into $clone (nothing beside it)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
started=$(date +%s.%N)
(cd "$clone" && REGKG_PORT=$port exec scripts/run.sh) >"$root/run.log" 2>&1 &
server_pid=$!

# The first answered search ends the clock.
base=http://127.0.0.1:$port
until curl -sf "$base/api/v1/search?q=%E5%AE%89%E5%85%A8%E8%AF%84%E4%BC%B0" >/dev/null 2>&1; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$root/run.log" >&2
    echo "fresh_clone_check: scripts/run.sh ended before serving" >&2
    exit 1
  fi
  sleep 0.5
done
first=$(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")
grep '^run: \|^regkg ingest:' "$root/run.log" || true
echo "fresh_clone_check: first answered search ${first} s after scripts/run.sh started"

python3 - "$base" <<'EOF'
import json, sys, urllib.parse, urllib.request
base = sys.argv[1]
failures = []

def get(path, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)

def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

art17 = "cn/generative-ai-measures@2023-07-10/art-17"
top = [r["id"] for r in get("/api/v1/search", q="安全评估 生成式人工智能", limit=5)["results"]]
check(art17 in top, f"search 安全评估 生成式人工智能: {art17} in the top 5 ({top})")
for actor in ("jd-com", "baidu", "alibaba", "cac"):
    a = get(f"/api/v1/actors/{actor}")
    check(a["news"]["total"] > 0, f"actor {actor}: {a['news']['total']} news items")
pipl = get("/api/v1/obligations", instrument="cn/pipl", limit=1)
check(pipl["total"] > 50, f"PIPL obligations: {pipl['total']}")
paths = get("/api/v1/paths", **{"from": "actor/jd-com", "to": "actor/cac", "k": 1})["paths"]
check(len(paths) > 0, f"a path JD.com -> CAC: {len(paths[0]['hops']) if paths else 0} hops")
diff = get("/api/v1/diff", **{"from": "cn/counter-espionage-law@2014-11-01",
                              "to": "cn/counter-espionage-law@2023-04-26"})
arts = diff["summary"]["articles"]
check(arts.get("added", 0) > 0 and arts.get("modified", 0) > 0,
      f"diff of 反间谍法 2014 -> 2023: {arts}")
readme = get("/api/v1/search", q="README", kind="instrument")
check(readme["total"] == 0, "no instrument made of a README")
sys.exit(1 if failures else 0)
EOF
echo "fresh_clone_check: the main job serves real answers from the embedded corpus"
kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
server_pid=""

if [ "$with_tests" = 1 ]; then
  echo "fresh_clone_check: running scripts/test.sh in the clone (no ../shared: the embedded corpus)"
  (cd "$clone" && bash scripts/test.sh)
fi
