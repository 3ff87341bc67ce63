// diff_texts: Myers' O(ND) diff on normalised code points with a budget and two fallbacks.
#include "diff/char_diff.h"

#include <algorithm>

namespace regkg::diff {

namespace {

// A run on normalised indices: [a_lo, a_hi) of the old text against [b_lo, b_hi) of the new.
struct Run {
  EditOp op;
  std::size_t a_lo, a_hi, b_lo, b_hi;
};

void push_run(std::vector<Run>& out, EditOp op, std::size_t a_lo, std::size_t a_hi,
              std::size_t b_lo, std::size_t b_hi) {
  if (a_lo == a_hi && b_lo == b_hi) return;
  if (!out.empty() && out.back().op == op && out.back().a_hi == a_lo && out.back().b_hi == b_lo) {
    out.back().a_hi = a_hi;
    out.back().b_hi = b_hi;
    return;
  }
  out.push_back({op, a_lo, a_hi, b_lo, b_hi});
}

// Myers' greedy forward algorithm, keeping each round's frontier for the backtrack. Appends the
// runs for a[0..n) against b[0..m) (offsets added) to `out` and returns true, or returns false
// without touching `out` when more than `max_d` edits are needed.
template <class T>
bool myers(const T* a, std::size_t n, const T* b, std::size_t m, std::size_t max_d,
           std::size_t a_off, std::size_t b_off, std::vector<Run>& out) {
  const long N = static_cast<long>(n), M = static_cast<long>(m);
  const long limit = std::min<long>(N + M, static_cast<long>(max_d));
  const long offset = limit + 1;
  std::vector<long> v(static_cast<std::size_t>(2 * limit + 3), 0);
  // trace[d] holds v[-d..d] after round d, flattened: round d starts at d*d.
  std::vector<long> trace;
  long found = -1;
  for (long d = 0; d <= limit && found < 0; ++d) {
    for (long k = -d; k <= d; k += 2) {
      long x;
      if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
        x = v[offset + k + 1];
      else
        x = v[offset + k - 1] + 1;
      long y = x - k;
      while (x < N && y < M && a[x] == b[y]) {
        ++x;
        ++y;
      }
      v[offset + k] = x;
      if (x >= N && y >= M) found = d;
    }
    for (long k = -d; k <= d; ++k) trace.push_back(v[offset + k]);
  }
  if (found < 0) return false;

  auto at = [&trace](long d, long k) { return trace[static_cast<std::size_t>(d * d + (k + d))]; };
  std::vector<Run> rev;
  long x = N, y = M;
  for (long d = found; d > 0; --d) {
    long k = x - y;
    bool down = k == -d || (k != d && at(d - 1, k - 1) < at(d - 1, k + 1));
    long prev_k = down ? k + 1 : k - 1;
    long prev_x = at(d - 1, prev_k);
    long prev_y = prev_x - prev_k;
    long mid_x = down ? prev_x : prev_x + 1;
    long mid_y = mid_x - k;
    if (x > mid_x)
      rev.push_back(
          {EditOp::equal, std::size_t(mid_x), std::size_t(x), std::size_t(mid_y), std::size_t(y)});
    if (down)
      rev.push_back({EditOp::insert, std::size_t(prev_x), std::size_t(prev_x), std::size_t(prev_y),
                     std::size_t(mid_y)});
    else
      rev.push_back({EditOp::remove, std::size_t(prev_x), std::size_t(mid_x), std::size_t(prev_y),
                     std::size_t(prev_y)});
    x = prev_x;
    y = prev_y;
  }
  if (x > 0) rev.push_back({EditOp::equal, 0, std::size_t(x), 0, std::size_t(y)});
  // Within a changed stretch, removals come before insertions (a redline reads "old, then new").
  std::vector<Run> runs;
  for (auto it = rev.rbegin(); it != rev.rend(); ++it)
    push_run(runs, it->op, it->a_lo + a_off, it->a_hi + a_off, it->b_lo + b_off, it->b_hi + b_off);
  for (std::size_t i = 0; i < runs.size();) {
    if (runs[i].op == EditOp::equal) {
      push_run(out, EditOp::equal, runs[i].a_lo, runs[i].a_hi, runs[i].b_lo, runs[i].b_hi);
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < runs.size() && runs[j].op != EditOp::equal) ++j;
    std::size_t a_lo = runs[i].a_lo, a_hi = runs[j - 1].a_hi;
    std::size_t b_lo = runs[i].b_lo, b_hi = runs[j - 1].b_hi;
    push_run(out, EditOp::remove, a_lo, a_hi, b_lo, b_lo);
    push_run(out, EditOp::insert, a_hi, a_hi, b_lo, b_hi);
    i = j;
  }
  return true;
}

// Sentence ends: a changed sentence is re-diffed by character; whole sentences are compared by
// hash. 。；;？！\n and their ASCII forms after normalisation.
bool ends_segment(char32_t c) {
  return c == 0x3002 || c == ';' || c == '\n' || c == '?' || c == '!' || c == ':';
}

std::vector<std::size_t> segment_starts(const std::u32string& s, std::size_t lo, std::size_t hi) {
  std::vector<std::size_t> starts{lo};
  for (std::size_t i = lo; i < hi; ++i)
    if (ends_segment(s[i]) && i + 1 < hi) starts.push_back(i + 1);
  starts.push_back(hi);
  return starts;
}

std::uint64_t hash_range(const std::u32string& s, std::size_t lo, std::size_t hi) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::size_t i = lo; i < hi; ++i) h = (h ^ s[i]) * 1099511628211ULL;
  return h;
}

