// Sanction records for the JSON API, from graph/sanction_query.h's records.
#include "server/sanction_json.h"

#include <initializer_list>
#include <optional>
#include <string_view>

#include "graph/sanction_query.h"
#include "server/graph_json.h"

namespace regkg::server {

namespace {
namespace sanction_json {

using graph::KnowledgeGraph;
using graph::SanctionRecord;

// The comma-separated measures as a list, empty items skipped.
void write_measures(JsonOutput& out, std::string_view measures) {
  out.key("measures");
  auto& w = out.writer();
  w.StartArray();
  for (size_t b = 0; b < measures.size();) {
    size_t e = measures.find(',', b);
    if (e == std::string_view::npos) e = measures.size();
    if (e > b) out.string(measures.substr(b, e - b));
    b = e + 1;
  }
  w.EndArray();
}

// One amount of a fine: its JSON name and the attribute's text.
struct FinePart {
  const char* name;
  std::string_view text;
};

// {min, max, …, of} with each amount that is a number (graph::sanction_amount) and null for the
// others, or null when no amount is a number. `of` (what multiples or percents are of; null
// when none) only when `with_of`: the violator's fine has it, the persons' fine does not.
void write_fine(JsonOutput& out, const char* key, std::initializer_list<FinePart> parts,
                bool with_of, const std::optional<std::string_view>& of) {
  out.key(key);
  auto& w = out.writer();
  bool any = false;
  for (const FinePart& p : parts) any = any || graph::sanction_amount(p.text);
  if (!any) {
    w.Null();
    return;
  }
  w.StartObject();
  for (const FinePart& p : parts) {
    out.key(p.name);
    if (auto v = graph::sanction_amount(p.text))
      w.Uint64(*v);
    else
      w.Null();
  }
  if (with_of) out.field_or_null("of", of ? *of : std::string_view());
  w.EndObject();
}

}  // namespace sanction_json
}  // namespace

void write_sanction(JsonOutput& out, const graph::KnowledgeGraph& g,
                    graph::KnowledgeGraph::Vertex v) {
  using namespace sanction_json;
  const SanctionRecord r = graph::sanction_record(g, v);
  const graph::NodeData& n = *r.node;
  auto& w = out.writer();
  w.StartObject();
  out.field("id", n.id);
  out.field("authority", r.authority);
  out.key("authority_actors");
  w.StartArray();
  for (KnowledgeGraph::Vertex a : r.authority_actors) write_node_object(out, g.node(a));
  w.EndArray();
  write_measures(out, r.measures);
  write_fine(out, "fine",
             {{"min", r.fine.min},
              {"max", r.fine.max},
              {"multiple_min", r.fine.multiple_min},
              {"multiple_max", r.fine.multiple_max},
              {"percent_min", r.fine.percent_min},
              {"percent_max", r.fine.percent_max}},
             true, r.fine_of);
  write_fine(out, "fine_responsible_persons",
             {{"min", r.fine_persons_min}, {"max", r.fine_persons_max}}, false, std::nullopt);
  out.field("condition", r.condition);
  out.field("enforces", r.enforces);
  // The articles and versions it enforces; the obligations among its targets only counted.
  out.key("enforced");
  w.StartArray();
  for (KnowledgeGraph::Vertex t : r.enforced) write_node_object(out, g.node(t));
  w.EndArray();
  out.field("obligations_enforced", r.obligations_enforced.size());
  write_clause_site(out, g, n, r.article, r.instrument, r.version_id);
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
  // Sanctions that name the obligation (through its article), in the order of its in-edges.
  for (KnowledgeGraph::Vertex s : graph::sanctions_enforcing(g, obligation)) {
    const SanctionRecord r = graph::sanction_record(g, s);
    w.StartObject();
    out.field("id", r.node->id);
    out.field("authority", r.authority);
    write_measures(out, r.measures);
    out.key("fine_max");
    if (auto max = graph::sanction_amount(r.fine.max))
      w.Uint64(*max);
    else
      w.Null();
    out.field("condition", r.condition);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace regkg::server
