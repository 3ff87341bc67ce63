// Binary serialization of the knowledge graph, checked by a trailing checksum.
//
// Format (version 4; 3 added Provenance::span, 4 the sanction node kind): magic "REGKGGRF", u32
// version, string table (u32 count, then u32 length + bytes each), u64 node count, nodes, u64 edge
// count, edges, u64 checksum of all preceding bytes. Low-cardinality strings (provenance file,
// rule, JSON path, edge type, dates, attribute keys and values) are written once in the table and
// referenced by u32 index; ids, labels and texts inline.
#include "graph/graph_store.h"

#include "graph/flat_hash_index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <fstream>
#include <ostream>
#include <thread>
#include <unordered_map>

namespace regkg::graph {

namespace {

constexpr char kMagic[8] = {'R', 'E', 'G', 'K', 'G', 'G', 'R', 'F'};

// FNV-1a over 64-bit words (then the tail bytes): fast, and enough to detect corruption.
// Fed in pieces, it gives the same value as over their concatenation (words span the pieces).
class Checksum {
 public:
  void add(const char* data, size_t n) {
    size_t i = 0;
    if (carried_ > 0) {
      while (carried_ < 8 && i < n) carry_[carried_++] = data[i++];
      if (carried_ < 8) return;
      word(carry_);
      carried_ = 0;
    }
    for (; i + 8 <= n; i += 8) word(data + i);
    for (; i < n; ++i) carry_[carried_++] = data[i];
  }
  std::uint64_t value() const {
    std::uint64_t h = h_;
    for (size_t i = 0; i < carried_; ++i) h = (h ^ static_cast<unsigned char>(carry_[i])) * kPrime;
    return h;
  }

