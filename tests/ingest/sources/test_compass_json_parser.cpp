// Tests for the Compliance Compass JSON parser: every field-name variant, on real compass/ files.
#include <doctest/doctest.h>

#include <string>

#include "ingest/sources/compass_json_parser.h"
#include "tests/test_support.h"

using namespace regkg::ingest;
using regkg::test::corpus_file;
using regkg::test::read_file;

namespace {

CompassFile parse_corpus(const std::string& name, Diagnostics& diags) {
  const std::string rel = "compass/" + name;
  return parse_compass_json(rel, read_file(corpus_file(rel)), diags);
}

CompassFile parse_corpus(const std::string& name) {
  Diagnostics diags;
  CompassFile f = parse_corpus(name, diags);
  CHECK(diags.items().empty());
  return f;
}

const CompassProvision* find_number(const CompassFile& f, const std::string& number) {
  for (const auto& p : f.provisions) {
    if (p.number == number) return &p;
  }
  return nullptr;
}

int error_line(const std::string& content, std::string* what = nullptr) {
  Diagnostics diags;
  try {
    parse_compass_json("compass/bad.json", content, diags);
  } catch (const ParseError& e) {
    if (what) *what = e.what();
    return e.line();
  }
  return -1;
}

}  // namespace

TEST_CASE("Generative AI Measures: 24 articles / Chinese text and English reference") {
  const CompassFile f = parse_corpus("cn-generative-ai-measures-articles.json");
  CHECK(f.kind == CompassFileKind::provisions);
  REQUIRE(f.provisions.size() == 24);
  const CompassProvision* a17 = find_number(f, "17");
  REQUIRE(a17);
  CHECK(a17->id == "cn-genai-art-17");
  CHECK(a17->instrument_id == "cn-generative-ai-measures");
  CHECK(a17->unit_type == "article");
  CHECK(a17->label == "Article 17");
  CHECK(a17->original_title == "第十七条");
  CHECK(a17->chapter_label == "Chapter IV");
  CHECK(a17->chapter_title == "Supervision, Inspection, and Legal Liability");
  CHECK(a17->chapter_id == "cn-generative-ai-measures-chapter-4");
  CHECK(a17->original.language == "zh-CN");
  REQUIRE(a17->original.paragraphs.size() == 1);
  CHECK(a17->original.full_text.find("安全评估") != std::string::npos);
  CHECK(a17->original.full_text.find("《互联网信息服务算法推荐管理规定》") != std::string::npos);
  REQUIRE(a17->english.has_value());
  CHECK(a17->english->language == "en");
  CHECK(a17->english->full_text.find("security assessment") != std::string::npos);
  CHECK(a17->applies_from == "2023-08-15");
  CHECK(a17->version_as_of == "2023-08-15");  // from sourceVersion.effectiveFrom
  CHECK(a17->source_url == "https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm");
  CHECK(a17->json_path == "$[16]");
  CHECK(a17->ordinal == 16);
}

TEST_CASE("provisions.json: 81 Cybersecurity Law articles with text among text-less anchors") {
  Diagnostics diags;
  const CompassFile f = parse_corpus("provisions.json", diags);
  CHECK(f.kind == CompassFileKind::provisions);
  CHECK(diags.items().empty());  // anchors with textAvailability.stored=false are skipped silently
  int csl = 0;
  for (const auto& p : f.provisions) {
    if (p.instrument_id != "cn-cybersecurity-law") continue;
    ++csl;
    CHECK(p.id.rfind("cn-csl-art-", 0) == 0);
    CHECK_FALSE(p.original.full_text.empty());
    CHECK(p.id == "cn-csl-art-" + p.number);  // number from the locator "Article N"
  }
  CHECK(csl == 81);
  // All 255 records: 98 carry text, 157 are anchors kept (text_stored == false) because relations
  // point at them.
  CHECK(f.provisions.size() == 255);
  size_t with_text = 0;
  for (const auto& p : f.provisions) with_text += p.text_stored ? 1 : 0;
  CHECK(with_text == 98);
  const CompassProvision* pipl24 = nullptr;
  for (const auto& p : f.provisions) {
    if (p.id == "cn-pipl-art-24") pipl24 = &p;
  }
  REQUIRE(pipl24);
  CHECK(pipl24->number == "24");
  CHECK(pipl24->label == "Article 24");         // the locator stands in for a missing label
  CHECK(pipl24->original.language == "zh-CN");  // from textAvailability.language
  REQUIRE(pipl24->english.has_value());
  CHECK(pipl24->source_url == "https://www.cac.gov.cn/2021-08/20/c_1631050028355286.htm");
}

