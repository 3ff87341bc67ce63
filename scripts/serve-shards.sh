#!/usr/bin/env bash
# Serves the index layers of a regkg snapshot with Xapian's own TCP server, one xapian-tcpsrv
# (Debian xapian-tools) per layer on consecutive ports, for `regkg serve --remote-shards`. Prints
# the --remote-shards value, then waits; Ctrl-C or SIGTERM stops every shard server.
# Usage: scripts/serve-shards.sh DATA [--snapshot ID] [--interface ADDR] [--base-port PORT]
#   DATA           a data directory (its CURRENT snapshot unless --snapshot) or a snapshot's index/
#   --interface    address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)
#   --base-port    port of the first layer (default 7001), the next layers the following ports
# On a machine holding only some layers, run xapian-tcpsrv for those by hand:
#   xapian-tcpsrv --port 7001 --interface 0.0.0.0 DATA/snapshots/ID/index/shard-0
set -euo pipefail

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -ge 1 ] || { usage >&2; exit 2; }
data=$1; shift
snapshot="" interface=127.0.0.1 base_port=7001
while [ $# -gt 0 ]; do
  case $1 in
    --snapshot) snapshot=$2; shift 2 ;;
    --interface) interface=$2; shift 2 ;;
    --base-port) base_port=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "serve-shards: error: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v xapian-tcpsrv >/dev/null || {
  echo "serve-shards: error: xapian-tcpsrv not found (apt-get install xapian-tools)" >&2; exit 1; }

if [ -f "$data/layers.json" ]; then
  index=$data
else
  [ -n "$snapshot" ] || snapshot=$(cat "$data/CURRENT")
  index=$data/snapshots/$snapshot/index
fi
[ -f "$index/layers.json" ] || { echo "serve-shards: error: $index/layers.json not found" >&2; exit 1; }
# layers.json is written by regkg with one layer name per line inside "layers": [ … ].
mapfile -t layers < <(sed -n '/"layers": \[/,/\]/p' "$index/layers.json" | grep -o '"[^"]*"' | \
                      grep -v '"layers"' | tr -d '"')
[ ${#layers[@]} -gt 0 ] || { echo "serve-shards: error: no layers in $index/layers.json" >&2; exit 1; }
if ! grep -q '"hidden": {}' "$index/layers.json"; then
  echo "serve-shards: warning: this snapshot hides replaced documents; regkg serve --remote-shards" \
       "refuses it (ingest with --full)" >&2
fi

pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop EXIT
trap 'exit 0' INT TERM
shards=()
port=$base_port
for layer in "${layers[@]}"; do
  xapian-tcpsrv --port "$port" --interface "$interface" --quiet "$index/$layer" &
  pids+=($!)
  shards+=("$interface:$port")
  port=$((port + 1))
done
list=$(IFS=,; echo "${shards[*]}")
echo "serve-shards: ${#layers[@]} layers of $index"
echo "--remote-shards $list"
wait
