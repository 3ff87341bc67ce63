#!/usr/bin/env bash
# Fetches the full corpus by git at pinned commits and ingests it:
#   - the LawRefBook Laws repository (about 1,500 national PRC laws, regulations and judicial
#     interpretations; its local-regulation DLC/ and court-case 案例/ folders are left out),
#   - the Compliance Compass dataset (58 AI and data-protection instruments, data/v2, CC BY 4.0),
# then lays them out as one corpus beside regkg's own news records and ingests it.
#
# Usage: scripts/get-corpus.sh DIR [--data DATA] [--no-ingest]
#   DIR/src/laws, DIR/src/compass   the git checkouts (a second run fetches only what changed)
#   DIR/corpus/                     statutes-zh/ (links to the law folders), compass/ (a link to
#                                   data/v2), news/ (a link to this repository's corpus/news)
#   DATA (default data)             where the snapshot goes; then: regkg serve --data DATA
# Environment (for mirrors and offline tests): REGKG_LAWS_URL, REGKG_LAWS_COMMIT,
# REGKG_COMPASS_URL, REGKG_COMPASS_COMMIT, REGKG_BINARY (default build/regkg).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

laws_url=${REGKG_LAWS_URL:-https://github.com/LawRefBook/Laws.git}
laws_commit=${REGKG_LAWS_COMMIT:-2f4c5c23716267af9dbebbbbd6cbbf732b101981}  # 2025-04-19
compass_url=${REGKG_COMPASS_URL:-https://github.com/EtonMu/global-ai-data-regulation-map.git}
compass_commit=${REGKG_COMPASS_COMMIT:-ba4de2411db078dcf4f164548cc4a793fae476b7}  # 2026-07-28
# The national categories of LawRefBook; DLC/ (local rules) and 案例/ (cases) are not rules of
# national scope and are left out.
categories=(其他 刑法 司法解释 宪法 宪法相关法 民法典 民法商法 社会法 经济法 行政法 行政法规
  诉讼与非诉讼程序法 部门规章)

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
dir="" data=data ingest=1
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --no-ingest) ingest=0; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "get-corpus: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) dir=$1; shift ;;
  esac
done
[ -n "$dir" ] || { usage >&2; exit 2; }
command -v git >/dev/null || { echo "get-corpus: git is needed (apt-get install git)" >&2; exit 1; }
mkdir -p "$dir/src" "$dir/corpus"
dir=$(cd "$dir" && pwd)

# Brings `url` at `commit` into `dest`: a shallow fetch of that one commit when the server allows
# it (GitHub does), else the whole history. The checkout is verified to be that commit.
checkout() {
  local url=$1 commit=$2 dest=$3
  if [ ! -d "$dest/.git" ]; then
    git init -q "$dest"
    git -C "$dest" remote add origin "$url"
  else
    git -C "$dest" remote set-url origin "$url"
  fi
  if [ "$(git -C "$dest" rev-parse -q --verify HEAD 2>/dev/null)" = "$commit" ]; then
    echo "get-corpus: $url already at $commit"
    return
  fi
  echo "get-corpus: fetching $url at $commit"
  if ! git -C "$dest" fetch -q --depth 1 origin "$commit" 2>/dev/null; then
    echo "get-corpus: $url does not serve single commits; fetching its history"
    git -C "$dest" fetch -q origin
  fi
  git -C "$dest" -c advice.detachedHead=false checkout -q --force "$commit"
  [ "$(git -C "$dest" rev-parse HEAD)" = "$commit" ] ||
    { echo "get-corpus: $dest is not at $commit" >&2; exit 1; }
}

checkout "$laws_url" "$laws_commit" "$dir/src/laws"
checkout "$compass_url" "$compass_commit" "$dir/src/compass"

# The corpus layout regkg reads (the same as ../shared/corpus): links, nothing copied.
rm -rf "$dir/corpus/statutes-zh"
mkdir -p "$dir/corpus/statutes-zh"
found=0
for c in "${categories[@]}"; do
  if [ -d "$dir/src/laws/$c" ]; then
    ln -s "$dir/src/laws/$c" "$dir/corpus/statutes-zh/$c"
    found=$((found + 1))
  fi
done
[ "$found" -gt 0 ] || { echo "get-corpus: no law folders in $laws_url at $laws_commit" >&2; exit 1; }
[ -d "$dir/src/compass/data/v2" ] ||
  { echo "get-corpus: no data/v2 in $compass_url at $compass_commit" >&2; exit 1; }
ln -sfn "$dir/src/compass/data/v2" "$dir/corpus/compass"
ln -sfn "$repo/corpus/news" "$dir/corpus/news"
statutes=$(find -L "$dir/corpus/statutes-zh" -name '*.md' ! -name '_index.md' | wc -l)
compass=$(find -L "$dir/corpus/compass" -maxdepth 2 -name '*.json' | wc -l)
echo "get-corpus: $dir/corpus: $statutes statute files in $found folders, $compass Compass JSON files, regkg's news records"

if [ "$ingest" = 1 ]; then
  regkg=${REGKG_BINARY:-$repo/build/regkg}
  [ -x "$regkg" ] || { echo "get-corpus: $regkg not built (scripts/run.sh or scripts/build.sh)" >&2; exit 1; }
  "$regkg" ingest --corpus "$dir/corpus" --data "$data"
  echo "get-corpus: serve it with: $regkg serve --data $data"
fi
