#!/usr/bin/env bash
# scripts/get-corpus.sh offline: two local git repositories made here stand in for LawRefBook and
# Compliance Compass (real files from the embedded corpus, a DLC/ folder and Hugo _index.md files
# as in LawRefBook, a second commit that must not be taken); the script must check out the pinned
# commits, lay out the corpus and ingest it. Usage: test_get_corpus.sh REGKG_BINARY SOURCE_DIR
set -euo pipefail
regkg=$1 src=$2
tmp=$(mktemp -d /tmp/regkg-getcorpus.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org

# The laws repository: two category folders, a DLC/ folder, _index.md files, a README.
laws=$tmp/upstream/laws
mkdir -p "$laws/行政法" "$laws/行政法规" "$laws/DLC/北京"
cp "$src/corpus/statutes-zh/行政法/数据安全法(2021-06-10).md" "$laws/行政法/"
cp "$src/corpus/statutes-zh/行政法/反间谍法(2014-11-01).md" "$src/corpus/statutes-zh/行政法/反间谍法(2023-04-26).md" "$laws/行政法/"
cp "$src/corpus/statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md" "$laws/行政法规/"
cp "$src/corpus/statutes-zh/行政法/密码法(2019-10-26).md" "$laws/DLC/北京/北京市测试条例(2020-01-01).md"
printf -- '---\nbookCollapseSection: true\n---\n' > "$laws/行政法/_index.md"
printf -- '---\nbookCollapseSection: true\n---\n' > "$laws/行政法规/_index.md"
printf '# Laws\n\n<!-- INFO END -->\n\n第一条 not a law\n' > "$laws/README.md"
git -C "$laws" init -q && git -C "$laws" add -A && git -C "$laws" commit -qm laws
laws_commit=$(git -C "$laws" rev-parse HEAD)
# A later commit the pin must not take.
echo "第九十九条 后来的修改。" >> "$laws/行政法/数据安全法(2021-06-10).md"
git -C "$laws" commit -qam later

compass=$tmp/upstream/compass
mkdir -p "$compass/data/v2"
for f in instruments.json jurisdictions.json cn-generative-ai-measures-articles.json DATA-LICENSE.md; do
  cp "$src/corpus/compass/$f" "$compass/data/v2/"
done
git -C "$compass" init -q && git -C "$compass" add -A && git -C "$compass" commit -qm compass
compass_commit=$(git -C "$compass" rev-parse HEAD)

run() {
  REGKG_LAWS_URL=file://$laws REGKG_LAWS_COMMIT=$laws_commit \
    REGKG_COMPASS_URL=file://$compass REGKG_COMPASS_COMMIT=$compass_commit REGKG_BINARY=$regkg \
    bash "$src/scripts/get-corpus.sh" "$tmp/full" --data "$tmp/data" >"$tmp/out.log" 2>&1 ||
    { cat "$tmp/out.log"; fail "get-corpus.sh exited $?"; }
  cat "$tmp/out.log"
}
run
[ "$(git -C "$tmp/full/src/laws" rev-parse HEAD)" = "$laws_commit" ] || fail "laws not at the pinned commit"
grep -q "第九十九条 后来的修改" "$tmp/full/corpus/statutes-zh/行政法/数据安全法(2021-06-10).md" &&
  fail "the commit after the pin was taken"
[ ! -e "$tmp/full/corpus/statutes-zh/DLC" ] || fail "DLC/ must be left out"
grep -q "get-corpus: .*: 4 statute files in 2 folders, 3 Compass JSON files" "$tmp/out.log" ||
  fail "wrong corpus summary"
# 4 statutes + 3 Compass files + 134 news records ingested; DATA-LICENSE.md and 2 _index.md ignored.
grep -q "141 added, 0 skipped, 0 duplicates, 3 ignored; 0 errors" "$tmp/out.log" ||
  fail "wrong ingest summary"
grep -q "_index.md: note: ignored: a Hugo section index" "$tmp/out.log" || fail "_index.md not reported"
# The snapshot answers: both versions of 反间谍法 are there.
"$regkg" search --data "$tmp/data" "反间谍" --limit 50 >"$tmp/search.log"
grep -q "cn/counter-espionage-law@2014-11-01" "$tmp/search.log" || fail "2014 version not searchable"
grep -q "cn/counter-espionage-law@2023-04-26" "$tmp/search.log" || fail "2023 version not searchable"
# A second run reuses the checkouts.
run
grep -q "already at $laws_commit" "$tmp/out.log" || fail "second run fetched again"
echo "get-corpus offline test: ok"
