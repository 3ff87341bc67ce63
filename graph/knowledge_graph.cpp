// KnowledgeGraph: node upsert by id, de-duplicated typed edges, neighbour iteration.
#include "graph/knowledge_graph.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "graph/adjacency_index.h"
#include "graph/huge_page_advice.h"
#include "graph/validity_index.h"

namespace regkg::graph {

// Indexes derived from the graph, each built on first use. `built` lets writers skip the reset
// while nothing has been built (bulk inserts stay allocation-free).
struct KnowledgeGraph::Derived {
  std::once_flag adjacency_once, validity_once;
  std::atomic<bool> built{false};
  std::unique_ptr<AdjacencyIndex> adjacency;
  std::unique_ptr<ValidityIndex> validity;
};

namespace {

// The spare vertex block (see KnowledgeGraph::spare_vertex_bytes). Graphs are destroyed on the
// server's reaper thread and built on the ingest's, hence the lock. Never destroyed itself, so a
// graph outliving static destruction still finds it.
using VertexStorage = decltype(KnowledgeGraph::Graph::m_vertices);

struct SpareVertices {
  std::mutex mutex;
  VertexStorage block;
};

SpareVertices& spare_vertices() {
  static auto* spare = new SpareVertices;
  return *spare;
}

}  // namespace

KnowledgeGraph::KnowledgeGraph() : derived_(std::make_unique<Derived>()) {}
KnowledgeGraph::~KnowledgeGraph() { recycle_vertex_storage(); }

void KnowledgeGraph::recycle_vertex_storage() {
  auto& vertices = graph_.m_vertices;
  if (vertices.capacity() == 0) return;
  // The nodes and their edge lists go now; the edges themselves (graph_.m_edges) go with graph_,
  // after: the per-vertex lists only hold iterators to them.
  vertices.clear();
  SpareVertices& spare = spare_vertices();
  std::lock_guard<std::mutex> lock(spare.mutex);
  if (spare.block.capacity() < vertices.capacity()) spare.block.swap(vertices);
}

size_t KnowledgeGraph::spare_vertex_bytes() {
  SpareVertices& spare = spare_vertices();
  std::lock_guard<std::mutex> lock(spare.mutex);
  return spare.block.capacity() * sizeof(VertexStorage::value_type);
}

void KnowledgeGraph::release_spare_vertices() {
  VertexStorage doomed;
  SpareVertices& spare = spare_vertices();
  std::lock_guard<std::mutex> lock(spare.mutex);
  spare.block.swap(doomed);
}

KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&& other)
    : graph_(std::move(other.graph_)),
      by_id_(std::move(other.by_id_)),
      edge_keys_(std::move(other.edge_keys_)),
      edge_keys_complete_(other.edge_keys_complete_),
      derived_(std::make_unique<Derived>()) {}

KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&& other) {
  graph_ = std::move(other.graph_);
  by_id_ = std::move(other.by_id_);
  edge_keys_ = std::move(other.edge_keys_);
  edge_keys_complete_ = other.edge_keys_complete_;
  derived_ = std::make_unique<Derived>();
  return *this;
}

const AdjacencyIndex& KnowledgeGraph::adjacency() const {
  std::call_once(derived_->adjacency_once, [this] {
    derived_->adjacency = std::make_unique<AdjacencyIndex>(*this);
    derived_->built = true;
  });
  return *derived_->adjacency;
}

const ValidityIndex& KnowledgeGraph::validity() const {
  std::call_once(derived_->validity_once, [this] {
    derived_->validity = std::make_unique<ValidityIndex>(*this);
    derived_->built = true;
  });
  return *derived_->validity;
}

void KnowledgeGraph::drop_derived() {
  // Writers are single-threaded by contract.
  if (derived_->built) derived_ = std::make_unique<Derived>();
}

const std::string* NodeData::attr(std::string_view key) const {
  auto it = std::lower_bound(attrs.begin(), attrs.end(), key,
                             [](const auto& kv, std::string_view k) { return kv.first < k; });
  if (it != attrs.end() && it->first == key) return &it->second;
  return nullptr;
}

