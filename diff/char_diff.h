// Character-level diff of two texts after CJK-aware normalisation (text_normalizer.h): Myers'
// O(ND) algorithm on code points, bounded by an edit budget. Past the budget it falls back to a
// sentence-level diff whose changed sentences are diffed by character again, and past that to
// one replacement of the differing middle (reported as `coarse`), so any input finishes fast.
// Spans are reported on the ORIGINAL texts, so "；" against ";" is an equal span. Pure;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "diff/text_normalizer.h"

namespace regkg::diff {

enum class EditOp : std::uint8_t { equal, insert, remove };

std::string_view to_string(EditOp op);

// One run of the diff. Byte spans into the original texts: the spans of all runs partition each
// text in order (an insert has an empty `from` span at its position, a remove an empty `to` span).
struct DiffSpan {
  EditOp op = EditOp::equal;
  std::uint32_t from_begin = 0, from_end = 0;
  std::uint32_t to_begin = 0, to_end = 0;
};

struct CharDiff {
  std::vector<DiffSpan> spans;
  std::size_t removed_chars = 0;   // normalised code points removed
  std::size_t inserted_chars = 0;  // normalised code points inserted
  bool coarse = false;             // a budget was exceeded: some change is one whole replacement
  bool identical() const { return removed_chars == 0 && inserted_chars == 0; }
};

struct CharDiffOptions {
  // Most edits (inserted + removed code points) Myers may explore in one run before falling back;
  // its memory grows with the square of this number.
  std::size_t max_edits = 1500;
};

CharDiff diff_texts(std::string_view from, std::string_view to,
                    const CharDiffOptions& options = {});
// The same on texts normalised already (the aligner normalises once and reuses them).
CharDiff diff_normalized(const NormalizedText& from, const NormalizedText& to,
                         const CharDiffOptions& options = {});

}  // namespace regkg::diff
