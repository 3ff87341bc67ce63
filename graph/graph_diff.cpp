// graph_difference: nodes matched by id, edges by (from id, to id, type), fields compared.
#include "graph/graph_diff.h"

#include <sstream>
#include <string_view>
#include <unordered_map>

namespace regkg::graph {

namespace {

std::string describe(const Provenance& p) {
  std::ostringstream out;
  out << p.file.str() << ':' << p.line << " rule=" << p.rule.str() << " conf=" << p.confidence;
  if (!p.json_path.empty()) out << " json=" << p.json_path;
  if (!p.span.empty()) out << " span=" << p.span;
  return out.str();
}

bool same(const Provenance& a, const Provenance& b) {
  return a.file.str() == b.file.str() && a.line == b.line && a.json_path == b.json_path &&
         a.rule.str() == b.rule.str() && a.confidence == b.confidence && a.span == b.span;
}

std::string clip(const std::string& s) { return s.size() <= 80 ? s : s.substr(0, 80) + "…"; }

class Recorder {
 public:
  Recorder(GraphDifference& out, size_t max_lines) : out_(out), max_(max_lines) {}
  void add(const std::string& line) {
    ++out_.count;
    if (out_.lines.size() < max_) out_.lines.push_back(line);
  }

 private:
  GraphDifference& out_;
  size_t max_;
};

void compare_nodes(const NodeData& x, const NodeData& y, Recorder& rec) {
  const std::string at = "node " + x.id + ": ";
  auto field = [&](const char* name, const std::string& a, const std::string& b) {
    if (a != b) rec.add(at + name + " '" + clip(a) + "' vs '" + clip(b) + "'");
  };
  if (x.kind != y.kind)
    rec.add(at + "kind " + std::string(to_string(x.kind)) + " vs " +
            std::string(to_string(y.kind)));
  field("label", x.label, y.label);
  field("text_zh", x.text_zh, y.text_zh);
  field("text_en", x.text_en, y.text_en);
  field("date", x.date, y.date);
  if (!same(x.source, y.source))
    rec.add(at + "source " + describe(x.source) + " vs " + describe(y.source));
  if (x.attrs != y.attrs) {
    for (const auto& [k, v] : x.attrs) {
      const std::string* other = y.attr(k);
      if (!other)
        rec.add(at + "attribute " + k + " only in the first ('" + clip(v) + "')");
      else if (*other != v)
        rec.add(at + "attribute " + k + " '" + clip(v) + "' vs '" + clip(*other) + "'");
    }
    for (const auto& [k, v] : y.attrs)
      if (!x.attr(k)) rec.add(at + "attribute " + k + " only in the second ('" + clip(v) + "')");
  }
}

std::string edge_key(const KnowledgeGraph& g, KnowledgeGraph::Edge e) {
  const auto& bg = g.boost_graph();
  std::string key = g.node(boost::source(e, bg)).id;
  key += " -";
  key += g.edge(e).type;
  key += "-> ";
  key += g.node(boost::target(e, bg)).id;
  return key;
}

}  // namespace

GraphDifference graph_difference(const KnowledgeGraph& a, const KnowledgeGraph& b,
                                 size_t max_lines) {
  GraphDifference out;
  Recorder rec(out, max_lines);
  const auto& ga = a.boost_graph();
  const auto& gb = b.boost_graph();
  for (auto [it, end] = boost::vertices(ga); it != end; ++it) {
    const NodeData& x = a.node(*it);
    if (auto v = b.find(x.id))
      compare_nodes(x, b.node(*v), rec);
    else
      rec.add("node " + x.id + " only in the first (" + describe(x.source) + ")");
  }
  for (auto [it, end] = boost::vertices(gb); it != end; ++it)
    if (!a.find(b.node(*it).id))
      rec.add("node " + b.node(*it).id + " only in the second (" + describe(b.node(*it).source) +
              ")");

  std::unordered_map<std::string, KnowledgeGraph::Edge> edges_b;
  edges_b.reserve(b.edge_count());
  for (auto [it, end] = boost::edges(gb); it != end; ++it) edges_b.emplace(edge_key(b, *it), *it);
  for (auto [it, end] = boost::edges(ga); it != end; ++it) {
    std::string key = edge_key(a, *it);
    auto found = edges_b.find(key);
    const EdgeData& x = a.edge(*it);
    if (found == edges_b.end()) {
      rec.add("edge " + key + " only in the first (" + describe(x.provenance) + ")");
      continue;
    }
    const EdgeData& y = b.edge(found->second);
    if (!same(x.provenance, y.provenance))
      rec.add("edge " + key + ": provenance " + describe(x.provenance) + " vs " +
              describe(y.provenance));
    if (x.note != y.note)
      rec.add("edge " + key + ": note '" + clip(x.note) + "' vs '" + clip(y.note) + "'");
    edges_b.erase(found);
  }
  for (const auto& [key, e] : edges_b)
    rec.add("edge " + key + " only in the second (" + describe(b.edge(e).provenance) + ")");
  return out;
}

}  // namespace regkg::graph
