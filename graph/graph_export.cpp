// GraphML, Neo4j CSV and JSON Lines writers for the knowledge graph.
#include "graph/graph_export.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace regkg::graph {

using Vertex = KnowledgeGraph::Vertex;
using Edge = KnowledgeGraph::Edge;

namespace {

// The selected vertices in vertex order, and a membership mask.
struct Selected {
  std::vector<Vertex> vertices;
  std::vector<bool> in;
};

Selected select(const KnowledgeGraph& g, const ExportSelection& s) {
  Selected out;
  out.in.assign(g.node_count(), s.all);
  if (s.all) {
    out.vertices.reserve(g.node_count());
    for (Vertex v = 0; v < g.node_count(); ++v) out.vertices.push_back(v);
    return out;
  }
  for (Vertex v : s.subset) {
    if (v >= g.node_count())
      throw std::invalid_argument("subset: vertex " + std::to_string(v) + " is not in the graph");
    out.in[v] = true;
  }
  for (Vertex v = 0; v < g.node_count(); ++v)
    if (out.in[v]) out.vertices.push_back(v);
  return out;
}

// Calls f(edge) for each edge with both ends selected, by source vertex then insertion order.
template <typename F>
void for_selected_edges(const KnowledgeGraph& g, const Selected& sel, F f) {
  const auto& bg = g.boost_graph();
  for (Vertex v : sel.vertices)
    for (auto [it, end] = boost::out_edges(v, bg); it != end; ++it)
      if (sel.in[boost::target(*it, bg)]) f(*it);
}

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
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80           ? 1
                 : (b >> 5) == 0x6  ? 2
                 : (b >> 4) == 0xE  ? 3
                 : (b >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) {
      ++i;  // a stray or truncated byte
      continue;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = true;
    for (size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid UTF-8.
    if (!ok || (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      ++i;
      continue;
    }
    bool keep = true;
    if (cp == 0) keep = false;
    if (xml10 &&
        ((cp < 0x20 && cp != 0x9 && cp != 0xA && cp != 0xD) || cp == 0xFFFE || cp == 0xFFFF))
      keep = false;
    if (keep) out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string clean = clean_text(s, true), out;
  out.reserve(clean.size() + 16);
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      // Kept as character references so attribute-value normalisation cannot fold them.
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string csv_field(std::string_view s) {
  std::string clean = clean_text(s, false), out = "\"";
  for (char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

ExportCounts write_graphml(const KnowledgeGraph& g, std::ostream& out,
                           const ExportSelection& selection) {
  Selected sel = select(g, selection);
  ExportCounts counts;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
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
  for (Vertex v : sel.vertices) {
    const NodeData& n = g.node(v);
    std::string id = xml_escape(n.id);
    out << "    <node id=\"" << id << "\"><data key=\"n_id\">" << id
        << "</data><data key=\"n_kind\">" << to_string(n.kind) << "</data><data key=\"n_label\">"
        << xml_escape(n.label) << "</data><data key=\"n_date\">" << xml_escape(n.date)
        << "</data></node>\n";
    ++counts.nodes;
  }
  const auto& bg = g.boost_graph();
  for_selected_edges(g, sel, [&](Edge e) {
    const EdgeData& d = g.edge(e);
    out << "    <edge id=\"e" << counts.edges << "\" source=\""
        << xml_escape(g.node(boost::source(e, bg)).id) << "\" target=\""
        << xml_escape(g.node(boost::target(e, bg)).id) << "\"><data key=\"e_type\">"
        << xml_escape(d.type) << "</data><data key=\"e_rule\">" << xml_escape(d.provenance.rule)
        << "</data><data key=\"e_confidence\">" << format_confidence(d.provenance.confidence)
        << "</data><data key=\"e_file\">" << xml_escape(d.provenance.file) << "</data></edge>\n";
    ++counts.edges;
  });
  out << "  </graph>\n</graphml>\n";
  out.flush();
  check_stream(out, "GraphML");
  return counts;
}

ExportCounts write_neo4j_csv(const KnowledgeGraph& g, const std::filesystem::path& dir,
                             const ExportSelection& selection) {
  Selected sel = select(g, selection);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  ExportCounts counts;
  const auto nodes_path = dir / "nodes.csv", edges_path = dir / "edges.csv";
  {
    std::ofstream out(nodes_path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + nodes_path.string());
    out << "id:ID,kind:LABEL,label,date\n";
    for (Vertex v : sel.vertices) {
      const NodeData& n = g.node(v);
      out << csv_field(n.id) << ',' << csv_field(to_string(n.kind)) << ',' << csv_field(n.label)
          << ',' << csv_field(n.date) << '\n';
      ++counts.nodes;
    }
    out.flush();
    check_stream(out, nodes_path.string());
  }
  {
    std::ofstream out(edges_path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + edges_path.string());
    out << ":START_ID,:END_ID,:TYPE,rule,confidence:float,file\n";
    const auto& bg = g.boost_graph();
    for_selected_edges(g, sel, [&](Edge e) {
      const EdgeData& d = g.edge(e);
      out << csv_field(g.node(boost::source(e, bg)).id) << ','
          << csv_field(g.node(boost::target(e, bg)).id) << ',' << csv_field(d.type) << ','
          << csv_field(d.provenance.rule) << ',' << format_confidence(d.provenance.confidence)
          << ',' << csv_field(d.provenance.file) << '\n';
      ++counts.edges;
    });
    out.flush();
    check_stream(out, edges_path.string());
  }
  return counts;
}

ExportCounts write_jsonl(const KnowledgeGraph& g, std::ostream& out,
                         const ExportSelection& selection) {
  Selected sel = select(g, selection);
  ExportCounts counts;
  rapidjson::StringBuffer buf;
  auto str = [](rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
    std::string clean = clean_text(s, false);
    w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
  };
  for (Vertex v : sel.vertices) {
    const NodeData& n = g.node(v);
    buf.Clear();
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("type");
    w.String("node");
    w.Key("id");
    str(w, n.id);
    w.Key("kind");
    str(w, to_string(n.kind));
    w.Key("label");
    str(w, n.label);
    w.Key("date");
    str(w, n.date);
    w.Key("attrs");
    w.StartObject();
    for (const auto& [k, val] : n.attrs) {
      str(w, k);
      str(w, val);
    }
    w.EndObject();
    w.EndObject();
    out << buf.GetString() << '\n';
    ++counts.nodes;
  }
  const auto& bg = g.boost_graph();
  for_selected_edges(g, sel, [&](Edge e) {
    const EdgeData& d = g.edge(e);
    buf.Clear();
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("type");
    w.String("edge");
    w.Key("source");
    str(w, g.node(boost::source(e, bg)).id);
    w.Key("target");
    str(w, g.node(boost::target(e, bg)).id);
    w.Key("edge_type");
    str(w, d.type);
    w.Key("rule");
    str(w, d.provenance.rule);
    w.Key("confidence");
    w.Double(static_cast<double>(d.provenance.confidence));
    w.Key("file");
    str(w, d.provenance.file);
    w.Key("line");
    w.Int(d.provenance.line);
    w.EndObject();
    out << buf.GetString() << '\n';
    ++counts.edges;
  });
  out.flush();
  check_stream(out, "JSON Lines");
  return counts;
}

}  // namespace regkg::graph
