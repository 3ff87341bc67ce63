// GraphML, Neo4j CSV and JSON Lines writers for the knowledge graph.
#include "graph/graph_export.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "graph/adjacency_index.h"
#include "text/csv_field.h"
#include "text/markup_escape.h"
#include "text/utf8_validation.h"

namespace regkg::graph {

using text::xml_escape;
using Vertex = KnowledgeGraph::Vertex;
using Edge = KnowledgeGraph::Edge;

namespace {

std::string format_confidence(float c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", static_cast<double>(c));
  return buf;
}

void check_stream(const std::ostream& out, const std::string& what) {
  if (!out) throw std::runtime_error("write failed: " + what);
}

}  // namespace

std::string clean_text(std::string_view s, bool xml10) {
  if (xml10) return text::xml_characters(s);
  return text::keep_valid_utf8(s, [](std::string_view sequence) { return sequence[0] != '\0'; });
}

namespace {

const char* const kGraphmlHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    "  <key id=\"n_id\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/>\n"
    "  <key id=\"n_kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
    "  <key id=\"n_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "  <key id=\"n_date\" for=\"node\" attr.name=\"date\" attr.type=\"string\"/>\n"
    "  <key id=\"e_type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"e_rule\" for=\"edge\" attr.name=\"rule\" attr.type=\"string\"/>\n"
    "  <key id=\"e_confidence\" for=\"edge\" attr.name=\"confidence\" "
    "attr.type=\"double\"/>\n"
    "  <key id=\"e_file\" for=\"edge\" attr.name=\"file\" attr.type=\"string\"/>\n"
    "  <graph id=\"regkg\" edgedefault=\"directed\">\n";
const char* const kGraphmlFooter = "  </graph>\n</graphml>\n";

void json_string(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
  std::string clean = clean_text(s, false);
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

}  // namespace

ExportStream::ExportStream(const KnowledgeGraph& g, ExportFormat format,
                           const ExportSelection& selection)
    : g_(g), format_(format) {
  selected_.assign(g.node_count(), selection.all);
  if (selection.all) {
    vertices_.reserve(g.node_count());
    for (Vertex v = 0; v < g.node_count(); ++v) vertices_.push_back(v);
  } else {
    for (Vertex v : selection.subset) {
      if (v >= g.node_count())
        throw std::invalid_argument("subset: vertex " + std::to_string(v) + " is not in the graph");
      selected_[v] = true;
    }
    for (Vertex v = 0; v < g.node_count(); ++v)
      if (selected_[v]) vertices_.push_back(v);
  }
  edge_ok_ = g.adjacency().type_mask(selection.edge_types);
}

ExportStream::~ExportStream() = default;

void ExportStream::node_record(Vertex v, std::string& out) {
  const NodeData& n = g_.node(v);
  switch (format_) {
    case ExportFormat::graphml: {
      std::string id = xml_escape(n.id);
      out += "    <node id=\"";
      out += id;
      out += "\"><data key=\"n_id\">";
      out += id;
      out += "</data><data key=\"n_kind\">";
      out += to_string(n.kind);
      out += "</data><data key=\"n_label\">";
      out += xml_escape(n.label);
      out += "</data><data key=\"n_date\">";
      out += xml_escape(n.date);
      out += "</data></node>\n";
      break;
    }
    case ExportFormat::csv_nodes:
      out += text::csv_field(n.id);
      out += ',';
      out += text::csv_field(to_string(n.kind));
      out += ',';
      out += text::csv_field(n.label);
      out += ',';
      out += text::csv_field(n.date);
      out += '\n';
      break;
    case ExportFormat::jsonl: {
      rapidjson::StringBuffer buf;
      rapidjson::Writer<rapidjson::StringBuffer> w(buf);
      w.StartObject();
      w.Key("type");
      w.String("node");
      w.Key("id");
      json_string(w, n.id);
      w.Key("kind");
      json_string(w, to_string(n.kind));
      w.Key("label");
      json_string(w, n.label);
      w.Key("date");
      json_string(w, n.date);
      w.Key("attrs");
      w.StartObject();
      for (const auto& [k, val] : n.attrs) {
        json_string(w, k);
        json_string(w, val);
      }
      w.EndObject();
      w.EndObject();
      out.append(buf.GetString(), buf.GetSize());
      out += '\n';
      break;
    }
    case ExportFormat::csv_edges:
      break;
  }
}

void ExportStream::edge_record(Edge e, std::string& out) {
  const EdgeData& d = g_.edge(e);
  const auto& bg = g_.boost_graph();
  const std::string& source = g_.node(boost::source(e, bg)).id;
  const std::string& target = g_.node(boost::target(e, bg)).id;
  switch (format_) {
    case ExportFormat::graphml:
      out += "    <edge id=\"e";
      out += std::to_string(counts_.edges);
      out += "\" source=\"";
      out += xml_escape(source);
      out += "\" target=\"";
      out += xml_escape(target);
      out += "\"><data key=\"e_type\">";
      out += xml_escape(d.type);
      out += "</data><data key=\"e_rule\">";
      out += xml_escape(d.provenance.rule);
      out += "</data><data key=\"e_confidence\">";
      out += format_confidence(d.provenance.confidence);
      out += "</data><data key=\"e_file\">";
      out += xml_escape(d.provenance.file);
      out += "</data></edge>\n";
      break;
    case ExportFormat::csv_edges:
      out += text::csv_field(source);
      out += ',';
      out += text::csv_field(target);
      out += ',';
      out += text::csv_field(d.type);
      out += ',';
      out += text::csv_field(d.provenance.rule);
      out += ',';
      out += format_confidence(d.provenance.confidence);
      out += ',';
      out += text::csv_field(d.provenance.file);
      out += '\n';
      break;
    case ExportFormat::jsonl: {
      rapidjson::StringBuffer buf;
      rapidjson::Writer<rapidjson::StringBuffer> w(buf);
      w.StartObject();
      w.Key("type");
      w.String("edge");
      w.Key("source");
      json_string(w, source);
      w.Key("target");
      json_string(w, target);
      w.Key("edge_type");
      json_string(w, d.type);
      w.Key("rule");
      json_string(w, d.provenance.rule);
      w.Key("confidence");
      w.Double(static_cast<double>(d.provenance.confidence));
      w.Key("file");
      json_string(w, d.provenance.file);
      w.Key("line");
      w.Int(d.provenance.line);
      w.EndObject();
      out.append(buf.GetString(), buf.GetSize());
      out += '\n';
      break;
    }
    case ExportFormat::csv_nodes:
      break;
  }
}

bool ExportStream::next(std::string& out, size_t chunk_bytes) {
  const size_t start = out.size();
  if (chunk_bytes == 0) chunk_bytes = 1;
  auto full = [&] { return out.size() - start >= chunk_bytes; };
  const AdjacencyIndex& adj = g_.adjacency();
  while (!full()) {
    switch (phase_) {
      case Phase::header:
        if (format_ == ExportFormat::graphml) out += kGraphmlHeader;
        if (format_ == ExportFormat::csv_nodes) out += "id:ID,kind:LABEL,label,date\n";
        if (format_ == ExportFormat::csv_edges)
          out += ":START_ID,:END_ID,:TYPE,rule,confidence:float,file\n";
        phase_ = format_ == ExportFormat::csv_edges ? Phase::edges : Phase::nodes;
        vertex_pos_ = arc_pos_ = 0;
        break;
      case Phase::nodes:
        while (vertex_pos_ < vertices_.size() && !full()) {
          node_record(vertices_[vertex_pos_++], out);
          ++counts_.nodes;
        }
        if (vertex_pos_ == vertices_.size()) {
          phase_ = format_ == ExportFormat::csv_nodes ? Phase::footer : Phase::edges;
          vertex_pos_ = arc_pos_ = 0;
        }
        break;
      case Phase::edges:
        // Each edge from its source's out-arcs, by source vertex then insertion order.
        while (vertex_pos_ < vertices_.size() && !full()) {
          auto arcs = adj.out(vertices_[vertex_pos_]);
          if (arc_pos_ >= arcs.size()) {
            ++vertex_pos_;
            arc_pos_ = 0;
            continue;
          }
          const auto& a = *(arcs.begin() + arc_pos_++);
          if (!selected_[a.neighbor] || !edge_ok_[a.type]) continue;
          edge_record(adj.edge(a.edge), out);
          ++counts_.edges;
        }
        if (vertex_pos_ == vertices_.size()) phase_ = Phase::footer;
        break;
      case Phase::footer:
        if (format_ == ExportFormat::graphml) out += kGraphmlFooter;
        phase_ = Phase::done;
        break;
      case Phase::done:
        return out.size() > start;
    }
  }
  return true;
}

namespace {

ExportCounts stream_to(ExportStream& stream, std::ostream& out, const std::string& what) {
  std::string buf;
  for (;;) {
    buf.clear();
    bool more = stream.next(buf);
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    check_stream(out, what);
    if (!more) break;
  }
  out.flush();
  check_stream(out, what);
  return stream.counts();
}

}  // namespace

ExportCounts write_graphml(const KnowledgeGraph& g, std::ostream& out,
                           const ExportSelection& selection) {
  ExportStream stream(g, ExportFormat::graphml, selection);
  return stream_to(stream, out, "GraphML");
}

ExportCounts write_neo4j_csv(const KnowledgeGraph& g, const std::filesystem::path& dir,
                             const ExportSelection& selection) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  ExportCounts counts;
  for (auto [format, name] : {std::pair{ExportFormat::csv_nodes, "nodes.csv"},
                              std::pair{ExportFormat::csv_edges, "edges.csv"}}) {
    const auto path = dir / name;
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    ExportStream stream(g, format, selection);
    ExportCounts c = stream_to(stream, out, path.string());
    counts.nodes += c.nodes;
    counts.edges += c.edges;
  }
  return counts;
}

ExportCounts write_jsonl(const KnowledgeGraph& g, std::ostream& out,
                         const ExportSelection& selection) {
  ExportStream stream(g, ExportFormat::jsonl, selection);
  return stream_to(stream, out, "JSON Lines");
}

}  // namespace regkg::graph
