// The obligation extractor measured on the blind gold sets (tests/gold/obligations_blind_*.json,
// annotated from the texts and tests/gold/CONVENTIONS-blind.md only, before the extractor ran on
// them; none of their laws was used to tune the rules). Prints the figures; the floors below are
// what this commit reaches, so a regression fails.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ingest/extract/chapter_bearer.h"
#include "ingest/extract/obligation_extractor.h"
#include "ingest/sources/diagnostics.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace regkg::ingest;
using regkg::test::corpus_dir;
using regkg::test::read_file;

namespace {

struct GoldStatement {
  std::string modality, bearer, key;
  std::vector<std::string> bearer_alt;
};

// "12" -> "12", 第十二条之一 is written "12-1" in the gold.
std::string article_key(const StatuteArticle& a) {
  return a.sub_number ? std::to_string(a.number) + "-" + std::to_string(a.sub_number)
                      : std::to_string(a.number);
}

// An article's text and its obligations as ingest gives them: the per-article extraction, then
// the per-version pass that gives subjectless obligations the chapter's party (chapter_bearer.h).
struct ArticleResult {
  std::string text;
  std::vector<Obligation> obligations;
};

const std::map<std::string, ArticleResult>& article_results(const std::string& rel) {
  static std::map<std::string, std::map<std::string, ArticleResult>> cache;
  if (auto it = cache.find(rel); it != cache.end()) return it->second;
  Diagnostics diags;
  const ParsedStatute s =
      parse_statute_markdown(rel, read_file(corpus_dir() / fs::u8path(rel)), diags);
  std::vector<ArticleResult> results;
  std::vector<ChapterArticle> version;
  results.reserve(s.articles.size());
  for (const auto& a : s.articles) {
    ArticleResult r;
    for (const auto& p : a.paragraphs) {
      if (!r.text.empty()) r.text += '\n';
      r.text += p.text;
    }
    r.obligations = extract_obligations_zh(r.text);
    results.push_back(std::move(r));
  }
  for (size_t i = 0; i < s.articles.size(); ++i) {
    ChapterArticle c;
    c.text = results[i].text;
    c.obligations = &results[i].obligations;
    for (int h = s.articles[i].heading; h >= 0; h = s.headings[static_cast<size_t>(h)].parent)
      if (s.headings[static_cast<size_t>(h)].kind == "chapter") {
        c.chapter = h;
        c.chapter_title = s.headings[static_cast<size_t>(h)].text;
        break;
      }
    version.push_back(c);
  }
  for (const ChapterBearer& b : chapter_bearers_zh(version)) {
    Obligation& o = results[b.article].obligations[b.obligation];
    o.bearer = b.bearer;
    o.rule = b.rule;
    o.confidence = b.confidence;
  }
  std::map<std::string, ArticleResult> out;
  for (size_t i = 0; i < s.articles.size(); ++i)
    out[article_key(s.articles[i])] = std::move(results[i]);
  return cache[rel] = std::move(out);
}

// Bearer comparison: equal after dropping parentheticals and spaces, or equal to an alternative
// the annotator gave, or one a head-final suffix of the other of at least two characters
// ("网络数据处理者" = "掌握…重要数据的网络数据处理者"; "提供者" = "生成式人工智能服务提供者").
std::string squeeze(const std::string& b) {
  std::string out;
  for (size_t i = 0; i < b.size();) {
    if (b.compare(i, 3, "（") == 0) {
      size_t e = b.find("）", i);
      if (e != std::string::npos) {
        i = e + 3;
        continue;
      }
    }
    if (b[i] == ' ') {
      ++i;
      continue;
    }
    out += b[i++];
  }
  return out;
}

bool suffix_of(const std::string& shorter, const std::string& longer) {
  return shorter.size() >= 6 && longer.size() >= shorter.size() &&
         longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0;
}

bool bearer_equivalent(const std::string& extracted, const GoldStatement& g) {
  const std::string e = squeeze(extracted);
  std::vector<std::string> accepted{squeeze(g.bearer)};
  for (const auto& a : g.bearer_alt) accepted.push_back(squeeze(a));
  for (const auto& a : accepted) {
    if (a.empty() || e.empty()) {
      if (a == e) return true;
      continue;
    }
    if (a == e || suffix_of(a, e) || suffix_of(e, a)) return true;
  }
  return false;
}

struct Figures {
  int gold = 0, extracted = 0, found = 0, extracted_matched = 0, modality_right = 0;
  int bearer_right = 0, bearer_lenient = 0;
  void add(const Figures& o) {
    gold += o.gold, extracted += o.extracted, found += o.found;
    extracted_matched += o.extracted_matched, modality_right += o.modality_right;
    bearer_right += o.bearer_right, bearer_lenient += o.bearer_lenient;
  }
  double recall() const { return gold ? double(found) / gold : 1; }
  double precision() const { return extracted ? double(extracted_matched) / extracted : 1; }
  double modality() const { return found ? double(modality_right) / found : 1; }
  double bearer() const { return found ? double(bearer_right) / found : 1; }
  double lenient() const { return found ? double(bearer_lenient) / found : 1; }
};

Figures evaluate_file(const std::string& gold_file, std::vector<std::string>* errors) {
  rapidjson::Document doc;
  const std::string json = read_file(fs::path(REGKG_SOURCE_DIR) / "tests/gold" / gold_file);
  doc.Parse(json.data(), json.size());
  REQUIRE_FALSE(doc.HasParseError());
  Figures total;
  for (const auto& d : doc["documents"].GetArray()) {
    const std::string source = d["source"].GetString();
    const std::string article =
        d["article"].IsInt() ? std::to_string(d["article"].GetInt()) : d["article"].GetString();
    const auto& results = article_results(source);
    const auto it = results.find(article);
    REQUIRE_MESSAGE(it != results.end(), source << " article " << article);
    const std::string& text = it->second.text;
    std::vector<GoldStatement> gold;
    for (const auto& o : d["obligations"].GetArray()) {
      GoldStatement g{o["modality"].GetString(), o["bearer"].GetString(), o["key"].GetString(), {}};
      if (o.HasMember("bearer_alt"))
        for (const auto& a : o["bearer_alt"].GetArray()) g.bearer_alt.push_back(a.GetString());
      gold.push_back(g);
    }
    const std::vector<Obligation>& extracted = it->second.obligations;
    Figures f;
    f.gold = static_cast<int>(gold.size());
    f.extracted = static_cast<int>(extracted.size());
    std::set<size_t> used;
    for (const auto& g : gold) {
      // The gold statement is found when an extracted clause holds its key (one clause per key).
      const size_t key_at = text.find(g.key);
      REQUIRE_MESSAGE(key_at != std::string::npos, source << " " << article << " key " << g.key);
      size_t best = extracted.size();
      for (size_t i = 0; i < extracted.size(); ++i) {
        if (used.count(i)) continue;
        if (extracted[i].begin <= key_at && key_at + g.key.size() <= extracted[i].end) {
          if (best == extracted.size() || extracted[i].modality == g.modality) best = i;
        }
      }
      if (best == extracted.size()) {
        if (errors)
          errors->push_back("missed      " + source + " art " + article + " [" + g.modality + "] " +
                            g.key);
        continue;
      }
      used.insert(best);
      const Obligation& o = extracted[best];
      ++f.found;
      if (o.modality == g.modality) ++f.modality_right;
      const bool right = bearer_equivalent(o.bearer, g);
      if (right) ++f.bearer_right;
      if (right || o.bearer.empty()) ++f.bearer_lenient;
      if (errors && o.modality != g.modality)
        errors->push_back("modality    " + source + " art " + article + " " + g.key + ": " +
                          o.modality + " for " + g.modality);
      if (errors && !right)
        errors->push_back("bearer      " + source + " art " + article + " " + g.key + ": '" +
                          o.bearer + "' for '" + g.bearer + "'" + " {" + o.rule.str() + " " +
                          o.bearer_rule.str() + "}");
      if (errors && right && o.rule.str().rfind("zh.bearer.", 0) == 0)
        errors->push_back("FILLED-OK   " + source + " art " + article + " " + g.key + ": '" +
                          o.bearer + "' {" + o.rule.str() + "}");
    }
    f.extracted_matched = static_cast<int>(used.size());
    if (errors)
      for (size_t i = 0; i < extracted.size(); ++i)
        if (!used.count(i))
          errors->push_back(
              "invented    " + source + " art " + article + " [" + extracted[i].modality + "] " +
              text.substr(extracted[i].begin,
                          std::min<size_t>(60, extracted[i].end - extracted[i].begin)));
    total.add(f);
  }
  return total;
}

void print(const char* name, const Figures& f) {
  std::printf(
      "%-28s gold %3d  extracted %3d  recall %.3f  precision %.3f  modality %.3f  bearer "
      "(strict) %.3f  bearer (empty counted right) %.3f\n",
      name, f.gold, f.extracted, f.recall(), f.precision(), f.modality(), f.bearer(), f.lenient());
}

}  // namespace

