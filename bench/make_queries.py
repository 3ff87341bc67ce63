#!/usr/bin/python3
"""Generate bench/queries.txt: the fixed search workload for bench/search_bench.sh.

Writes one request per line: the percent-encoded part after `/api/v1/search?`.
Half Chinese, half English; about a quarter carry filter parameters or filter
prefixes. The output is committed; rerun only to change the workload on purpose.

  /usr/bin/python3 bench/make_queries.py                 # rewrite bench/queries.txt
  /usr/bin/python3 bench/make_queries.py --check URL     # check each line against a server:
                                                         # HTTP status, total, time (stdlib only)
"""
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "queries.txt")

# Chinese: plain terms (vocabulary that occurs in PRC laws and regulations).
ZH_TERMS = [
    "个人信息", "安全评估", "数据出境", "网络安全", "行政处罚", "未成年人", "算法推荐",
    "生成式人工智能", "知识产权", "劳动合同", "个人信息处理者", "敏感个人信息", "关键信息基础设施",
    "网络运营者", "数据安全", "重要数据", "国家安全", "行政复议", "行政诉讼", "刑事责任",
    "民事责任", "罚款", "没收违法所得", "吊销营业执照", "责令改正", "警告", "消费者权益",
    "食品安全", "环境保护", "安全生产", "社会保险", "工伤保险", "最低工资", "劳动争议",
    "著作权", "商标", "专利", "反垄断", "不正当竞争", "电子商务", "税收征收", "人民法院",
    "人民检察院", "公安机关", "国务院", "地方各级人民政府", "监督管理", "知情同意", "单独同意",
    "自动化决策", "跨境", "标准合同", "认证", "网信部门", "数据处理者", "合同", "侵权责任",
    "婚姻", "继承", "物权", "担保", "诉讼时效", "证据", "仲裁", "行政许可",
]
# Chinese: boolean and phrase queries (Xapian syntax).
ZH_COMPLEX = [
    "个人信息 AND 安全评估", "数据出境 OR 跨境", "网络安全 AND 关键信息基础设施",
    "行政处罚 AND 罚款", "未成年人 AND 网络", "知识产权 OR 著作权", "劳动合同 AND 解除",
    "个人信息 NOT 刑事", "\"个人信息保护\"", "\"安全评估\"", "\"数据出境\"", "\"行政处罚\"",
    "\"劳动合同\"", "\"未成年人保护\"", "\"网络安全等级保护\"", "\"关键信息基础设施\"",
    "\"生成式人工智能\"", "\"算法推荐\"", "\"知识产权\" AND 侵权", "数据安全 AND 重要数据",
    "title:个人信息保护法", "title:网络安全法", "title:数据安全法", "title:劳动合同法",
    "title:民法典", "title:行政处罚法", "食品安全 OR 药品", "消费者 AND 赔偿",
    "人民法院 AND 判决", "环境 AND 污染",
]
# English: plain terms.
EN_TERMS = [
    "personal data", "security assessment", "automated decision", "consent", "transparency",
    "high-risk AI system", "data protection officer", "generative AI", "data subject",
    "controller", "processor", "cross-border transfer", "data breach", "supervisory authority",
    "fines", "right to erasure", "data portability", "legitimate interest", "profiling",
    "biometric data", "children", "sensitive personal information", "impact assessment",
    "risk management", "human oversight", "conformity assessment", "general-purpose AI model",
    "prohibited practices", "deepfake", "facial recognition", "encryption", "cookies",
    "direct marketing", "retention", "anonymisation", "pseudonymisation", "health data",
    "employment", "penalty", "notification", "privacy policy", "accountability",
    "artificial intelligence", "algorithm", "record of processing", "international organisation",
    "adequacy decision", "standard contractual clauses", "binding corporate rules",
    "data localisation", "critical information infrastructure", "cybersecurity",
    "personal information", "deletion", "access request", "withdrawal of consent",
    "minors", "regulatory sandbox", "market surveillance", "post-market monitoring",
    "training data", "watermark", "chatbot", "foundation model", "recommendation algorithm",
]
# English: boolean and phrase queries.
EN_COMPLEX = [
    "personal AND data AND transfer", "consent OR authorization", "\"personal data\"",
    "\"data protection officer\"", "\"high-risk AI system\"", "\"automated decision-making\"",
    "\"security assessment\"", "\"right to be forgotten\"", "\"legitimate interests\"",
    "\"data subject\" AND rights", "transparency AND AI", "breach AND notification",
    "controller NOT processor", "\"generative AI\" OR \"generative artificial intelligence\"",
    "GDPR", "title:\"AI Act\"", "title:privacy", "\"impact assessment\" AND risk",
    "biometric OR facial", "\"cross-border\" AND transfer", "children AND consent",
    "penalty OR fine", "\"supervisory authority\"", "encryption AND security",
    "\"artificial intelligence\" AND risk", "\"personal information\" AND China",
    "\"data localisation\" OR localization", "profiling AND \"automated processing\"",
    "deepfake OR synthetic", "\"human oversight\"",
]

