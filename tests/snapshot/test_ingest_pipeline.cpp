// Tests run_ingest end to end on a small real corpus with broken files, and --strict mode.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "ingest/ingest_pipeline.h"
#include "snapshot/snapshot.h"
#include "snapshot/snapshot_store.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg;
using graph::KnowledgeGraph;
using graph::NodeKind;
using Vertex = KnowledgeGraph::Vertex;

namespace {

struct IngestFixture {
  test::TempDir corpus;
  test::TempDir data;
  ingest::IngestSummary summary;
  std::string log;
  std::shared_ptr<const snapshot::Snapshot> snap;

  ingest::IngestOptions options(bool strict) const {
    ingest::IngestOptions o;
    o.corpora = {corpus.path()};
    o.data_dir = data.path();
    o.dictionaries_dir = fs::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
    o.strict = strict;
    o.threads = 2;
    return o;
  }
};

// Ingest takes seconds: do it once per process. (ctest runs each TEST_CASE in its own process,
// so the facts below are SUBCASEs of few test cases.)
IngestFixture& fixture() {
  static IngestFixture f;
  static const bool ready = [] {
    test::make_small_corpus(f.corpus.path(), /*with_bad_files=*/true);
    std::ostringstream log;
    f.summary = ingest::run_ingest(f.options(false), log);
    f.log = log.str();
    f.snap = snapshot::open_current_snapshot(f.data.path(), 1);
    return true;
  }();
  (void)ready;
  return f;
}

const KnowledgeGraph& g() { return *fixture().snap->graph; }

Vertex must_find(const std::string& id) {
  auto v = g().find(id);
  INFO("node id: " << id);
  REQUIRE(v.has_value());
  return *v;
}

const graph::NodeData& node(const std::string& id) { return g().node(must_find(id)); }

// Ids of the neighbours over out-edges (or in-edges) of `type`.
std::vector<std::string> out_ids(const std::string& id, const std::string& type) {
  std::vector<std::string> out;
  g().for_each_out_edge(must_find(id), [&](KnowledgeGraph::Edge e, Vertex o) {
    if (g().edge(e).type == type) out.push_back(g().node(o).id);
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> in_ids(const std::string& id, const std::string& type) {
  std::vector<std::string> out;
  g().for_each_in_edge(must_find(id), [&](KnowledgeGraph::Edge e, Vertex o) {
    if (g().edge(e).type == type) out.push_back(g().node(o).id);
  });
  std::sort(out.begin(), out.end());
  return out;
}

// Every node below `root` over part_of in-edges, transitively.
std::vector<Vertex> descendants(Vertex root) {
  std::vector<Vertex> out, stack{root};
  std::set<Vertex> seen{root};
  while (!stack.empty()) {
    Vertex v = stack.back();
    stack.pop_back();
    g().for_each_in_edge(v, [&](KnowledgeGraph::Edge e, Vertex o) {
      if (g().edge(e).type == "part_of" && seen.insert(o).second) {
        out.push_back(o);
        stack.push_back(o);
      }
    });
  }
  return out;
}

std::vector<const graph::NodeData*> articles_of(const std::string& version_id) {
  std::vector<const graph::NodeData*> out;
  for (Vertex v : descendants(must_find(version_id)))
    if (g().node(v).kind == NodeKind::article) out.push_back(&g().node(v));
  return out;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The manifest record of a corpus file, by its corpus-relative path.

const snapshot::SourceRecord* source(const std::string& path) {
  for (const auto& s : fixture().snap->manifest.sources)
    if (s.path == path) return &s;
  return nullptr;
}

std::vector<snapshot::DiagnosticRecord> diagnostics_for(const std::string& path) {
  std::vector<snapshot::DiagnosticRecord> out;
  for (const auto& d : fixture().snap->manifest.diagnostics)
    if (d.path == path) out.push_back(d);
  return out;
}

}  // namespace

TEST_SUITE("snapshot") {
  TEST_CASE("ingest of a small real corpus builds the expected graph") {
    REGKG_NEEDS_FULL_CORPUS(
        "the expected graph counts the full corpus's news files (publisher excerpts and the seed "
        "body)");
    IngestFixture& f = fixture();
    REQUIRE(f.snap != nullptr);
    CHECK(f.snap->id == f.summary.snapshot_id);
    CHECK(f.summary.nodes == g().node_count());
    CHECK(f.summary.edges == g().edge_count());
    CHECK(f.summary.documents == f.snap->searcher->document_count());
    CHECK(f.summary.documents > 0);

    SUBCASE("GenAI Measures article 17 has Chinese and English text") {
      const auto& art = node("cn/generative-ai-measures@2023-07-10/art-17");
      CHECK(art.kind == NodeKind::article);
      CHECK(has(art.text_zh, "安全评估"));
      CHECK(has(art.text_en, "security assessment"));
      CHECK(out_ids("cn/generative-ai-measures@2023-07-10/art-17", "part_of").size() == 1);
    }

    SUBCASE("GenAI Measures have exactly 24 articles") {
      const auto arts = articles_of("cn/generative-ai-measures@2023-07-10");
      CHECK(arts.size() == 24);
      std::set<std::string> numbers;
      for (const auto* a : arts) {
        CHECK(has(a->id, "cn/generative-ai-measures@2023-07-10/"));
        if (const std::string* n = a->attr("number")) numbers.insert(*n);
      }
      CHECK(numbers.size() == 24);
      CHECK(numbers.count("1") == 1);
      CHECK(numbers.count("24") == 1);
      // And by attribute: every article node naming that version.
      size_t by_attr = 0;
      for (auto [it, end] = boost::vertices(g().boost_graph()); it != end; ++it) {
        const auto& n = g().node(*it);
        const std::string* ver = n.attr("version");
        if (n.kind == NodeKind::article && ver && *ver == "cn/generative-ai-measures@2023-07-10")
          ++by_attr;
      }
      CHECK(by_attr == 24);
    }

    SUBCASE("the Counter-espionage Law is one instrument with two linked versions") {
      const std::string inst = "cn/counter-espionage-law";
      CHECK(node(inst).kind == NodeKind::instrument);
      CHECK(in_ids(inst, "version_of") ==
            std::vector<std::string>{inst + "@2014-11-01", inst + "@2023-04-26"});
      CHECK(out_ids(inst + "@2023-04-26", "supersedes") ==
            std::vector<std::string>{inst + "@2014-11-01"});
      CHECK(out_ids(inst + "@2014-11-01", "supersedes").empty());
      CHECK(node(inst + "@2023-04-26").date == "2023-04-26");
      // No second instrument made from the title.
      size_t instruments_named = 0;
      for (auto [it, end] = boost::vertices(g().boost_graph()); it != end; ++it) {
        const auto& n = g().node(*it);
        if (n.kind == NodeKind::instrument && has(n.label, "反间谍法")) ++instruments_named;
      }
      CHECK(instruments_named == 1);
      CHECK(articles_of(inst + "@2023-04-26").size() > 50);
      CHECK(articles_of(inst + "@2014-11-01").size() > 30);
    }

    SUBCASE("PIPL from statutes and Compass is one instrument; 74 bilingual articles") {
      CHECK(node("cn/pipl").kind == NodeKind::instrument);
      CHECK_FALSE(g().find("cn/个人信息保护法").has_value());
      const auto versions = in_ids("cn/pipl", "version_of");
      CHECK(std::count(versions.begin(), versions.end(), "cn/pipl@2021-08-20") == 1);
      const auto arts = articles_of("cn/pipl@2021-08-20");
      CHECK(arts.size() == 74);
      size_t bilingual = 0;
      for (const auto* a : arts)
        if (!a->text_zh.empty() && !a->text_en.empty()) ++bilingual;
      CHECK(bilingual == 74);
      const auto& art1 = node("cn/pipl@2021-08-20/art-1");
      CHECK(has(art1.text_zh, "个人信息"));
      CHECK(has(art1.text_en, "personal information"));
    }

    SUBCASE("the Cybersecurity Law has a statute version and a Compass version") {
      const auto versions = in_ids("cn/cybersecurity-law", "version_of");
      CHECK(versions == std::vector<std::string>{"cn/cybersecurity-law@2016-11-07",
                                                 "cn/cybersecurity-law@2025-10-28"});
      CHECK(out_ids("cn/cybersecurity-law@2025-10-28", "supersedes") ==
            std::vector<std::string>{"cn/cybersecurity-law@2016-11-07"});
      const std::string* fmt = node("cn/cybersecurity-law@2016-11-07").attr("source_format");
      REQUIRE(fmt != nullptr);
      CHECK(*fmt == "statute-markdown");
      CHECK(ends_with(node("cn/cybersecurity-law@2016-11-07").source.file,
                      "statutes-zh/行政法/网络安全法(2016-11-07).md"));
      // The 2025 version is dated by instruments.json (lastAmendedOn); its articles come from
      // provisions.json.
      CHECK(ends_with(node("cn/cybersecurity-law@2025-10-28").source.file,
                      "compass/instruments.json"));
      const auto arts = articles_of("cn/cybersecurity-law@2025-10-28");
      CHECK(arts.size() == 81);
      for (const auto* a : arts) CHECK(ends_with(a->source.file, "compass/provisions.json"));
      CHECK(articles_of("cn/cybersecurity-law@2016-11-07").size() == 79);
    }

    SUBCASE("the Data Security Law and the algorithm provisions use their catalogue ids") {
      CHECK(articles_of("cn/data-security-law@2021-06-10").size() == 55);
      CHECK(node("cn/data-security-law").kind == NodeKind::instrument);
      CHECK(node("cn/algorithmic-recommendation-provisions").kind == NodeKind::instrument);
      const std::string* cat = node("cn/data-security-law").attr("category");
      REQUIRE(cat != nullptr);
      CHECK(*cat == "行政法");
    }

    SUBCASE("actor/cac exists and issued the GenAI Measures") {
      CHECK(node("actor/cac").kind == NodeKind::actor);
      const auto issuers = out_ids("cn/generative-ai-measures", "issued_by");
      CHECK(std::count(issuers.begin(), issuers.end(), "actor/cac") == 1);
    }

    SUBCASE("the seed news item mentions JD, Baidu, Alibaba and OpenAI by alias match") {
      std::string news_id;
      for (auto [it, end] = boost::vertices(g().boost_graph()); it != end; ++it) {
        const auto& n = g().node(*it);
        if (n.kind == NodeKind::news && has(n.source.file, "news/seed/")) news_id = n.id;
      }
      REQUIRE_FALSE(news_id.empty());
      CHECK(node(news_id).date == "2024-01-08");
      std::map<std::string, const graph::EdgeData*> mentions;
      g().for_each_out_edge(must_find(news_id), [&](KnowledgeGraph::Edge e, Vertex o) {
        if (g().edge(e).type == "mentions") mentions[g().node(o).id] = &g().edge(e);
      });
      for (const char* actor : {"actor/jd-com", "actor/baidu", "actor/alibaba", "actor/openai"}) {
        CAPTURE(actor);
        REQUIRE(mentions.count(actor) == 1);
        CHECK(mentions[actor]->provenance.rule == "news.alias_match");
        CHECK(ends_with(
            mentions[actor]->provenance.file,
            "news/seed/"
            "2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md"));
        CHECK(mentions[actor]->provenance.confidence > 0.0f);
      }
      CHECK(mentions.count("actor/cac") == 1);
    }

    SUBCASE("every edge except derived version chains has a provenance file") {
      size_t without = 0, derived = 0;
      for (auto [it, end] = boost::edges(g().boost_graph()); it != end; ++it) {
        const auto& e = g().edge(*it);
        CHECK_FALSE(e.type.empty());
        CHECK_FALSE(e.provenance.rule.empty());
        if (e.provenance.rule.str().rfind("version.chain", 0) == 0) {
          ++derived;
          continue;
        }
        if (e.provenance.file.empty()) {
          ++without;
          if (without <= 5)
            MESSAGE("edge without provenance file: "
                    << g().node(boost::source(*it, g().boost_graph())).id << " -" << e.type << "-> "
                    << g().node(boost::target(*it, g().boost_graph())).id);
        }
      }
      CHECK(without == 0);
      CHECK(derived > 0);
    }

    SUBCASE("the index holds the same documents as the graph") {
      index::SearchRequest r;
      r.query = "安全评估";
      r.instrument = "cn/generative-ai-measures";
      auto res = f.snap->searcher->search(r);
      std::vector<std::string> ids;
      for (const auto& h : res.hits) ids.push_back(h.id);
      CHECK(std::count(ids.begin(), ids.end(), "cn/generative-ai-measures@2023-07-10/art-17") == 1);
      for (const auto& h : res.hits) CHECK(h.instrument_id == "cn/generative-ai-measures");
    }
  }

  // Regression test (fixed): ingest/assemble/graph_builder.cpp:673 (link_version_chains) creates
  // `supersedes` edges with prov("", 0, "version.chain.by_date", 0.9f): an empty provenance file.
  // Expected (brief): every edg…
  TEST_CASE("knowledge extraction: legal basis / citations / obligations / events / news links") {
    SUBCASE("the Generative AI Measures rest on the four laws named in Article 1") {
      CHECK(out_ids("cn/generative-ai-measures", "legal_basis") ==
            std::vector<std::string>{"cn/cybersecurity-law", "cn/data-security-law", "cn/pipl",
                                     "cn/science-technology-progress-law"});
    }
    SUBCASE("citations resolve to the version in force at the citing date") {
      // Article 1 (2023) cites the Cybersecurity Law: the 2016 text, not the 2025 amendment.
      auto cited = out_ids("cn/generative-ai-measures@2023-07-10/art-1", "cites");
      CHECK(std::count(cited.begin(), cited.end(), "cn/cybersecurity-law@2016-11-07") == 1);
      CHECK(std::count(cited.begin(), cited.end(), "cn/cybersecurity-law@2025-10-28") == 0);
      CHECK(out_ids("cn/generative-ai-measures@2023-07-10/art-17", "cites") ==
            std::vector<std::string>{"cn/algorithmic-recommendation-provisions@2021-11-16"});
    }
    SUBCASE("a title that is not in the corpus becomes an unresolved-citation record") {
      const auto& c = node("citation/互联网信息服务管理办法");
      CHECK(c.kind == NodeKind::citation);
      auto citing = out_ids("cn/algorithmic-recommendation-provisions@2021-11-16/art-1", "cites");
      CHECK(std::count(citing.begin(), citing.end(), "citation/互联网信息服务管理办法") == 1);
    }
    SUBCASE("obligations with modality, bearer, span and provenance") {
      const auto& o = node("cn/generative-ai-measures@2023-07-10/art-9/obl-1");
      CHECK(o.kind == NodeKind::obligation);
      CHECK(*o.attr("modality") == "obligation");
      CHECK(*o.attr("bearer") == "提供者");
      CHECK(has(o.text_zh, "网络信息内容生产者责任"));
      // The English statements are aligned to the Chinese ones when both lists have the same
      // length, else kept as their own nodes (obl-en-N): either way one says "Providers".
      size_t english = 0;
      g().for_each_in_edge(
          must_find("cn/generative-ai-measures@2023-07-10/art-9"),
          [&](KnowledgeGraph::Edge e, Vertex from) {
            if (g().edge(e).type == "obligation_of" && has(g().node(from).text_en, "Providers"))
              ++english;
          });
      CHECK(english >= 1);
      CHECK_FALSE(o.source.span.empty());
      CHECK(out_ids("cn/generative-ai-measures@2023-07-10/art-9/obl-1", "binds") ==
            std::vector<std::string>{"actor/role-provider"});
      CHECK(out_ids("cn/generative-ai-measures@2023-07-10/art-9/obl-1", "obligation_of") ==
            std::vector<std::string>{"cn/generative-ai-measures@2023-07-10/art-9"});
    }
    SUBCASE("a subjectless obligation takes its instrument's party, marked as inferred") {
      // PIPL Art. 26: "在公共场所安装图像采集、个人身份识别设备，应当…" names no subject before
      // 应当; the instrument's defined party (个人信息处理者) binds it, with its own rule.
      size_t inferred = 0, pipl_26 = 0, pipl_20 = 0;
      for (auto [it, end] = boost::vertices(g().boost_graph()); it != end; ++it) {
        const regkg::graph::NodeData& n = g().node(*it);
        const std::string* rule = n.attr("bearer_rule");
        if (n.kind != NodeKind::obligation || !rule) continue;
        CHECK((rule->rfind("zh.bearer.", 0) == 0 || rule->rfind("en.bearer.", 0) == 0));
        CHECK_FALSE(n.attr("bearer")->empty());
        const std::string& article = *n.attr("article");
        auto in_pipl_article = [&](const std::string& tail) {
          return *n.attr("instrument") == "cn/pipl" && article.size() > tail.size() &&
                 article.compare(article.size() - tail.size(), tail.size(), tail) == 0;
        };
        // PIPL Art. 20 "两个以上的个人信息处理者共同决定…的，应当约定…": the actor that opens
        // the condition is named by the article itself (a number of processors).
        if (n.id == "cn/pipl@2021-08-20/art-20/obl-1") {
          ++pipl_20;
          CHECK(*n.attr("bearer") == "两个以上的个人信息处理者");
          CHECK(*rule == "zh.bearer.condition_actor");
        }
        // The other rules are the per-article ones (the article names the bearer).
        if (*rule != "zh.bearer.chapter_title" && *rule != "zh.bearer.chapter_subject" &&
            *rule != "zh.bearer.instrument_party")
          continue;
        ++inferred;
        g().for_each_out_edge(*it, [&](KnowledgeGraph::Edge e, Vertex) {
          if (g().edge(e).type != "binds") return;
          CHECK(g().edge(e).provenance.rule == *rule);
          CHECK(g().edge(e).provenance.confidence <= 0.7f);
        });
        if (in_pipl_article("/art-26")) {
          ++pipl_26;
          CHECK(*n.attr("bearer") == "个人信息处理者");
          CHECK(*rule == "zh.bearer.instrument_party");
        }
      }
      CHECK(inferred > 0);
      CHECK(pipl_26 >= 1);
      CHECK(pipl_20 >= 1);
    }
    SUBCASE("the effective date in Article 24 is an event of the version") {
      auto events = out_ids("cn/generative-ai-measures@2023-07-10", "has_event");
      CHECK(std::count(events.begin(), events.end(),
                       "cn/generative-ai-measures@2023-07-10/event/effective-2023-08-15") == 1);
    }
    SUBCASE("a date of a cited instrument is no event of the citing version") {
      // 反间谍法 2014 Art. 40: "1993年2月22日…通过的《中华人民共和国国家安全法》同时废止".
      for (const auto& id : out_ids("cn/counter-espionage-law@2014-11-01", "has_event"))
        CHECK(id.find("1993-02-22") == std::string::npos);
    }
    SUBCASE("news items link to the rule they report and the actors they mention") {
      const std::string seed =
          "news/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only";
      // Both report the April 2023 draft too: linked to it (corpus/facts/versions.json).
      const std::vector<std::string> rule_and_draft = {"cn/generative-ai-measures",
                                                       "cn/generative-ai-measures@2023-04-11"};
      CHECK(out_ids(seed, "about") == rule_and_draft);
      CHECK(out_ids("news/2023-05-31-china-isnt-waiting-to-set-down-rules-on-generative-ai",
                    "about") == rule_and_draft);
      // JD.com -> seed news -> Generative AI Measures -> CAC: every hop a real edge.
      auto mentions = out_ids(seed, "mentions");
      CHECK(std::count(mentions.begin(), mentions.end(), "actor/jd-com") == 1);
      auto issuers = out_ids("cn/generative-ai-measures", "issued_by");
      CHECK(std::count(issuers.begin(), issuers.end(), "actor/cac") == 1);
    }
  }

  TEST_CASE("every edge has a non-empty provenance file") {
    size_t without = 0;
    for (auto [it, end] = boost::edges(g().boost_graph()); it != end; ++it)
      if (g().edge(*it).provenance.file.empty()) ++without;
    CHECK(without == 0);
  }

  // Regression test (fixed): ingest/sources/corpus_scanner.cpp:71 computes SourceFile::relative
  // with fs::relative(p, root), which canonicalises (follows symlinks). A corpus file that is a
  // symlink is then recorded in t…
  TEST_CASE("manifest and provenance paths of symlinked files are corpus-relative") {
    for (const auto& rel : test::small_corpus_files()) {
      CAPTURE(rel);
      bool found = false;
      for (const auto& s : fixture().snap->manifest.sources) found = found || s.path == rel;
      CHECK(found);
    }
    CHECK(node("cn/generative-ai-measures@2023-07-10/art-17").source.file ==
          "compass/cn-generative-ai-measures-articles.json");
    size_t escaping = 0;
    for (auto [it, end] = boost::edges(g().boost_graph()); it != end; ++it)
      if (has(g().edge(*it).provenance.file, "..")) ++escaping;
    CHECK(escaping == 0);
  }

  TEST_CASE("bad files are skipped and reported and strict mode commits nothing") {
    IngestFixture& f = fixture();
    const auto& manifest = f.snap->manifest;

    SUBCASE("the run committed and counted the skipped files") {
      // Invalid UTF-8, truncated JSON and the empty .md.
      CHECK(f.summary.skipped == 3);
      CHECK(f.summary.errors >= 3);
      CHECK(manifest.counts.at("sources.skipped") == 3);
      // Every good file was ingested.
      for (const auto& rel : test::small_corpus_files()) {
        CAPTURE(rel);
        const auto* s = source(rel);
        REQUIRE(s != nullptr);
        CHECK(s->status == "ingested");
        CHECK(s->sha256.size() == 64);
        CHECK(s->bytes > 0);
      }
    }

    SUBCASE("invalid UTF-8 in a statute: skipped, diagnosed at its line") {
      const auto* s = source(test::kBadUtf8Statute);
      REQUIRE(s != nullptr);
      CHECK(s->status == "skipped");
      CHECK(s->format == "statute-markdown");
      const auto diags = diagnostics_for(test::kBadUtf8Statute);
      REQUIRE(diags.size() >= 1);
      CHECK(diags[0].severity == "error");
      CHECK(diags[0].line == 4);
      CHECK(has(diags[0].message, "UTF-8"));
      CHECK(has(f.log, std::string(test::kBadUtf8Statute) + ":4: error:"));
      CHECK_FALSE(g().find("cn/标题").has_value());
    }

    SUBCASE("truncated JSON: skipped, diagnosed with a line") {
      const auto* s = source(test::kTruncatedJson);
      REQUIRE(s != nullptr);
      CHECK(s->status == "skipped");
      CHECK(s->format == "compass-json");
      const auto diags = diagnostics_for(test::kTruncatedJson);
      REQUIRE(diags.size() >= 1);
      CHECK(diags[0].severity == "error");
      CHECK(diags[0].line == 5);
      CHECK(has(f.log, std::string(test::kTruncatedJson) + ":5: error:"));
    }

    SUBCASE("an empty .md is listed but not ingested") {
      const auto* s = source(test::kEmptyMarkdown);
      REQUIRE(s != nullptr);
      CHECK(s->status != "ingested");
      CHECK(s->bytes == 0);
    }

    SUBCASE("--strict with the same errors throws IngestError and CURRENT stays") {
      snapshot::SnapshotStore store(f.data.path());
      const auto before = store.current_id();
      REQUIRE(before.has_value());
      CHECK(*before == f.summary.snapshot_id);
      const auto listed = store.list();
      std::ostringstream log;
      try {
        ingest::run_ingest(f.options(true), log);
        FAIL("expected IngestError");
      } catch (const ingest::IngestError& e) {
        CHECK(has(e.what(), "strict"));
      }
      CHECK(store.current_id() == before);
      CHECK(store.list() == listed);
      // No staging directory left behind.
      for (const auto& entry : fs::directory_iterator(f.data.path() / "snapshots"))
        CHECK(entry.path().filename().string().rfind(".staging-", 0) != 0);
      // The lock was released: a normal ingest could run again (not run here: it is slow).
      snapshot::SnapshotStore probe(f.data.path(), true);
      CHECK_NOTHROW(probe.begin());
    }
  }

  // Regression: an empty .md was once classified "unknown" and silently ignored.
  TEST_CASE("an empty .md is skipped with a diagnostic") {
    const auto* s = source(test::kEmptyMarkdown);
    REQUIRE(s != nullptr);
    CHECK(s->status == "skipped");
    CHECK_FALSE(diagnostics_for(test::kEmptyMarkdown).empty());
  }

  TEST_CASE("ingest with a missing corpus directory throws IngestError naming it") {
    test::TempDir data;
    ingest::IngestOptions o;
    o.corpora = {data.path() / "no-such-corpus"};
    o.data_dir = data.path() / "data";
    o.dictionaries_dir = fs::path(REGKG_SOURCE_DIR) / "corpus" / "dictionaries";
    o.threads = 1;
    std::ostringstream log;
    CHECK_THROWS_AS(ingest::run_ingest(o, log), ingest::IngestError);
    CHECK(has(log.str(), "no-such-corpus"));
    CHECK_FALSE(snapshot::SnapshotStore(o.data_dir).current_id().has_value());
  }

}  // TEST_SUITE
