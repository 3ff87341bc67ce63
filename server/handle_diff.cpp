// GET /api/v1/diff?from=VERSION&to=VERSION[&format=json|html]: what changed between two versions
// of one instrument, article by article (aligned, with a character-level diff on the original
// texts) and obligation by obligation. Errors: a missing parameter or a node that is not a version
// 400, versions of different instruments 400, an unknown id 404. The same version twice is a 200
// in which every article is unchanged; a version without article text (a draft known from facts)
// is a 200 with "comparable": false and a message saying so.
#include <cmath>

#include <httplib.h>

#include "diff/version_diff.h"
#include "diff/version_loader.h"
#include "server/api_error.h"
#include "server/diff_redline_html.h"
#include "server/handlers.h"
#include "server/json_output.h"
#include "server/route_spec.h"
#include "server/version_json.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;

KnowledgeGraph::Vertex version_param(const KnowledgeGraph& g, const std::string& id,
                                     const char* name) {
  if (id.empty())
    throw ApiError(400, "missing_parameter", std::string("parameter '") + name + "' is required",
                   {{"parameter", name}});
  auto v = g.find(id);
  if (!v)
    throw ApiError(404, "unknown_id", "no node with id '" + id + "'",
                   {{"parameter", name}, {"id", id}});
  if (g.node(*v).kind != graph::NodeKind::version)
    throw ApiError(400, "not_a_version",
                   std::string("parameter '") + name + "': '" + id + "' is a " +
                       std::string(to_string(g.node(*v).kind)) + ", not a version",
                   {{"parameter", name}, {"id", id}});
  return *v;
}

double rounded(double x) { return std::round(x * 1000.0) / 1000.0; }

void write_article_refs(JsonOutput& out, const diff::VersionText& v,
                        const std::vector<std::size_t>& idx) {
  auto& w = out.writer();
  w.StartArray();
  for (std::size_t i : idx) {
    w.StartObject();
    out.field("id", v.articles[i].id);
    out.field("label", v.articles[i].label);
    out.field("number", v.articles[i].number);
    w.EndObject();
  }
  w.EndArray();
}

void write_obligation(JsonOutput& out, const diff::VersionText& v, const diff::ObligationRef& r) {
  const diff::ArticleText& a = v.articles[r.article];
  const diff::ObligationText& o = a.obligations[r.index];
  auto& w = out.writer();
  w.StartObject();
  out.field("id", o.id);
  out.field("article", a.id);
  out.field("article_label", a.label);
  out.field("modality", o.modality);
  out.field("bearer", o.bearer);
  out.field("action", o.action);
  out.field("condition", o.condition);
  out.field("text", o.text);
  w.EndObject();
}

}  // namespace

void handle_diff(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  const std::string& from_id = params.text("from");
  const std::string& to_id = params.text("to");
  const std::string& format = params.text("format");

  const auto& snap = ctx.snapshot;
  const KnowledgeGraph& g = *snap->graph;
  KnowledgeGraph::Vertex fv = version_param(g, from_id, "from");
  KnowledgeGraph::Vertex tv = version_param(g, to_id, "to");
  diff::VersionText from = diff::load_version(g, fv);
  diff::VersionText to = diff::load_version(g, tv);
  if (from.instrument != to.instrument)
    throw ApiError(400, "different_instruments",
                   "'" + from_id + "' and '" + to_id +
                       "' are versions of different instruments ('" + from.instrument + "', '" +
                       to.instrument + "'); a diff compares versions of one instrument",
                   {{"from_instrument", from.instrument}, {"to_instrument", to.instrument}});

  std::string message;
  bool comparable = !from.articles.empty() && !to.articles.empty();
  if (!comparable) {
    const diff::VersionText& empty = from.articles.empty() ? from : to;
    message = "version '" + empty.id + "' has no article text in the corpus" +
              (empty.status == "draft" ? std::string(" (a draft known from facts: its dates and "
                                                     "lineage are recorded, its text is not)")
                                       : std::string()) +
              "; there is nothing to compare article by article";
  } else if (fv == tv) {
    message = "the same version on both sides: every article is unchanged";
  }
  // Nothing to align when one side has no text: the answer names both versions and lists no
  // article (rather than every article of the other side as added or removed).
  if (!comparable) {
    from.articles.clear();
    to.articles.clear();
  }
  diff::VersionDiff d = diff::diff_versions(std::move(from), std::move(to));
  std::string instrument_label = d.from.instrument;
  if (auto inst = g.find(d.from.instrument)) instrument_label = g.node(*inst).label;

  if (format == "html") {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                   "frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(render_redline_html(d, instrument_label, message), "text/html; charset=utf-8");
    return;
  }

  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.key("instrument");
  w.StartObject();
  out.field("id", d.from.instrument);
  out.field("label", instrument_label);
  w.EndObject();
  out.key("from");
  write_version_object(out, g, fv);
  out.key("to");
  write_version_object(out, g, tv);
  out.key("same_version");
  w.Bool(fv == tv);
  out.key("comparable");
  w.Bool(comparable);
  out.field_or_null("message", message);

  out.key("summary");
  w.StartObject();
  out.key("articles");
  w.StartObject();
  for (const auto& [k, v] : d.article_counts) out.field(k, v);
  w.EndObject();
  out.key("obligations");
  w.StartObject();
  for (const auto& [k, v] : d.obligation_counts) out.field(k, v);
  w.EndObject();
  out.key("coarse");
  w.Bool(d.coarse);
  w.EndObject();

  out.key("articles");
  w.StartArray();
  for (const diff::ArticleDiff& a : d.articles) {
    const auto& al = a.alignment;
    w.StartObject();
    out.field("status", diff::to_string(al.status));
    out.field_double("similarity", rounded(al.similarity));
    out.key("renumbered");
    w.Bool(al.renumbered);
    out.key("moved");
    w.Bool(al.moved);
    out.key("from");
    write_article_refs(out, d.from, al.from);
    out.key("to");
    write_article_refs(out, d.to, al.to);
    out.key("coarse");
    w.Bool(a.chars.coarse);
    out.key("ops");
    if (a.chars.spans.empty()) {
      w.Null();
    } else {
      w.StartArray();
      for (const diff::DiffSpan& s : a.chars.spans) {
        w.StartObject();
        out.field("op", diff::to_string(s.op));
        std::string_view text =
            s.op == diff::EditOp::remove
                ? std::string_view(a.from_text).substr(s.from_begin, s.from_end - s.from_begin)
                : std::string_view(a.to_text).substr(s.to_begin, s.to_end - s.to_begin);
        out.field("text", text);
        out.key("from");
        w.StartArray();
        w.Uint(s.from_begin);
        w.Uint(s.from_end);
        w.EndArray();
        out.key("to");
        w.StartArray();
        w.Uint(s.to_begin);
        w.Uint(s.to_end);
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();

  out.key("obligations");
  w.StartArray();
  for (const diff::ObligationDelta& o : d.obligations) {
    w.StartObject();
    out.field("change", diff::to_string(o.change));
    out.field_or_null("direction", o.direction);
    out.key("fields");
    w.StartArray();
    for (const auto& f : o.fields) out.string(f);
    w.EndArray();
    out.key("similarity");
    if (o.change == diff::ObligationChange::changed)
      w.Double(rounded(o.similarity));
    else
      w.Null();
    out.key("from");
    if (o.has_from)
      write_obligation(out, d.from, o.from);
    else
      w.Null();
    out.key("to");
    if (o.has_to)
      write_obligation(out, d.to, o.to);
    else
      w.Null();
    w.EndObject();
  }
  w.EndArray();
  out.field("snapshot", snap->id);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
