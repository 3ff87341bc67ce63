#!/usr/bin/env bash
# Crash safety of ingest: kill -9 `regkg ingest` at random points (default 20 runs) while a server
# follows the data directory, and check after each that CURRENT names a complete snapshot that
# opens, the server still answers on its last good snapshot, and the next ingest succeeds. Then a
# full disk and an unwritable data directory must give clear errors and change nothing.
# Usage: scripts/crash_ingest.sh REGKG_BINARY CORPUS [RUNS]   (run by ctest as ingest_crash)
set -euo pipefail
regkg=$1 corpus=$2 runs=${3:-20}
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  mountpoint -q "$work/full" 2>/dev/null && umount "$work/full" || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "crash_ingest: FAIL: $*" >&2; exit 1; }

# A small real corpus of symlinks; one law comes and goes so every ingest has work to do.
mkdir -p "$work/corpus/statutes-zh/行政法" "$work/corpus/compass" "$work/corpus/news"
for f in 数据安全法\(2021-06-10\).md 个人信息保护法\(2021-08-20\).md 网络安全法\(2016-11-07\).md \
         反间谍法\(2014-11-01\).md 反间谍法\(2023-04-26\).md; do
  ln -s "$corpus/statutes-zh/行政法/$f" "$work/corpus/statutes-zh/行政法/$f"
done
for f in instruments.json jurisdictions.json relations.json cn-pipl-articles.json; do
  ln -s "$corpus/compass/$f" "$work/corpus/compass/$f"
done
toggle="$work/corpus/statutes-zh/行政法/科学技术进步法(2021-12-24).md"
data="$work/data"
ingest() { "$regkg" ingest --threads 2 --corpus "$work/corpus" --data "$data" --keep 4; }

ingest > "$work/ingest.log" 2>&1 || fail "first ingest: $(tail -3 "$work/ingest.log")"
"$regkg" serve --data "$data" --port 0 --watch-interval 0.2 > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q "at http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*at http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$work/serve.out")
[ -n "$port" ] || fail "server did not start: $(cat "$work/serve.err")"
served() { curl -sf "http://127.0.0.1:$port/healthz" | sed -n 's/.*"snapshot":{"id":"\([^"]*\)".*/\1/p'; }

# How long a whole ingest takes here: kills land anywhere in [0, 1.2 x that].
start=$(date +%s%N); ingest > /dev/null 2>&1; full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "crash_ingest: one ingest takes ${full_ms} ms; $runs kill -9 runs"

survived=0
for run in $(seq "$runs"); do
  if [ -e "$toggle" ]; then rm "$toggle"; else ln -s "$corpus/statutes-zh/行政法/科学技术进步法(2021-12-24).md" "$toggle"; fi
  before=$(cat "$data/CURRENT")
  delay_ms=$(( RANDOM % (full_ms * 12 / 10 + 1) ))
  "$regkg" ingest --threads 2 --corpus "$work/corpus" --data "$data" --keep 4 > /dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null && killed=yes || killed="no (finished first)"
  wait "$pid" 2>/dev/null || true
  after=$(cat "$data/CURRENT")
  # CURRENT names a complete snapshot: either the one before or one the ingest finished.
  [ -f "$data/snapshots/$after/manifest.json" ] || fail "run $run: CURRENT names '$after' without a manifest"
  [ "$after" = "$before" ] || [ "$killed" != yes ] || [ -f "$data/snapshots/$after/graph.bin" ] ||
    fail "run $run: CURRENT moved to an incomplete snapshot"
  "$regkg" search --data "$data" "数据" > /dev/null 2>&1 || fail "run $run: current snapshot does not open"
  # The server answers, on the current snapshot (after its next poll).
  for _ in $(seq 50); do [ "$(served)" = "$after" ] && break; sleep 0.1; done
  [ "$(served)" = "$after" ] || fail "run $run: server serves '$(served)', CURRENT is '$after'"
  echo "crash_ingest: run $run: kill after ${delay_ms} ms, killed: $killed; serving $after"
  survived=$((survived + 1))
done
ingest > "$work/ingest.log" 2>&1 || fail "ingest after the kills: $(tail -3 "$work/ingest.log")"
final=$(cat "$data/CURRENT")
for _ in $(seq 50); do [ "$(served)" = "$final" ] && break; sleep 0.1; done
[ "$(served)" = "$final" ] || fail "server did not move to the final snapshot"
kill -0 "$server_pid" || fail "the server died"
echo "crash_ingest: $survived/$runs kill -9 runs survived; the next ingest succeeded ($final)"

# A full disk: a 3 MB tmpfs (needs root; reported, not failed, where mounting is not allowed).
mkdir -p "$work/full"
if mount -t tmpfs -o size=3m tmpfs "$work/full" 2>/dev/null; then
  cp -a "$data" "$work/full/data" 2>/dev/null || true  # fills it up partway, CURRENT may be absent
  before=$(cat "$work/full/data/CURRENT" 2>/dev/null || echo none)
  if "$regkg" ingest --threads 2 --corpus "$work/corpus" --data "$work/full/data" > "$work/full.log" 2>&1; then
    fail "ingest into a full disk succeeded"
  fi
  grep -q "No space left on device\|cannot write\|error:" "$work/full.log" || fail "no clear error on a full disk: $(tail -3 "$work/full.log")"
  after=$(cat "$work/full/data/CURRENT" 2>/dev/null || echo none)
  [ "$before" = "$after" ] || fail "a failed ingest on a full disk changed CURRENT"
  ls "$work/full/data/snapshots" 2>/dev/null | grep -q '^\.staging' && fail "staging left behind on a full disk"
  echo "crash_ingest: full disk: $(grep -m1 'error' "$work/full.log")"
else
  echo "crash_ingest: full disk: skipped (cannot mount a tmpfs here)"
fi
# A data directory that cannot be created.
if "$regkg" ingest --corpus "$work/corpus" --data /proc/version/data > "$work/ro.log" 2>&1; then
  fail "ingest into /proc/version/data succeeded"
fi
grep -q "/proc/version" "$work/ro.log" || fail "the error does not name the data directory: $(cat "$work/ro.log")"
echo "crash_ingest: unwritable data dir: $(head -1 "$work/ro.log")"
echo "crash_ingest: PASS"
