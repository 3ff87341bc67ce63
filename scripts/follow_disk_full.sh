#!/usr/bin/env bash
# `regkg serve --follow` when a refresh cannot be committed: the disk fills after the snapshot's
# index is written and served from its staging directory, so writing its graph file fails. The
# server must go back to the last committed snapshot (CURRENT unchanged, no staging left, the new
# wording no longer found, every request answered), and once there is room again the next change
# must be committed and served.
# Usage: scripts/follow_disk_full.sh REGKG_BINARY CORPUS   (run by ctest as follow_disk_full;
# needs a tmpfs mount, so root: reported and skipped where mounting is not allowed)
set -euo pipefail
regkg=$1 corpus=$2
work=$(mktemp -d)
server_pid= load_pid=
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  mountpoint -q "$work/disk" 2>/dev/null && umount "$work/disk" || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "follow_disk_full: FAIL: $*" >&2
  tail -20 "$work/serve.err" >&2 2>/dev/null || true
  exit 1
}

mkdir -p "$work/disk"
if ! mount -t tmpfs -o size=48m tmpfs "$work/disk" 2>/dev/null; then
  echo "follow_disk_full: skipped (cannot mount a tmpfs here)"
  exit 0
fi
# A small real corpus; the Data Security Law is a real file so it can be amended.
law="$work/corpus/statutes-zh/行政法/数据安全法(2021-06-10).md"
mkdir -p "$work/corpus/statutes-zh/行政法" "$work/corpus/compass"
for f in 个人信息保护法\(2021-08-20\).md 网络安全法\(2016-11-07\).md; do
  ln -s "$corpus/statutes-zh/行政法/$f" "$work/corpus/statutes-zh/行政法/$f"
done
for f in instruments.json jurisdictions.json relations.json cn-pipl-articles.json; do
  ln -s "$corpus/compass/$f" "$work/corpus/compass/$f"
done
cp "$corpus/statutes-zh/行政法/数据安全法(2021-06-10).md" "$law"
data="$work/disk/data"
"$regkg" ingest --threads 2 --corpus "$work/corpus" --data "$data" > "$work/ingest.log" 2>&1 ||
  fail "first ingest: $(tail -3 "$work/ingest.log")"
first=$(cat "$data/CURRENT")

"$regkg" serve --data "$data" --port 0 --follow "$work/corpus" --follow-interval 0.1 \
  --follow-debounce 0.1 > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 300); do grep -q "at http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*at http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$work/serve.out")
[ -n "$port" ] || fail "server did not start"
url="http://127.0.0.1:$port"
served() { curl -sf "$url/healthz" | sed -n 's/.*"snapshot":{"id":"\([^"]*\)".*/\1/p'; }
found() {  # total hits for a phrase, quoted (percent-encoded)
  local enc
  enc=$(printf '%s' "\"$1\"" | od -An -tx1 | tr -d ' \n' | sed 's/\(..\)/%\1/g')
  curl -sf "$url/api/v1/search?q=$enc" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'
}
commits() { grep -c "is current" "$work/serve.err" || true; }
failures() { grep -c "regkg watch: ingest failed" "$work/serve.err" || true; }
# The follow loop's own ingest at start-up makes one more snapshot; wait for it.
for _ in $(seq 600); do [ "$(commits)" -ge 1 ] && break; sleep 0.1; done
[ "$(commits)" -ge 1 ] || fail "the follow loop's first ingest did not finish"
good=$(served)
[ "$good" = "$(cat "$data/CURRENT")" ] || fail "serving $good, CURRENT is $(cat "$data/CURRENT")"

# Requests all along: any failed request is a failure of the test.
(
  while true; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/search?q=%E6%95%B0%E6%8D%AE")
    [ "$code" = 200 ] || echo "request failed with $code" >> "$work/load.err"
    sleep 0.02
  done
) &
load_pid=$!

