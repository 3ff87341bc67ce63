// GET /api/v1/export: the whole graph or a filtered part as GraphML, Neo4j CSV (nodes or edges),
// JSON Lines (graph::ExportStream) or schema.org JSON-LD of the instruments and versions
// (graph::JsonLdStream, @ids under the request's Host), streamed in chunks so that no answer is
// ever held whole in memory. Never cached: the route is not cacheable in the route table.
#include <memory>

#include <httplib.h>

#include "graph/graph_export.h"
#include "graph/jsonld_export.h"
#include "graph/neighborhood.h"
#include "server/api_error.h"
#include "server/graph_params.h"
#include "server/handlers.h"
#include "server/public_base_url.h"
#include "server/route_spec.h"

namespace regkg::server {

namespace {

using graph::KnowledgeGraph;

// What the streaming callback needs after the handler has returned: the snapshot (kept alive for
// the whole download, whatever reloads happen meanwhile) and the stream over its graph (one of
// the two kinds).
struct ExportDownload {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  std::unique_ptr<graph::ExportStream> stream;
  std::unique_ptr<graph::JsonLdStream> jsonld;
  std::string buffer;
  bool next() { return stream ? stream->next(buffer) : jsonld->next(buffer); }
};

}  // namespace

void handle_export(const HandlerContext& ctx, const RequestParams& params, httplib::Response& res) {
  const std::string& format = params.text("format");
  const std::string& part = params.text("part");
  if (format == "csv" && part.empty())
    throw ApiError(400, "missing_parameter",
                   "format=csv needs part=nodes or part=edges (one CSV file per request)",
                   {{"parameter", "part"}});
  if (format != "csv" && !part.empty())
    throw ApiError(400, "bad_parameter", "parameter 'part' applies to format=csv only",
                   {{"parameter", "part"}});
  if (format == "jsonld" && params.given("types"))
    throw ApiError(400, "bad_parameter",
                   "parameter 'types' does not apply to format=jsonld (its objects are "
                   "instruments and versions with their links)",
                   {{"parameter", "types"}});
  const KnowledgeGraph& g = *ctx.snapshot->graph;
  graph::TypeFilter filter;
  filter.node_kinds = kinds_param(params, "kinds");
  filter.edge_types = params.list("types");
  auto in_force = in_force_param(params, g);
  const std::string& around = params.text("around");
  if (around.empty() && params.given("depth"))
    throw ApiError(400, "bad_parameter", "parameter 'depth' applies only with 'around'",
                   {{"parameter", "depth"}});
  int depth = static_cast<int>(params.integer("depth"));

  graph::ExportSelection selection;
  selection.edge_types = filter.edge_types;
  graph::InForceFilter* in_force_ptr = in_force ? &*in_force : nullptr;
  if (!around.empty()) {
    // A part of the graph: the nodes within `depth` hops over the admitted edges and kinds.
    auto v = vertex_param(g, around, "around");
    selection.all = false;
    for (const auto& n : graph::nodes_within(g, v, depth, filter, in_force_ptr))
      selection.subset.push_back(n.vertex);
  } else if (!filter.node_kinds.empty() || in_force_ptr) {
    selection.all = false;
    for (KnowledgeGraph::Vertex v = 0; v < g.node_count(); ++v)
      if (filter.admits_node(g.node(v)) && (!in_force_ptr || in_force_ptr->node_in_force(v)))
        selection.subset.push_back(v);
  }

  graph::ExportFormat fmt = format == "graphml" ? graph::ExportFormat::graphml
                            : format == "jsonl" ? graph::ExportFormat::jsonl
                            : part == "nodes"   ? graph::ExportFormat::csv_nodes
                                                : graph::ExportFormat::csv_edges;
  const char* content_type = format == "graphml"  ? "application/graphml+xml; charset=utf-8"
                             : format == "jsonl"  ? "application/x-ndjson; charset=utf-8"
                             : format == "jsonld" ? "application/ld+json; charset=utf-8"
                                                  : "text/csv; charset=utf-8";
  std::string filename = "regkg-" + ctx.snapshot->id + (part.empty() ? "" : "-" + part) + "." +
                         (format == "csv" ? std::string("csv") : format);
  auto download = std::make_shared<ExportDownload>();
  download->snapshot = ctx.snapshot;
  if (format == "jsonld") {
    // The @id of a node is its page in the web UI under this host (as web/js/jsonld.js says).
    download->jsonld = std::make_unique<graph::JsonLdStream>(
        g,
        [base = public_base_url(params.request())](std::string_view id) {
          return node_page_url(base, id);
        },
        selection);
  } else {
    download->stream = std::make_unique<graph::ExportStream>(g, fmt, selection);
  }
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_header("X-Regkg-Snapshot", ctx.snapshot->id);
  // Chunked transfer: the length is unknown until the end. Each call sends about 64 KiB.
  res.set_chunked_content_provider(content_type, [download](size_t /*offset*/,
                                                            httplib::DataSink& sink) {
    download->buffer.clear();
    bool more = download->next();
    if (!download->buffer.empty() && !sink.write(download->buffer.data(), download->buffer.size()))
      return false;  // the client went away
    if (!more) sink.done();
    return true;
  });
}

}  // namespace regkg::server
