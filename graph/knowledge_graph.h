// The regkg knowledge graph: a Boost.Graph adjacency_list of typed nodes with stable string ids
// and typed edges that each record where they came from (file, line or JSON path, rule,
// confidence). Built once by ingest, then shared read-only (std::shared_ptr<const KnowledgeGraph>)
// by the server. Not thread-safe for writing; const member functions are safe to call from many
// threads.
#pragma once

#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/flat_hash_index.h"
#include "graph/node_kind.h"
#include "graph/symbol.h"

namespace regkg::graph {

// Where a node or edge came from.
struct Provenance {
  Symbol file;  // corpus-relative path, e.g. "statutes-zh/行政法/数据安全法(2021-06-10).md"
  int line = 0;             // 1-based line in `file`, 0 when not line-based
  std::string json_path;    // e.g. "$[16]" for JSON sources
  Symbol rule;              // the ingest rule that made it, e.g. "statute.header.effective"
  float confidence = 1.0f;  // 1.0 for facts read from structure; lower for extracted ones
  std::string span;         // for extracted facts: "begin-end" byte span in the article's text
};

struct NodeData {
  std::string id;  // stable, readable: "cn/generative-ai-measures@2023-07-10/art-17"
  NodeKind kind = NodeKind::article;
  std::string label;    // display title
  std::string text_zh;  // Chinese text (articles, paragraphs), else empty
  std::string text_en;  // English text, else empty
  std::string date;     // principal date, YYYY-MM-DD or ""
  std::vector<std::pair<std::string, std::string>> attrs;  // small sorted map
  Provenance source;

  const std::string* attr(std::string_view key) const;
  void set_attr(std::string_view key, std::string value);  // keeps attrs sorted
};

class AdjacencyIndex;
class ValidityIndex;

struct EdgeData {
  std::string type;  // an edge type of graph/vocabulary.h (edge::kPartOf …) or a Compass type
  Provenance provenance;
  std::string note;  // optional free text (a relation's rationale)
};

class KnowledgeGraph {
 public:
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeData, EdgeData>;
  using Vertex = Graph::vertex_descriptor;
  using Edge = Graph::edge_descriptor;

  // Told of every node upsert and every edge addition (added or refused as a duplicate) while it is
  // set: ingest records which source contributed what (ingest/assemble/source_contributions.h).
  class WriteObserver {
   public:
    virtual ~WriteObserver() = default;
    // The writes from now on are made on behalf of `contributor` (a source file, or a global pass).
    virtual void contributor(Symbol contributor) = 0;
    virtual void node_written(Vertex v) = 0;
    virtual void edge_written(Vertex from, Vertex to, std::string_view type) = 0;
  };

  KnowledgeGraph();
  ~KnowledgeGraph();
  // Moves deep-copy the Boost graph (it has no move constructor) and drop the derived indexes.
  KnowledgeGraph(KnowledgeGraph&& other);
  KnowledgeGraph& operator=(KnowledgeGraph&& other);

  // Adds a node, or merges into the node with the same id: empty fields of the existing node are
  // filled from `data`, attributes are added (existing values win). Returns the vertex.
  Vertex upsert_node(NodeData data);
  std::optional<Vertex> find(std::string_view id) const;

  // Adds an edge unless an edge of the same type already joins the same two nodes (then returns
  // false). Self-loops are refused (false).
  bool add_edge(Vertex from, Vertex to, EdgeData data);

  // The observer told of writes from now on (nullptr: none). Not owned; not copied or moved with
  // the graph.
  void set_write_observer(WriteObserver* observer) { observer_ = observer; }
  WriteObserver* write_observer() const { return observer_; }

  // Bulk loading (graph_store): reserve space, then append nodes whose ids are known to be unique
  // and edges known to be distinct, skipping the checks. Returns false on a duplicate id.
  // Room for this many nodes in all, so building a graph of about the last one's size never grows
  // its vertex storage or id table (a hint: exceeding it is fine). An empty graph takes the vertex
  // storage a destroyed graph left behind if it is large enough (see spare_vertex_bytes).
  void reserve(size_t nodes);
  // What to reserve for a graph about to be rebuilt from one of `nodes` nodes: a little more, since
  // the next snapshot's graph is usually a little larger.
  static size_t rebuild_capacity(size_t nodes) { return nodes + nodes / 16 + 1024; }
  bool append_node_unchecked(NodeData data);
  void append_edge_unchecked(Vertex from, Vertex to, EdgeData data);

  const NodeData& node(Vertex v) const { return graph_[v]; }
  NodeData& node(Vertex v) { return graph_[v]; }
  const EdgeData& edge(Edge e) const { return graph_[e]; }
  size_t node_count() const { return boost::num_vertices(graph_); }
  size_t edge_count() const { return boost::num_edges(graph_); }
  const Graph& boost_graph() const { return graph_; }

  // Calls f(edge, neighbour) for out-edges (or in-edges), in insertion order.
  void for_each_out_edge(Vertex v, const std::function<void(Edge, Vertex)>& f) const;
  void for_each_in_edge(Vertex v, const std::function<void(Edge, Vertex)>& f) const;
  // The first neighbour reached over an out-edge of `type`, if any.
  std::optional<Vertex> out_neighbor(Vertex v, std::string_view type) const;

  size_t count_kind(NodeKind kind) const;
  // The number of nodes of every kind, indexed by NodeKind, in one pass.
  std::array<size_t, kNodeKindCount> kind_counts() const;

  // The CSR copy of the adjacency used by traversals (see adjacency_index.h), built on first use
  // (O(nodes + edges)) and kept until the graph changes. Thread-safe for concurrent readers of an
  // unchanging graph; any mutation drops it.
  const AdjacencyIndex& adjacency() const;
  // The validity intervals of the versions (see validity_index.h), built and dropped likewise.
  const ValidityIndex& validity() const;

  // A destroyed graph's vertex storage (its nodes destroyed, its memory kept) waits here for the
  // next graph built in this process: a refresh then fills memory that is already mapped instead of
  // faulting in and zeroing a fresh block of hundreds of bytes per node. One block at most, the
  // largest; these report its size and free it.
  static size_t spare_vertex_bytes();
  static void release_spare_vertices();

 private:
  struct Derived;
  void drop_derived();
  void recycle_vertex_storage();

  static std::uint64_t edge_key(Vertex from, Vertex to, std::string_view type);

  // Sources with at least this many out-edges have their edge keys in edge_keys_.
  static constexpr size_t kScanLimit = 16;
  void build_edge_keys();
  void index_out_edges(Vertex from);
  Vertex add_vertex_moved(NodeData&& data);
  void add_edge_moved(Vertex from, Vertex to, EdgeData&& data);
  std::optional<Vertex> find_hashed(std::string_view id, std::uint64_t hash) const;
  void index_vertex(std::uint64_t hash, Vertex v);

  Graph graph_;
  KeyIndex by_id_;  // id -> vertex; the ids themselves live in the nodes
  // Hashes of (from, to, type) of the out-edges of sources with kScanLimit or more of them, for
  // de-duplication (smaller sources are scanned); built lazily after a bulk load.
  EdgeKeySet edge_keys_;
  bool edge_keys_complete_ = true;
  std::unique_ptr<Derived> derived_;  // indexes built on demand from the graph
  WriteObserver* observer_ = nullptr;
};

}  // namespace regkg::graph
