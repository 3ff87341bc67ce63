// The whole comparison of two versions of one instrument: article alignment, a character-level
// diff of every changed article group (texts joined by '\n' when an article was split or merged)
// and the obligation-level changes, with counts. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "diff/article_aligner.h"
#include "diff/char_diff.h"
#include "diff/obligation_diff.h"
#include "diff/version_text.h"

namespace regkg::diff {

struct ArticleDiff {
  ArticleAlignment alignment;
  std::string from_text;  // the old articles' texts joined by '\n' ("" when added)
  std::string to_text;    // the new articles' texts joined by '\n' ("" when removed)
  CharDiff chars;         // spans on from_text / to_text; empty for unchanged, added, removed
};

struct VersionDiff {
  VersionText from, to;
  std::vector<ArticleDiff> articles;
  std::vector<ObligationDelta> obligations;
  std::map<std::string, std::size_t> article_counts;     // by status name, every status present
  std::map<std::string, std::size_t> obligation_counts;  // added, removed, changed, softening,
                                                         // hardening, reversal
  bool coarse = false;  // some article diff fell back to a whole replacement (edit budget)
};

struct DiffOptions {
  AlignOptions align;
  CharDiffOptions chars;
};

VersionDiff diff_versions(VersionText from, VersionText to, const DiffOptions& options = {});

}  // namespace regkg::diff
