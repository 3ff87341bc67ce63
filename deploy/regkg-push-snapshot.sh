#!/usr/bin/env bash
# Copies a regkg snapshot to another data directory (a replica's, local or over ssh) with rsync and
# makes it current there; the `regkg serve` on that directory switches to it within its
# --watch-interval (or at once with `systemctl reload regkg` / SIGHUP).
#
# Snapshots are immutable directories, so a copy is exact. The copy lands in
# DEST/snapshots/.staging-<id>/ (what an interrupted run leaves is removed by the next one, or by
# the next ingest there), is renamed into DEST/snapshots/<id>/, and CURRENT is switched by writing
# CURRENT.tmp and renaming it over CURRENT, as `regkg ingest` does (snapshot/snapshot_store.h).
# Files identical to the replica's current snapshot (the index layers an incremental ingest
# hard-linked) are hard-linked there too (rsync --link-dest), so only what changed travels.
# The server validates a snapshot before it swaps it in and keeps the old one if it cannot be
# opened (/healthz says why).
#
# Usage: deploy/regkg-push-snapshot.sh [--keep N] SOURCE_DATA DEST_DATA [SNAPSHOT_ID]
#   SOURCE_DATA   the data directory the snapshot is in (regkg ingest --data)
#   DEST_DATA     a local directory or [user@]host:/path (over ssh; rsync needed on both ends)
#   SNAPSHOT_ID   default: SOURCE_DATA's current snapshot
#   --keep N      snapshots left in DEST_DATA after the switch, the current one included (3)
set -euo pipefail
keep=3
if [ "${1:-}" = "--keep" ]; then keep=$2; shift 2; fi
[ $# -ge 2 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
src=$1 dest=$2
id=${3:-$(head -n1 "$src/CURRENT")}
[[ $id =~ ^[0-9A-Za-z][0-9A-Za-z._-]*$ ]] || { echo "error: malformed snapshot id '$id'" >&2; exit 2; }
[[ $keep =~ ^[1-9][0-9]*$ ]] || { echo "error: --keep needs a positive number" >&2; exit 2; }
[ -f "$src/snapshots/$id/manifest.json" ] ||
  { echo "error: $src/snapshots/$id is not a complete snapshot" >&2; exit 1; }

# DEST as host + path: a colon before the first slash means rsync's remote form.
host= dir=$dest
if [[ $dest =~ ^([^/:]+):(.+)$ ]]; then host=${BASH_REMATCH[1]} dir=${BASH_REMATCH[2]}; fi
on_dest() {  # runs a bash script (stdin) in DEST's machine with DIR, ID and KEEP as arguments
  if [ -n "$host" ]; then ssh "$host" bash -s -- "$(printf %q "$dir")" "$id" "$keep"
  else bash -s -- "$dir" "$id" "$keep"; fi
}

# The replica's current snapshot, whose unchanged files are hard-linked instead of sent.
previous=$(on_dest <<'SH'
cur=$(head -n1 "$1/CURRENT" 2>/dev/null || true)
[ -n "$cur" ] && [ -d "$1/snapshots/$cur" ] && [ "$cur" != "$2" ] && echo "$cur"
mkdir -p "$1/snapshots"
SH
)
link=()
[ -n "$previous" ] && link=(--link-dest="../$previous")
staging="$dir/snapshots/.staging-$id"
[ -n "$host" ] && staging="$host:$staging"
rsync -a --delete "${link[@]}" "$src/snapshots/$id/" "$staging/"

on_dest <<'SH'
set -e
dir=$1 id=$2 keep=$3
if [ -d "$dir/snapshots/$id" ]; then rm -rf "$dir/snapshots/.staging-$id"
else mv -T "$dir/snapshots/.staging-$id" "$dir/snapshots/$id"; fi
sync -f "$dir/snapshots/$id" 2>/dev/null || sync
printf '%s\n' "$id" >"$dir/CURRENT.tmp"
sync "$dir/CURRENT.tmp" 2>/dev/null || sync
mv -T "$dir/CURRENT.tmp" "$dir/CURRENT"
# Older snapshots beyond --keep (ids sort by creation time); never the current one.
ls -1 "$dir/snapshots" | grep -v '^\.' | sort | head -n "-$keep" | while read -r old; do
  [ "$old" != "$id" ] && rm -rf "${dir:?}/snapshots/$old"
done
echo "$id is current in $dir"
SH
