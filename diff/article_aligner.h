// Aligns the articles of two versions of one instrument by text similarity (Dice coefficient of
// the normalised texts' character bigrams, with a small bonus for the same number): first pairs
// that are each other's best match wherever they stand (anchors), then the best monotone
// assignment of the rest (articles mostly keep their order), then leftover strong pairs; matches
// outside the longest order-preserving set are marked moved. Leftover articles mostly contained in
// a matched article of the other version make splits and merges. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "diff/version_text.h"

namespace regkg::diff {

enum class AlignStatus {
  unchanged,   // same text after normalisation, same number
  renumbered,  // same text after normalisation, another number
  modified,    // the text changed (see `renumbered` and `moved` for the number and the order)
  split,       // one old article became several new ones
  merged,      // several old articles became one new one
  added,       // only in the new version
  removed,     // only in the old version
};

std::string_view to_string(AlignStatus status);

struct ArticleAlignment {
  std::vector<std::size_t> from;  // indices into the old version's articles (empty when added)
  std::vector<std::size_t> to;    // indices into the new version's articles (empty when removed)
  AlignStatus status = AlignStatus::modified;
  double similarity = 0.0;  // Dice of the bigram sets of the joined texts, 0 for added/removed
  bool renumbered = false;  // a matched pair whose numbers differ
  bool moved = false;       // matched against the order of the rest (an article moved elsewhere)
};

struct AlignOptions {
  double min_similarity = 0.3;    // least Dice for an in-order match
  double move_similarity = 0.5;   // least Dice for an out-of-order match
  double part_containment = 0.6;  // share of an unmatched article's bigrams found in a matched
                                  // article of the other version, to count as split or merged
  double number_bonus = 0.1;      // added to the score of a pair with the same number
  std::size_t max_dense_cells = 16u << 20;  // larger inputs align greedily, without the DP
};

// Returns every article of both versions exactly once, in the new version's order, a removed
// article placed after the entry of its predecessor in the old version.
std::vector<ArticleAlignment> align_articles(const std::vector<ArticleText>& from,
                                             const std::vector<ArticleText>& to,
                                             const AlignOptions& options = {});

}  // namespace regkg::diff
