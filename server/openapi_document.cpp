// The OpenAPI 3 document of the JSON API, served at /api/v1/openapi.json, generated from the route
// table (api_routes.cpp): paths, operationIds, typed parameters with their limits, defaults,
// choices and examples, answer schemas and error responses. Written by hand here: the document's
// header, the component schemas the routes' answers share and the error responses.
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "server/api_routes.h"
#include "server/schema_notation.h"

namespace regkg::server {

namespace {

using Alloc = rapidjson::Document::AllocatorType;

// The schemas answers share (notation: schema_notation.h): name, description, schema. Every
// member is always present; a member without a value is null (never "" and never left out).
struct ComponentSchema {
  const char* name;
  const char* description;
  const char* notation;
};
const ComponentSchema kComponentSchemas[] = {
    {"Error", "Every error answer (4xx, 5xx)",
     "{error: {code: string `Stable, for programs: bad_parameter, missing_parameter, not_found …`,"
     " message: string `For people`, details: {*: string} `The parameter, value, limit … at"
     " fault`}}"},
    {"SnapshotId",
     "The id of the snapshot that answered: answers of one snapshot do not change; a reload (a "
     "new ingest) serves another, and cursors and ETags are tied to it",
     "string"},
    {"PageCursor",
     "Opaque: pass it as cursor for the next page (same parameters, same snapshot); null on the "
     "last page",
     "string"},
    {"NodeKind", "What a node of the graph is",
     "(jurisdiction|instrument|version|part|chapter|section|article|paragraph|news|actor|event|"
     "obligation|citation|sanction)"},
    {"NodeRef", "A node by id, kind, label and date",
     "{id: string, kind: NodeKind, label: string,"
     " date: date? `Its date (an instrument's latest version, a version's, a news item's); null"
     " when it has none`}"},
    {"NodeAtDepth", "A node and its distance in hops",
     "{id: string, kind: NodeKind, label: string, date: date?, depth: integer}"},
    {"Text", "A text in Chinese and English; null in a language the corpus does not have it in",
     "{zh: string?, en: string?}"},
    {"Provenance", "Where a node or an edge was read: file, line or JSON path, and the rule",
     "{file: string `Corpus-relative`, line: integer `1-based; 0 when not line-based`,"
     " json_path: string, rule: string `The extractor rule that made it`,"
     " confidence: number `0 to 1`, span: string? `Byte span in the text (begin-end); null when"
     " the whole text`}"},
    {"Edge", "A typed edge with its provenance",
     "{from: string, to: string, type: string, note: string? `What the text said, when the edge"
     " carries it`, provenance: Provenance}"},
    {"LinkedNode", "A neighbour in a paged list, with the linking edge's note and provenance",
     "{id: string, kind: NodeKind, label: string, date: date?, note: string?,"
     " provenance: Provenance}"},
    {"LinkedPage", "One page of linked nodes",
     "{total: integer, offset: integer, items: [LinkedNode]}"},
    {"EdgeGroup", "A node's edges of one type and direction, paged",
     "{type: string, direction: (out|in), total: integer, offset: integer, items: [LinkedNode]}"},
    {"Neighbor", "A neighbour with the edge that links it",
     "{id: string, kind: NodeKind, label: string, date: date?, direction: (out|in), type: string,"
     " provenance: Provenance}"},
    {"Hop", "One step of a path (walked against the edge when direction is backward)",
     "{from: NodeRef, to: NodeRef, type: string, direction: (forward|backward), note: string?,"
     " provenance: Provenance}"},
    {"SearchHit", "A search result",
     "{id: string, kind: NodeKind, title: string,"
     " instrument: {id: string, title: string}? `The instrument it belongs to; null for news and"
     " actors`, version: string? `Version id; null when none`,"
     " article_label: string? `第十七条, Article 5 …; null when not an article`,"
     " date: date?, jurisdiction: string? `Jurisdiction code; null when none`,"
     " snippet: string `HTML: matched terms in <b>, the rest escaped`, score: number}"},
    {"Facet",
     "A facet value with its count over the best matches, and the words for it: label (the "
     "graph's name), label_zh and label_en (null when unknown)",
     "{value: string `The filter value to pass back (an id)`, label: string `What to show`,"
     " label_zh: string?, label_en: string?, count: integer}"},
    {"Obligation", "A deontic statement of an article: who must, must not or may do what",
     "{id: string, modality: (obligation|prohibition|permission|encouragement),"
     " bearer: string `The bearer as the text names it`, bearer_actors: [NodeRef],"
     " bearer_rule: string? `Which extractor rule gave the bearer: zh.bearer.subject,"
     " zh.bearer.actor_clause (a 的-clause describing who acts), zh.bearer.liability_authority"
     " (the authority after 由) …; zh.bearer.chapter_title, zh.bearer.chapter_subject or"
     " zh.bearer.instrument_party when the article names no one and the chapter or instrument"
     " gave it; null when the bearer is empty`,"
     " action: string, condition: string, text: Text, article: NodeRef? `null when not known`,"
     " instrument: NodeRef?, version: string, if_violated: [SanctionRef],"
     " provenance: Provenance}"},
    {"SanctionRef", "A sanction enforcing an obligation, in brief",
     "{id: string, authority: string, measures: [string], fine_max: integer? `Yuan; null when no"
     " fixed amount`, condition: string}"},
    {"Fine", "The fine on the violator: amounts in yuan, or multiples or percents of what of names",
     "{min: integer?, max: integer?, multiple_min: integer?, multiple_max: integer?,"
     " percent_min: integer?, percent_max: integer?,"
     " of: string? `illegal_income, previous_year_turnover …`}"},
    {"PersonsFine", "The fine on the responsible persons, in yuan",
     "{min: integer?, max: integer?}"},
    {"Sanction", "A sanction clause of a liability article",
     "{id: string, authority: string `As the text names it`, authority_actors: [NodeRef],"
     " measures: [string], fine: Fine? `null when no amount is stated`,"
     " fine_responsible_persons: PersonsFine?, condition: string, enforces: string `The"
     " provisions enforced, as written`, enforced: [NodeRef], obligations_enforced: integer,"
     " text: Text, article: NodeRef?, instrument: NodeRef?, version: string,"
     " provenance: Provenance}"},
    {"Version", "A version of an instrument: dates, status and lineage",
     "{id: string, label: string, date: date?, effective: date? `When it took effect; null when"
     " unknown`, status: (draft|final), article_count: integer, text_in_corpus: boolean,"
     " published: date? `When it was published; null when unknown`,"
     " comment_deadline: date? `Drafts: end of the comment period; null otherwise`,"
     " in_force: boolean? `Whether in force on as_of; null when no day was asked`,"
     " source_file: string, supersedes: [string], superseded_by: [string], draft_of: [string],"
     " drafts: [string]}"},
    {"ArticleRef", "An article in a diff", "{id: string, label: string, number: string}"},
    {"ArticleDiff", "One aligned pair (or an added or removed article) of a diff",
     "{status: string, similarity: number, renumbered: boolean, moved: boolean,"
     " from: [ArticleRef], to: [ArticleRef], coarse: boolean `Compared by sentences (edit"
     " budget)`, ops: [{op: (equal|insert|delete), text: string, from: [integer],"
     " to: [integer]}]? `The character redline; null when there is none to show`}"},
    {"DiffObligation", "An obligation on one side of a diff",
     "{id: string, article: string, article_label: string, modality: string, bearer: string,"
     " action: string, condition: string, text: string}"},
    {"ObligationDelta", "An obligation added, removed or changed between two versions",
     "{change: string, direction: string?, fields: [string],"
     " similarity: number? `For changed ones; null otherwise`, from: DiffObligation?,"
     " to: DiffObligation?}"},
    {"Node", "A node with its text, attributes and provenance",
     "{id: string, kind: NodeKind, label: string, date: date?, text: Text,"
     " attributes: {*: string}, source: Provenance}"},
    {"Instrument", "An instrument (a law or rule as a work)",
     "{id: string, kind: NodeKind, label: string, date: date?, attributes: {*: string}}"},
    {"Actor", "An organisation, company, product or role",
     "{id: string, kind: NodeKind, label: string, date: date?, attributes: {*: string},"
     " aliases: [string], source: Provenance}"},
};

// The operations' groups: each route belongs to the first tag one of whose path prefixes its path
// starts with (a route no prefix matches is a programmer error, held by tests/server/
// test_openapi.cpp and Redocly's operation-tag-defined rule).
struct Tag {
  const char* name;
  const char* description;
  std::initializer_list<const char*> prefixes;
};
const Tag kTags[] = {
    {"search", "Full-text search and name suggestions", {"/api/v1/search", "/api/v1/suggest"}},
    {"instruments",
     "Instruments, their versions in time and the differences between versions",
     {"/api/v1/instruments/", "/api/v1/diff"}},
    {"graph",
     "Nodes, neighbours, subgraphs, paths and exports of the whole graph",
     {"/api/v1/nodes/", "/api/v1/neighborhood", "/api/v1/paths", "/api/v1/export"}},
    {"clauses",
     "Obligations and sanctions extracted from articles",
     {"/api/v1/obligations", "/api/v1/sanctions"}},
    {"actors", "Organisations, companies and roles", {"/api/v1/actors/"}},
    {"citations",
     "Citations, legal bases and the most-cited instruments",
     {"/api/v1/citations", "/api/v1/rankings/"}},
    {"feeds", "Atom feeds of new and changed versions", {"/feed.atom"}},
    {"admin", "Snapshot reloads and copies; need the admin bearer token", {"/api/v1/admin/"}},
    {"service", "Health and this document", {"/healthz", "/api/v1/openapi.json"}},
};

const char* route_tag(const RouteSpec& r) {
  const std::string path = r.path;
  for (const Tag& t : kTags)
    for (const char* prefix : t.prefixes)
      if (path.rfind(prefix, 0) == 0) return t.name;
  return nullptr;
}

// Error statuses and the shared responses that describe them.
struct ErrorResponse {
  int status;
  const char* name;
  const char* description;
};
const ErrorResponse kErrorResponses[] = {
    {400, "BadRequest",
     "An unknown, missing, malformed or out-of-range parameter (named in details.parameter), or "
     "a query syntax error"},
    {401, "Unauthorized", "No valid admin bearer token"},
    {403, "AdminDisabled", "Admin routes are off: the server has no admin token"},
    {404, "NotFound", "An unknown id"},
    {409, "Conflict", "The server's state does not allow it (see the error's code and details)"},
    {500, "InternalError", "An internal error (logged; no details leak)"},
    {503, "Unavailable",
     "The snapshot or a remote index shard cannot be read right now, or (code busy) the slots "
     "for slow searches or heavy requests are all taken (serve --slow-search-slots, "
     "--heavy-route-slots); Retry-After says when to try again"},
};

rapidjson::Value json_str(const std::string& s, Alloc& a) {
  return rapidjson::Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), a);
}