# Filter variants: (query, extra parameters). Mix of URL parameters and query prefixes.
ZH_FILTERED = [
    ("个人信息", {"kind": "article"}), ("安全评估", {"jurisdiction": "cn"}),
    ("数据出境", {"instrument": "cn/pipl"}), ("个人信息", {"instrument": "cn/pipl"}),
    ("网络安全", {"year": "2021"}), ("行政处罚", {"from": "2015-01-01", "to": "2022-12-31"}),
    ("未成年人", {"kind": "article", "jurisdiction": "cn"}), ("算法推荐 issuer:cac", {}),
    ("生成式人工智能 issuer:cac", {}), ("数据 issuer:cac", {}), ("个人信息 issuer:npcsc", {}),
    ("行政法规 issuer:state-council", {}), ("知识产权", {"kind": "article", "year": "2020"}),
    ("劳动合同", {"lang": "zh"}), ("数据安全 year:2021", {}),
    ("网络 date:2016-01-01..2017-12-31", {}), ("罚款", {"kind": "article", "limit": "5"}),
    ("个人信息", {"limit": "10", "offset": "20"}), ("安全", {"instrument": "cn/cybersecurity-law"}),
    ("处理者", {"instrument": "cn/pipl", "kind": "article"}),
    ("个人信息 kind:article", {}), ("关键信息基础设施", {"from": "2017-01-01"}),
    ("人工智能", {"to": "2024-12-31"}), ("重要数据", {"jurisdiction": "cn", "kind": "article"}),
    ("著作权", {"lang": "zh", "kind": "article"}),
    ("个人信息 AND 同意", {"instrument": "cn/pipl"}), ("\"安全评估\"", {"jurisdiction": "cn", "year": "2022"}),
    ("劳动合同 OR 劳动争议", {"kind": "article", "from": "2008-01-01"}),
    ("网络安全", {"jurisdiction": "cn", "lang": "zh", "limit": "50"}), ("行政处罚 issuer:state-council", {}),
]
EN_FILTERED = [
    ("personal data", {"lang": "en"}), ("consent", {"jurisdiction": "eu"}),
    ("transparency", {"jurisdiction": "eu", "kind": "article"}), ("security assessment", {"jurisdiction": "cn"}),
    ("personal information", {"instrument": "cn/pipl"}), ("high-risk AI system", {"instrument": "eu/ai-act"}),
    ("data protection officer", {"kind": "article"}), ("generative AI", {"year": "2023"}),
    ("automated decision", {"from": "2016-01-01", "to": "2021-12-31"}), ("fines", {"lang": "en", "kind": "article"}),
    ("controller", {"jurisdiction": "gb"}), ("children", {"jurisdiction": "eu", "lang": "en"}),
    ("data breach", {"year": "2018"}), ("transfer", {"instrument": "eu/gdpr"}),
    ("AI jurisdiction:eu", {}), ("privacy lang:en", {}), ("consent kind:article", {}),
    ("artificial intelligence year:2024", {}), ("data date:2021-01-01..2021-12-31", {}),
    ("personal data", {"limit": "50"}), ("consent", {"limit": "10", "offset": "40"}),
    ("security", {"kind": "news"}), ("regulation", {"kind": "instrument"}),
    ("risk", {"lang": "en", "jurisdiction": "eu", "kind": "article"}), ("algorithm", {"from": "2022-01-01"}),
    ("\"personal data\" AND transfer", {"jurisdiction": "eu"}), ("consent OR authorization", {"lang": "en", "kind": "article"}),
    ("\"security assessment\"", {"instrument": "cn/pipl"}), ("generative AI", {"jurisdiction": "cn"}),
    ("data protection officer", {"from": "2018-01-01", "to": "2023-12-31", "kind": "article"}),
]


def encode(q, params):
    items = [("q", q)] + sorted(params.items())
    return urllib.parse.urlencode(items, quote_via=urllib.parse.quote, safe="")


def build():
    zh = [(q, {}) for q in ZH_TERMS + ZH_COMPLEX] + ZH_FILTERED
    en = [(q, {}) for q in EN_TERMS + EN_COMPLEX] + EN_FILTERED
    # Interleave so that any prefix of the file is a similar mix.
    lines = []
    for i in range(max(len(zh), len(en))):
        if i < len(zh):
            lines.append(encode(*zh[i]))
        if i < len(en):
            lines.append(encode(*en[i]))
    assert len(lines) == len(set(lines)), "duplicate request"
    return lines, len(zh), len(en), len(ZH_FILTERED) + len(EN_FILTERED)


def check(base):
    bad = 0
    rows = []
    with open(OUT, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip()]
    for line in lines:
        url = base.rstrip("/") + "/api/v1/search?" + line
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                status, body = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read()
        dt = time.perf_counter() - t0
        total = None
        try:
            total = json.loads(body).get("total")
        except ValueError:
            pass
        if status != 200:
            bad += 1
        rows.append((status, total, dt, urllib.parse.unquote(line)))
    for status, total, dt, q in rows:
        print(f"{status}\t{total}\t{dt*1000:.1f}ms\t{q}")
    zero = sum(1 for r in rows if r[0] == 200 and not r[1])
    print(f"# {len(rows)} requests, {bad} non-200, {zero} with total=0", file=sys.stderr)
    return 1 if bad else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2]))
    lines, nzh, nen, nfilt = build()
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {OUT}: {len(lines)} requests ({nzh} Chinese, {nen} English, {nfilt} filtered)")


if __name__ == "__main__":
    main()
