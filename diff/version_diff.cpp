// diff_versions: alignment, character diffs and obligation changes in one result.
#include "diff/version_diff.h"

namespace regkg::diff {

namespace {

std::string joined(const std::vector<ArticleText>& articles, const std::vector<std::size_t>& idx) {
  std::string out;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    if (k) out += '\n';
    out += articles[idx[k]].text;
  }
  return out;
}

}  // namespace

VersionDiff diff_versions(VersionText from, VersionText to, const DiffOptions& options) {
  VersionDiff out;
  out.from = std::move(from);
  out.to = std::move(to);
  for (AlignStatus s :
       {AlignStatus::unchanged, AlignStatus::renumbered, AlignStatus::modified, AlignStatus::split,
        AlignStatus::merged, AlignStatus::added, AlignStatus::removed})
    out.article_counts[std::string(to_string(s))] = 0;
  out.article_counts["moved"] = 0;

  std::vector<ArticleAlignment> alignment =
      align_articles(out.from.articles, out.to.articles, options.align);
  out.articles.reserve(alignment.size());
  for (const ArticleAlignment& al : alignment) {
    ArticleDiff d;
    d.alignment = al;
    d.from_text = joined(out.from.articles, al.from);
    d.to_text = joined(out.to.articles, al.to);
    if (al.status == AlignStatus::modified || al.status == AlignStatus::split ||
        al.status == AlignStatus::merged) {
      d.chars = diff_texts(d.from_text, d.to_text, options.chars);
      out.coarse = out.coarse || d.chars.coarse;
    }
    ++out.article_counts[std::string(to_string(al.status))];
    if (al.moved) ++out.article_counts["moved"];
    out.articles.push_back(std::move(d));
  }

  out.obligations = diff_obligations(out.from, out.to, alignment);
  for (const char* k : {"added", "removed", "changed", "softening", "hardening", "reversal"})
    out.obligation_counts[k] = 0;
  for (const ObligationDelta& d : out.obligations) {
    ++out.obligation_counts[std::string(to_string(d.change))];
    if (!d.direction.empty()) ++out.obligation_counts[d.direction];
  }
  return out;
}

}  // namespace regkg::diff
