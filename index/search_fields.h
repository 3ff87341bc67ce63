// The search fields, written down once: for each, the query-parser name (`kind:`), its term
// prefix (index_schema.h), whether it is a boolean filter or free text, its value slot and facet,
// and the HTTP filter parameter of GET /api/v1/search with its accepted values. The searcher
// builds its query parser, filters and facets from this table, and the server its search
// parameters (as notmuch's prefix table and Omega's termprefixes are the one contract between
// indexer and searcher). The writer (index_writer.cpp) writes the same prefixes and slots from
// SearchDocument; tests/index holds the two together. Adding a filter: one row here, a member of
// SearchRequest, the terms in IndexWriter::make_document.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <xapian.h>

#include "index/index_schema.h"
#include "index/searcher.h"

namespace regkg::index {

// How a field's value slot is counted as a facet.
enum class FacetCount {
  none,    // not a facet
  single,  // one value per document (FacetCountSpy)
  multi,   // '|'-joined values, each counted (FacetCountSpy)
};

struct SearchField {
  std::string_view name;    // query-parser field (`name:value`) and facet name in answers
  std::string_view prefix;  // term prefix (index_schema.h prefix::)
  bool boolean;             // boolean filter term (exact value); false: free text (`title:`)
  // Facet: its value slot (slot::), how it is counted, how many values an answer lists, and
  // whether they are sorted by value, highest first (years), instead of by count.
  FacetCount facet = FacetCount::none;
  Xapian::valueno slot = Xapian::BAD_VALUENO;
  std::size_t facet_values = 0;
  bool facet_by_value = false;
  // The exact-match filter: its SearchRequest member and its HTTP parameter (null: none), with
  // the values it accepts ("a|b|c", null: any text up to http_max_bytes) and its description.
  std::string SearchRequest::*filter = nullptr;
  const char* http_param = nullptr;
  const char* http_choices = nullptr;
  std::size_t http_max_bytes = 0;
  const char* http_description = nullptr;
};

// The modalities of an obligation (the modality filter's values).
inline constexpr const char* kModalityChoices = "obligation|prohibition|permission|encouragement";

// In the order the search route lists its filter parameters and the searcher applies them.
// (Fields without a filter may sit anywhere.)
inline constexpr std::array<SearchField, 11> kSearchFields = {{
    {"title", prefix::kTitle, false},
    {"id", prefix::kId, true},
    {"kind", prefix::kKind, true, FacetCount::single, slot::kKind, 20, false, &SearchRequest::kind,
     "kind", "article|version|instrument|news", 0, "Only documents of this kind"},
    {"lang", prefix::kLanguage, true, FacetCount::none, Xapian::BAD_VALUENO, 0, false,
     &SearchRequest::lang, "lang", "zh|en", 0, "Only documents in this language"},
    {"instrument", prefix::kInstrument, true, FacetCount::single, slot::kInstrument, 20, false,
     &SearchRequest::instrument, "instrument", nullptr, 512, "Instrument id"},
    {"version", prefix::kVersion, true},
    {"jurisdiction", prefix::kJurisdiction, true, FacetCount::single, slot::kJurisdiction, 30,
     false, &SearchRequest::jurisdiction, "jurisdiction", nullptr, 64, "Jurisdiction, e.g. cn"},
    {"issuer", prefix::kIssuer, true, FacetCount::none, Xapian::BAD_VALUENO, 0, false,
     &SearchRequest::issuer, "issuer", nullptr, 128, "Actor slug, e.g. cac"},
    {"year", prefix::kYear, true, FacetCount::single, slot::kYear, 200, true, &SearchRequest::year,
     "year", nullptr, 8, "Four digits"},
    {"modality", prefix::kModality, true, FacetCount::multi, slot::kModality, 10, false,
     &SearchRequest::modality, "modality", kModalityChoices, 0,
     "Articles stating obligations of this modality"},
    {"actor", prefix::kActor, true, FacetCount::multi, slot::kActor, 20, false,
     &SearchRequest::actor, "actor", nullptr, 128, "Actor slug: bearers, mentions, issuers"},
}};

}  // namespace regkg::index
