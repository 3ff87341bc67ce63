// Per-source contribution records: which source file (or global pass) wrote each node and added
// each edge while a graph was built. A node or edge one source alone wrote can be dropped and made
// again from that source when it changes; one that several wrote (an instrument with two dated
// versions, an unresolved citation cited from many files, a legal-basis edge many articles give)
// must be made again from all of them, and the global passes (version chains, candidate actors)
// redone for what they touch. The basis of patching a graph for changed sources instead of
// rebuilding it (BENCHMARKS.md, "Refresh").
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/symbol.h"

namespace regkg::ingest {

// The global passes, named as contributors: what they write depends on many sources at once.
namespace pass {
inline constexpr std::string_view kVersionChains = "pass:version_chains";
inline constexpr std::string_view kCandidateActors = "pass:candidate_actors";
inline constexpr std::string_view kEffectiveDates = "pass:effective_dates";
inline constexpr std::string_view kVersionFactNews = "pass:version_fact_news";
}  // namespace pass

// Set as the graph's write observer (KnowledgeGraph::set_write_observer) for a build; the builder
// and the extractor name the contributor before each source's writes. Writes made through
// KnowledgeGraph::node(v) are not seen by the graph: the builder makes them right after an upsert
// of the same node by the same contributor, and the two passes that change nodes without an upsert
// (effective dates, version facts) report them with node_written. Not thread-safe: the graph is
// written on one thread.
class SourceContributions : public graph::KnowledgeGraph::WriteObserver {
 public:
  using Vertex = graph::KnowledgeGraph::Vertex;

  void contributor(graph::Symbol who) override;
  void node_written(Vertex v) override;
  void edge_written(Vertex from, Vertex to, std::string_view type) override;

  // The distinct contributors of a node or an edge, in the order they first wrote it; empty when
  // nothing wrote it while this observer was set.
  std::vector<graph::Symbol> node_contributors(Vertex v) const;
  std::vector<graph::Symbol> edge_contributors(Vertex from, Vertex to, std::string_view type) const;

  // The records of `copy`, a copy of the recorded graph that kept some of its elements:
  // `vertex_map[old]` is the copy's vertex of each old one (kNotKept when dropped). Every node and
  // edge of the copy takes the contributors its original had. Replaces what this object held.
  static constexpr Vertex kNotKept = static_cast<Vertex>(-1);
  void carry_over(const SourceContributions& from, const std::vector<Vertex>& vertex_map,
                  const graph::KnowledgeGraph& copy);

  // What the records say about a finished graph: how much is one source's alone, how much is
  // shared, and by whom.
  struct Summary {
    size_t contributors = 0;                            // distinct sources and passes
    size_t nodes = 0, edges = 0;                        // in the graph
    size_t unrecorded_nodes = 0, unrecorded_edges = 0;  // written while no observer was set
    size_t shared_nodes = 0, shared_edges = 0;          // written by two contributors or more
    size_t pass_nodes = 0, pass_edges = 0;              // written by a global pass (among others)
    std::map<std::string, size_t> shared_nodes_by_kind, shared_edges_by_type;
    size_t max_node_contributors = 0;  // the most contributors of one node
    std::string most_shared_node;      // its id
  };
  Summary summarize(const graph::KnowledgeGraph& g) const;

 private:
  struct EdgeKey {
    Vertex from, to;
    std::string type;
    bool operator==(const EdgeKey& o) const {
      return from == o.from && to == o.to && type == o.type;
    }
  };
  struct EdgeKeyHash {
    size_t operator()(const EdgeKey& k) const;
  };
  using Ids = std::vector<std::uint32_t>;  // contributors by index into symbols_, distinct

  static void add_distinct(Ids& ids, std::uint32_t who);
  std::vector<graph::Symbol> symbols_of(const Ids* ids) const;

  std::vector<graph::Symbol> symbols_;                           // index -> contributor
  std::unordered_map<const std::string*, std::uint32_t> index_;  // interned text -> index
  std::uint32_t current_ = 0;  // index + 1 of the current contributor; 0 = none named yet
  std::vector<Ids> nodes_;     // by vertex
  std::unordered_map<EdgeKey, Ids, EdgeKeyHash> edges_;
};

}  // namespace regkg::ingest