rapidjson::Value schema_ref(const std::string& where, Alloc& a) {
  rapidjson::Value v(rapidjson::kObjectType);
  v.AddMember("$ref", json_str(where, a), a);
  return v;
}

std::vector<std::string> split_on_bars(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t bar = s.find('|', start);
    out.push_back(s.substr(start, bar == std::string::npos ? bar : bar - start));
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

rapidjson::Value param_schema(const ParamSpec& p, Alloc& a) {
  rapidjson::Value s(rapidjson::kObjectType);
  switch (p.type) {
    case ParamType::string:
      s.AddMember("type", "string", a);
      if (!p.in_path) s.AddMember("maxLength", static_cast<std::uint64_t>(p.max_bytes), a);
      break;
    case ParamType::integer:
      s.AddMember("type", "integer", a);
      s.AddMember("minimum", p.min, a);
      s.AddMember("maximum", p.max, a);
      if (!p.required) s.AddMember("default", p.default_number, a);
      break;
    case ParamType::boolean:
      s.AddMember("type", "boolean", a);
      s.AddMember("default", false, a);
      break;
    case ParamType::date:
      s.AddMember("type", "string", a);
      s.AddMember("format", "date", a);
      break;
    case ParamType::choice: {
      s.AddMember("type", "string", a);
      rapidjson::Value choices(rapidjson::kArrayType);
      for (const auto& c : split_on_bars(p.choices)) choices.PushBack(json_str(c, a), a);
      s.AddMember("enum", choices, a);
      break;
    }
    case ParamType::list: {
      s.AddMember("type", "array", a);
      rapidjson::Value items(rapidjson::kObjectType);
      items.AddMember("type", "string", a);
      s.AddMember("items", items, a);
      break;
    }
  }
  if (p.default_text) {
    if (p.type == ParamType::list) {
      rapidjson::Value d(rapidjson::kArrayType);
      std::string items = p.default_text;
      std::replace(items.begin(), items.end(), ',', '|');
      for (const auto& item : split_on_bars(items)) d.PushBack(json_str(item, a), a);
      s.AddMember("default", d, a);
    } else {
      s.AddMember("default", json_str(p.default_text, a), a);
    }
  }
  return s;
}

rapidjson::Value openapi_parameter(const ParamSpec& p, Alloc& a) {
  rapidjson::Value v(rapidjson::kObjectType);
  v.AddMember("name", json_str(p.name, a), a);
  v.AddMember("in", rapidjson::StringRef(p.in_path ? "path" : "query"), a);
  v.AddMember("description", json_str(p.description, a), a);
  v.AddMember("required", p.required || p.in_path, a);
  if (p.type == ParamType::list) {
    // Comma-separated: ?kinds=instrument,version.
    v.AddMember("style", "form", a);
    v.AddMember("explode", false, a);
  }
  v.AddMember("schema", param_schema(p, a), a);
  if (p.example) {
    // The example in the parameter's own type: a list as an array, an integer as a number.
    rapidjson::Value example;
    if (p.type == ParamType::list) {
      std::string items = p.example;
      std::replace(items.begin(), items.end(), ',', '|');
      example.SetArray();
      for (const auto& item : split_on_bars(items)) example.PushBack(json_str(item, a), a);
    } else if (p.type == ParamType::integer) {
      example.SetUint64(std::stoull(p.example));
    } else {
      example = json_str(p.example, a);
    }
    v.AddMember("example", example, a);
  }
  return v;
}

rapidjson::Value openapi_operation(const RouteSpec& r, Alloc& a) {
  rapidjson::Value op(rapidjson::kObjectType);
  op.AddMember("operationId", json_str(r.operation_id, a), a);
  op.AddMember("summary", json_str(r.summary, a), a);
  op.AddMember("description", json_str(r.answer, a), a);
  rapidjson::Value tags(rapidjson::kArrayType);
  if (const char* tag = route_tag(r)) tags.PushBack(rapidjson::StringRef(tag), a);
  op.AddMember("tags", tags, a);
  rapidjson::Value params(rapidjson::kArrayType);
  for (const ParamSpec& p : r.params) params.PushBack(openapi_parameter(p, a), a);
  op.AddMember("parameters", params, a);

  rapidjson::Value responses(rapidjson::kObjectType);
  rapidjson::Value ok(rapidjson::kObjectType), content(rapidjson::kObjectType);
  ok.AddMember("description", json_str(r.answer, a), a);
  for (const auto& media : split_on_bars(r.media_type)) {
    rapidjson::Value body(rapidjson::kObjectType);
    if (media == "application/json" && *r.schema) {
      body.AddMember("schema", to_json_schema(*parse_schema(r.schema), a), a);
    } else {
      rapidjson::Value s(rapidjson::kObjectType);
      s.AddMember("type", "string", a);
      if (media == "application/octet-stream") s.AddMember("format", "binary", a);
      body.AddMember("schema", s, a);
    }
    content.AddMember(json_str(media, a), body, a);
  }
  ok.AddMember("content", content, a);
  responses.AddMember("200", ok, a);
  std::vector<int> errors = r.errors;
  errors.insert(errors.end(), {400, 500});
  if (r.admin) errors.insert(errors.end(), {401, 403});
  std::sort(errors.begin(), errors.end());
  errors.erase(std::unique(errors.begin(), errors.end()), errors.end());
  for (int status : errors)
    for (const auto& e : kErrorResponses)
      if (e.status == status)
        responses.AddMember(json_str(std::to_string(status), a),
                            schema_ref(std::string("#/components/responses/") + e.name, a), a);
  op.AddMember("responses", responses, a);
  // Admin routes need the bearer token; the others say explicitly that they need nothing.
  rapidjson::Value security(rapidjson::kArrayType);
  if (r.admin) {
    rapidjson::Value scheme(rapidjson::kObjectType);
    scheme.AddMember("adminToken", rapidjson::Value(rapidjson::kArrayType), a);
    security.PushBack(scheme, a);
  }
  op.AddMember("security", security, a);
  return op;
}

rapidjson::Value openapi_components(Alloc& a) {
  rapidjson::Value schemas(rapidjson::kObjectType), responses(rapidjson::kObjectType);
  for (const auto& c : kComponentSchemas) {
    rapidjson::Value schema = to_json_schema(*parse_schema(c.notation), a);
    schema.AddMember("description", json_str(c.description, a), a);
    schemas.AddMember(json_str(c.name, a), schema, a);
  }
  for (const auto& e : kErrorResponses) {
    rapidjson::Value r(rapidjson::kObjectType), content(rapidjson::kObjectType),
        json(rapidjson::kObjectType);
    r.AddMember("description", json_str(e.description, a), a);
    json.AddMember("schema", schema_ref("#/components/schemas/Error", a), a);
    content.AddMember("application/json", json, a);
    r.AddMember("content", content, a);
    responses.AddMember(json_str(e.name, a), r, a);
  }
  rapidjson::Value token(rapidjson::kObjectType), schemes(rapidjson::kObjectType);
  token.AddMember("type", "http", a);
  token.AddMember("scheme", "bearer", a);
  token.AddMember("description", "The token from --admin-token-file or REGKG_ADMIN_TOKEN", a);
  schemes.AddMember("adminToken", token, a);
  rapidjson::Value out(rapidjson::kObjectType);
  out.AddMember("schemas", schemas, a);
  out.AddMember("responses", responses, a);
  out.AddMember("securitySchemes", schemes, a);
  return out;
}

// A nullable reference is written {allOf: [{$ref}], nullable: true} (OpenAPI 3.0 ignores the
// siblings of $ref); tools want the type beside nullable too: the referenced component's.
void type_nullable_references(rapidjson::Value& v, const rapidjson::Value& schemas, Alloc& a) {
  if (v.IsArray()) {
    for (auto& item : v.GetArray()) type_nullable_references(item, schemas, a);
    return;
  }
  if (!v.IsObject()) return;
  for (auto& m : v.GetObject()) type_nullable_references(m.value, schemas, a);
  if (!v.HasMember("nullable") || v.HasMember("type") || !v.HasMember("allOf")) return;
  const std::string ref = v["allOf"][0]["$ref"].GetString();
  const auto& target = schemas[ref.substr(ref.rfind('/') + 1).c_str()];
  v.AddMember("type", rapidjson::Value(target["type"], a), a);
}

std::string generate_document() {
  rapidjson::Document d(rapidjson::kObjectType);
  Alloc& a = d.GetAllocator();
  d.AddMember("openapi", "3.0.3", a);
  rapidjson::Value info(rapidjson::kObjectType);
  info.AddMember("title", "regkg JSON API", a);
  info.AddMember("version", "1", a);
  info.AddMember("description",
                 "Regulatory knowledge graph: full-text and relationship queries. Every error is "
                 "{\"error\": {code, message, details}}; unknown parameters are a 400 naming "
                 "them. In every answer each member the schema lists is present: a member "
                 "without a value (a missing date, an unknown name, an echo of a parameter "
                 "that was not given) is null, never \"\" and never left out. Dates are "
                 "YYYY-MM-DD. Every JSON answer names the snapshot that answered. Generated "
                 "from the server's route table.",
                 a);
  d.AddMember("info", info, a);
  rapidjson::Value servers(rapidjson::kArrayType), server(rapidjson::kObjectType);
  server.AddMember("url", "http://127.0.0.1:8080", a);
  servers.PushBack(server, a);
  d.AddMember("servers", servers, a);
  rapidjson::Value paths(rapidjson::kObjectType);
  for (const RouteSpec& r : api_routes()) {
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!paths.HasMember(r.path))
      paths.AddMember(json_str(r.path, a), rapidjson::Value(rapidjson::kObjectType), a);
    paths[r.path].AddMember(json_str(method, a), openapi_operation(r, a), a);
  }
  d.AddMember("paths", paths, a);
  rapidjson::Value tags(rapidjson::kArrayType);
  for (const Tag& t : kTags) {
    rapidjson::Value tag(rapidjson::kObjectType);
    tag.AddMember("name", rapidjson::StringRef(t.name), a);
    tag.AddMember("description", rapidjson::StringRef(t.description), a);
    tags.PushBack(tag, a);
  }
  d.AddMember("tags", tags, a);
  d.AddMember("components", openapi_components(a), a);
  rapidjson::Value& schemas = d["components"]["schemas"];
  type_nullable_references(d["paths"], schemas, a);
  type_nullable_references(schemas, schemas, a);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 1);
  d.Accept(writer);
  return buffer.GetString();
}

}  // namespace

const std::string& openapi_document() {
  static const std::string document = generate_document();
  return document;
}

}  // namespace regkg::server
