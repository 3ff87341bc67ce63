// diff_obligations: pairs obligations inside aligned article groups and names what changed.
#include "diff/obligation_diff.h"

#include <algorithm>
#include <cstdint>

#include "diff/bigram_similarity.h"
#include "diff/text_normalizer.h"

namespace regkg::diff {

namespace {

// Least clause similarity for an old and a new obligation to be the same obligation changed; lower
// when both name the same bearer (a rewritten duty of the same role, 应当保证… -> 鼓励采取…).
constexpr double kMinPairSimilarity = 0.4;
constexpr double kMinSameBearerSimilarity = 0.2;

BigramSet clause_bigrams(const std::string& text) {
  return text_bigrams(normalize_text(text).chars, BigramMode::all_chars);
}

bool same_text(const std::string& a, const std::string& b) {
  return normalize_text(a).chars == normalize_text(b).chars;
}

}  // namespace

std::string_view to_string(ObligationChange change) {
  switch (change) {
    case ObligationChange::added:
      return "added";
    case ObligationChange::removed:
      return "removed";
    case ObligationChange::changed:
      return "changed";
  }
  return "changed";
}

int modality_strength(std::string_view modality) {
  if (modality == "encouragement") return 0;
  if (modality == "permission") return 1;
  if (modality == "obligation" || modality == "prohibition") return 2;
  return -1;
}

std::string modality_direction(std::string_view from, std::string_view to) {
  if (from == to) return "";
  int a = modality_strength(from), b = modality_strength(to);
  if (a < 0 || b < 0) return "";
  if (a == b) return "reversal";  // obligation <-> prohibition
  return b > a ? "hardening" : "softening";
}

std::vector<ObligationDelta> diff_obligations(const VersionText& from, const VersionText& to,
                                              const std::vector<ArticleAlignment>& alignment) {
  std::vector<ObligationDelta> out;
  for (std::size_t e = 0; e < alignment.size(); ++e) {
    const ArticleAlignment& al = alignment[e];
    std::vector<ObligationRef> olds, news;
    for (std::size_t i : al.from)
      for (std::size_t k = 0; k < from.articles[i].obligations.size(); ++k) olds.push_back({i, k});
    for (std::size_t j : al.to)
      for (std::size_t k = 0; k < to.articles[j].obligations.size(); ++k) news.push_back({j, k});
    if (olds.empty() && news.empty()) continue;
    auto old_of = [&](const ObligationRef& r) -> const ObligationText& {
      return from.articles[r.article].obligations[r.index];
    };
    auto new_of = [&](const ObligationRef& r) -> const ObligationText& {
      return to.articles[r.article].obligations[r.index];
    };

    // Pair greedily by clause similarity (an article holds a handful of obligations).
    std::vector<BigramSet> go, gn;
    for (const auto& r : olds) go.push_back(clause_bigrams(old_of(r).text));
    for (const auto& r : news) gn.push_back(clause_bigrams(new_of(r).text));
    struct Pair {
      double sim;
      std::size_t o, n;
    };
    std::vector<Pair> pairs;
    for (std::size_t o = 0; o < olds.size(); ++o)
      for (std::size_t n = 0; n < news.size(); ++n) {
        double s = dice(go[o], gn[n]);
        const std::string& bo = old_of(olds[o]).bearer;
        bool same_bearer = !bo.empty() && same_text(bo, new_of(news[n]).bearer);
        if (s >= kMinPairSimilarity || (same_bearer && s >= kMinSameBearerSimilarity))
          pairs.push_back({s, o, n});
      }
    std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
      return x.sim > y.sim || (x.sim == y.sim && (x.o < y.o || (x.o == y.o && x.n < y.n)));
    });
    std::vector<long> old_match(olds.size(), -1), new_match(news.size(), -1);
    std::vector<double> old_sim(olds.size(), 0.0);
    for (const Pair& p : pairs)
      if (old_match[p.o] < 0 && new_match[p.n] < 0) {
        old_match[p.o] = static_cast<long>(p.n);
        new_match[p.n] = static_cast<long>(p.o);
        old_sim[p.o] = p.sim;
      }

    for (std::size_t o = 0; o < olds.size(); ++o) {
      ObligationDelta d;
      d.entry = e;
      d.has_from = true;
      d.from = olds[o];
      if (old_match[o] < 0) {
        d.change = ObligationChange::removed;
        out.push_back(std::move(d));
        continue;
      }
      d.has_to = true;
      d.to = news[static_cast<std::size_t>(old_match[o])];
      const ObligationText& a = old_of(d.from);
      const ObligationText& b = new_of(d.to);
      if (a.modality != b.modality) {
        d.fields.push_back("modality");
        d.direction = modality_direction(a.modality, b.modality);
      }
      if (!same_text(a.bearer, b.bearer)) d.fields.push_back("bearer");
      if (!same_text(a.condition, b.condition)) d.fields.push_back("condition");
      if (!same_text(a.action, b.action)) d.fields.push_back("action");
      if (d.fields.empty()) continue;  // the same obligation, unchanged
      d.change = ObligationChange::changed;
      d.similarity = old_sim[o];
      out.push_back(std::move(d));
    }
    for (std::size_t n = 0; n < news.size(); ++n) {
      if (new_match[n] >= 0) continue;
      ObligationDelta d;
      d.change = ObligationChange::added;
      d.entry = e;
      d.has_to = true;
      d.to = news[n];
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace regkg::diff
