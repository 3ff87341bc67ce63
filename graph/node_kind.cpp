// String names of node kinds (used in ids, the index, the API and exports).
#include "graph/node_kind.h"

#include <array>

namespace regkg::graph {

namespace {
constexpr std::array<std::string_view, kNodeKindCount> kNames = {
    "jurisdiction", "instrument", "version", "part",  "chapter",    "section",  "article",
    "paragraph",    "news",       "actor",   "event", "obligation", "citation", "sanction"};
}  // namespace

std::string_view to_string(NodeKind kind) { return kNames.at(static_cast<size_t>(kind)); }

std::optional<NodeKind> node_kind_from_string(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<NodeKind>(i);
  return std::nullopt;
}

}  // namespace regkg::graph
