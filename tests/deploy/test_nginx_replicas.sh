#!/usr/bin/env bash
# Replicas behind nginx (issue 21): the shipped deploy/nginx-regkg.conf in front of two
# `regkg serve` replicas on loopback, snapshots distributed with deploy/regkg-push-snapshot.sh
# (rsync, then the CURRENT switch). During a 30 s wrk run through nginx, replica A is switched to a
# new snapshot and replica B is killed (kill -9), restarted, and switched too. The clients must
# see 0 failed requests (every answer 2xx/3xx, no socket error), both replicas must have answered
# (B after its restart too), and both must end on the new snapshot, found through the edge.
# Also: the edge caches and revalidates GET answers, closes admin routes, and the rsync copy
# hard-links the index layers the replica already had.
# Usage: tests/deploy/test_nginx_replicas.sh REGKG_BINARY SOURCE_ROOT   (ctest: nginx_replicas)
set -euo pipefail
regkg=$1 src=$2
name=nginx_replicas
log() { echo "$name: +${SECONDS}s $*"; }
skip() { echo "REGKG-SKIP: $name: $*"; exit 0; }
work=$(mktemp -d /tmp/regkg-nginx-replicas.XXXXXX)
source "$src/tests/deploy/nginx_edge.sh"
[ -n "$nginx_bin" ] || skip "nginx is not installed (scripts/setup.sh installs nginx-light)"
for tool in wrk rsync curl python3; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/setup.sh installs it)"
done

pids=()
cleanup() {
  nginx_stop
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "$name: FAIL: $*" >&2
  for f in "$work"/serve-*.log "$work/nginx/logs/error.log" "$work/wrk.out"; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }
  done
  exit 1
}
push() { bash "$src/deploy/regkg-push-snapshot.sh" "$@" >/dev/null || fail "push-snapshot $*"; }
served_id() {  # the snapshot id the server on port $1 serves, or nothing
  curl -s --max-time 5 "http://127.0.0.1:$1/healthz" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["snapshot"]["id"])' 2>/dev/null || true
}
wait_for_id() {  # port id: waits up to 20 s until that server serves the snapshot
  local _
  for _ in $(seq 200); do [ "$(served_id "$1")" = "$2" ] && return 0; sleep 0.1; done
  fail "the server on port $1 serves '$(served_id "$1")', not $2"
}
start_replica() {  # letter port data
  "$regkg" serve --data "$3" --port "$2" --web "$src/web" >>"$work/serve-$1.log" 2>&1 &
  pids+=($!)
  eval "pid_$1=$!"
}

# A primary data directory (where ingests run): S1 is the embedded corpus; S2 adds one news record
# with a word found nowhere else, made by an incremental ingest (index layers hard-linked).
"$regkg" ingest --corpus "$src/corpus" --data "$work/primary" >"$work/ingest.log" 2>&1 ||
  fail "ingest S1: $(tail -3 "$work/ingest.log")"
s1=$(head -n1 "$work/primary/CURRENT")
mkdir -p "$work/extra/news"
cat >"$work/extra/news/2026-01-05-replica-canary.md" <<'NEWS'
---
title: "Replica canary zqxjvw"
publishedDateTime: 2026-01-05T00:00:00Z
originalUrl: ""
provider:
  name: regkg test
  domain: example.org
summary: "A record only the second snapshot has: zqxjvw."
record: "test record"
---
NEWS
"$regkg" ingest --corpus "$src/corpus" --corpus "$work/extra" --data "$work/primary" \
  >>"$work/ingest.log" 2>&1 || fail "ingest S2: $(tail -3 "$work/ingest.log")"
s2=$(head -n1 "$work/primary/CURRENT")
[ "$s1" != "$s2" ] || fail "the second ingest made no new snapshot"
log "snapshots S1 $s1, S2 $s2"

# Both replicas get S1 by rsync and serve it.
push "$work/primary" "$work/rep-a" "$s1"
push "$work/primary" "$work/rep-b" "$s1"
[ "$(head -n1 "$work/rep-b/CURRENT")" = "$s1" ] || fail "rep-b/CURRENT is not $s1"
port_a=$(free_port) port_b=$(free_port) port_edge=$(free_port)
start_replica a "$port_a" "$work/rep-a"
start_replica b "$port_b" "$work/rep-b"
wait_for_id "$port_a" "$s1"
wait_for_id "$port_b" "$s1"
nginx_start "$port_edge" 1024 "$port_a" "$port_b" || fail "nginx did not start"
edge=http://127.0.0.1:$port_edge
log "replicas on $port_a and $port_b, nginx on $port_edge"

