// Queries typed in plain words (no quotes, operators or field prefixes) planned the way people
// mean them: concept forms expand to every equivalent form in both languages (OP_SYNONYM of
// phrases, from the ConceptTable), stop words and Chinese question words are dropped, and each
// remaining word is a stemmed term, each Chinese piece a phrase. The strict plan needs every piece
// (OP_AND); the relaxed one, run when the strict one finds too little, ranks documents by the
// pieces they have (OP_OR, long Chinese pieces also as overlapping two-character phrases).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "index/concept_table.h"
#include "index/lexicon.h"

namespace regkg::index {

// True when `query` uses none of the query syntax: no quotes, parentheses, field prefixes
// (word:), ranges (a..b), +/- or * operators, and no AND / OR / NOT / NEAR / ADJ / XOR written in
// capitals.
bool is_plain_query(std::string_view query);

struct PlainQueryPlan {
  Xapian::Query strict;               // every piece; empty when nothing but stop words was typed
  Xapian::Query relaxed;              // any piece, ranked
  std::vector<std::string> concepts;  // ids of the concepts the query named, in order
  size_t pieces = 0;                  // concepts, words and Chinese pieces kept
  // The relaxed plan's pieces one by one (what it ORs).
  std::vector<Xapian::Query> relaxed_pieces;
  // Jurisdictions the query names (concepts "jurisdiction/<code>": "India", 印度): codes to search
  // within, taken out of the pieces. Empty when the query is nothing but a jurisdiction's name.
  std::vector<std::string> jurisdictions;
  // One piece that may be a name: a law's or an actor's (concept ids instrument/…, law-…, actor/…)
  // or words no concept covers. Only such queries put whole laws first.
  bool name_like = false;
};

// Plans `query` (which is_plain_query accepts). `parser` is the Searcher's (stemmer, prefixes);
// its default operator is not relied on. `field_prefix` plans the query within one free-text field
// (prefix::kTitle: the same pieces, matched in titles only). `lexicon`, when given, adds to an
// English word outside every concept its learned Chinese terms, as a synonym group weighted
// kLexiconWeight beside the word (an alternative within the word's piece, never a piece of its
// own).
PlainQueryPlan plan_plain_query(std::string_view query, const ConceptTable& concepts,
                                Xapian::QueryParser& parser, const std::string& field_prefix = "",
                                const Lexicon* lexicon = nullptr);

// The weight of a word's learned Chinese terms beside the word (see plan_plain_query). Measured
// on tests/gold/relevance_dev.json (success@5 / NDCG@10; BENCHMARKS.md, relevance section):
// 0.3 -> 0.910 / 0.662, 0.5 -> 0.910 / 0.662, 0.7 -> 0.910 / 0.664, 1.0 -> 0.910 / 0.662.
inline constexpr double kLexiconWeight = 0.7;

// The weight of a concept typed in English among the relaxed plan's pieces, against 1 for a plain
// word: a curated term ("phone cards", "fines", "state secrets") says more about the answer than
// the ordinary words around it ("limit", "number", "register"), which English texts of every
// jurisdiction hold. Chinese-typed concepts keep 1 (their pieces around them are phrases already).
// Measured on tests/gold/relevance_dev.json (success@5 / NDCG@10, English queries; BENCHMARKS.md,
// relevance section, third round): 1 -> 0.896 / 0.631, 1.3 -> 0.896 / 0.640, 1.5 -> 0.925 /
// 0.647, 2 -> 0.940 / 0.650, 3 -> 0.940 / 0.651.
inline constexpr double kRelaxedConceptWeight = 2.0;

}  // namespace regkg::index
