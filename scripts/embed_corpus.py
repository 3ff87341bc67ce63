#!/usr/bin/env python3
"""Refreshes the embedded default corpus (corpus/statutes-zh, corpus/compass) from a full corpus.

Usage: scripts/embed_corpus.py [--from ../shared/corpus] [--check]

What is copied (byte for byte) and why is written to corpus/EMBEDDED.tsv, one line per file:
  path, bytes, sha256, reason. The reasons:
  topic     a statute whose title is about networks, data, personal information, AI and algorithms,
            e-commerce, telecom fraud, minors, cybersecurity, counter-espionage or state secrets
            (the keywords below), with every dated version of the same title;
  cited     a statute cited by 《title》 in a topic statute or a Chinese Compass text (one level
            of the citation closure),
            with every dated version of it;
  test      a statute or Compass file a test, gold set or benchmark in this repository names;
  compass   the Compliance Compass files for China, the EU AI Act and GDPR, and the dataset's
            catalogue files (instruments, jurisdictions, relations, events, concepts).
News is not copied: corpus/news/ holds metadata records written for this project.
--check compares corpus/ with the selection and exits 1 if a file is missing, extra or changed.
"""
import argparse
import collections
import hashlib
import os
import re
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOPIC_KEYWORDS = [
    "网络", "数据", "个人信息", "人工智能", "算法推荐", "电子商务", "电信", "诈骗", "未成年人",
    "反间谍", "国家秘密", "互联网", "深度合成", "生成式", "密码", "国家安全", "信息服务",
    "计算机信息",
]
COMPASS_FILES = [
    "DATA-LICENSE.md",
    "instruments.json", "jurisdictions.json", "relations.json", "status-events.json",
    "concepts.json", "concept-themes.json", "provisions.json",
    "cn-generative-ai-measures-articles.json", "cn-pipl-articles.json",
    "cn-network-data-regulations-articles.json", "cn-english-corpus-manifest.json",
    "eu-ai-act-articles.json", "eu-ai-act-recitals.json", "eu-ai-act-annexes.json",
    "gdpr-articles.json",
]
DATE_SUFFIX = re.compile(r"\(\d{4}-\d{2}-\d{2}\)$")
PRC = "中华人民共和国"


def statute_files(root):
    out = []
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(".md"):
                out.append(os.path.relpath(os.path.join(d, n), root))
    return sorted(out)


def short_title(rel):
    return DATE_SUFFIX.sub("", os.path.basename(rel)[:-3]).replace(PRC, "")


def h1_title(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip().replace(PRC, "")
    return ""


def names_in_repo(source):
    """Statute and Compass paths (corpus-relative) named in tests/, bench/ and fuzz/: full paths,
    and Compass file names given bare ("jp-appi-current-articles.json"); adjacent C++ string
    literals are joined first, so a name split over two lines is found too."""
    found = set()
    compass_names = set()
    for d, _, names in os.walk(os.path.join(source, "compass")):
        for n in names:
            if n.endswith(".json"):
                compass_names.add(os.path.relpath(os.path.join(d, n), os.path.join(source, "compass")))
    pattern = re.compile(r"(statutes-zh/[^\"'\n]*?\.md|compass/[^\"'\n]*?\.json)")
    bare = re.compile(r"[\"/]([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)?\.json)\"")
    for folder in ("tests", "bench", "fuzz"):
        for d, _, names in os.walk(os.path.join(REPO, folder)):
            if "node_modules" in d:
                continue
            for n in names:
                try:
                    text = open(os.path.join(d, n), encoding="utf-8").read()
                except (UnicodeDecodeError, IsADirectoryError):
                    continue
                text = re.sub(r'"\s*\n\s*"', "", text)
                found.update(pattern.findall(text))
                for name in bare.findall(text):
                    if name in compass_names:
                        found.add("compass/" + name)
    return found


def select(source):
    sroot = os.path.join(source, "statutes-zh")
    files = statute_files(sroot)
    by_title = collections.defaultdict(set)
    for rel in files:
        for t in {short_title(rel), h1_title(os.path.join(sroot, rel))}:
            if t:
                by_title[t].add(rel)
    reasons = {}
    for rel in files:
        title = short_title(rel) + " " + h1_title(os.path.join(sroot, rel))
        # 预算法 (budget law) contains 算法 (algorithm): the keyword list says 算法推荐 for that reason.
        if any(k in title for k in TOPIC_KEYWORDS):
            for same in by_title[short_title(rel)] | {rel}:
                reasons.setdefault(same, "topic")
    citing = [os.path.join(sroot, r) for r, why in reasons.items() if why == "topic"]
    # The Chinese Compass texts cite laws too (the Generative AI Measures' Article 1 names four).
    citing += [os.path.join(source, "compass", n) for n in COMPASS_FILES if n.startswith("cn-")]
    citing.append(os.path.join(source, "compass", "provisions.json"))
    for path in citing:
        text = open(path, encoding="utf-8").read()
        for cited in re.findall(r"《([^》]{2,80})》", text):
            for target in by_title.get(cited.replace(PRC, ""), ()):
                reasons.setdefault(target, "cited")
    selected = {"statutes-zh/" + r: why for r, why in reasons.items()}
    for named in names_in_repo(source):
        if os.path.isfile(os.path.join(source, named)):
            selected.setdefault(named, "test")
    for name in COMPASS_FILES:
        selected["compass/" + name] = "compass"
    return selected


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--from", dest="source", default=os.path.join(REPO, "..", "shared", "corpus"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.source, "statutes-zh")):
        sys.exit(f"embed_corpus: {args.source}: no statutes-zh/ folder (give --from FULL_CORPUS)")
    selected = select(args.source)
    dest = os.path.join(REPO, "corpus")
    problems = []
    for part in ("statutes-zh", "compass"):
        for d, _, names in os.walk(os.path.join(dest, part)):
            for n in names:
                rel = os.path.relpath(os.path.join(d, n), dest)
                if rel not in selected:
                    problems.append(f"extra: {rel}")
                    if not args.check:
                        os.remove(os.path.join(dest, rel))
    rows = []
    for rel in sorted(selected):
        src, dst = os.path.join(args.source, rel), os.path.join(dest, rel)
        digest = sha256(src)
        if not os.path.isfile(dst) or sha256(dst) != digest:
            problems.append(f"{'missing' if not os.path.isfile(dst) else 'changed'}: {rel}")
            if not args.check:
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(src, dst)
        rows.append(f"{rel}\t{os.path.getsize(src)}\t{digest}\t{selected[rel]}")
    manifest = "path\tbytes\tsha256\treason\n" + "\n".join(rows) + "\n"
    manifest_path = os.path.join(dest, "EMBEDDED.tsv")
    old = open(manifest_path, encoding="utf-8").read() if os.path.isfile(manifest_path) else ""
    if old != manifest:
        problems.append("changed: corpus/EMBEDDED.tsv")
        if not args.check:
            with open(manifest_path, "w", encoding="utf-8") as f:
                f.write(manifest)
    counts = collections.Counter(selected.values())
    total = sum(os.path.getsize(os.path.join(args.source, r)) for r in selected)
    print(f"embed_corpus: {len(selected)} files ({total / 1e6:.1f} MB): "
          + ", ".join(f"{n} {why}" for why, n in sorted(counts.items())))
    for p in problems:
        print(("embed_corpus: " if args.check else "embed_corpus: updated ") + p)
    if args.check and problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