void NodeData::set_attr(std::string_view key, std::string value) {
  auto it = std::lower_bound(attrs.begin(), attrs.end(), key,
                             [](const auto& kv, std::string_view k) { return kv.first < k; });
  if (it != attrs.end() && it->first == key)
    it->second = std::move(value);
  else
    attrs.insert(it, {std::string(key), std::move(value)});
}

// Boost's add_vertex(property, g) and add_edge(u, v, property, g) take the property by const
// reference and copy it (add_edge twice): on the full corpus that copied every node's strings once
// and every edge's twice. An empty element is added instead and the data moved into it.
KnowledgeGraph::Vertex KnowledgeGraph::add_vertex_moved(NodeData&& data) {
  Vertex v = boost::add_vertex(graph_);
  graph_[v] = std::move(data);
  return v;
}

void KnowledgeGraph::add_edge_moved(Vertex from, Vertex to, EdgeData&& data) {
  Edge e = boost::add_edge(from, to, graph_).first;
  graph_[e] = std::move(data);
}

std::optional<KnowledgeGraph::Vertex> KnowledgeGraph::find_hashed(std::string_view id,
                                                                  std::uint64_t hash) const {
  std::uint32_t v = 0;
  if (!by_id_.find(
          id, hash, [this](std::uint32_t u) -> const std::string& { return graph_[u].id; }, v))
    return std::nullopt;
  return static_cast<Vertex>(v);
}

void KnowledgeGraph::index_vertex(std::uint64_t hash, Vertex v) {
  by_id_.insert(hash, static_cast<std::uint32_t>(v),
                [this](std::uint32_t u) { return KeyIndex::hash(graph_[u].id); });
}

KnowledgeGraph::Vertex KnowledgeGraph::upsert_node(NodeData data) {
  const std::uint64_t h = KeyIndex::hash(data.id);
  std::optional<Vertex> found = find_hashed(data.id, h);
  if (!found) {
    drop_derived();
    Vertex v = add_vertex_moved(std::move(data));
    index_vertex(h, v);
    if (observer_) observer_->node_written(v);
    return v;
  }
  if (observer_) observer_->node_written(*found);
  NodeData& existing = graph_[*found];
  auto fill = [](std::string& into, std::string& from) {
    if (into.empty()) into = std::move(from);
  };
  fill(existing.label, data.label);
  fill(existing.text_zh, data.text_zh);
  fill(existing.text_en, data.text_en);
  fill(existing.date, data.date);
  if (existing.source.file.empty()) existing.source = std::move(data.source);
  for (auto& [k, v] : data.attrs)
    if (!existing.attr(k)) existing.set_attr(k, std::move(v));
  return *found;
}

std::optional<KnowledgeGraph::Vertex> KnowledgeGraph::find(std::string_view id) const {
  return find_hashed(id, KeyIndex::hash(id));
}

std::uint64_t KnowledgeGraph::edge_key(Vertex from, Vertex to, std::string_view type) {
  // FNV-1a over (from, to, type): collisions only cost a missed duplicate check, never a wrong edge
  // because add_edge verifies a hit against the real edges.
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](const void* p, size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 1099511628211ULL;
    }
  };
  mix(&from, sizeof from);
  mix(&to, sizeof to);
  mix(type.data(), type.size());
  return h;
}

void KnowledgeGraph::reserve(size_t nodes) {
  if (graph_.m_vertices.empty() && graph_.m_vertices.capacity() < nodes) {
    SpareVertices& spare = spare_vertices();
    std::lock_guard<std::mutex> lock(spare.mutex);
    if (spare.block.capacity() >= nodes) graph_.m_vertices.swap(spare.block);
  }
  const bool fresh = graph_.m_vertices.capacity() < nodes;
  graph_.m_vertices.reserve(nodes);
  // The vertices are hundreds of bytes each: a fresh block is backed by huge pages before use.
  if (fresh)
    advise_huge_pages(graph_.m_vertices.data() + graph_.m_vertices.size(),
                      (nodes - graph_.m_vertices.size()) * sizeof(graph_.m_vertices[0]));
  by_id_.reserve(nodes, [this](std::uint32_t u) { return KeyIndex::hash(graph_[u].id); });
}

