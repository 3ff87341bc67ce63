// The Xapian index layout, written down once: term prefixes, value slots, metadata keys and the
// schema version stored in (and checked on opening) every database. Change kSchemaVersion whenever
// anything here changes meaning; a database of another version is refused, not misread.
#pragma once

#include <string_view>

#include <xapian.h>

namespace regkg::index {

// 2: modality and actor facets; 3: layer slot; 4: node id slot (ties broken by id); 5: Chinese
// indexed in simplified characters (script_folding.h); 6: ranking signals (in force, specific
// articles), the collapse key of identical texts, spelling data, aligned English
inline constexpr int kSchemaVersion = 6;

// Metadata keys (Xapian::Database::get_metadata).
inline constexpr std::string_view kMetaSchemaVersion = "regkg.schema_version";
inline constexpr std::string_view kMetaSnapshotId = "regkg.snapshot_id";

// Term prefixes. Single capitals follow Xapian Omega's conventions; our own start with X.
namespace prefix {
inline constexpr std::string_view kId = "Q";     // unique node id (boolean)
inline constexpr std::string_view kTitle = "S";  // title words (free text, `title:`)
inline constexpr std::string_view kKind =
    "XK";  // article | version | instrument | news | obligation
inline constexpr std::string_view kInstrument = "XI";    // instrument id (`instrument:`)
inline constexpr std::string_view kVersion = "XV";       // version id (`version:`)
inline constexpr std::string_view kJurisdiction = "XJ";  // cn, eu … (`jurisdiction:`)
inline constexpr std::string_view kLanguage = "XL";  // zh | en (`lang:`), one per language present
inline constexpr std::string_view kIssuer = "XS";    // issuing actor slug, e.g. cac (`issuer:`)
inline constexpr std::string_view kYear = "XY";      // year of the document's date (`year:`)
// obligation | prohibition | permission | encouragement (`modality:`): the modalities of the
// obligations an article states
inline constexpr std::string_view kModality = "XM";
// actor slug (`actor:`): bearers of an article's obligations, a news item's mentions, an
// instrument's issuers
inline constexpr std::string_view kActor = "XA";
}  // namespace prefix

// Value slots.
namespace slot {
inline constexpr Xapian::valueno kDate = 0;  // YYYYMMDD, for ranges (from/to, date:) and sorting
inline constexpr Xapian::valueno kKind = 1;  // facet
inline constexpr Xapian::valueno kInstrument = 2;    // facet (instrument id)
inline constexpr Xapian::valueno kJurisdiction = 3;  // facet
inline constexpr Xapian::valueno kYear = 4;          // facet
inline constexpr Xapian::valueno kModality = 5;      // facet, '|'-joined values
inline constexpr Xapian::valueno kActor = 6;         // facet, '|'-joined values
// The layer (subdatabase name, see index_layers.h) the document was written into: with the
// document's docid within that layer, it identifies copies replaced by a newer layer.
inline constexpr Xapian::valueno kLayer = 7;
// The node id (as the Q term): breaks ties between equally ranked or equally dated documents so
// that an answer's order does not depend on the docids a shard layout gave.
inline constexpr Xapian::valueno kNodeId = 8;
// Identical texts of one instrument (an article unchanged across versions, a file in two folders)
// share this key: a search answers with one of them (Enquire::set_collapse_key). Absent for
// documents that are not articles.
inline constexpr Xapian::valueno kCollapse = 9;
// Ranking signals, each a Xapian::sortable_serialise'd weight in [0, 1] read by a
// ValueWeightPostingSource (built into Xapian, so remote shards run it too):
// 1 when the document's version is in force (not superseded, repealed or a draft); absent if not.
inline constexpr Xapian::valueno kInForce = 10;
// 11: unused. (The citation PageRank of the instrument was measured as a signal and dropped: it
// moved one judged query, and every new law changed it for most documents, which made refreshes
// rewrite the whole index. BENCHMARKS.md, "Relevance on judged queries", second round.)
// 1 for documents other than definitions articles (which match every concept of their law).
inline constexpr Xapian::valueno kSpecific = 12;
}  // namespace slot

// CJK handling must match in all three places (see ../shared/docs/TOOLCHAIN.md).
inline constexpr int kTermGeneratorFlags = Xapian::TermGenerator::FLAG_CJK_NGRAM;
inline constexpr unsigned kQueryParserFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                              Xapian::QueryParser::FLAG_CJK_NGRAM |
                                              Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
// Not SNIPPET_EXHAUSTIVE: scoring every window of long articles cost more than the search itself.
inline constexpr unsigned kSnippetFlags = Xapian::MSet::SNIPPET_CJK_NGRAM;

}  // namespace regkg::index

#include <string>

namespace regkg::index {

// A boolean filter term: prefix + value, with values too long for a Xapian term (245 bytes)
// shortened to a prefix of the value plus a hash, identically at index and query time.
std::string boolean_term(std::string_view prefix, std::string_view value);

// The slot::kDate value of a date: "2023-08-15" -> "20230815" (the dashes dropped), identically
// at index and query time.
inline std::string date_slot_value(std::string_view date) {
  std::string out;
  for (char c : date)
    if (c != '-') out.push_back(c);
  return out;
}

}  // namespace regkg::index