# The edge: GET answers cached, then served from the cache; admin routes closed; /healthz passed on.
q="$edge/api/v1/search?q=%E5%AE%89%E5%85%A8%E8%AF%84%E4%BC%B0&limit=3"
first=$(curl -s -D - -o /dev/null "$q" | tr -d '\r')
second=$(curl -s -D - -o "$work/second.json" "$q" | tr -d '\r')
grep -q '^X-Cache-Status: MISS' <<<"$first" || fail "first search not a cache MISS: $first"
grep -q '^X-Cache-Status: HIT' <<<"$second" || fail "second search not a cache HIT: $second"
grep -q '"results"' "$work/second.json" || fail "the cached answer is not a search answer"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$edge/api/v1/admin/reload")" = 403 ] ||
  fail "admin routes are open at the edge"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$edge/api/v1/admin/snapshot")" = 403 ] ||
  fail "the admin snapshot route is open at the edge"
canary="$edge/api/v1/search?q=zqxjvw&kind=news"
curl -s "$canary" | grep -q '"total":0' || fail "S1 already finds the canary record"

# 30 s of load through the edge while the replicas change under it. The access log from here on
# is the run's.
mark=$(wc -l <"$work/nginx/access.log")
wrk -t2 -c8 -d30s --timeout 10s -s "$src/tests/deploy/replica_load.lua" "$edge" \
  >"$work/wrk.out" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")
started=$SECONDS
sleep 4
push "$work/primary" "$work/rep-a" "$s2"  # A follows its CURRENT (polled every second)
wait_for_id "$port_a" "$s2"
log "replica A serves S2"
while [ $((SECONDS - started)) -lt 9 ]; do sleep 0.2; done
kill -9 "$pid_b"
wait "$pid_b" 2>/dev/null || true
log "replica B killed"
sleep 2
before_restart=$(wc -l <"$work/nginx/access.log")
start_replica b "$port_b" "$work/rep-b"
wait_for_id "$port_b" "$s1"
log "replica B restarted on S1"
sleep 2
push "$work/primary" "$work/rep-b"  # its current snapshot: S2
wait_for_id "$port_b" "$s2"
log "replica B serves S2"
wait "$wrk_pid" || fail "wrk failed"
cat "$work/wrk.out"

result=$(grep '^WRK_RESULT' "$work/wrk.out") || fail "wrk printed no result line"
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$result"; }
[ "$(field requests)" -ge 300 ] || fail "too few requests to judge: $result"
for f in bad_status connect read write timeout; do
  [ "$(field "$f")" = 0 ] || fail "$f = $(field "$f") during the run: $result"
done
# Who answered: the replica's port in $upstream_addr (a retried request names both).
tail -n +"$((mark + 1))" "$work/nginx/access.log" >"$work/run.log"
served_a=$(grep -c "127.0.0.1:$port_a\"" "$work/run.log" || true)
served_b=$(grep -c "127.0.0.1:$port_b\"" "$work/run.log" || true)
served_b_after=$(tail -n +"$((before_restart + 1))" "$work/nginx/access.log" |
  grep -c "127.0.0.1:$port_b\"" || true)
retried=$(grep -c '"[0-9]*, [0-9]*"' "$work/run.log" || true)
cached=$(awk '$4 == "\"-\""' "$work/run.log" | wc -l)
log "nginx answered $(wc -l <"$work/run.log"): from its cache $cached, by A $served_a, by B $served_b (after its restart: $served_b_after); retried on the other replica: $retried"
[ "$served_a" -gt 50 ] || fail "replica A answered $served_a requests"
[ "$served_b_after" -gt 50 ] || fail "replica B answered $served_b_after requests after its restart"
# 499 is nginx's note that the client closed its connection before the answer (wrk does so with
# the requests in flight when its 30 s end): no client waited for it, and wrk's own counters above
# hold what clients saw. Any other non-2xx/3xx answer is a failure.
non_ok=$(awk '$2 !~ /^[23]/ && $2 != "499"' "$work/run.log" | head -3)
[ -z "$non_ok" ] || fail "nginx logged failed answers: $non_ok"

# Both replicas now serve S2, and the edge finds what only S2 has.
[ "$(served_id "$port_a")" = "$s2" ] && [ "$(served_id "$port_b")" = "$s2" ] ||
  fail "the replicas do not both serve $s2"
for _ in 1 2; do
  curl -s "$edge/api/v1/search?q=zqxjvw&kind=news&limit=$_" | grep -q '"total":1' ||
    fail "the edge does not find the S2 record: $(curl -s "$edge/api/v1/search?q=zqxjvw&kind=news&limit=$_")"
done
# rsync --link-dest: a layer the incremental ingest hard-linked is hard-linked on the replica too.
layer=$(cd "$work/primary/snapshots/$s2" && find index -type f -links +1 | head -n1)
[ -n "$layer" ] || fail "the incremental ingest hard-linked no index file"
[ "$(stat -c %i "$work/rep-b/snapshots/$s2/$layer")" = "$(stat -c %i "$work/rep-b/snapshots/$s1/$layer")" ] ||
  fail "rep-b/snapshots/$s2/$layer was copied, not hard-linked to S1's"
log "ok: 0 failed of $(field requests) requests through a reload and a kill -9; both replicas on S2"