bool KnowledgeGraph::append_node_unchecked(NodeData data) {
  drop_derived();
  const std::uint64_t h = KeyIndex::hash(data.id);
  if (find_hashed(data.id, h)) return false;
  Vertex v = add_vertex_moved(std::move(data));
  index_vertex(h, v);
  return true;
}

void KnowledgeGraph::append_edge_unchecked(Vertex from, Vertex to, EdgeData data) {
  drop_derived();
  edge_keys_complete_ = false;
  add_edge_moved(from, to, std::move(data));
}

void KnowledgeGraph::index_out_edges(Vertex from) {
  for (auto [it, end] = boost::out_edges(from, graph_); it != end; ++it)
    edge_keys_.insert(edge_key(from, boost::target(*it, graph_), graph_[*it].type));
}

void KnowledgeGraph::build_edge_keys() {
  edge_keys_.clear();
  for (auto [it, end] = boost::vertices(graph_); it != end; ++it)
    if (boost::out_degree(*it, graph_) >= kScanLimit) index_out_edges(*it);
  edge_keys_complete_ = true;
}

bool KnowledgeGraph::add_edge(Vertex from, Vertex to, EdgeData data) {
  if (from == to) return false;
  if (observer_) observer_->edge_written(from, to, data.type);
  if (!edge_keys_complete_) build_edge_keys();
  // A source with few out-edges is scanned: its out-edge list is about to be appended to anyway,
  // and a target is compared before its type is read. Only the edges of sources with many
  // out-edges have keys (a few percent of the graph), which keeps the key set small and warm.
  const size_t degree = boost::out_degree(from, graph_);
  bool scan = degree < kScanLimit;
  if (!scan) scan = !edge_keys_.insert(edge_key(from, to, data.type));  // a hit may be a collision
  if (scan)
    for (auto [it, end] = boost::out_edges(from, graph_); it != end; ++it)
      if (boost::target(*it, graph_) == to && graph_[*it].type == data.type) return false;
  drop_derived();
  add_edge_moved(from, to, std::move(data));
  if (degree + 1 == kScanLimit) index_out_edges(from);
  return true;
}

void KnowledgeGraph::for_each_out_edge(Vertex v, const std::function<void(Edge, Vertex)>& f) const {
  for (auto [it, end] = boost::out_edges(v, graph_); it != end; ++it)
    f(*it, boost::target(*it, graph_));
}

void KnowledgeGraph::for_each_in_edge(Vertex v, const std::function<void(Edge, Vertex)>& f) const {
  for (auto [it, end] = boost::in_edges(v, graph_); it != end; ++it)
    f(*it, boost::source(*it, graph_));
}

std::optional<KnowledgeGraph::Vertex> KnowledgeGraph::out_neighbor(Vertex v,
                                                                   std::string_view type) const {
  for (auto [it, end] = boost::out_edges(v, graph_); it != end; ++it)
    if (graph_[*it].type == type) return boost::target(*it, graph_);
  return std::nullopt;
}

size_t KnowledgeGraph::count_kind(NodeKind kind) const {
  const auto k = static_cast<size_t>(kind);
  return k < kNodeKindCount ? kind_counts()[k] : 0;
}

std::array<size_t, kNodeKindCount> KnowledgeGraph::kind_counts() const {
  std::array<size_t, kNodeKindCount> counts{};
  for (auto [it, end] = boost::vertices(graph_); it != end; ++it) {
    const auto k = static_cast<size_t>(graph_[*it].kind);
    if (k < counts.size()) ++counts[k];
  }
  return counts;
}

}  // namespace regkg::graph