class Differ {
 public:
  Differ(const NormalizedText& a, const NormalizedText& b, const CharDiffOptions& o)
      : a_(a.chars), b_(b.chars), max_edits_(std::max<std::size_t>(o.max_edits, 1)) {}

  std::vector<Run> run(bool& coarse) {
    std::size_t n = a_.size(), m = b_.size();
    std::size_t pre = 0;
    while (pre < n && pre < m && a_[pre] == b_[pre]) ++pre;
    std::size_t suf = 0;
    while (suf < n - pre && suf < m - pre && a_[n - 1 - suf] == b_[m - 1 - suf]) ++suf;
    push_run(runs_, EditOp::equal, 0, pre, 0, pre);
    middle(pre, n - suf, pre, m - suf, /*allow_segments=*/true);
    push_run(runs_, EditOp::equal, n - suf, n, m - suf, m);
    coarse = coarse_;
    return absorb_short_equalities(runs_);
  }

 private:
  void replace(std::size_t a_lo, std::size_t a_hi, std::size_t b_lo, std::size_t b_hi) {
    push_run(runs_, EditOp::remove, a_lo, a_hi, b_lo, b_lo);
    push_run(runs_, EditOp::insert, a_hi, a_hi, b_lo, b_hi);
  }

  bool chars(std::size_t a_lo, std::size_t a_hi, std::size_t b_lo, std::size_t b_hi) {
    return myers(a_.data() + a_lo, a_hi - a_lo, b_.data() + b_lo, b_hi - b_lo, max_edits_, a_lo,
                 b_lo, runs_);
  }

  void middle(std::size_t a_lo, std::size_t a_hi, std::size_t b_lo, std::size_t b_hi,
              bool allow_segments) {
    if (a_lo == a_hi || b_lo == b_hi) {
      replace(a_lo, a_hi, b_lo, b_hi);
      return;
    }
    if (chars(a_lo, a_hi, b_lo, b_hi)) return;
    if (allow_segments && segments(a_lo, a_hi, b_lo, b_hi)) return;
    coarse_ = true;
    replace(a_lo, a_hi, b_lo, b_hi);
  }

