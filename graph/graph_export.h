// Writes the knowledge graph, or the subgraph induced by a set of nodes, for other tools:
// GraphML (NetworkX, igraph, Gephi), Neo4j admin-import CSV (also read by pandas) and JSON Lines.
// Strings are escaped for each format and cleaned to valid UTF-8 (and, for GraphML, to the
// characters XML 1.0 allows). Read-only on the graph: safe to call concurrently.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::graph {

// Which nodes to write: all (the default) or a subset; edges are those with both ends written
// and, when `edge_types` is not empty, of one of those types. Duplicates in the subset are
// ignored. Unknown vertices throw std::invalid_argument naming "subset".
struct ExportSelection {
  bool all = true;
  std::vector<KnowledgeGraph::Vertex> subset;  // used when all == false
  std::vector<std::string> edge_types;         // empty = every type

  static ExportSelection of(std::vector<KnowledgeGraph::Vertex> vertices) {
    return {false, std::move(vertices), {}};
  }
};

struct ExportCounts {
  size_t nodes = 0;
  size_t edges = 0;
};

// GraphML 1.0, directed, parallel edges kept. Node data: id, kind, label, date; edge data: type,
// rule, confidence (double), file. The XML node id is the graph id. Throws std::runtime_error
// if the stream fails.
ExportCounts write_graphml(const KnowledgeGraph& g, std::ostream& out,
                           const ExportSelection& selection = {});

// Neo4j admin-import CSV: `dir`/nodes.csv (id:ID,kind:LABEL,label,date) and `dir`/edges.csv
// (:START_ID,:END_ID,:TYPE,rule,confidence:float,file). Every field is double-quoted (RFC 4180);
// fields may span lines, so import with --multiline-fields=true. Creates `dir` if needed; throws
// std::runtime_error naming the file on I/O failure.
ExportCounts write_neo4j_csv(const KnowledgeGraph& g, const std::filesystem::path& dir,
                             const ExportSelection& selection = {});

// JSON Lines: one object per line, nodes first ({"type":"node","id","kind","label","date",
// "attrs":{...}}) then edges ({"type":"edge","source","target","edge_type","rule","confidence",
// "file","line"}). Throws std::runtime_error if the stream fails.
ExportCounts write_jsonl(const KnowledgeGraph& g, std::ostream& out,
                         const ExportSelection& selection = {});

// What an ExportStream produces: a whole GraphML or JSON Lines document, or one of the two Neo4j
// CSV files.
enum class ExportFormat { graphml, csv_nodes, csv_edges, jsonl };

// An export produced piece by piece, so that a caller can stream it (an HTTP response) without
// ever holding the whole text: each next() call appends the next records, about `chunk_bytes`
// of them, to `out`. The text is byte for byte what the write_* functions write. Holds a
// reference to the graph, which must outlive it; one stream per thread.
class ExportStream {
 public:
  // Throws std::invalid_argument naming "subset" for an unknown vertex.
  ExportStream(const KnowledgeGraph& g, ExportFormat format, const ExportSelection& selection);
  ~ExportStream();
  ExportStream(const ExportStream&) = delete;
  ExportStream& operator=(const ExportStream&) = delete;

  // Appends the next piece; returns false once the export is complete (nothing appended then).
  bool next(std::string& out, size_t chunk_bytes = 64 * 1024);
  // Records written so far (all of them once next() returned false).
  const ExportCounts& counts() const { return counts_; }

 private:
  enum class Phase { header, nodes, edges, footer, done };
  void node_record(KnowledgeGraph::Vertex v, std::string& out);
  void edge_record(KnowledgeGraph::Edge e, std::string& out);

  const KnowledgeGraph& g_;
  ExportFormat format_;
  std::vector<KnowledgeGraph::Vertex> vertices_;  // selected, in vertex order
  std::vector<bool> selected_;
  std::vector<char> edge_ok_;  // by the adjacency index's type id
  Phase phase_ = Phase::header;
  size_t vertex_pos_ = 0, arc_pos_ = 0;
  ExportCounts counts_;
};

// Exposed for tests: `s` as valid UTF-8 (invalid bytes dropped); with xml10, also without the
// code points XML 1.0 forbids (controls other than tab, LF, CR; U+FFFE, U+FFFF), else without NUL.
// GraphML text goes through text::xml_escape (text/markup_escape.h).
std::string clean_text(std::string_view s, bool xml10);

}  // namespace regkg::graph