 private:
  static constexpr std::uint64_t kPrime = 1099511628211ULL;
  void word(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h_ = (h_ ^ w) * kPrime;
  }
  std::uint64_t h_ = 1469598103934665603ULL;
  char carry_[8] = {};
  size_t carried_ = 0;
};

std::uint64_t checksum(const char* data, size_t n) {
  Checksum c;
  c.add(data, n);
  return c.value();
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
  // A string from the shared table. The table keeps views of the graph's strings: the graph
  // outlives the writer.
  void sym(const std::string& s) { u32(index_of(s)); }
  // The same for an interned string, found by its address after its first time.
  void sym(const Symbol& s) {
    auto [it, added] = symbol_index_.try_emplace(&s.str(), 0);
    if (added) it->second = index_of(s.str());
    u32(it->second);
  }
  void reserve(size_t bytes) { buf_.reserve(bytes); }
  void raw(const void* p, size_t n) { buf_.append(static_cast<const char*>(p), n); }

  // Writes magic, version, string table, the body and the checksum to `out`, without first
  // joining them into one more copy of the whole graph.
  void write_to(std::ostream& out) {
    std::string head(kMagic, sizeof kMagic);
    auto put32 = [&head](std::uint32_t v) {
      head.append(reinterpret_cast<const char*>(&v), sizeof v);
    };
    put32(kGraphFormatVersion);
    put32(static_cast<std::uint32_t>(strings_.size()));
    for (std::string_view s : strings_) {
      put32(static_cast<std::uint32_t>(s.size()));
      head.append(s);
    }
    Checksum sum;
    sum.add(head.data(), head.size());
    sum.add(buf_.data(), buf_.size());
    std::uint64_t value = sum.value();
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
    out.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    out.write(reinterpret_cast<const char*>(&value), sizeof value);
  }

 private:
  std::string buf_;
  std::uint32_t index_of(const std::string& s) {
    const std::uint64_t h = KeyIndex::hash(s);
    std::uint32_t index = 0;
    if (!table_.find(
            s, h, [this](std::uint32_t i) { return strings_[i]; }, index)) {
      index = static_cast<std::uint32_t>(strings_.size());
      strings_.emplace_back(s);
      table_.insert(h, index, [this](std::uint32_t i) { return KeyIndex::hash(strings_[i]); });
    }
    return index;
  }

  KeyIndex table_;
  std::vector<std::string_view> strings_;
  std::unordered_map<const std::string*, std::uint32_t> symbol_index_;
};

// A read-only mapping of a whole file, unmapped on destruction.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw GraphStoreError(path.string() + ": error: cannot open graph file");
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      throw GraphStoreError(path.string() + ": error: cannot read graph file");
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        ::close(fd);
        throw GraphStoreError(path.string() + ": error: cannot map graph file");
      }
      data_ = static_cast<const char*>(p);
      ::madvise(p, size_, MADV_SEQUENTIAL);
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const char* data() const { return data_ ? data_ : ""; }
  size_t size() const { return size_; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

class Reader {
 public:
  // Reads from `pos`; a reader started inside the body shares the string table of the one that
  // read it (`table`, which must outlive it).
  Reader(const char* buf, size_t end, const std::filesystem::path& path, size_t pos = sizeof kMagic,
         const std::vector<std::string>* table = nullptr)
      : buf_(buf), end_(end), pos_(pos), path_(path), table_(table ? table : &own_table_) {}
  std::uint32_t u32() { return pod<std::uint32_t>(); }
  std::uint64_t u64() { return pod<std::uint64_t>(); }
  float f32() { return pod<float>(); }
  std::string str() {
    std::uint32_t n = u32();
    need(n);
    std::string s(buf_ + pos_, n);
    pos_ += n;
    return s;
  }
  void skip_str() { skip(u32()); }
  void skip(size_t n) {
    need(n);
    pos_ += n;
  }
  void read_table() {
    std::uint32_t n = u32();
    if (n > (end_ - pos_) / 4) fail("string table larger than the file");
    own_table_.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) own_table_.push_back(str());
    table_ = &own_table_;
  }
  const std::vector<std::string>& table() const { return *table_; }
  const std::string& sym() {
    std::uint32_t i = u32();
    if (i >= table_->size()) fail("string index " + std::to_string(i) + " out of range");
    return (*table_)[i];
  }
  size_t pos() const { return pos_; }
  [[noreturn]] void fail(const std::string& what) const {
    throw GraphStoreError(path_.string() + ": error: " + what + " (byte " + std::to_string(pos_) +
                          ")");
  }

 private:
  template <typename T>
  T pod() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, buf_ + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  void need(size_t n) {
    if (n > end_ - pos_) fail("graph file is truncated");
  }
  const char* buf_;
  size_t end_;
  size_t pos_;
  const std::filesystem::path& path_;
  std::vector<std::string> own_table_;
  const std::vector<std::string>* table_;
};

void write_provenance(Writer& w, const Provenance& p) {
  w.sym(p.file);
  w.u32(static_cast<std::uint32_t>(p.line));
  w.sym(p.json_path);
  w.sym(p.rule);
  w.f32(p.confidence);
  w.sym(p.span);
}

Provenance read_provenance(Reader& r) {
  Provenance p;
  p.file = r.sym();
  p.line = static_cast<int>(r.u32());
  p.json_path = r.sym();
  p.rule = r.sym();
  p.confidence = r.f32();
  p.span = r.sym();
  return p;
}

// Steps over one node as save_graph writes it (id, kind, label, two texts, date, attributes,
// provenance) without decoding it: how the edge reader finds where the edges begin.
void skip_node(Reader& r) {
  r.skip_str();  // id
  r.skip(4);     // kind
  r.skip_str();  // label
  r.skip_str();  // text_zh
  r.skip_str();  // text_en
  r.skip(4);     // date (table index)
  std::uint32_t attrs = r.u32();
  if (attrs > 4096) r.fail("too many attributes");
  r.skip(8 * static_cast<size_t>(attrs));  // key and value (table indexes)
  r.skip(24);  // provenance: file, line, json_path, rule, confidence, span
}

struct PendingEdge {
  std::uint64_t from, to;
  EdgeData data;
};

}  // namespace

void save_graph(const KnowledgeGraph& graph, const std::filesystem::path& path) {
  Writer w;
  const auto& g = graph.boost_graph();
  {  // the body's size, near enough: it is built in one buffer that then never grows
    size_t bytes = 16;
    for (auto [it, end] = boost::vertices(g); it != end; ++it) {
      const NodeData& n = g[*it];
      bytes += 64 + n.id.size() + n.label.size() + n.text_zh.size() + n.text_en.size() +
               8 * n.attrs.size();
    }
    for (auto [it, end] = boost::edges(g); it != end; ++it) bytes += 48 + g[*it].note.size();
    w.reserve(bytes);
  }
  w.u64(graph.node_count());
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const NodeData& n = g[*it];
    w.str(n.id);
    w.u32(static_cast<std::uint32_t>(n.kind));
    w.str(n.label);
    w.str(n.text_zh);
    w.str(n.text_en);
    w.sym(n.date);
    w.u32(static_cast<std::uint32_t>(n.attrs.size()));
    for (const auto& [k, v] : n.attrs) {
      w.sym(k);
      w.sym(v);
    }
    write_provenance(w, n.source);
  }
  w.u64(graph.edge_count());
  // Edges in global insertion order (the adjacency_list's edge list), so a reload reproduces both
  // out-edge and in-edge iteration order.
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const EdgeData& e = g[*it];
    w.u64(boost::source(*it, g));
    w.u64(boost::target(*it, g));
    w.sym(e.type);
    write_provenance(w, e.provenance);
    w.str(e.note);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  w.write_to(out);
  out.flush();
  if (!out) throw GraphStoreError(path.string() + ": error: cannot write graph file");
}

