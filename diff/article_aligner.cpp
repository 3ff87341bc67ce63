// align_articles: bigram similarity, a monotone assignment by dynamic programming, then moved,
// split and merged articles.
#include "diff/article_aligner.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>

#include "diff/bigram_similarity.h"
#include "diff/text_normalizer.h"

namespace regkg::diff {

namespace {

struct Prepared {
  std::u32string norm;
  BigramSet grams;
};

Prepared prepare(const ArticleText& a) {
  Prepared p;
  p.norm = normalize_text(a.text).chars;
  p.grams = text_bigrams(p.norm, BigramMode::content_only);
  return p;
}

struct Candidate {
  std::uint32_t i, j;
  std::uint32_t common;
  double dice;
  double score;  // dice, or the containment evidence when stronger, plus the number bonus
};

// A commencement clause (本法自…起施行。): the first sentence starts with 本 and says 施行.
// Versions rewrite its date and drop repeal notes, so its text alone rarely matches.
bool is_commencement(const std::u32string& s) {
  if (s.empty() || s[0] != U'本') return false;
  std::u32string first = s.substr(0, s.find(U'。'));
  return first.size() < 80 && first.find(U"施行") != std::u32string::npos;
}

// Least bigrams an article needs before containment counts as evidence (for a split, a merge or
// a pair): a short boilerplate article (本法自公布之日起施行。) is contained in many others.
constexpr std::size_t kMinPartGrams = 12;
// A pair where this share of the shorter article's bigrams occurs in the longer one scores
// kContainmentWeight * share when that beats its Dice: a short new article carved out of a long
// old one (or the reverse) is the same provision even though Dice is low.
constexpr double kStrongContainment = 0.8;
constexpr double kContainmentWeight = 0.9;

}  // namespace

std::string_view to_string(AlignStatus status) {
  switch (status) {
    case AlignStatus::unchanged:
      return "unchanged";
    case AlignStatus::renumbered:
      return "renumbered";
    case AlignStatus::modified:
      return "modified";
    case AlignStatus::split:
      return "split";
    case AlignStatus::merged:
      return "merged";
    case AlignStatus::added:
      return "added";
    case AlignStatus::removed:
      return "removed";
  }
  return "modified";
}

std::vector<ArticleAlignment> align_articles(const std::vector<ArticleText>& from,
                                             const std::vector<ArticleText>& to,
                                             const AlignOptions& options) {
  const std::size_t n = from.size(), m = to.size();
  std::vector<Prepared> a(n), b(m);
  for (std::size_t i = 0; i < n; ++i) a[i] = prepare(from[i]);
  for (std::size_t j = 0; j < m; ++j) b[j] = prepare(to[j]);

  // Candidate pairs through an inverted index of the new version's bigrams: only pairs sharing
  // bigrams are ever looked at.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;
  for (std::size_t j = 0; j < m; ++j)
    for (std::uint64_t g : b[j].grams) postings[g].push_back(static_cast<std::uint32_t>(j));
  std::vector<Candidate> candidates;
  std::vector<std::uint32_t> counts(m, 0);
  std::vector<std::uint32_t> touched;
  for (std::size_t i = 0; i < n; ++i) {
    touched.clear();
    for (std::uint64_t g : a[i].grams) {
      auto it = postings.find(g);
      if (it == postings.end()) continue;
      for (std::uint32_t j : it->second)
        if (counts[j]++ == 0) touched.push_back(j);
    }
    for (std::uint32_t j : touched) {
      std::uint32_t c = counts[j];
      counts[j] = 0;
      double d = a[i].norm == b[j].norm ? 1.0 : dice(c, a[i].grams.size(), b[j].grams.size());
      double contained_a = a[i].grams.empty() ? 0 : double(c) / double(a[i].grams.size());
      double contained_b = b[j].grams.empty() ? 0 : double(c) / double(b[j].grams.size());
      if (d >= options.min_similarity || contained_a >= options.part_containment ||
          contained_b >= options.part_containment) {
        double sc = d;
        std::size_t shorter = std::min(a[i].grams.size(), b[j].grams.size());
        double contained = shorter ? double(c) / double(shorter) : 0.0;
        if (shorter >= kMinPartGrams && contained >= kStrongContainment)
          sc = std::max(sc, kContainmentWeight * contained);
        if (from[i].number == to[j].number) sc += options.number_bonus;
        candidates.push_back({static_cast<std::uint32_t>(i), j, c, d, sc});
      }
    }
  }
  // Empty texts share no bigram: pair equal empty texts explicitly.
  for (std::size_t i = 0; i < n; ++i)
    if (a[i].grams.empty())
      for (std::size_t j = 0; j < m; ++j)
        if (b[j].grams.empty() && a[i].norm == b[j].norm)
          candidates.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), 0,
                                1.0,
                                1.0 + (from[i].number == to[j].number ? options.number_bonus : 0)});

  auto score = [](const Candidate& c) { return c.score; };
  auto similar = [&](const Candidate& c, double least) {
    return c.score - (from[c.i].number == to[c.j].number ? options.number_bonus : 0.0) >= least;
  };

  std::vector<long> match_of_from(n, -1), match_of_to(m, -1);
  auto match = [&](std::size_t i, std::size_t j) {
    match_of_from[i] = static_cast<long>(j);
    match_of_to[j] = static_cast<long>(i);
  };

  // 1. Anchors: pairs that are each other's best candidate and clearly similar, wherever they
  // are. Without them an in-order pass would take a weak pair in place of an article that moved.
  {
    std::vector<double> best_of_from(n, -1.0), best_of_to(m, -1.0);
    for (const Candidate& c : candidates) {
      best_of_from[c.i] = std::max(best_of_from[c.i], score(c));
      best_of_to[c.j] = std::max(best_of_to[c.j], score(c));
    }
    for (const Candidate& c : candidates) {
      double sc = score(c);
      if (similar(c, options.move_similarity) && sc == best_of_from[c.i] && sc == best_of_to[c.j] &&
          match_of_from[c.i] < 0 && match_of_to[c.j] < 0)
        match(c.i, c.j);
    }
    // The commencement clauses of both versions, when each has exactly one left.
    long ci = -1, cj = -1;
    int count_i = 0, count_j = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (is_commencement(a[i].norm)) ++count_i, ci = static_cast<long>(i);
    for (std::size_t j = 0; j < m; ++j)
      if (is_commencement(b[j].norm)) ++count_j, cj = static_cast<long>(j);
    if (count_i == 1 && count_j == 1 && match_of_from[ci] < 0 && match_of_to[cj] < 0)
      match(static_cast<std::size_t>(ci), static_cast<std::size_t>(cj));
  }

  // 2. The best monotone assignment of what is left (dynamic programming over the unmatched
  // articles of both sides; a greedy pass when the table would be too large).
  {
    std::vector<std::size_t> ri, rj;  // unmatched articles, in document order
    std::vector<long> pos_i(n, -1), pos_j(m, -1);
    for (std::size_t i = 0; i < n; ++i)
      if (match_of_from[i] < 0) {
        pos_i[i] = static_cast<long>(ri.size());
        ri.push_back(i);
      }
    for (std::size_t j = 0; j < m; ++j)
      if (match_of_to[j] < 0) {
        pos_j[j] = static_cast<long>(rj.size());
        rj.push_back(j);
      }
    const std::size_t rn = ri.size(), rm = rj.size();
    if (rn > 0 && rm > 0 && rn * rm <= options.max_dense_cells) {
      std::vector<float> s(rn * rm, -1.0f);
      for (const Candidate& c : candidates)
        if (similar(c, options.min_similarity) && pos_i[c.i] >= 0 && pos_j[c.j] >= 0)
          s[std::size_t(pos_i[c.i]) * rm + std::size_t(pos_j[c.j])] = static_cast<float>(score(c));
      std::vector<float> dp((rn + 1) * (rm + 1), 0.0f);
      auto at = [&](std::size_t i, std::size_t j) -> float& { return dp[i * (rm + 1) + j]; };
      for (std::size_t i = 1; i <= rn; ++i)
        for (std::size_t j = 1; j <= rm; ++j) {
          float best = std::max(at(i - 1, j), at(i, j - 1));
          float sij = s[(i - 1) * rm + (j - 1)];
          if (sij > 0) best = std::max(best, at(i - 1, j - 1) + sij);
          at(i, j) = best;
        }
      for (std::size_t i = rn, j = rm; i > 0 && j > 0;) {
        float sij = s[(i - 1) * rm + (j - 1)];
        if (sij > 0 && at(i, j) == at(i - 1, j - 1) + sij) {
          match(ri[i - 1], rj[j - 1]);
          --i;
          --j;
        } else if (at(i, j) == at(i - 1, j)) {
          --i;
        } else {
          --j;
        }
      }
    } else if (rn > 0 && rm > 0) {
      std::vector<Candidate> sorted;
      for (const Candidate& c : candidates)
        if (similar(c, options.min_similarity) && match_of_from[c.i] < 0 && match_of_to[c.j] < 0)
          sorted.push_back(c);
      std::stable_sort(sorted.begin(), sorted.end(),
                       [&](const Candidate& x, const Candidate& y) { return score(x) > score(y); });
      for (const Candidate& c : sorted)
        if (match_of_from[c.i] < 0 && match_of_to[c.j] < 0) match(c.i, c.j);
    }
  }

  // 3. Strong pairs left over (neither mutual best nor in order): matched all the same.
  {
    std::vector<Candidate> sorted;
    for (const Candidate& c : candidates)
      if (similar(c, options.move_similarity) && match_of_from[c.i] < 0 && match_of_to[c.j] < 0)
        sorted.push_back(c);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const Candidate& x, const Candidate& y) { return score(x) > score(y); });
    for (const Candidate& c : sorted)
      if (match_of_from[c.i] < 0 && match_of_to[c.j] < 0) match(c.i, c.j);
  }

  // 4. Moved: the matches outside the longest order-preserving set of matches (a longest
  // increasing subsequence of new positions taken in old order).
  std::vector<bool> moved_from(n, false);
  {
    std::vector<std::size_t> olds;  // matched old articles in order
    for (std::size_t i = 0; i < n; ++i)
      if (match_of_from[i] >= 0) olds.push_back(i);
    std::vector<std::size_t> tails;  // index into olds of the smallest tail of each length
    std::vector<long> parent(olds.size(), -1);
    for (std::size_t k = 0; k < olds.size(); ++k) {
      long j = match_of_from[olds[k]];
      auto it = std::lower_bound(tails.begin(), tails.end(), j,
                                 [&](std::size_t t, long v) { return match_of_from[olds[t]] < v; });
      std::size_t len = static_cast<std::size_t>(it - tails.begin());
      if (len > 0) parent[k] = static_cast<long>(tails[len - 1]);
      if (it == tails.end())
        tails.push_back(k);
      else
        *it = k;
    }
    std::vector<bool> in_order(olds.size(), false);
    for (long k = tails.empty() ? -1 : static_cast<long>(tails.back()); k >= 0; k = parent[k])
      in_order[static_cast<std::size_t>(k)] = true;
    for (std::size_t k = 0; k < olds.size(); ++k) moved_from[olds[k]] = !in_order[k];
  }

  // Entries for the pairs, then splits and merges attach the leftovers to a matched entry.
  std::vector<ArticleAlignment> entries;
  std::vector<long> entry_of_from(n, -1), entry_of_to(m, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (match_of_from[i] < 0) continue;
    std::size_t j = static_cast<std::size_t>(match_of_from[i]);
    ArticleAlignment e;
    e.from = {i};
    e.to = {j};
    e.moved = moved_from[i];
    entry_of_from[i] = entry_of_to[j] = static_cast<long>(entries.size());
    entries.push_back(std::move(e));
  }
  {
    // Best container for each unmatched article (highest share of its bigrams).
    std::map<std::size_t, std::pair<double, std::size_t>> split_of_to, merge_of_from;
    for (const Candidate& c : candidates) {
      if (match_of_to[c.j] < 0 && entry_of_from[c.i] >= 0 && b[c.j].grams.size() >= kMinPartGrams) {
        double share = double(c.common) / double(b[c.j].grams.size());
        auto& best = split_of_to[c.j];
        if (share >= options.part_containment && share > best.first) best = {share, c.i};
      }
      if (match_of_from[c.i] < 0 && entry_of_to[c.j] >= 0 && a[c.i].grams.size() >= kMinPartGrams) {
        double share = double(c.common) / double(a[c.i].grams.size());
        auto& best = merge_of_from[c.i];
        if (share >= options.part_containment && share > best.first) best = {share, c.j};
      }
    }
    for (const auto& [j, best] : split_of_to) {
      if (best.first <= 0) continue;
      long e = entry_of_from[best.second];
      entries[static_cast<std::size_t>(e)].to.push_back(j);
      entry_of_to[j] = e;
    }
    for (const auto& [i, best] : merge_of_from) {
      if (best.first <= 0) continue;
      long e = entry_of_to[best.second];
      entries[static_cast<std::size_t>(e)].from.push_back(i);
      entry_of_from[i] = e;
    }
  }
  for (auto& e : entries) {
    std::sort(e.from.begin(), e.from.end());
    std::sort(e.to.begin(), e.to.end());
    if (e.from.size() == 1 && e.to.size() == 1) {
      const Prepared& pa = a[e.from[0]];
      const Prepared& pb = b[e.to[0]];
      bool same_number = from[e.from[0]].number == to[e.to[0]].number;
      e.renumbered = !same_number;
      if (pa.norm == pb.norm) {
        e.similarity = 1.0;
        e.status = same_number ? AlignStatus::unchanged : AlignStatus::renumbered;
      } else {
        e.similarity = dice(pa.grams, pb.grams);
        e.status = AlignStatus::modified;
      }
      continue;
    }
    std::u32string ja, jb;
    for (std::size_t i : e.from) ja += a[i].norm + U"\n";
    for (std::size_t j : e.to) jb += b[j].norm + U"\n";
    e.similarity = dice(text_bigrams(ja, BigramMode::content_only),
                        text_bigrams(jb, BigramMode::content_only));
    e.status = e.from.size() > 1 ? AlignStatus::merged : AlignStatus::split;
  }
  for (std::size_t j = 0; j < m; ++j)
    if (entry_of_to[j] < 0) {
      ArticleAlignment e;
      e.to = {j};
      e.status = AlignStatus::added;
      entry_of_to[j] = static_cast<long>(entries.size());
      entries.push_back(std::move(e));
    }
  for (std::size_t i = 0; i < n; ++i)
    if (entry_of_from[i] < 0) {
      ArticleAlignment e;
      e.from = {i};
      e.status = AlignStatus::removed;
      entry_of_from[i] = static_cast<long>(entries.size());
      entries.push_back(std::move(e));
    }

  // The new version's order; a removed article follows the entry of its old predecessor.
  std::vector<std::tuple<long, int, long, std::size_t>> keys;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const ArticleAlignment& e = entries[k];
    if (!e.to.empty()) {
      keys.emplace_back(static_cast<long>(e.to.front()), 0, e.from.empty() ? -1L : long(e.from[0]),
                        k);
      continue;
    }
    long anchor = -1;
    for (long i = static_cast<long>(e.from.front()) - 1; i >= 0 && anchor < 0; --i) {
      const ArticleAlignment& prev = entries[static_cast<std::size_t>(entry_of_from[i])];
      if (!prev.to.empty()) anchor = static_cast<long>(prev.to.front());
    }
    keys.emplace_back(anchor, 1, static_cast<long>(e.from.front()), k);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<ArticleAlignment> ordered;
  ordered.reserve(entries.size());
  for (const auto& key : keys) ordered.push_back(std::move(entries[std::get<3>(key)]));
  return ordered;
}

}  // namespace regkg::diff