TEST_CASE("obligation extractor: the blind gold sets") {
  std::vector<std::string> errors;
  const Figures a = evaluate_file("obligations_blind_a.json", &errors);
  const Figures b = evaluate_file("obligations_blind_b.json", &errors);
  Figures all = a;
  all.add(b);
  print("blind set A (2 instruments)", a);
  print("blind set B (3 instruments)", b);
  print("blind sets A+B", all);
  // Sets C and D were held out for two rounds; from 2026-12-08 (branch bearer3) they are tuning
  // sets like A and B: their errors are printed with REGKG_GOLD_ERRORS.
  const Figures c = evaluate_file("obligations_heldout_c.json", &errors);
  print("tuned set C (2 instruments)", c);
  // Held out too (annotated 2026-12-07, committed before the extractor first ran on it). Two of
  // its laws are not in the embedded corpus a fresh clone has: measured with the full corpus only.
  if (regkg::test::full_corpus_available()) {
    const Figures d = evaluate_file("obligations_heldout_d.json", &errors);
    print("tuned set D (4 instruments)", d);
    Figures cd = c;
    cd.add(d);
    print("tuned sets C+D", cd);
    // Set D's first figures (before any rule saw it): recall 0.966, precision 0.914, bearer 0.748;
    // after the chapter pass (chapter_bearer.h) 0.794; after the second round of per-article
    // rules (agent after the modal, actors of later conditions, department lists …): recall
    // 0.969, precision 0.923, bearer 0.810; after the third round (branch bearer3, the first
    // tuned on D): recall 0.975, precision 0.946, bearer 0.927.
    CHECK(d.recall() >= 0.975);
    CHECK(d.precision() >= 0.945);
    CHECK(d.modality() >= 0.995);
    CHECK(d.bearer() >= 0.925);
  } else {
    std::printf("held-out set D: not measured (needs the full corpus)\n");
  }
  if (std::getenv("REGKG_GOLD_ERRORS"))
    for (const auto& err : errors) std::cout << err << '\n';
  // Held out (set E, annotated 2026-12-07 by a helper who saw only the three laws and the
  // conventions, before any rule was tested on it): the Cybersecurity Law 2016, the Data Security
  // Law and the PIPL, all 208 articles; all three are in the embedded corpus.
  const Figures e = evaluate_file("obligations_blind_e.json", nullptr);
  print("held-out set E (3 instruments)", e);
  CHECK(e.gold >= 300);
  // First figures, main at 2398263 (before any rule saw the set): recall 0.942, precision 0.945,
  // modality 1.000, bearer strict 0.828 (0.941 with an empty bearer counted right); 0.831 after
  // the second round; after the third (bearer3, rules read off A-D only): precision 0.960,
  // bearer 0.879.
  CHECK(e.recall() >= 0.94);
  CHECK(e.precision() >= 0.96);
  CHECK(e.modality() >= 0.995);
  CHECK(e.bearer() >= 0.875);
  // Held out (set F, annotated 2026-12-08 by a helper who saw only the two laws and the
  // conventions, before any rule was tested on it): the E-commerce Law 2018 and the Export Control
  // Law 2020, all 138 articles. Not in the embedded corpus: measured with the full corpus only.
  if (regkg::test::full_corpus_available()) {
    const Figures f = evaluate_file("obligations_blind_f.json", nullptr);
    print("held-out set F (2 instruments)", f);
    CHECK(f.gold >= 190);
    // First figures, the extractor of main at 3734824 (before any rule saw the set): recall
    // 0.939, precision 0.925, modality 0.984, bearer strict 0.924 (0.968 with an empty bearer
    // counted right). After the third round of rules (read off A-D): recall 0.924 (3 statements
    // fewer found), precision 0.924, bearer 0.934.
    CHECK(f.recall() >= 0.92);
    CHECK(f.precision() >= 0.92);
    CHECK(f.modality() >= 0.98);
    CHECK(f.bearer() >= 0.93);
  } else {
    std::printf("held-out set F: not measured (needs the full corpus)\n");
  }
  // Set C: 0.807 with the chapter pass; after the third round precision 0.954 -> 0.989, bearer
  // 0.904.
  CHECK(c.recall() >= 0.98);
  CHECK(c.precision() >= 0.985);
  CHECK(c.modality() >= 0.99);
  CHECK(c.bearer() >= 0.90);
  CHECK(all.gold >= 300);
  // Floors: the figures of this commit, rounded down (BENCHMARKS.md, "Extraction quality").
  // Before issue 17's bearer rules: recall 0.984, precision 0.951, modality 0.993, bearer 0.694;
  // 0.908 before the chapter pass, 0.929 with it, 0.958 after the second round (precision 0.975),
  // 0.960 after the third (precision 0.979).
  CHECK(all.recall() >= 0.98);
  CHECK(all.precision() >= 0.975);
  CHECK(all.modality() >= 0.995);
  CHECK(all.bearer() >= 0.959);
}
