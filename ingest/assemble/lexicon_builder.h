// The bilingual lexicon a snapshot's index expands English queries with (index/lexicon.h),
// learned at ingest from the corpus's aligned text: the articles that hold both a Chinese text and
// an English one (Compass's Chinese laws with their government English reference translations,
// CC BY, see corpus/compass/DATA-LICENSE.md).
//
// Method (word association on aligned article pairs, one-to-few competitive linking):
//  1. Units: every article with both texts is one aligned pair (one per distinct English text).
//  English side: its lowercase ASCII
//     words of three letters or more, stop words left out, as Xapian English stems; Chinese side
//     (folded to simplified characters): every 2-4 character n-gram of its CJK runs. Each counted
//     once per pair.
//  2. Frequency floors: a stem and an n-gram each in at least kMinPairs pairs, together in at
//     least kMinPairs pairs.
//  3. Score: Dice = 2 * together / (pairs with the stem + pairs with the n-gram), kept at
//     kMinDice or more.
//  4. Whole terms only: an n-gram must occur at least kMinOccurrences times in the Chinese text of
//     every article of the graph, and no single character may stand right before it (or right
//     after it) in kMaxNeighbourShare of its occurrences or more: 满十四周 (always in 不满十四周岁)
//     and 网络安 (always 网络安全) are fragments, 未成年人 is a term.
//  5. Competitive linking: candidates by score (then co-occurrence, then longer term) from the
//     best; a Chinese term goes to one stem only, a stem takes at most kMaxTermsPerStem terms, none
//     inside another of its terms.
// Pure function of the graph; deterministic.
#pragma once

#include <cstddef>
#include <string>

#include "graph/knowledge_graph.h"

namespace regkg::ingest {

struct LexiconParameters {
  size_t min_pairs = 3;
  double min_dice = 0.6;
  size_t min_occurrences = 5;
  double max_neighbour_share = 0.7;
  size_t max_terms_per_stem = 3;
};

// The lexicon as JSON ({"about", "method", "aligned_pairs", "aligned_key", "pairs": [{"en": STEM,
// "zh": [...], "dice": [...], "together": [...]}]}), ready for the index folder. `aligned_key`
// digests everything the lexicon is learned from (the aligned pairs and the Chinese text of every
// article, in any order) and the parameters: when `previous_json` (the previous snapshot's
// lexicon, or empty) has the same key it is returned as it is, without learning again.
std::string build_lexicon_json(const graph::KnowledgeGraph& graph,
                               const std::string& previous_json = "",
                               const LexiconParameters& parameters = {});

}  // namespace regkg::ingest