  // Diffs whole sentences first, then the characters of each changed stretch.
  bool segments(std::size_t a_lo, std::size_t a_hi, std::size_t b_lo, std::size_t b_hi) {
    std::vector<std::size_t> sa = segment_starts(a_, a_lo, a_hi);
    std::vector<std::size_t> sb = segment_starts(b_, b_lo, b_hi);
    if (sa.size() < 3 && sb.size() < 3) return false;  // one sentence each: nothing to gain
    std::vector<std::uint64_t> ha, hb;
    for (std::size_t i = 0; i + 1 < sa.size(); ++i) ha.push_back(hash_range(a_, sa[i], sa[i + 1]));
    for (std::size_t i = 0; i + 1 < sb.size(); ++i) hb.push_back(hash_range(b_, sb[i], sb[i + 1]));
    std::vector<Run> seg_runs;
    if (!myers(ha.data(), ha.size(), hb.data(), hb.size(), max_edits_, 0, 0, seg_runs))
      return false;
    const std::vector<Run>& ordered = seg_runs;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      const Run& r = ordered[i];
      std::size_t ca_lo = sa[r.a_lo], ca_hi = sa[r.a_hi], cb_lo = sb[r.b_lo], cb_hi = sb[r.b_hi];
      if (r.op == EditOp::equal) {
        push_run(runs_, EditOp::equal, ca_lo, ca_hi, cb_lo, cb_hi);
        continue;
      }
      // A changed stretch: its removal and insertion (adjacent runs) are diffed together.
      if (r.op == EditOp::remove && i + 1 < ordered.size() && ordered[i + 1].op == EditOp::insert) {
        cb_lo = sb[ordered[i + 1].b_lo];
        cb_hi = sb[ordered[i + 1].b_hi];
        ++i;
      }
      middle(ca_lo, ca_hi, cb_lo, cb_hi, /*allow_segments=*/false);
    }
    return true;
  }

  // A minimal diff of Chinese text keeps coincidental single characters: 执行职务 -> 履行职责 comes
  // out as 执->履, 行, 职, 务->责. An equal run of at most two characters between two changes, no
  // longer than the larger change beside it, is folded into one replacement, which reads as the
  // edit a person made.
  static std::vector<Run> absorb_short_equalities(const std::vector<Run>& runs) {
    auto edit_size = [](const Run& r) { return std::max(r.a_hi - r.a_lo, r.b_hi - r.b_lo); };
    std::vector<bool> absorbed(runs.size(), false);
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t k = 1; k + 1 < runs.size(); ++k) {
        const Run& r = runs[k];
        if (r.op != EditOp::equal || absorbed[k] || r.a_hi - r.a_lo > 2) continue;
        // The changes on each side, over any runs absorbed already.
        std::size_t before = 0, after = 0;
        std::size_t i = k;
        while (i > 0 && (runs[i - 1].op != EditOp::equal || absorbed[i - 1]))
          before += edit_size(runs[--i]);
        i = k;
        while (i + 1 < runs.size() && (runs[i + 1].op != EditOp::equal || absorbed[i + 1]))
          after += edit_size(runs[++i]);
        if (before == 0 || after == 0) continue;
        if (r.a_hi - r.a_lo <= std::max(before, after)) {
          absorbed[k] = true;
          changed = true;
        }
      }
    }
    std::vector<Run> out;
    for (std::size_t k = 0; k < runs.size();) {
      if (runs[k].op == EditOp::equal && !absorbed[k]) {
        push_run(out, EditOp::equal, runs[k].a_lo, runs[k].a_hi, runs[k].b_lo, runs[k].b_hi);
        ++k;
        continue;
      }
      std::size_t j = k;
      while (j < runs.size() && (runs[j].op != EditOp::equal || absorbed[j])) ++j;
      push_run(out, EditOp::remove, runs[k].a_lo, runs[j - 1].a_hi, runs[k].b_lo, runs[k].b_lo);
      push_run(out, EditOp::insert, runs[j - 1].a_hi, runs[j - 1].a_hi, runs[k].b_lo,
               runs[j - 1].b_hi);
      k = j;
    }
    return out;
  }

  const std::u32string& a_;
  const std::u32string& b_;
  std::size_t max_edits_;
  std::vector<Run> runs_;
  bool coarse_ = false;
};

// Byte offset in the original of normalised index i: spans partition the original, so dropped
// whitespace belongs to the run before it and the last run reaches the end of the text.
std::uint32_t boundary(const NormalizedText& t, std::size_t i) {
  if (i == 0) return 0;
  if (i >= t.chars.size()) return t.original_size;
  return t.begin[i];
}

}  // namespace

std::string_view to_string(EditOp op) {
  switch (op) {
    case EditOp::equal:
      return "equal";
    case EditOp::insert:
      return "insert";
    case EditOp::remove:
      return "delete";
  }
  return "equal";
}

CharDiff diff_normalized(const NormalizedText& from, const NormalizedText& to,
                         const CharDiffOptions& options) {
  CharDiff out;
  std::vector<Run> runs = Differ(from, to, options).run(out.coarse);
  for (const Run& r : runs) {
    DiffSpan s;
    s.op = r.op;
    s.from_begin = boundary(from, r.a_lo);
    s.from_end = boundary(from, r.a_hi);
    s.to_begin = boundary(to, r.b_lo);
    s.to_end = boundary(to, r.b_hi);
    if (r.op == EditOp::remove) out.removed_chars += r.a_hi - r.a_lo;
    if (r.op == EditOp::insert) out.inserted_chars += r.b_hi - r.b_lo;
    out.spans.push_back(s);
  }
  // Empty texts still get one (empty) equal span, so callers can always render something.
  if (out.spans.empty())
    out.spans.push_back({EditOp::equal, 0, from.original_size, 0, to.original_size});
  // The first span starts at 0 and the last ends at the text's size (dropped trailing whitespace).
  out.spans.front().from_begin = 0;
  out.spans.front().to_begin = 0;
  out.spans.back().from_end = from.original_size;
  out.spans.back().to_end = to.original_size;
  return out;
}

CharDiff diff_texts(std::string_view from, std::string_view to, const CharDiffOptions& options) {
  return diff_normalized(normalize_text(from), normalize_text(to), options);
}

}  // namespace regkg::diff
