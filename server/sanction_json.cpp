// Sanction records for the JSON API, from a sanction node's attributes and edges.
#include "server/sanction_json.h"

#include <string>
#include <vector>

#include "server/graph_json.h"

namespace regkg::server {

namespace {
namespace sanction_json {

using graph::KnowledgeGraph;
using graph::NodeData;
using Vertex = KnowledgeGraph::Vertex;

std::string attribute(const NodeData& n, const char* key) {
  const std::string* v = n.attr(key);
  return v ? *v : std::string();
}

// A whole number written by the extractor ("500000"), or -1.
long long number_of(const NodeData& n, const char* key) {
  const std::string* v = n.attr(key);
  if (!v || v->empty() || v->size() > 18) return -1;
  long long x = 0;
  for (char c : *v) {
    if (c < '0' || c > '9') return -1;
    x = x * 10 + (c - '0');
  }
  return x;
}

void write_measures(JsonOutput& out, const NodeData& n) {
  out.key("measures");
  auto& w = out.writer();
  w.StartArray();
  const std::string m = attribute(n, "measures");
  for (size_t b = 0; b < m.size();) {
    size_t e = m.find(',', b);
    if (e == std::string::npos) e = m.size();
    if (e > b) out.string(std::string_view(m).substr(b, e - b));
    b = e + 1;
  }
  w.EndArray();
}

// {min?, max?, …, of?} from the attributes with `prefix` ("fine_" or "fine_persons_"), or null.
void write_fine(JsonOutput& out, const NodeData& n, const char* key, bool persons) {
  struct Part {
    const char* attr;
    const char* name;
  };
  const Part violator[] = {{"fine_min", "min"},
                           {"fine_max", "max"},
                           {"fine_multiple_min", "multiple_min"},
                           {"fine_multiple_max", "multiple_max"},
                           {"fine_percent_min", "percent_min"},
                           {"fine_percent_max", "percent_max"}};
  const Part responsible[] = {{"fine_persons_min", "min"}, {"fine_persons_max", "max"}};
  const Part* begin = persons ? responsible : violator;
  const Part* end = persons ? responsible + 2 : violator + 6;
  out.key(key);
  auto& w = out.writer();
  bool any = false;
  for (const Part* p = begin; p != end; ++p) any = any || number_of(n, p->attr) >= 0;
  if (!any) {
    w.Null();
    return;
  }
  w.StartObject();
  for (const Part* p = begin; p != end; ++p)
    if (long long v = number_of(n, p->attr); v >= 0)
      out.field(p->name, static_cast<std::uint64_t>(v));
  if (!persons && n.attr("fine_of")) out.field("of", attribute(n, "fine_of"));
  w.EndObject();
}

}  // namespace sanction_json
}  // namespace

std::vector<graph::KnowledgeGraph::Vertex> sanction_neighbors(
    const graph::KnowledgeGraph& g, graph::KnowledgeGraph::Vertex sanction, const char* type) {
  std::vector<graph::KnowledgeGraph::Vertex> out;
  g.for_each_out_edge(sanction,
                      [&](graph::KnowledgeGraph::Edge e, graph::KnowledgeGraph::Vertex to) {
                        if (g.edge(e).type == type) out.push_back(to);
                      });
  return out;
}

void write_sanction(JsonOutput& out, const graph::KnowledgeGraph& g,
                    graph::KnowledgeGraph::Vertex v) {
  using namespace sanction_json;
  const graph::NodeData& n = g.node(v);
  auto& w = out.writer();
  w.StartObject();
  out.field("id", n.id);
  out.field("authority", attribute(n, "authority"));
  out.key("authority_actors");
  w.StartArray();
  for (graph::KnowledgeGraph::Vertex a : sanction_neighbors(g, v, "imposed_by"))
    write_node_object(out, g.node(a));
  w.EndArray();
  write_measures(out, n);
  write_fine(out, n, "fine", false);
  write_fine(out, n, "fine_responsible_persons", true);
  out.field("condition", attribute(n, "condition"));
  out.field("enforces", attribute(n, "enforces"));
  // The articles and versions it enforces; the obligations among its targets only counted.
  out.key("enforced");
  w.StartArray();
  size_t obligations = 0;
  for (graph::KnowledgeGraph::Vertex t : sanction_neighbors(g, v, "sanctions")) {
    if (g.node(t).kind == graph::NodeKind::obligation) {
      ++obligations;
      continue;
    }
    write_node_object(out, g.node(t));
  }
  w.EndArray();
  out.field("obligations_enforced", obligations);
  out.key("text");
  w.StartObject();
  if (!n.text_zh.empty()) out.field("zh", n.text_zh);
  if (!n.text_en.empty()) out.field("en", n.text_en);
  w.EndObject();
  out.key("article");
  w.StartObject();
  if (auto av = g.find(attribute(n, "article"))) write_node_ref(out, g.node(*av));
  w.EndObject();
  out.key("instrument");
  w.StartObject();
  if (auto iv = g.find(attribute(n, "instrument"))) write_node_ref(out, g.node(*iv));
  w.EndObject();
  out.field("version", attribute(n, "version"));
  out.key("provenance");
  write_provenance(out, n.source);
  w.EndObject();
}

void write_if_violated(JsonOutput& out, const graph::KnowledgeGraph& g,
                       graph::KnowledgeGraph::Vertex obligation) {
  using namespace sanction_json;
  out.key("if_violated");
  auto& w = out.writer();
  w.StartArray();
  // Sanctions that name the obligation (through its article), in graph order, each once.
  std::vector<graph::KnowledgeGraph::Vertex> sanctions;
  g.for_each_in_edge(
      obligation, [&](graph::KnowledgeGraph::Edge e, graph::KnowledgeGraph::Vertex from) {
        if (g.edge(e).type == "sanctions" && g.node(from).kind == graph::NodeKind::sanction)
          sanctions.push_back(from);
      });
  for (graph::KnowledgeGraph::Vertex s : sanctions) {
    const graph::NodeData& n = g.node(s);
    w.StartObject();
    out.field("id", n.id);
    out.field("authority", attribute(n, "authority"));
    write_measures(out, n);
    if (long long max = number_of(n, "fine_max"); max >= 0)
      out.field("fine_max", static_cast<std::uint64_t>(max));
    out.field("condition", attribute(n, "condition"));
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace regkg::server
