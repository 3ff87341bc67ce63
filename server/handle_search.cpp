// GET /api/v1/search: full-text search with filters, facets and highlighted snippets.
#include <httplib.h>

#include "graph/in_force.h"
#include "index/search_fields.h"

#include "server/api_error.h"
#include "server/facet_labels.h"
#include "server/handlers.h"
#include "server/json_output.h"
#include "server/route_spec.h"
#include "server/work_gate.h"

namespace regkg::server {

void handle_search(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  index::SearchRequest sr;
  sr.query = params.text("q");
  // The filters of the search field table, each from its parameter.
  for (const index::SearchField& f : index::kSearchFields)
    if (f.http_param) sr.*f.filter = params.text(f.http_param);
  if (sr.actor.rfind("actor/", 0) == 0) sr.actor = sr.actor.substr(6);
  bool any_filter = false;
  for (const index::SearchField& f : index::kSearchFields)
    any_filter = any_filter || (f.filter && !(sr.*f.filter).empty());
  if (!sr.year.empty() &&
      (sr.year.size() != 4 || sr.year.find_first_not_of("0123456789") != std::string::npos))
    throw ApiError(400, "bad_parameter",
                   "parameter 'year' must be four digits, got '" + sr.year + "'",
                   {{"parameter", "year"}, {"value", sr.year}});
  sr.from = params.text("from");
  sr.to = params.text("to");
  if (!sr.from.empty() && !sr.to.empty() && sr.from > sr.to)
    throw ApiError(400, "bad_parameter", "'from' (" + sr.from + ") is after 'to' (" + sr.to + ")",
                   {{"parameter", "from"}});
  sr.limit = static_cast<unsigned>(params.integer("limit"));
  sr.offset = static_cast<unsigned>(params.integer("offset"));
  std::string in_force_on = params.text("in_force_on");
  bool trimmed_empty = sr.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (trimmed_empty) sr.query.clear();
  if (sr.query.empty() && !any_filter && sr.from.empty() && sr.to.empty() && in_force_on.empty())
    throw ApiError(400, "missing_parameter", "give a query 'q' or at least one filter",
                   {{"parameter", "q"}});

  const auto& snap = ctx.snapshot;
  if (!in_force_on.empty()) {
    // Texts in force on the date: leave out the documents of every other version (and
    // instruments with no version in force), decided by the graph's point-in-time rules.
    graph::InForceFilter filter(*snap->graph, in_force_on);
    graph::NotInForce excluded = graph::not_in_force(*snap->graph, filter);
    sr.exclude_versions = std::move(excluded.versions);
    sr.exclude_instruments = std::move(excluded.instruments);
  }
  sr.time_budget = ctx.search_time_budget;
  index::SearchResult result;
  try {
    // A search the budget estimates slow runs in a slot of the gate's slow lane, or not at all
    // (503 busy): slow searches cannot take every Xapian handle and core from the cheap ones.
    if (ctx.gate && ctx.gate->slots(WorkGate::Lane::slow_search) > 0)
      sr.admit = [&ctx](double cost) {
        return cost >= ctx.slow_search_cost ? ctx.gate->enter(WorkGate::Lane::slow_search)
                                            : WorkGate::Ticket();
      };
    result = snap->searcher->search(sr);
  } catch (const index::QuerySyntaxError& e) {
    throw ApiError(400, "bad_query", std::string("query syntax error: ") + e.what(),
                   {{"parameter", "q"}, {"query", e.query()}});
  } catch (const index::QueryTooComplex& e) {
    throw ApiError(400, "query_too_complex", e.what(),
                   {{"parameter", "q"},
                    {"limit", e.limit()},
                    {"max", std::to_string(e.max())},
                    {"got", std::to_string(e.got())}});
  }

  const graph::KnowledgeGraph& g = *snap->graph;
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("query", sr.query);
  out.field("total", result.total);
  w.Key("total_exact");
  w.Bool(result.total_exact);
  // Plain words that matched too little together: these are the matches of any of them.
  w.Key("relaxed");
  w.Bool(result.relaxed);
  w.Key("truncated");
  w.Bool(result.truncated);
  w.Key("concepts");
  w.StartArray();
  for (const auto& c : result.concepts)
    w.String(c.c_str(), static_cast<rapidjson::SizeType>(c.size()));
  w.EndArray();
  // The query with unknown English words spelled as the index spells them, when that differs.
  out.field_or_null("did_you_mean", result.did_you_mean);
  out.field("offset", sr.offset);
  out.field("limit", sr.limit);
  out.field_or_null("in_force_on", in_force_on);
  out.field("snapshot", snap->id);
  w.Key("results");
  w.StartArray();
  for (const auto& hit : result.hits) {
    w.StartObject();
    out.field("id", hit.id);
    out.field("kind", hit.kind);
    out.field("title", hit.title);
    out.key("instrument");
    if (hit.instrument_id.empty()) {
      w.Null();
    } else {
      w.StartObject();
      out.field("id", hit.instrument_id);
      out.field("title", hit.instrument_title);
      w.EndObject();
    }
    out.field_or_null("version", hit.version_id);
    out.field_or_null("article_label", hit.article_label);
    out.field_or_null("date", hit.date);
    out.field_or_null("jurisdiction", hit.jurisdiction);
    out.field("snippet", hit.snippet);
    out.field_double("score", hit.score);
    w.EndObject();
  }
  w.EndArray();
  w.Key("facets");
  w.StartObject();
  for (const auto& [name, values] : result.facets) {
    out.key(name);
    w.StartArray();
    for (const auto& v : values) {
      w.StartObject();
      out.field("value", v.value);
      const FacetLabel label = facet_label(g, name, v.value);
      out.field("label", label.label);
      out.field_or_null("label_zh", label.zh);
      out.field_or_null("label_en", label.en);
      out.field("count", v.count);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
