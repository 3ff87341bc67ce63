// The kinds of node in the regkg knowledge graph, and their stable string names.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace regkg::graph {

enum class NodeKind : std::uint8_t {
  jurisdiction,  // a legal order: cn, eu, us-ca …
  instrument,    // a law or rule as a work, across its versions
  version,       // the text of an instrument as of a date
  part,          // 编
  chapter,       // 章
  section,       // 节
  article,       // 条 / Article / Section / Rule / Recital / Annex
  paragraph,     // 款 and enumerated items (项)
  news,          // a news item
  actor,         // an organisation, company, product or person
  event,         // a dated event: adopted, promulgated, effective, amended, published …
  obligation,    // a deontic statement of an article: who must / must not / may do what
  citation,      // a cited title that resolves to no instrument in the corpus (unresolved)
  sanction,      // a sanction clause of a liability article: authority, measures, fines, trigger
};

// The kind is stored as its number in graph.bin: add kinds at the end only, and bump
// kGraphFormatVersion (graph_store.h) when you do.
inline constexpr int kNodeKindCount = 14;

std::string_view to_string(NodeKind kind);
std::optional<NodeKind> node_kind_from_string(std::string_view name);

}  // namespace regkg::graph