TEST_CASE("relations / instruments / jurisdictions / status events") {
  const CompassFile rel = parse_corpus("relations.json");
  CHECK(rel.kind == CompassFileKind::relations);
  REQUIRE(rel.relations.size() == 76);
  const CompassRelation* r33 = nullptr;
  for (const auto& r : rel.relations) {
    if (r.id == "v2-rel-033") r33 = &r;
  }
  REQUIRE(r33);
  CHECK(r33->type == "grounded-in");
  CHECK(r33->source_type == "instrument");
  CHECK(r33->source_id == "cn-generative-ai-measures");
  CHECK(r33->target_id == "cn-cybersecurity-law");
  CHECK(r33->status == "editorial-reviewed");
  CHECK(r33->confidence == "high");
  CHECK(r33->directionality == "directed");
  CHECK_FALSE(r33->limits.empty());

  const CompassFile inst = parse_corpus("instruments.json");
  CHECK(inst.kind == CompassFileKind::instruments);
  REQUIRE(inst.instruments.size() == 58);
  const CompassInstrument& genai = inst.instruments[9];
  CHECK(genai.id == "cn-generative-ai-measures");
  CHECK(genai.jurisdiction_id == "cn");
  CHECK(genai.original_title == "生成式人工智能服务管理暂行办法");
  CHECK(genai.dates.at("effectiveFrom") == "2023-08-15");
  CHECK(genai.dates.count("ceasedOn") == 0);  // null dates are left out
  CHECK(genai.version_note == "Order No. 15");
  CHECK(genai.issuing_bodies.size() == 7);
  CHECK(genai.json_path == "$[9]");

  const CompassFile jur = parse_corpus("jurisdictions.json");
  REQUIRE(jur.jurisdictions.size() == 30);
  CHECK(jur.jurisdictions[0].id == "int");
  CHECK(jur.jurisdictions[0].name == "International");

  const CompassFile ev = parse_corpus("status-events.json");
  REQUIRE(ev.status_events.size() == 120);
  CHECK(ev.status_events[0].id == "evt-gdpr-adopted");
  CHECK(ev.status_events[0].date == "2016-04-27");
  CHECK(ev.status_events[0].resulting_status == "adopted");
}

TEST_CASE(
    "number field variants: section / rule / schedule / recital / annex / supplement / unit") {
  const CompassFile act = parse_corpus("india-dpdp-act-2023-provisions.json");
  REQUIRE(act.provisions.size() == 45);
  CHECK(act.provisions[0].number == "1");  // sectionNumber
  CHECK(act.provisions[0].unit_type == "section");
  CHECK(act.provisions[0].chapter_label == "Chapter I");  // chapter given as a string
  CHECK_FALSE(act.provisions[0].chapter_title.empty());   // … with chapterTitle beside it
  CHECK(act.provisions[44].number == "Schedule");         // scheduleNumber
  CHECK(act.provisions[0].english.has_value());           // English original, no translations

  const CompassFile rules = parse_corpus("india-dpdp-rules-2025-provisions.json");
  REQUIRE(rules.provisions.size() == 30);
  CHECK(rules.provisions[0].number == "1");  // ruleNumber
  CHECK(rules.provisions[0].unit_type == "rule");

  const CompassFile recitals = parse_corpus("eu-ai-act-recitals.json");
  REQUIRE(recitals.provisions.size() == 180);
  CHECK(recitals.provisions[0].number == "1");  // recitalNumber
  CHECK(recitals.provisions[0].unit_type == "recital");

  const CompassFile annexes = parse_corpus("eu-ai-act-annexes.json");
  REQUIRE(annexes.provisions.size() == 14);
  CHECK(annexes.provisions[0].number == "I");  // annexNumber
  CHECK(annexes.provisions[0].unit_type == "annex");

  const CompassFile appi = parse_corpus("jp-appi-current-articles.json");
  REQUIRE(appi.provisions.size() == 208);
  bool supplement = false;
  for (const auto& p : appi.provisions)
    supplement |= p.unit_type == "supplementary-provision-block" && !p.number.empty();
  CHECK(supplement);  // supplementNumber

  const CompassFile points =
      parse_corpus("tw-executive-yuan-generative-ai-guidelines-2023-points.json");
  REQUIRE(points.provisions.size() == 11);
  CHECK(points.provisions[0].number.empty());  // 總說明 has a null unitNumber
  CHECK(points.provisions[1].number == "1");   // unitNumber

  const CompassFile popia = parse_corpus("za-popia-sections.json");
  CHECK(popia.provisions[0].unit_type == "section");  // no unit field: from the label "Section 1"
}

