// suggest_names: substring matching over node names, ranked exact > prefix > contained.
#include "graph/name_suggestions.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "graph/vocabulary.h"

namespace regkg::graph {

namespace {

std::string fold(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// -1 when `name` does not contain `folded_query`, else 0 exact, 1 prefix, 2 contained.
int match_rank(std::string_view name, const std::string& folded_query) {
  if (name.size() < folded_query.size()) return -1;
  std::string n = fold(name);
  size_t at = n.find(folded_query);
  if (at == std::string::npos) return -1;
  if (at == 0) return n.size() == folded_query.size() ? 0 : 1;
  return 2;
}

constexpr std::array<std::string_view, 4> kNameAttributes = {attr::kNameZh, attr::kNameEn,
                                                             attr::kTitleEn, attr::kShortTitle};

}  // namespace

std::vector<NameSuggestion> suggest_names(const KnowledgeGraph& g, std::string_view query,
                                          const std::vector<NodeKind>& kinds, size_t limit) {
  std::vector<NameSuggestion> found;
  const std::string q = fold(query);
  if (q.empty() || limit == 0) return found;
  const auto& bg = g.boost_graph();
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const NodeData& n = g.node(*it);
    if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), n.kind) == kinds.end()) continue;
    NameSuggestion best{*it, "", -1};
    auto consider = [&](std::string_view name) {
      int r = match_rank(name, q);
      if (r >= 0 && (best.rank < 0 || r < best.rank)) {
        best.rank = r;
        best.matched = std::string(name);
      }
    };
    consider(n.label);
    std::string_view id = n.id;
    if (id.rfind("actor/", 0) == 0) id.remove_prefix(6);
    consider(id);
    for (auto key : kNameAttributes)
      if (const std::string* v = n.attr(key)) consider(*v);
    if (const std::string* aliases = n.attr(attr::kAliases)) {
      std::string_view all = *aliases;
      while (!all.empty()) {
        size_t sep = all.find("; ");
        consider(all.substr(0, sep));
        if (sep == std::string_view::npos) break;
        all.remove_prefix(sep + 2);
      }
    }
    if (best.rank >= 0) found.push_back(std::move(best));
  }
  auto key = [&g](const NameSuggestion& s) {
    const NodeData& n = g.node(s.vertex);
    return std::make_tuple(s.rank, n.label.size(), std::string_view(n.id));
  };
  auto by_key = [&key](const NameSuggestion& a, const NameSuggestion& b) {
    return key(a) < key(b);
  };
  if (found.size() > limit) {
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(limit),
                      found.end(), by_key);
    found.resize(limit);
  } else {
    std::sort(found.begin(), found.end(), by_key);
  }
  return found;
}

}  // namespace regkg::graph
