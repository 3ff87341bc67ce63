// Obligation-level change between two versions: within each aligned group of articles, pairs the
// old and new obligations by the similarity of their clauses and reports those added, removed and
// changed in modality (with its direction: 应当 -> 鼓励 softens, 可以 -> 应当 hardens, 应当 <->
// 不得 reverses), bearer, condition or action. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "diff/article_aligner.h"
#include "diff/version_text.h"

namespace regkg::diff {

enum class ObligationChange { added, removed, changed };

std::string_view to_string(ObligationChange change);

// Where an obligation sits in a VersionText: articles[article].obligations[index].
struct ObligationRef {
  std::size_t article = 0;
  std::size_t index = 0;
};

struct ObligationDelta {
  ObligationChange change = ObligationChange::changed;
  std::size_t entry = 0;  // index into the alignment the delta was computed from
  bool has_from = false, has_to = false;
  ObligationRef from, to;
  // For `changed`: which of "modality", "bearer", "condition", "action" differ (normalised).
  std::vector<std::string> fields;
  // For a modality change: "hardening", "softening" or "reversal" (obligation <-> prohibition).
  std::string direction;
  double similarity = 0.0;  // of the two clauses, for changed ones
};

// Strength of a modality for the direction of a change: encouragement 0 < permission 1 <
// obligation = prohibition 2; -1 for an unknown modality.
int modality_strength(std::string_view modality);
// "hardening", "softening", "reversal", or "" when the modalities are equal or unknown.
std::string modality_direction(std::string_view from, std::string_view to);

// Obligations that stayed the same are not listed. Deltas come in alignment order.
std::vector<ObligationDelta> diff_obligations(const VersionText& from, const VersionText& to,
                                              const std::vector<ArticleAlignment>& alignment);

}  // namespace regkg::diff
