#!/usr/bin/python3
"""Synthetic corpora for the cost curve (bench/cost_curve.sh): N copies of the full corpus, each a
set of different instruments to regkg.

Usage: cost_curve_corpus.py --corpus SRC --out DIR --sizes 1,2,4,8

Writes DIR/copy-1 (a link to SRC: the real corpus), DIR/copy-K for K = 2 .. max(sizes) (files
rewritten as below) and DIR/size-S/ for each S, a folder of links to copy-1 .. copy-S, which is the
corpus to ingest (`regkg ingest --corpus DIR/size-S`). A copy already made (DIR/copy-K.done holds
this script's rewrite version) is kept. Nothing is written outside DIR.

What makes copy K a different set of instruments (no deduplication, no merged ids):
- statutes-zh/: the file stem and the `# title` line get the suffix 副本K ("数据安全法副本3
  (2021-06-10).md", "# 中华人民共和国数据安全法副本3"), so the instrument id, the version id and the
  file's SHA-256 differ; every 《title》 in the text becomes 《title副本K》, so copy K's citations
  resolve to copy K's laws, as the original's resolve to the original's.
- compass/: every instrument, provision, relation, status-event and structure id (and every
  reference to one: instrumentId, source/target ids, provisionId, parentId …) gets the suffix -cK;
  instrument titles get " (copy K)", a Chinese originalTitle gets 副本K (so it matches its statute
  copy, as the original's matches its statute), 《title》 in texts as above; an id that
  corpus/dictionaries/instruments.json lists under compass_aliases becomes its target's copy id
  (the original is wired through that alias). Jurisdictions and
  concepts are shared vocabulary: jurisdictions.json is not copied, concept ids are kept.
- news/: the file name (the news id) gets -copy-K and the title " (copy K)".
"""
import argparse
import json
import os
import re
import shutil
import sys

VERSION = "2"  # bump when the rewrite changes: copies of another version are made again
CITE = re.compile(r"《([^《》\n]+)》")


def zh_suffix(k):
    return f"副本{k}"


def cite_rewrite(text, k):
    return CITE.sub(lambda m: f"《{m.group(1)}{zh_suffix(k)}》", text)


def statute_name(name, k):
    stem = name[:-3]
    m = re.match(r"^(.*)(\(\d{4}-\d{2}-\d{2}\))$", stem)
    if m:
        return f"{m.group(1)}{zh_suffix(k)}{m.group(2)}.md"
    return f"{stem}{zh_suffix(k)}.md"


