// Shared JSON writers for nodes and provenance.
#include "server/graph_json.h"

#include <algorithm>

namespace regkg::server {

void write_node_ref(JsonOutput& out, const graph::NodeData& n) {
  out.field("id", n.id);
  out.field("kind", graph::to_string(n.kind));
  out.field("label", n.label);
  out.field_or_null("date", n.date);
}

void write_node_object(JsonOutput& out, const graph::NodeData& n) {
  out.writer().StartObject();
  write_node_ref(out, n);
  out.writer().EndObject();
}

void write_provenance(JsonOutput& out, const graph::Provenance& p) {
  auto& w = out.writer();
  w.StartObject();
  out.field("file", p.file);
  out.field("line", static_cast<std::uint64_t>(std::max(0, p.line)));
  out.field("json_path", p.json_path);
  out.field("rule", p.rule);
  out.field_double("confidence", static_cast<double>(p.confidence));
  out.field_or_null("span", p.span);
  w.EndObject();
}

void write_clause_site(JsonOutput& out, const graph::KnowledgeGraph& g, const graph::NodeData& n,
                       std::optional<graph::KnowledgeGraph::Vertex> article,
                       std::optional<graph::KnowledgeGraph::Vertex> instrument,
                       std::string_view version_id) {
  auto& w = out.writer();
  out.key("text");
  w.StartObject();
  out.field_or_null("zh", n.text_zh);
  out.field_or_null("en", n.text_en);
  w.EndObject();
  out.key("article");
  if (article)
    write_node_object(out, g.node(*article));
  else
    w.Null();
  out.key("instrument");
  if (instrument)
    write_node_object(out, g.node(*instrument));
  else
    w.Null();
  out.field("version", version_id);
}

}  // namespace regkg::server