# Leave room for the small index delta but not for the graph file.
graph_bytes=$(stat -c %s "$data/snapshots/$good/graph.bin")
read -r avail block < <(stat -f -c '%a %S' "$work/disk")
free_bytes=$(( avail * block ))
keep=$(( graph_bytes / 3 ))
[ "$free_bytes" -gt "$keep" ] || fail "the tmpfs is already too full"
head -c $(( free_bytes - keep )) /dev/zero > "$work/disk/filler" 2>/dev/null || true
# Each attempt amends the law on the full disk. The graph file and the index delta race for the
# last free bytes: when the graph file takes them first the index fails and nothing is served
# early, which is safe too; attempts go on until a snapshot was served from staging first. The
# index wins about one race in four here (free space the same before every attempt: nothing
# leaks); 6 attempts failed the test in 3 of 5 runs on 2026-12-08, and one run needed 18: up to
# 40 (0.3 s each).
previewed=
for attempt in $(seq 40); do
  before_failures=$(failures)
  phrase="满盘第${attempt}目录"
  sed -i "s/国家建立数据分类分级[^，。]*保护制度/国家建立数据分类分级和${phrase}保护制度/" "$law"
  for _ in $(seq 600); do [ "$(failures)" -gt "$before_failures" ] && break; sleep 0.1; done
  [ "$(failures)" -gt "$before_failures" ] || fail "attempt $attempt: the refresh on a full disk did not fail"
  # Back on the last committed snapshot, whatever was served from staging meanwhile.
  for _ in $(seq 100); do [ "$(served)" = "$good" ] && [ "$(found "$phrase")" = 0 ] && break; sleep 0.1; done
  [ "$(served)" = "$good" ] || fail "attempt $attempt: serving $(served) after the failed commit, not $good"
  [ "$(found "$phrase")" = 0 ] || fail "attempt $attempt: the uncommitted wording is still found"
  [ "$(cat "$data/CURRENT")" = "$good" ] || fail "attempt $attempt: a failed commit changed CURRENT"
  ls -a "$data/snapshots" | grep -q '^\.staging' && fail "attempt $attempt: staging left behind"
  failed=$(grep -o 'staging-[0-9TZ]*-[0-9a-f]*' "$work/serve.err" | tail -1 | sed 's/^staging-//')
  if [ -n "$failed" ] && grep -q "now serving snapshot $failed" "$work/serve.err"; then
    previewed=$failed
    break
  fi
done
grep -q "No space left on device\|cannot write" "$work/serve.err" || fail "no clear error for the full disk"
[ -n "$previewed" ] || fail "in $attempt attempts no snapshot was served from staging before its commit failed"
echo "follow_disk_full: full disk: $(grep -m1 "No space left on device\|cannot write" "$work/serve.err")"
echo "follow_disk_full: attempt $attempt: $previewed was served from staging, then $good again"

# Room again, and a new change: committed and served.
rm -f "$work/disk/filler"
sed -i "s/国家建立数据分类分级[^，。]*保护制度/国家建立数据分类分级和腾空目录保护制度/" "$law"
before_commits=$(commits)
for _ in $(seq 600); do [ "$(commits)" -gt "$before_commits" ] && break; sleep 0.1; done
[ "$(commits)" -gt "$before_commits" ] || fail "the refresh after freeing the disk did not commit"
for _ in $(seq 100); do [ "$(found 腾空目录)" = 1 ] && break; sleep 0.1; done
[ "$(found 腾空目录)" = 1 ] || fail "the committed wording is not found"
now=$(served)
[ "$now" = "$(cat "$data/CURRENT")" ] && [ "$now" != "$good" ] ||
  fail "serving $now, CURRENT $(cat "$data/CURRENT"), before $good"

kill "$load_pid"
wait "$load_pid" 2>/dev/null || true
load_pid=
[ -s "$work/load.err" ] && fail "requests failed during the refreshes: $(sort "$work/load.err" | uniq -c)"
kill -0 "$server_pid" || fail "the server died"
echo "follow_disk_full: PASS (first $first, good $good, now $now)"
