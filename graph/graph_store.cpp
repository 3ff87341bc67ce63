// Binary serialization of the knowledge graph, checked by a trailing checksum.
#include "graph/graph_store.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace regkg::graph {

namespace {

constexpr char kMagic[8] = {'R', 'E', 'G', 'K', 'G', 'G', 'R', 'F'};

std::uint64_t fnv1a(const char* data, size_t n) {
  std::uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 1099511628211ULL;
  }
  return h;
}

class Writer {
 public:
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void f32(float v) { raw(&v, sizeof v); }
  void str(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    buf_.append(s);
  }
  void raw(const void* p, size_t n) { buf_.append(static_cast<const char*>(p), n); }
  std::string& buffer() { return buf_; }

 private:
  std::string buf_;
};

class Reader {
 public:
  Reader(const std::string& buf, size_t end, const std::filesystem::path& path)
      : buf_(buf), end_(end), path_(path) {}
  std::uint32_t u32() { return pod<std::uint32_t>(); }
  std::uint64_t u64() { return pod<std::uint64_t>(); }
  float f32() { return pod<float>(); }
  std::string str() {
    std::uint32_t n = u32();
    need(n);
    std::string s = buf_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  size_t pos() const { return pos_; }

 private:
  template <typename T>
  T pod() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, buf_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  void need(size_t n) {
    if (n > end_ - pos_)
      throw GraphStoreError(path_.string() + ": error: graph file is truncated at byte " +
                            std::to_string(pos_));
  }
  const std::string& buf_;
  size_t end_;
  size_t pos_ = sizeof kMagic;
  const std::filesystem::path& path_;
};

void write_provenance(Writer& w, const Provenance& p) {
  w.str(p.file);
  w.u32(static_cast<std::uint32_t>(p.line));
  w.str(p.json_path);
  w.str(p.rule);
  w.f32(p.confidence);
}

Provenance read_provenance(Reader& r) {
  Provenance p;
  p.file = r.str();
  p.line = static_cast<int>(r.u32());
  p.json_path = r.str();
  p.rule = r.str();
  p.confidence = r.f32();
  return p;
}

}  // namespace

void save_graph(const KnowledgeGraph& graph, const std::filesystem::path& path) {
  Writer w;
  w.raw(kMagic, sizeof kMagic);
  w.u32(kGraphFormatVersion);
  const auto& g = graph.boost_graph();
  w.u64(graph.node_count());
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const NodeData& n = g[*it];
    w.str(n.id);
    w.u32(static_cast<std::uint32_t>(n.kind));
    w.str(n.label);
    w.str(n.text_zh);
    w.str(n.text_en);
    w.str(n.date);
    w.u32(static_cast<std::uint32_t>(n.attrs.size()));
    for (const auto& [k, v] : n.attrs) {
      w.str(k);
      w.str(v);
    }
    write_provenance(w, n.source);
  }
  w.u64(graph.edge_count());
  // Edges in out-edge order per vertex, so a reload reproduces the same iteration order.
  for (auto [vit, vend] = boost::vertices(g); vit != vend; ++vit) {
    for (auto [it, end] = boost::out_edges(*vit, g); it != end; ++it) {
      const EdgeData& e = g[*it];
      w.u64(boost::source(*it, g));
      w.u64(boost::target(*it, g));
      w.str(e.type);
      write_provenance(w, e.provenance);
      w.str(e.note);
    }
  }
  std::string& buf = w.buffer();
  std::uint64_t sum = fnv1a(buf.data(), buf.size());
  buf.append(reinterpret_cast<const char*>(&sum), sizeof sum);

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  out.flush();
  if (!out) throw GraphStoreError(path.string() + ": error: cannot write graph file");
}

KnowledgeGraph load_graph(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GraphStoreError(path.string() + ": error: cannot open graph file");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string buf = std::move(ss).str();
  if (buf.size() < sizeof kMagic + 4 + 8 || std::memcmp(buf.data(), kMagic, sizeof kMagic) != 0)
    throw GraphStoreError(path.string() + ": error: not a regkg graph file");
  size_t body = buf.size() - sizeof(std::uint64_t);
  std::uint64_t stored;
  std::memcpy(&stored, buf.data() + body, sizeof stored);
  if (stored != fnv1a(buf.data(), body))
    throw GraphStoreError(path.string() + ": error: graph file checksum mismatch (corrupt)");

  Reader r(buf, body, path);
  std::uint32_t version = r.u32();
  if (version != kGraphFormatVersion)
    throw GraphStoreError(path.string() + ": error: graph format version " +
                          std::to_string(version) + ", expected " +
                          std::to_string(kGraphFormatVersion));
  KnowledgeGraph graph;
  std::uint64_t nodes = r.u64();
  for (std::uint64_t i = 0; i < nodes; ++i) {
    NodeData n;
    n.id = r.str();
    std::uint32_t kind = r.u32();
    if (kind >= static_cast<std::uint32_t>(kNodeKindCount))
      throw GraphStoreError(path.string() + ": error: bad node kind " + std::to_string(kind));
    n.kind = static_cast<NodeKind>(kind);
    n.label = r.str();
    n.text_zh = r.str();
    n.text_en = r.str();
    n.date = r.str();
    std::uint32_t attrs = r.u32();
    n.attrs.reserve(attrs);
    for (std::uint32_t a = 0; a < attrs; ++a) {
      std::string k = r.str();
      n.attrs.emplace_back(std::move(k), r.str());
    }
    n.source = read_provenance(r);
    graph.upsert_node(std::move(n));
  }
  if (graph.node_count() != nodes)
    throw GraphStoreError(path.string() + ": error: duplicate node ids in graph file");
  std::uint64_t edges = r.u64();
  for (std::uint64_t i = 0; i < edges; ++i) {
    std::uint64_t from = r.u64();
    std::uint64_t to = r.u64();
    if (from >= nodes || to >= nodes)
      throw GraphStoreError(path.string() + ": error: edge refers to a missing node");
    EdgeData e;
    e.type = r.str();
    e.provenance = read_provenance(r);
    e.note = r.str();
    graph.add_edge(from, to, std::move(e));
  }
  if (r.pos() != body)
    throw GraphStoreError(path.string() + ": error: trailing bytes after the graph");
  return graph;
}

}  // namespace regkg::graph