KnowledgeGraph load_graph(const std::filesystem::path& path) {
  KnowledgeGraph graph;
  load_graph(path, graph);
  return graph;
}

void load_graph(const std::filesystem::path& path, KnowledgeGraph& graph) {
  if (graph.node_count() != 0)
    throw GraphStoreError(path.string() + ": error: load into a non-empty graph");
  // Mapped rather than read: the kernel's copy of a file this size into a buffer cost a fifth of
  // the load time.
  MappedFile file(path);
  const char* buf = file.data();
  const size_t size = file.size();
  if (size < sizeof kMagic + 4 + 8 || std::memcmp(buf, kMagic, sizeof kMagic) != 0)
    throw GraphStoreError(path.string() + ": error: not a regkg graph file");
  // The version first: an older format is reported as such, not as corruption.
  std::uint32_t version;
  std::memcpy(&version, buf + sizeof kMagic, sizeof version);
  if (version != kGraphFormatVersion)
    throw GraphStoreError(path.string() + ": error: graph format version " +
                          std::to_string(version) + ", expected " +
                          std::to_string(kGraphFormatVersion) + " (re-run regkg ingest)");
  size_t body = size - sizeof(std::uint64_t);
  std::uint64_t stored;
  std::memcpy(&stored, buf + body, sizeof stored);
  if (stored != checksum(buf, body))
    throw GraphStoreError(path.string() + ": error: graph file checksum mismatch (corrupt)");

  Reader r(buf, body, path);
  r.u32();  // the version, checked above
  r.read_table();
  std::uint64_t nodes = r.u64();
  if (nodes > body / 16) r.fail("node count larger than the file");
  // The edges are decoded on a second thread (which first steps over the nodes) while this one
  // puts the nodes into the graph; they are appended once both are done.
  std::vector<PendingEdge> pending;
  std::exception_ptr edge_failure;
  const size_t nodes_begin = r.pos();  // taken before `r` moves on
  std::thread edge_reader([&] {
    try {
      Reader e(buf, body, path, nodes_begin, &r.table());
      for (std::uint64_t i = 0; i < nodes; ++i) skip_node(e);
      std::uint64_t edges = e.u64();
      if (edges > body / 32) e.fail("edge count larger than the file");
      pending.reserve(edges);
      for (std::uint64_t i = 0; i < edges; ++i) {
        std::uint64_t from = e.u64();
        std::uint64_t to = e.u64();
        if (from >= nodes || to >= nodes) e.fail("edge refers to a missing node");
        PendingEdge p{from, to, {}};
        p.data.type = e.sym();
        p.data.provenance = read_provenance(e);
        p.data.note = e.str();
        pending.push_back(std::move(p));
      }
      if (e.pos() != body) e.fail("trailing bytes after the graph");
    } catch (...) {
      edge_failure = std::current_exception();
    }
  });
  // Joined on every way out of the node loop.
  struct JoinGuard {
    std::thread& t;
    ~JoinGuard() {
      if (t.joinable()) t.join();
    }
  } join_guard{edge_reader};
  // With room to spare: a server that loads this graph and later builds the next one itself
  // (serve --follow) hands this storage on to it (KnowledgeGraph::spare_vertex_bytes).
  graph.reserve(KnowledgeGraph::rebuild_capacity(nodes));
  for (std::uint64_t i = 0; i < nodes; ++i) {
    NodeData n;
    n.id = r.str();
    std::uint32_t kind = r.u32();
    if (kind >= static_cast<std::uint32_t>(kNodeKindCount))
      r.fail("bad node kind " + std::to_string(kind));
    n.kind = static_cast<NodeKind>(kind);
    n.label = r.str();
    n.text_zh = r.str();
    n.text_en = r.str();
    n.date = r.sym();
    std::uint32_t attrs = r.u32();
    if (attrs > 4096) r.fail("too many attributes");
    n.attrs.reserve(attrs);
    for (std::uint32_t a = 0; a < attrs; ++a) {
      const std::string& k = r.sym();
      n.attrs.emplace_back(k, r.sym());
    }
    n.source = read_provenance(r);
    if (!graph.append_node_unchecked(std::move(n))) r.fail("duplicate node id");
  }
  edge_reader.join();
  if (edge_failure) std::rethrow_exception(edge_failure);
  for (PendingEdge& e : pending) graph.append_edge_unchecked(e.from, e.to, std::move(e.data));
}

}  // namespace regkg::graph