TEST_CASE("manifests / audits and reference translations are metadata") {
  for (const char* name : {"cn-english-corpus-manifest.json", "source-audit.json", "concepts.json",
                           "structure-summaries.json", "provision-concepts.json",
                           "reference-translations/br-pl2338-2023-project-en.json",
                           "reference-translations/br-pl2338-2023-project-en.draft.json"}) {
    CAPTURE(name);
    const CompassFile f = parse_corpus(name);
    CHECK(f.kind == CompassFileKind::metadata);
    CHECK(f.provisions.empty());
  }
}

TEST_CASE("broken JSON throws ParseError with the line of the parse error") {
  std::string what;
  CHECK(error_line("", &what) == 1);
  CHECK(what == "compass/bad.json:1: error: empty file");
  CHECK(error_line("[\n  {\"id\": \"a\",\n   \"x\": }\n]\n", &what) == 3);
  CHECK(what.rfind("compass/bad.json:3: error: invalid JSON: ", 0) == 0);
  CHECK(error_line("[\n  {\"id\": \"a\"}\n", &what) == 3);  // truncated: the error is at the end
  CHECK(error_line("[1]\n\n[2]\n", &what) == 3);            // trailing content
  CHECK(error_line("[\"\xFF\"]", &what) == 1);
  CHECK(what.find("invalid UTF-8") != std::string::npos);
  CHECK(error_line("{\"a\": 1}") == -1);  // an object is metadata
  std::string what2;
  Diagnostics diags;
  try {
    parse_compass_json("compass/relations.json", "{\"a\": 1}", diags);
    FAIL("expected a ParseError");
  } catch (const ParseError& e) {
    CHECK(std::string(e.what()).find("expected a JSON array") != std::string::npos);
  }

  const std::string dir = std::string(REGKG_SOURCE_DIR) + "/tests/ingest/bad_corpus/";
  try {
    parse_compass_json("bad_corpus/compass_truncated.json",
                       read_file(dir + "compass_truncated.json"), diags);
    FAIL("expected a ParseError");
  } catch (const ParseError& e) {
    CHECK(e.line() == 5);
  }
}

TEST_CASE("records missing a required field are warnings naming their JSON path and line") {
  const std::string json =
      "[\n"
      "  {\"id\": \"x-art-1\", \"instrumentId\": \"x\", \"articleNumber\": 1, \"paragraphs\": "
      "[\"one\"]},\n"
      "  {\"instrumentId\": \"x\", \"paragraphs\": [\"no id\"]},\n"
      "  {\"id\": \"x-art-3\", \"instrumentId\": \"x\", \"fullText\": \"three\"},\n"
      "  {\"id\": \"x-art-4\", \"instrumentId\": \"x\"},\n"
      "  \"not an object\"\n"
      "]\n";
  Diagnostics diags;
  const CompassFile f = parse_compass_json("compass/x-articles.json", json, diags);
  CHECK(f.kind == CompassFileKind::provisions);
  REQUIRE(f.provisions.size() == 2);
  CHECK(f.provisions[0].number == "1");  // a numeric articleNumber becomes text
  CHECK(f.provisions[1].original.paragraphs == std::vector<std::string>{"three"});
  CHECK(f.provisions[1].ordinal == 2);
  REQUIRE(diags.items().size() == 3);
  CHECK(diags.items()[0].format() ==
        "compass/x-articles.json:3: warning: record $[1] has no 'id'; skipped");
  CHECK(diags.items()[1].format() ==
        "compass/x-articles.json:5: warning: provision $[3] (x-art-4) has no paragraphs or "
        "fullText; skipped");
  CHECK(diags.items()[2].format() ==
        "compass/x-articles.json:6: warning: record $[4] is not an object; skipped");
}
