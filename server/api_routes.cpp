// The route table: one row per route of the JSON API, each with its handler, its typed
// parameters and its answer's schema (notation: schema_notation.h; components: openapi_document
// .cpp). To add a route: write its handler (handle_<route>.cpp), declare it and add its row here,
// and test it; the server validates its parameters and the OpenAPI document lists it from the row.
#include "server/api_routes.h"

#include <httplib.h>

#include "graph/citation_network.h"
#include "graph/neighborhood.h"
#include "graph/path_finder.h"
#include "index/search_fields.h"

namespace regkg::server {

// The handlers, one per route (handle_*.cpp), named after it; only this table calls them.
void handle_healthz(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_openapi(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_search(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_suggest(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_node(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_neighbors(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_neighborhood(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_paths(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_obligations(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_sanctions(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_actor(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_citations(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_citations_unresolved(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_citations_graph(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_rankings_cited(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_instrument(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_diff(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_export(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_feed(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_admin_reload(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_admin_snapshot(const HandlerContext&, const RequestParams&, httplib::Response&);
void handle_admin_snapshot_file(const HandlerContext&, const RequestParams&, httplib::Response&);

namespace {

// Parameter builders (the table reads as name, limits, description).
ParamSpec spec_text(const char* name, std::size_t max_bytes, const char* description) {
  ParamSpec p{name, ParamType::string, description};
  p.max_bytes = max_bytes;
  return p;
}
ParamSpec spec_list(const char* name, std::size_t max_bytes, const char* description) {
  ParamSpec p = spec_text(name, max_bytes, description);
  p.type = ParamType::list;
  return p;
}
ParamSpec spec_integer(const char* name, std::uint64_t fallback, std::uint64_t min,
                       std::uint64_t max, const char* description) {
  ParamSpec p{name, ParamType::integer, description};
  p.default_number = fallback;
  p.min = min;
  p.max = max;
  return p;
}
ParamSpec spec_date(const char* name, const char* description) {
  return {name, ParamType::date, description};
}
ParamSpec spec_choice(const char* name, const char* choices, const char* description) {
  ParamSpec p{name, ParamType::choice, description};
  p.choices = choices;
  return p;
}
ParamSpec spec_path_id(const char* description, const char* example) {
  ParamSpec p{"id", ParamType::string, description};
  p.in_path = true;
  p.required = true;
  p.max_bytes = 1024;
  p.example = example;
  return p;
}
ParamSpec required_param(ParamSpec p) {
  p.required = true;
  return p;
}
ParamSpec with_default(ParamSpec p, const char* fallback) {
  p.default_text = fallback;
  return p;
}
ParamSpec with_example(ParamSpec p, const char* value) {
  p.example = value;
  return p;
}

// Shared by many routes: defined once here.
ParamSpec spec_in_force_on(const char* description) {
  return spec_date("in_force_on", description);
}
ParamSpec spec_node_id(const char* name, const char* description) {
  return with_example(required_param(spec_text(name, 1024, description)),
                      "cn/generative-ai-measures");
}
ParamSpec spec_list_limit(std::uint64_t fallback, std::uint64_t min = 0) {
  return spec_integer("limit", fallback, min, kListMaxLimit, "Page size");
}
ParamSpec spec_list_offset() {
  return spec_integer("offset", 0, 0, kListMaxOffset, "Items to skip; not with cursor");
}
ParamSpec spec_cursor() {
  return spec_text("cursor", 512,
                   "Opaque cursor from a previous answer's next_cursor (same filters, same "
                   "snapshot); not with offset. A cursor from another snapshot is a 400 "
                   "cursor_expired: start again from the first page");
}
ParamSpec spec_edge_types(const char* name, const char* description) {
  return with_example(spec_list(name, 512, description), "cites,legal_basis");
}
ParamSpec spec_node_kinds(const char* name, const char* description) {
  return with_example(spec_list(name, 256, description), "instrument,version");
}
const char* const kModalities = index::kModalityChoices;

// The search route's parameters: the query, the filters of the search field table
// (index/search_fields.h) in its order, then dates, paging and the point in time.
std::vector<ParamSpec> search_params() {
  std::vector<ParamSpec> params = {
      with_example(spec_text("q", kQueryMaxBytes,
                             "Query: AND OR NOT, \"phrases\", prefixes title: kind: instrument: "
                             "version: jurisdiction: lang: issuer: modality: actor: year: id:, "
                             "date:YYYY-MM-DD..YYYY-MM-DD"),
                   "安全评估")};
  for (const index::SearchField& f : index::kSearchFields) {
    if (!f.http_param) continue;
    params.push_back(f.http_choices
                         ? spec_choice(f.http_param, f.http_choices, f.http_description)
                         : spec_text(f.http_param, f.http_max_bytes, f.http_description));
  }
  for (ParamSpec p :
       {spec_date("from", "Earliest date (inclusive)"), spec_date("to", "Latest date (inclusive)"),
        spec_integer("limit", kSearchDefaultLimit, 0, kSearchMaxLimit, "Page size"),
        spec_integer("offset", 0, 0, kSearchMaxOffset, "Results to skip"),
        spec_in_force_on("Only documents of texts in force on that date (versions in force, their "
                         "articles, instruments with a version in force; news always)")})
    params.push_back(p);
  return params;
}
// The sanction measures (tests/gold/CONVENTIONS-blind.md, part B;
// ingest/extract/sanction_extractor).
const char* const kSanctionMeasures =
    "order_to_rectify|warning|confiscation|fine|fine_responsible_persons|suspension|"
    "licence_revocation|service_termination|ban_from_office|public_record|criminal_liability|"
    "administrative_penalty_for_public_security|civil_liability|sanction_of_officials|other";

// Heavy requests (server/work_gate.h): an export always; a neighbourhood of depth 3 or of more
// than 1,000 nodes; paths longer than 4 hops or more than 3 of them.
bool heavy_export(const RequestParams&) { return true; }
bool heavy_neighborhood(const RequestParams& p) {
  return p.integer("depth") >= 3 || p.integer("limit") > 1000;
}
bool heavy_paths(const RequestParams& p) {
  return p.integer("max_length") > 4 || p.integer("k") > 3;
}

}  // namespace

const std::vector<RouteSpec>& api_routes() {
  static const std::vector<RouteSpec> routes = {
      {"GET",
       "/healthz",
       "getHealth",
       "Liveness and the snapshot being served",
       handle_healthz,
       {},
       "status (ok, or degraded while requests fail with internal errors or a remote index "
       "shard is unavailable), snapshot {id, created, counts}, reload status, internal errors, "
       "remote index shards, uptime",
       "application/json",
       "{status: (ok|degraded), snapshot: {id: SnapshotId, created: string, counts: {*: integer}},"
       " reload: {reloads: integer, failures: integer, last_attempt: string?,"
       " last_result: string?, last_error: string?, refused_snapshot: string?}? `null when the"
       " server does not follow a data directory`,"
       " internal_errors: {total: integer, last_minute: integer},"
       " index_shards: [{shard: string, status: (ok|unavailable)}]? `null unless the index is"
       " served by remote shards (serve --remote-shards)`, uptime_seconds: integer}"},
      {"GET",
       "/api/v1/openapi.json",
       "getOpenApi",
       "This document",
       handle_openapi,
       {},
       "The OpenAPI 3 document",
       "application/json",
       "{*: any}"},
      {"GET",
       "/api/v1/instruments/{id}",
       "getInstrument",
       "An instrument with all its versions (dates, status draft or final, lineage) and the "
       "version in force on a day",
       handle_instrument,
       {spec_path_id("Instrument id, raw or percent-encoded. A version or article id is a 400 "
                     "naming its instrument.",
                     "cn/generative-ai-measures"),
        with_example(spec_date("as_of",
                               "Report the version in force that day (drafts never are), or "
                               "that none was, with the nearest versions before and after"),
                     "2023-08-15")},
       "The instrument, its versions, the diffs between consecutive ones, the version in force",
       "application/json",
       "{instrument: Instrument, as_of: date? `The as_of asked; null when none`,"
       " versions: [Version], diffs: [{from: string, to: string}], point_in_time: {date: date, "
       "in_force: Version?,"
       " nearest_earlier: Version?, nearest_later: Version?, message: string}? `null without"
       " as_of`, snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/diff",
       "getDiff",
       "What changed between two versions of one instrument: aligned articles with a "
       "character-level redline, and obligations added, removed or changed",
       handle_diff,
       {with_example(required_param(spec_text("from", 1024, "The old version id")),
                     "cn/counter-espionage-law@2014-11-01"),
        with_example(
            required_param(spec_text("to", 1024,
                                     "The new version id, of the same instrument (else 400 "
                                     "different_instruments); the same id as from: all unchanged")),
            "cn/counter-espionage-law@2023-04-26"),
        with_default(spec_choice("format", "json|html",
                                 "json, or html: a readable redline page with <del> and <ins>"),
                     "json")},
       "The aligned articles with their edit operations, the obligation changes and a summary "
       "(comparable false, with a message, when a side has no article text)",
       "application/json|text/html",
       "{instrument: {id: string, label: string}, from: Version, to: Version,"
       " same_version: boolean, comparable: boolean, message: string?, summary: {articles:"
       " {*: integer}, obligations: {*: integer}, coarse: boolean}, articles: [ArticleDiff],"
       " obligations: [ObligationDelta], snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/search",
       "search",
       "Full-text search. Plain words: concepts expanded in both languages (concepts lists them), "
       "stop words dropped, every word required, relaxed to any word ranked when that finds fewer "
       "than 5 (relaxed: true). Xapian query syntax (quotes, AND/OR/NOT, prefixes) is taken as "
       "written; unquoted Chinese runs are phrases. Ranked by BM25 with small weights for "
       "in-force versions and articles other than definitions. did_you_mean spells unknown "
       "English words as the index does",
       handle_search,
       search_params(),
       "Hits with highlighted snippets, and facets over the best 1,000 matches",
       "application/json",
       "{query: string, total: integer, total_exact: boolean, relaxed: boolean,"
       " truncated: boolean `The search's time budget ran out (serve --search-time-budget): the"
       " hits, total and facets are those found by then`, concepts: [string],"
       " did_you_mean: string? `null when every word is known`, offset: integer, limit: integer, "
       "in_force_on: date? `null if not"
       " asked`, snapshot: SnapshotId, results: [SearchHit], facets: {*: [Facet]}}",
       // shard_unavailable: a remote index shard (serve --remote-shards) is down; busy: the slow
       // searches' slots are all taken.
       {503},
       true},
      {"GET",
       "/api/v1/nodes/{id}/neighbors",
       "getNeighbors",
       "Typed, paged neighbours of a node",
       handle_neighbors,
       {spec_path_id("Node id, raw or percent-encoded", "cn/pipl@2021-08-20"),
        with_default(spec_choice("direction", "out|in|both", "Edge direction"), "both"),
        spec_edge_types("type", "Edge types, comma-separated"),
        spec_node_kinds("kind", "Node kinds, comma-separated"),
        spec_integer("limit", 50, 1, graph::kMaxNeighborLimit, "Page size"), spec_list_offset(),
        spec_cursor(),
        spec_in_force_on("Drop versions, articles and obligations not in force on this date")},
       "One page of neighbours; next_cursor is null on the last page",
       "application/json",
       "{id: string, total: integer, offset: integer, results: [Neighbor],"
       " next_cursor: PageCursor?, snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/nodes/{id}",
       "getNode",
       "A node with its properties, provenance, ancestors and edges grouped by type",
       handle_node,
       {spec_path_id("Node id, raw (with / and @) or percent-encoded",
                     "cn/generative-ai-measures@2023-07-10/art-17"),
        spec_integer("limit", kEdgesDefaultLimit, 0, kEdgesMaxLimit, "Items per edge group"),
        spec_integer("offset", 0, 0, kNodeMaxOffset, "Items to skip in each edge group"),
        spec_text("group_type", 128, "Only this edge type"),
        spec_choice("group_direction", "out|in", "Only this direction"),
        spec_in_force_on("Only neighbours in force on that date in the edge groups")},
       "The node, its ancestors (root first) and its edge groups",
       "application/json",
       "{node: Node, ancestors: [NodeRef], edge_groups: [EdgeGroup], snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/neighborhood",
       "getNeighborhood",
       "The subgraph around a node",
       handle_neighborhood,
       {spec_node_id("id", "Node id"),
        spec_integer("depth", 1, 1, graph::kMaxNeighborhoodDepth, "Hops"),
        spec_edge_types("types", "Edge types followed, comma-separated"),
        spec_node_kinds("kinds", "Node kinds admitted, comma-separated"),
        spec_integer("limit", 500, 1, graph::kMaxNeighborhoodNodes, "Node cap"),
        spec_in_force_on("Drop nodes not in force on this date")},
       "Nodes with their depth and the edges between them; truncated when a cap was hit",
       "application/json",
       "{id: string, depth: integer, truncated: boolean, nodes: [NodeAtDepth], edges: [Edge],"
       " snapshot: SnapshotId}",
       {404, 503},
       true,
       false,
       heavy_neighborhood},
      {"GET",
       "/api/v1/paths",
       "getPaths",
       "Shortest paths between two nodes, edges walked in either direction",
       handle_paths,
       {with_example(spec_node_id("from", "Node id"), "actor/jd-com"),
        with_example(spec_node_id("to", "Node id"), "actor/cac"),
        spec_integer("max_length", 4, 1, graph::kMaxPathLength, "Longest path, in hops"),
        spec_edge_types("types", "Edge types that may be walked, comma-separated"),
        spec_integer("k", 1, 1, graph::kMaxPaths, "Paths wanted"),
        spec_in_force_on("Do not walk through nodes not in force on this date")},
       "The paths, shortest first (empty when none)",
       "application/json",
       "{from: string, to: string, truncated: boolean, paths: [{length: integer, hops: [Hop]}],"
       " snapshot: SnapshotId}",
       {404, 503},
       true,
       false,
       heavy_paths},
      {"GET",
       "/api/v1/obligations",
       "listObligations",
       "Deontic statements extracted from articles",
       handle_obligations,
       {with_example(spec_text("bearer", 256, "Actor id (actor/role-provider or role-provider)"),
                     "role-provider"),
        spec_text("instrument", 512, "Instrument id"),
        spec_choice("modality", kModalities, "Only this modality"),
        spec_in_force_on("Only obligations of versions in force on this date"),
        spec_text("q", 256, "Substring of the clause or action"),
        spec_integer("limit", 50, 0, kCsvMaxRows,
                     "Page size: default 50, at most 1000; with format=csv all matches (at most "
                     "200000) by default"),
        spec_list_offset(), spec_cursor(),
        with_default(spec_choice("format", "json|csv", "json, or csv: a download of the matches"),
                     "json")},
       "One page of obligations; next_cursor is null on the last page",
       "application/json|text/csv",
       "{total: integer, offset: integer, limit: integer, in_force_on: date? `null if not asked`,"
       " results: [Obligation], next_cursor: PageCursor?, snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/sanctions",
       "listSanctions",
       "Sanction clauses of liability articles: who imposes which measures and fines, for the "
       "breach of which provisions",
       handle_sanctions,
       {spec_text("instrument", 512, "Instrument id"),
        with_example(spec_text("authority", 256,
                               "Actor id of the imposing authority (actor/role-competent-"
                               "departments or role-competent-departments)"),
                     "role-competent-departments"),
        spec_choice("measure", kSanctionMeasures, "Only sanctions with this measure"),
        with_example(spec_integer("min_fine", 0, 0, 1000000000000000ULL,
                                  "Only sanctions whose maximum fine on the violator is at least "
                                  "this many yuan"),
                     "1000000"),
        spec_in_force_on("Only sanctions of versions in force on this date"),
        spec_integer("limit", 50, 0, kCsvMaxRows,
                     "Page size: default 50, at most 1000; with format=csv all matches (at most "
                     "200000) by default"),
        spec_list_offset(),
        with_default(spec_choice("format", "json|csv", "json, or csv: a download of the matches"),
                     "json")},
       "One page of sanctions, in graph order",
       "application/json|text/csv",
       "{total: integer, offset: integer, limit: integer, in_force_on: date? `null if not asked`,"
       " results: [Sanction], snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/actors/{id}",
       "getActor",
       "An actor: aliases, instruments issued, obligations binding it, news, timeline",
       handle_actor,
       {spec_path_id("actor/cac or cac", "cac"), spec_list_limit(100),
        spec_integer("offset", 0, 0, kListMaxOffset, "Items to skip in each list"),
        spec_in_force_on("Only issued instruments, binding obligations and mentioning articles in "
                         "force on that date")},
       "The actor and its lists (each paged by limit and offset) and dated timeline",
       "application/json",
       "{actor: Actor, issued: LinkedPage,"
       " obligations: LinkedPage, news: LinkedPage, mentioned_in_articles: LinkedPage,"
       " timeline: [{date: date?, type: string, label: string, subject: string}],"
       " snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/citations/graph",
       "getCitationGraph",
       "The transitive legal-basis and citation network of an instrument",
       handle_citations_graph,
       {spec_node_id("id", "Instrument, version or article id"),
        spec_integer("depth", 2, 1, graph::kMaxCitationDepth, "Levels"),
        with_default(spec_choice("direction", "out|in", "out: what it cites; in: what cites it"),
                     "out"),
        spec_in_force_on("Only citations made by texts in force on that date, of instruments in "
                         "force then")},
       "Instrument nodes with their depth, and links with the evidence edges",
       "application/json",
       "{id: string, depth: integer, direction: (out|in), nodes: [NodeAtDepth],"
       " links: [{from: string, to: string, evidence: [Edge]}], snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/citations/unresolved",
       "listUnresolvedCitations",
       "Cited titles that match no instrument in the corpus, most cited first",
       handle_citations_unresolved,
       {spec_list_limit(100), spec_list_offset(), spec_cursor(),
        spec_in_force_on("Only citations made by texts in force on that date")},
       "One page of cited titles with up to five citing texts each",
       "application/json",
       "{total: integer, offset: integer, results: [{id: string, kind: NodeKind, label: string,"
       " date: date?, cited_by_count: integer, cited_by: [{id: string, kind: NodeKind,"
       " label: string, date: date?, provenance: Provenance}]}], next_cursor: PageCursor?,"
       " snapshot: SnapshotId}",
       {},
       true},
      {"GET",
       "/api/v1/citations",
       "listCitations",
       "What a node cites, or what cites it (through its articles for instruments and versions)",
       handle_citations,
       {spec_node_id("id", "Article, version or instrument id"),
        with_default(spec_choice("direction", "out|in", "out: what it cites; in: what cites it"),
                     "out"),
        spec_list_limit(100), spec_list_offset(), spec_cursor(),
        spec_in_force_on("Only citations between texts in force on this date")},
       "One page of cites / legal_basis edges; next_cursor is null on the last page",
       "application/json",
       "{id: string, direction: (out|in), total: integer, offset: integer, results: [{type: string,"
       " from: NodeRef, to: NodeRef, resolved: (yes|no) `no: the cited title matches no"
       " instrument`, note: string?, provenance: Provenance}],"
       " next_cursor: PageCursor?, snapshot: SnapshotId}",
       {404},
       true},
      {"GET",
       "/api/v1/rankings/cited",
       "rankCited",
       "Most-cited instruments (distinct citing instruments, then PageRank)",
       handle_rankings_cited,
       {spec_choice("kind", "instrument", "What is ranked"),
        spec_integer("limit", 20, 1, graph::kMaxMostCited, "Places wanted"),
        spec_integer("offset", 0, 0, graph::kMaxMostCited - 1,
                     "Places to skip; offset + limit at most 1000"),
        spec_in_force_on("Rank only instruments in force on that date, by citations from texts in "
                         "force then")},
       "Instruments with their rank",
       "application/json",
       "{offset: integer, in_force_on: date? `null if not asked`, results: [{id: string,"
       " kind: NodeKind, label: string, date: date?, rank: integer, citing_instruments: integer,"
       " pagerank: number}],"
       " snapshot: SnapshotId}",
       {},
       true},
      {"GET",
       "/feed.atom",
       "getFeed",
       "Atom feed of what happens to the rules (published, amended, draft, taking effect), newest "
       "first by their own dates; per instrument, per actor or per saved search",
       handle_feed,
       {with_example(spec_text("q", kQueryMaxBytes,
                               "A saved search: the newest of the best matching documents; not "
                               "with instrument or actor"),
                     "generative AI"),
        with_example(
            spec_text("instrument", 256, "One instrument's versions and the days they take effect"),
            "cn/generative-ai-measures"),
        with_example(spec_text("actor", 256,
                               "What names this actor (id or slug): instruments it issued, "
                               "obligations binding it, articles and news mentioning it"),
                     "cac"),
        spec_integer("limit", 50, 1, 500, "Entries")},
       "An Atom 1.0 feed with absolute links under the request's Host; entry ids are tag: URIs "
       "of node ids, the same after every ingest",
       "application/atom+xml",
       "",
       {404, 503},
       true},
      {"POST",
       "/api/v1/admin/reload",
       "reloadSnapshot",
       "Switch to the data directory's current snapshot now (admin)",
       handle_admin_reload,
       {{"force", ParamType::boolean, "true: reopen even if CURRENT names the served snapshot"}},
       "The previous snapshot and the result (reloaded, unchanged)",
       "application/json",
       "{previous: string, result: string, reloads: integer}",
       {409},
       false,
       true},
      {"GET",
       "/api/v1/admin/snapshot/file",
       "getSnapshotFile",
       "One file of the served snapshot, streamed (admin; for regkg replicate)",
       handle_admin_snapshot_file,
       {spec_text("snapshot", 256,
                  "The snapshot id the client listed; 409 if the server now serves another"),
        with_example(required_param(spec_text("path", 1024, "A path from /api/v1/admin/snapshot")),
                     "manifest.json")},
       "The file's bytes",
       "application/octet-stream",
       "",
       {404, 409},
       false,
       true},
      {"GET",
       "/api/v1/admin/snapshot",
       "getSnapshot",
       "The served snapshot's id and files with sizes (admin; for regkg replicate)",
       handle_admin_snapshot,
       {},
       "The snapshot id and its files",
       "application/json",
       "{id: SnapshotId, files: [{path: string, bytes: integer}]}",
       {503},
       false,
       true},
      {"GET",
       "/api/v1/suggest",
       "suggest",
       "Instruments and actors whose title, id or alias contains the text (exact, then prefix, "
       "then contained)",
       handle_suggest,
       {with_example(required_param(spec_text("q", kSuggestMaxQueryBytes,
                                              "The text typed so far (ASCII case-insensitive)")),
                     "个人信息"),
        with_default(spec_node_kinds("kinds", "Node kinds, comma-separated"), "instrument,actor"),
        spec_integer("limit", kSuggestDefaultLimit, 1, kSuggestMaxLimit, "Suggestions wanted")},
       "Suggestions, best first; matched is the alias or name that matched when not the label",
       "application/json",
       "{query: string, results: [{id: string, kind: NodeKind, label: string, date: date?,"
       " matched: string? `The alias or name that matched; null when the label did`,"
       " match: (exact|prefix|contains)}], snapshot: SnapshotId}",
       {},
       true},
      // Streamed, possibly hundreds of MB: never in the response cache.
      {"GET",
       "/api/v1/export",
       "exportGraph",
       "The whole graph or a filtered part as GraphML, Neo4j CSV (nodes or edges), JSON "
       "Lines or schema.org Legislation JSON-LD, streamed (chunked), never cached",
       handle_export,
       {required_param(spec_choice("format", "graphml|csv|jsonl|jsonld",
                                   "The file format; jsonld: the instruments and versions as "
                                   "schema.org Legislation, @ids under the request's Host")),
        spec_choice("part", "nodes|edges",
                    "Required with format=csv (nodes.csv or edges.csv for neo4j-admin import); "
                    "refused otherwise"),
        spec_node_kinds("kinds", "Node kinds to keep, comma-separated"),
        spec_edge_types("types",
                        "Edge types to keep (and, with around, to walk), comma-separated; not "
                        "with jsonld"),
        spec_in_force_on("Only nodes in force on that date"),
        with_example(spec_text("around", 1024,
                               "A node id: export only the nodes within depth hops of it (edges "
                               "walked both ways)"),
                     "cn/generative-ai-measures"),
        spec_integer("depth", 1, 1, graph::kMaxNeighborhoodDepth,
                     "Hops from around; only with around")},
       "The export as an attachment (Content-Disposition); edges only between exported nodes",
       "application/graphml+xml|text/csv|application/x-ndjson|application/ld+json",
       "",
       {404, 503},
       false,
       false,
       heavy_export},
  };
  return routes;
}

void handle_openapi(const HandlerContext&, const RequestParams&, httplib::Response& res) {
  res.set_content(openapi_document(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