def copy_statute(src, dst, k):
    with open(src, encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    titled = False
    for i, line in enumerate(lines):
        if not titled and line.startswith("# "):
            lines[i] = line.rstrip() + zh_suffix(k)
            titled = True
        else:
            lines[i] = cite_rewrite(line, k)
    with open(dst, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\n".join(lines))


def copy_news(src, dst, k):
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title:"):  # the top-level title only (related items are indented)
            v = line[len("title:"):].strip()
            if len(v) >= 2 and v.startswith('"') and v.endswith('"'):
                lines[i] = f'title: "{v[1:-1]} (copy {k})"'
            else:
                lines[i] = f"title: {v} (copy {k})"
            break
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def collect_compass_ids(compass_dir):
    """The ids of one corpus copy's records: the `id` of every top-level record (instruments,
    provisions, relations, status events, structures) and every instrumentId and provisionId, but
    not jurisdictions or concepts (shared by all copies). Nested ids (chapters, sources) are scoped
    by their record and stay as they are."""
    ids, keep = set(), set()
    for root, _, files in os.walk(compass_dir):
        for name in files:
            if not name.endswith(".json"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                data = json.load(f)
            shared = name in ("jurisdictions.json", "concepts.json", "concept-themes.json")
            records = data if isinstance(data, list) else []
            for r in records:
                if isinstance(r, dict) and isinstance(r.get("id"), str):
                    (keep if shared else ids).add(r["id"])

            def walk(x):
                if isinstance(x, dict):
                    for key, v in x.items():
                        if isinstance(v, str) and key in ("instrumentId", "provisionId"):
                            ids.add(v)
                        walk(v)
                elif isinstance(x, list):
                    for v in x:
                        walk(v)

            walk(data)
    return ids - keep


def load_aliases():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "dictionaries",
                        "instruments.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f).get("compass_aliases", {})


ALIASES = load_aliases()


def rewrite_compass(x, k, ids, in_instruments):
    if isinstance(x, dict):
        out = {}
        for key, v in x.items():
            if isinstance(v, str) and in_instruments and key in ("title", "shortTitle"):
                out[key] = f"{v} (copy {k})"
            elif isinstance(v, str) and in_instruments and key == "originalTitle":
                has_cjk = any("\u4e00" <= c <= "\u9fff" for c in v)
                out[key] = v + (zh_suffix(k) if has_cjk else f" (copy {k})")
            else:
                out[key] = rewrite_compass(v, k, ids, False)
        return out
    if isinstance(x, list):
        return [rewrite_compass(v, k, ids, in_instruments) for v in x]
    if isinstance(x, str):
        if x in ALIASES:
            return f"{ALIASES[x]}-c{k}"
        if x in ids:
            return f"{x}-c{k}"
        return cite_rewrite(x, k) if "《" in x else x
    return x


def copy_compass(src, dst, k, ids):
    name = os.path.basename(src)
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    # instruments.json: a list of instrument records, titled
    out = rewrite_compass(data, k, ids, name == "instruments.json")
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


def make_copy(src, dst, k, ids):
    tmp = dst + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for root, dirs, files in os.walk(src, followlinks=True):
        dirs.sort()
        rel = os.path.relpath(root, src)
        top = rel.split(os.sep)[0]
        out_dir = os.path.join(tmp, rel)
        os.makedirs(out_dir, exist_ok=True)
        for name in sorted(files):
            s = os.path.join(root, name)
            if top == "statutes-zh" and name.endswith(".md") and name != "_index.md":
                copy_statute(s, os.path.join(out_dir, statute_name(name, k)), k)
            elif top == "news" and name.endswith(".md"):
                copy_news(s, os.path.join(out_dir, f"{name[:-3]}-copy-{k}.md"), k)
            elif top == "compass" and name.endswith(".json"):
                if name == "jurisdictions.json":
                    continue  # shared: one set of jurisdictions for all copies
                copy_compass(s, os.path.join(out_dir, name), k, ids)
            elif rel == ".":
                continue  # the corpus README: documentation, read once from copy-1
            else:
                shutil.copyfile(s, os.path.join(out_dir, name))
    shutil.rmtree(dst, ignore_errors=True)
    os.rename(tmp, dst)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="1,2,4,8")
    args = ap.parse_args()
    src = os.path.realpath(args.corpus)
    out = os.path.abspath(args.out)
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    os.makedirs(out, exist_ok=True)
    link = os.path.join(out, "copy-1")
    if not os.path.islink(link):
        os.symlink(src, link)
    ids = None
    for k in range(2, max(sizes) + 1):
        dst = os.path.join(out, f"copy-{k}")
        done = dst + ".done"
        if os.path.isdir(dst) and os.path.exists(done) and open(done).read().strip() == VERSION:
            continue
        if ids is None:
            ids = collect_compass_ids(os.path.join(src, "compass"))
        print(f"cost_curve_corpus: writing {dst}", file=sys.stderr, flush=True)
        make_copy(src, dst, k, ids)
        with open(done, "w") as f:
            f.write(VERSION + "\n")
    for s in sizes:
        d = os.path.join(out, f"size-{s}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for k in range(1, s + 1):
            os.symlink(os.path.join(out, f"copy-{k}"), os.path.join(d, f"copy-{k}"))
        print(d)


if __name__ == "__main__":
    main()
