// IndexWriter: SearchDocument -> Xapian document (terms, boolean filters, value slots, data).
#include "index/index_writer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "index/cjk_query.h"
#include "index/facet_count_spy.h"
#include "index/index_schema.h"
#include "index/script_folding.h"
#include "text/utf8.h"

namespace regkg::index {

namespace {

std::string document_data(const SearchDocument& doc) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  auto field = [&w](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  field("id", doc.id);
  field("kind", doc.kind);
  field("title", doc.title);
  field("instrument", doc.instrument_id);
  field("instrument_title", doc.instrument_title);
  field("version", doc.version_id);
  field("article_label", doc.article_label);
  field("date", doc.date);
  field("jurisdiction", doc.jurisdiction);
  // The texts are kept for snippets (the server never re-reads sources).
  field("zh", doc.text_zh);
  field("en", doc.text_en);
  // Texts in traditional characters also in simplified ones, as they are indexed: the searcher
  // makes snippets on these without calling OpenCC per hit (script_folding.h).
  for (const auto& [key, text] :
       {std::pair<const char*, const std::string*>{"zh_folded", &doc.text_zh},
        {"en_folded", &doc.text_en},
        {"title_folded", &doc.title}}) {
    if (text->empty()) continue;
    const std::string folded = fold_chinese(*text);
    if (folded != *text) field(key, folded);
  }
  w.EndObject();
  return sb.GetString();
}

// The collapse key of an article (slot::kCollapse): its instrument and a hash of its texts with
// spacing and punctuation left out (the same article in two versions may differ in a semicolon's
// width); "" when it has no text.
std::string collapse_key(const SearchDocument& doc) {
  if (doc.kind != "article") return {};
  std::uint64_t h = 1469598103934665603ULL;
  bool any = false;
  for (const std::string* text : {&doc.text_zh, &doc.text_en}) {
    size_t i = 0;
    while (i < text->size()) {
      const size_t start = i;
      const char32_t cp = text::decode_utf8(*text, i);
      const bool kept = cp < 0x80
                            ? std::isalnum(static_cast<unsigned char>(cp)) != 0
                            : !((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                                (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
                                (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65));
      if (!kept) continue;
      any = true;
      for (size_t k = start; k < i; ++k) {
        unsigned char c = static_cast<unsigned char>((*text)[k]);
        if (c < 0x80) c = static_cast<unsigned char>(std::tolower(c));
        h = (h ^ c) * 1099511628211ULL;
      }
    }
    h = (h ^ 0x1e) * 1099511628211ULL;
  }
  if (!any) return {};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return doc.instrument_id + '\x1f' + hex;
}

// A document's date value: YYYYMMDD, or "" for a partial or missing date.
std::string compact_date(const std::string& date) {
  std::string out = date_slot_value(date);
  return out.size() == 8 ? out : std::string();
}

}  // namespace

void index_mixed_text(Xapian::TermGenerator& generator, std::string_view text,
                      Xapian::termcount wdf, std::string_view term_prefix) {
  // Split into runs of CJK and of other scripts: CJK runs get n-grams and no stemmer (stemming
  // would store every n-gram twice, TOOLCHAIN.md), other runs the English stemmer, matching the
  // query parser (STEM_SOME english; CJK n-grams are never stemmed at query time).
  const std::string prefix(term_prefix);
  size_t i = 0, run_start = 0;
  int run_cjk = -1;
  auto flush = [&](size_t end) {
    if (end <= run_start) return;
    std::string segment(text.substr(run_start, end - run_start));
    if (run_cjk == 1) {
      generator.set_stemmer(Xapian::Stem());
      generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    } else {
      generator.set_stemmer(Xapian::Stem("english"));
      generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    }
    // Chinese is indexed in simplified characters (index/script_folding.h).
    generator.index_text(run_cjk == 1 ? fold_chinese(segment) : segment, wdf, prefix);
  };
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t start = i;
    // A byte that starts no well-formed sequence is a one-byte U+FFFD (not CJK).
    const char32_t cp = text::decode_utf8(text, i);
    const size_t len = i - start;
    // ASCII punctuation, digits and spaces join whatever run they are in.
    bool neutral = len == 1 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    if (!neutral) {
      int cjk = is_cjk_code_point(cp) ? 1 : 0;
      if (run_cjk != -1 && cjk != run_cjk) {
        flush(start);
        run_start = start;
      }
      run_cjk = cjk;
    }
  }
  if (run_cjk == -1) run_cjk = 0;
  flush(text.size());
}

Xapian::TermGenerator IndexWriter::make_term_generator() {
  Xapian::TermGenerator generator;
  generator.set_flags(kTermGeneratorFlags);
  return generator;
}

Xapian::Document IndexWriter::make_document(const SearchDocument& doc,
                                            Xapian::TermGenerator& generator) {
  Xapian::Document xdoc;
  generator.set_document(xdoc);
  generator.set_termpos(0);

  // Titles are searchable with the S prefix (title:) and, with double weight, without it.
  index_mixed_text(generator, doc.title, 1, prefix::kTitle);
  index_mixed_text(generator, doc.title, 2, "");
  if (!doc.text_zh.empty()) {
    generator.increase_termpos();
    index_mixed_text(generator, doc.text_zh, 1, "");
  }
  if (!doc.text_en.empty()) {
    generator.increase_termpos();
    index_mixed_text(generator, doc.text_en, 1, "");
  }
  if (!doc.text_en_aligned.empty()) {
    generator.increase_termpos();
    index_mixed_text(generator, doc.text_en_aligned, 1, "");
  }

  xdoc.add_boolean_term(boolean_term(prefix::kId, doc.id));
  xdoc.add_boolean_term(boolean_term(prefix::kKind, doc.kind));
  if (!doc.instrument_id.empty())
    xdoc.add_boolean_term(boolean_term(prefix::kInstrument, doc.instrument_id));
  if (!doc.version_id.empty())
    xdoc.add_boolean_term(boolean_term(prefix::kVersion, doc.version_id));
  if (!doc.jurisdiction.empty())
    xdoc.add_boolean_term(boolean_term(prefix::kJurisdiction, doc.jurisdiction));
  if (!doc.text_zh.empty()) xdoc.add_boolean_term(boolean_term(prefix::kLanguage, "zh"));
  if (!doc.text_en.empty()) xdoc.add_boolean_term(boolean_term(prefix::kLanguage, "en"));
  for (const auto& issuer : doc.issuers)
    xdoc.add_boolean_term(boolean_term(prefix::kIssuer, issuer));
  for (const auto& actor : doc.actors) xdoc.add_boolean_term(boolean_term(prefix::kActor, actor));
  for (const auto& m : doc.modalities) xdoc.add_boolean_term(boolean_term(prefix::kModality, m));
  // Multi-valued facet slots ('|'-joined), counted by FacetCountSpy.
  if (!doc.actors.empty()) xdoc.add_value(slot::kActor, join_slot_values(doc.actors));
  if (!doc.modalities.empty()) xdoc.add_value(slot::kModality, join_slot_values(doc.modalities));

  std::string date = compact_date(doc.date);
  if (!date.empty()) {
    xdoc.add_value(slot::kDate, date);
    xdoc.add_value(slot::kYear, date.substr(0, 4));
    xdoc.add_boolean_term(boolean_term(prefix::kYear, date.substr(0, 4)));
  }
  xdoc.add_value(slot::kKind, doc.kind);
  xdoc.add_value(slot::kNodeId, doc.id);
  if (!doc.instrument_id.empty()) xdoc.add_value(slot::kInstrument, doc.instrument_id);
  if (!doc.jurisdiction.empty()) xdoc.add_value(slot::kJurisdiction, doc.jurisdiction);
  const std::string collapse = collapse_key(doc);
  if (!collapse.empty()) xdoc.add_value(slot::kCollapse, collapse);
  if (doc.in_force) xdoc.add_value(slot::kInForce, Xapian::sortable_serialise(1.0));
  if (!doc.definitions) xdoc.add_value(slot::kSpecific, Xapian::sortable_serialise(1.0));
  xdoc.set_data(document_data(doc));
  return xdoc;
}

namespace {
// Batches of 5,000 documents per flush (Xapian's default 10,000; 50,000 until 2026-12-08): on
// statutes-zh, 25-30 % less CPU than 50,000 and a peak RSS of 0.88 GB instead of 1.86 GB
// (BENCHMARKS.md, "Ingest"); the larger, less full tables it leaves are compacted afterwards.
std::string open_path(const std::filesystem::path& dir) {
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "5000", /*overwrite=*/0);
  if (!dir.parent_path().empty()) std::filesystem::create_directories(dir.parent_path());
  return dir.string();
}
}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& dir, const std::string& snapshot_id)
    : db_(open_path(dir), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS),
      generator_(make_term_generator()),
      snapshot_id_(snapshot_id),
      layer_(dir.filename().string()) {}

IndexWriter::~IndexWriter() = default;

void IndexWriter::add(const SearchDocument& doc) {
  Xapian::Document xdoc = make_document(doc, generator_);
  xdoc.add_value(slot::kLayer, layer_);
  add_spellings(xdoc);
  // Ids are unique in the graph and the database is new: add, no lookup needed.
  db_.add_document(xdoc);
  ++count_;
}

void IndexWriter::add_spellings(const Xapian::Document& xdoc) {
  // The unstemmed, unprefixed English words of the document (lowercase letters only: neither
  // CJK n-grams, stemmed Z-terms, prefixed terms nor numbers), once per document, so a word's
  // spelling frequency is the number of documents that use it.
  for (auto t = xdoc.termlist_begin(); t != xdoc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.size() < 3 || term.size() > 24) continue;
    if (!std::all_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    db_.add_spelling(term, 1);
  }
}

void IndexWriter::commit() {
  db_.set_metadata(std::string(kMetaSchemaVersion), std::to_string(kSchemaVersion));
  db_.set_metadata(std::string(kMetaSnapshotId), snapshot_id_);
  db_.commit();
}

}  // namespace regkg::index
