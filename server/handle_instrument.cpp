// GET /api/v1/instruments/{id}: an instrument with all its versions (dates, status, lineage) and,
// with as_of=YYYY-MM-DD, the version in force that day, or that none was and the nearest versions
// before and after.
#include <httplib.h>

#include "graph/in_force.h"
#include "graph/version_history.h"
#include "graph/vocabulary.h"
#include "server/api_error.h"
#include "server/graph_json.h"
#include "server/handlers.h"
#include "server/json_output.h"
#include "server/route_spec.h"
#include "server/version_json.h"
#include "text/utf8_validation.h"

namespace regkg::server {

void handle_instrument(const HandlerContext& ctx, const RequestParams& params,
                       httplib::Response& res) {
  const std::string& id = params.text("id");
  if (id.empty() || !text::is_valid_utf8(id) || id.size() > 1024)
    throw ApiError(400, "bad_parameter",
                   "the instrument id in the path is empty, too long or not UTF-8",
                   {{"parameter", "id"}});
  const std::string& as_of = params.text("as_of");

  const auto& snap = ctx.snapshot;
  const graph::KnowledgeGraph& g = *snap->graph;
  auto v = g.find(id);
  if (!v) throw ApiError(404, "unknown_id", "no node with id '" + id + "'", {{"id", id}});
  const graph::NodeData& n = g.node(*v);
  if (n.kind != graph::NodeKind::instrument) {
    std::map<std::string, std::string> details{{"id", id},
                                               {"kind", std::string(to_string(n.kind))}};
    std::string hint;
    if (const std::string* inst = n.attr(graph::attr::kInstrument)) {
      details["instrument"] = *inst;
      hint = "; its instrument is '" + *inst + "'";
    }
    throw ApiError(
        400, "not_an_instrument",
        "'" + id + "' is a " + std::string(to_string(n.kind)) + ", not an instrument" + hint,
        details);
  }

  std::vector<graph::VersionEntry> versions = graph::versions_of(g, *v);
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.key("instrument");
  w.StartObject();
  write_node_ref(out, n);
  out.key("attributes");
  w.StartObject();
  for (const auto& [k, val] : n.attrs) out.field(k, val);
  w.EndObject();
  w.EndObject();
  out.field_or_null("as_of", as_of);

  out.key("versions");
  w.StartArray();
  std::optional<graph::InForceFilter> filter;
  if (!as_of.empty()) filter.emplace(g, as_of);
  for (const auto& ve : versions)
    write_version_object(
        out, g, ve.vertex,
        filter ? std::optional<bool>(filter->version_in_force(ve.vertex)) : std::nullopt);
  w.EndArray();

  // Consecutive versions by date, for diff links.
  out.key("diffs");
  w.StartArray();
  for (size_t k = 1; k < versions.size(); ++k) {
    w.StartObject();
    out.field("from", versions[k - 1].id);
    out.field("to", versions[k].id);
    w.EndObject();
  }
  w.EndArray();

  out.key("point_in_time");
  if (as_of.empty()) {
    w.Null();
  } else {
    graph::PointInTime pit = graph::version_at(g, *v, as_of);
    w.StartObject();
    out.field("date", as_of);
    auto version_or_null = [&](const char* key, const std::optional<graph::VersionEntry>& e) {
      out.key(key);
      if (e)
        write_version_object(out, g, e->vertex);
      else
        w.Null();
    };
    version_or_null("in_force", pit.in_force);
    version_or_null("nearest_earlier", pit.nearest_earlier);
    version_or_null("nearest_later", pit.nearest_later);
    std::string message;
    if (pit.in_force)
      message = "version " + pit.in_force->id + " was in force on " + as_of;
    else if (pit.nearest_earlier)
      message = "no version was in force on " + as_of + " (the last one to take effect before, " +
                pit.nearest_earlier->id + ", had ceased)";
    else if (pit.nearest_later)
      message = "no version was in force on " + as_of + ": the first took effect on " +
                pit.nearest_later->effective;
    else
      message = "no version of this instrument has an effective date";
    out.field("message", message);
    w.EndObject();
  }
  out.field("snapshot", snap->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
