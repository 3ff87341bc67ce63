#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets from the real corpus (never copied into the repo).

Usage: fuzz/make_seeds.py CORPUS_DIR OUT_DIR
Makes OUT_DIR/<target>/ with small inputs cut from real files: statute Markdown heads, Compass
records (one or two per seed, valid JSON, led by the byte that picks the file name), news files and
their front matter, sentences with citations and dates, article numerals, query strings and request
targets. Seeds stay small (at most MAX_LEN bytes) so the fuzzers run fast.
"""
import hashlib
import html
import json
import os
import re
import sys
import urllib.parse

MAX_LEN = 8192


def write(out, target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data[:MAX_LEN]
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def head_lines(text, limit):
    """The longest run of whole lines from the start that fits in `limit` bytes."""
    out, size = [], 0
    for line in text.splitlines(keepends=True):
        n = len(line.encode("utf-8"))
        if size + n > limit:
            break
        out.append(line)
        size += n
    return "".join(out)


def statutes(corpus, out):
    files = []
    for root, _, names in os.walk(os.path.join(corpus, "statutes-zh")):
        files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".md")]
    files.sort()
    sentences = []
    numerals = set()
    for i, path in enumerate(files):
        text = open(path, encoding="utf-8").read()
        if i % 4 == 0:
            write(out, "fuzz_statute_markdown", head_lines(text, 3000))
        if i % 8 == 0:
            # The statute as a publisher's page would show it, in UTF-8 and in GB18030.
            head = head_lines(text, 2500)
            title = head.splitlines()[0].lstrip("# ") if head else ""
            body = "".join(f"<p>{html.escape(l)}</p>\n" for l in head.splitlines()[1:] if l.strip())
            page = (f'<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
                    f'<meta name="ArticleTitle" content="{html.escape(title)}"></head><body>'
                    f'<div class="nav">首页 &gt; 政策</div><h1>{html.escape(title)}</h1>\n{body}'
                    f'<div class="footer">版权所有</div></body></html>')
            write(out, "fuzz_publication_html", b"\x01" + page.encode("utf-8"))
            try:
                gb = page.replace('charset="utf-8"', 'charset="gb2312"').encode("gb18030")
                write(out, "fuzz_publication_html", b"\x00" + gb[:MAX_LEN - 1])
            except UnicodeEncodeError:
                pass
        for line in text.splitlines():
            if ("《" in line or "条" in line or "年" in line) and len(line.encode()) < 1000:
                sentences.append(line)
            for m in re.finditer(r"第([〇零一二三四五六七八九十百千万两]+)[条章节编款]", line):
                numerals.add(m.group(1))
    for k, s in enumerate(sentences[::40]):
        if "《" in s or "条" in s:
            write(out, "fuzz_citation_extractor", s)
        if "年" in s:
            write(out, "fuzz_date_extractor", bytes([k % 7]) + s.encode("utf-8"))
    for n in sorted(numerals):
        write(out, "fuzz_chinese_numeral", n)
    for n in ["二〇二三", "一千零四十", "两百", "12", "九万九千九百九十九"]:
        write(out, "fuzz_chinese_numeral", n)


COMPASS_NAMES = {"instruments.json": 0, "jurisdictions.json": 1, "relations.json": 2,
                 "status-events.json": 3, "provisions.json": 4}


ARTICLE_START = re.compile(r"^第[〇零一二三四五六七八九十百千万两]+条(之[一二三四五六七八九十])?[ 　]")


def articles_zh(text):
    """The articles of a statute Markdown file: from a 第X条 line to the next, paragraphs joined
    by a newline as the ingest hands them to the extractors."""
    arts, cur = [], None
    for line in text.splitlines():
        if ARTICLE_START.match(line):
            if cur:
                arts.append("\n".join(cur))
            cur = [line]
        elif line.startswith("#") or line.startswith("<!--"):
            if cur:
                arts.append("\n".join(cur))
            cur = None
        elif cur is not None and line.strip():
            cur.append(line)
    if cur:
        arts.append("\n".join(cur))
    return arts


def extractor_seeds(corpus, out):
    """Whole articles for the obligation (first byte 0: Chinese rules) and sanction extractors."""
    files = []
    for root, _, names in os.walk(os.path.join(corpus, "statutes-zh")):
        files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".md")]
    files.sort()
    modal, liability = [], []
    for path in files:
        for a in articles_zh(open(path, encoding="utf-8").read()):
            if len(a.encode()) >= MAX_LEN - 1:
                continue
            if re.search("应当|必须|不得|禁止|可以|有权|鼓励", a):
                modal.append(a)
            if re.search("罚款|责令|警告|吊销|没收|处分|刑事责任", a):
                liability.append(a)
    for a in modal[::max(1, len(modal) // 400)]:
        write(out, "fuzz_obligation_extractor", b"\x00" + a.encode("utf-8"))
    for a in liability[::max(1, len(liability) // 400)]:
        write(out, "fuzz_sanction_extractor", a)


def compass(corpus, out):
    root = os.path.join(corpus, "compass")
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith(".json"):
                continue
            data = json.load(open(os.path.join(dirpath, name), encoding="utf-8"))
            selector = COMPASS_NAMES.get(name, 5 if name.endswith("articles.json") else 6)
            if "reference-translations" in dirpath:
                selector = 7
            if isinstance(data, list):
                picks = [data[j:j + 2] for j in range(0, min(len(data), 60), 6)]
            elif isinstance(data, dict):
                picks = [{k: (v[:2] if isinstance(v, list) else v) for k, v in data.items()}]
            else:
                picks = [data]
            for p in picks:
                text = json.dumps(p, ensure_ascii=False, indent=1)
                if len(text.encode()) < MAX_LEN - 1:
                    write(out, "fuzz_compass_json", bytes([selector]) + text.encode("utf-8"))
                    for line in text.splitlines():
                        if re.search(r"\b(shall|must|may|encourage)", line) and len(line) < 2000:
                            # English article text for the obligation extractor's English rules.
                            write(out, "fuzz_obligation_extractor", b"\x01" + line.encode("utf-8"))
                    for line in text.splitlines():
                        if "Article" in line and len(line) < 800:
                            write(out, "fuzz_citation_extractor", line)
                            break


def news(corpus, out):
    for sub in ("seed", "feed"):
        d = os.path.join(corpus, "news", sub)
        for k, name in enumerate(sorted(os.listdir(d))):
            text = open(os.path.join(d, name), encoding="utf-8").read()
            write(out, "fuzz_news_markdown", text)
            parts = text.split("---\n")
            if len(parts) >= 3:
                write(out, "fuzz_front_matter", parts[1])
                for line in parts[1].splitlines():
                    if re.search(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|20\d\d", line):
                        write(out, "fuzz_date_extractor", bytes([k % 7]) + line.encode("utf-8"))


def requests(source_dir, out):
    queries = [q.strip() for q in open(os.path.join(source_dir, "bench", "queries.txt"))
               if q.strip()]
    for k, q in enumerate(queries[::5]):
        write(out, "fuzz_request_params",
              f"{q}&limit={k % 120}&offset={k * 7}&from=2023-0{k % 9 + 1}-15&direction=out")
    art = "cn/generative-ai-measures@2023-07-10/art-17"
    enc = urllib.parse.quote(art, safe="")
    targets = [
        "/healthz", "/api/v1/openapi.json", f"/api/v1/nodes/{art}", f"/api/v1/nodes/{enc}?limit=5",
        f"/api/v1/nodes/{art}/neighbors?direction=both&limit=10",
        "/api/v1/nodes/cn/pipl@2021-08-20/art-38?group_type=cites&group_direction=out",
        f"/api/v1/neighborhood?id={enc}&depth=2&limit=50",
        "/api/v1/paths?from=actor/cac&to=cn/pipl&k=3&max_length=6",
        "/api/v1/obligations?bearer=role-provider&instrument=cn/generative-ai-measures"
        "&in_force_on=2024-01-01&format=csv",
        "/api/v1/obligations?modality=prohibition&q=%E4%B8%8D%E5%BE%97&limit=3",
        "/api/v1/actors/cac?limit=5", "/api/v1/actors/actor/role-provider",
        "/api/v1/citations?id=cn/generative-ai-measures&direction=out&in_force_on=2024-01-01",
        "/api/v1/citations/unresolved?limit=5", "/api/v1/citations/graph?id=cn/pipl&depth=2",
        "/api/v1/rankings/cited?limit=10", "/feed.atom", "/api/v1/suggest?q=%E7%BD%91&limit=5",
        "/api/v1/admin/snapshot", "/index.html", "/js/api.js", "/css/regkg.css", "/",
        "/api/v1/search?q=title:%E4%B8%AA%E4%BA%BA&kind=article&lang=zh&year=2021&facets=1",
        "/api/v1/search?q=date:2023-01-01..2023-12-31&from=2023-01-01&to=2023-12-31",
    ]
    targets += ["/api/v1/search?" + q for q in queries[::25]]
    for t in targets:
        write(out, "fuzz_http_request", b"\x00" + t.encode("utf-8"))
    raw = [
        "GET /api/v1/search?q=data HTTP/1.1\r\nHost: x\r\nIf-None-Match: W/\"x\"\r\n\r\n",
        "HEAD /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=0-10\r\n\r\n",
        "POST /api/v1/admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\n"
        "Content-Length: 2\r\n\r\n{}",
        "GET /api/v1/nodes/cn%2Fpipl HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\n",
        "PUT /api/v1/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "GET /js/../index.html HTTP/1.1\r\nHost: x\r\n\r\n",
    ]
    for r in raw:
        write(out, "fuzz_http_request", b"\x01" + r.encode("utf-8"))


def fetch_fixtures(source_dir, out):
    """The fetch tests' own publisher pages (tests/fetch/fixtures, written for this project)."""
    d = os.path.join(source_dir, "tests", "fetch", "fixtures")
    if os.path.isdir(d):
        for name in sorted(os.listdir(d)):
            write(out, "fuzz_publication_html", b"\x01" + open(os.path.join(d, name), "rb").read())


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    source_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    fetch_fixtures(source_dir, out)
    statutes(corpus, out)
    extractor_seeds(corpus, out)
    compass(corpus, out)
    news(corpus, out)
    requests(source_dir, out)
    for t in sorted(os.listdir(out)):
        print(f"seeds: {t}: {len(os.listdir(os.path.join(out, t)))}")


if __name__ == "__main__":
    main()
