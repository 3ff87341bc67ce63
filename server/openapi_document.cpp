// The OpenAPI 3 document of the JSON API, served at /api/v1/openapi.json, generated from the route
// table (api_routes.cpp): paths, operationIds, typed parameters with their limits, defaults,
// choices and examples, answer schemas and error responses. Written by hand here: the document's
// header, the component schemas the routes' answers share and the error responses.
#include <algorithm>
#include <cctype>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "server/api_routes.h"
#include "server/schema_notation.h"

namespace regkg::server {

namespace {

using Alloc = rapidjson::Document::AllocatorType;

// The schemas answers share (notation: schema_notation.h).
const char* const kComponentSchemas[][2] = {
    {"Error", "{error: {code: string, message: string, details: {*: string}}}"},
    {"NodeRef", "{id: string, kind: string, label: string, date: string}"},
    {"NodeAtDepth", "{id: string, kind: string, label: string, date: string, depth: integer}"},
    {"MaybeNodeRef", "{id?: string, kind?: string, label?: string, date?: string}"},
    {"Text", "{zh?: string, en?: string}"},
    {"Provenance",
     "{file: string, line: integer, json_path: string, rule: string, confidence: number,"
     " span?: string}"},
    {"Edge", "{from: string, to: string, type: string, note?: string, provenance: Provenance}"},
    {"LinkedNode",
     "{id: string, kind: string, label: string, date: string, note?: string,"
     " provenance: Provenance}"},
    {"LinkedPage", "{total: integer, offset: integer, items: [LinkedNode]}"},
    {"EdgeGroup",
     "{type: string, direction: string, total: integer, offset: integer, items: [LinkedNode]}"},
    {"Neighbor",
     "{id: string, kind: string, label: string, date: string, direction: string, type: string,"
     " provenance: Provenance}"},
    {"Hop",
     "{from: NodeRef, to: NodeRef, type: string, direction: string, note?: string,"
     " provenance: Provenance}"},
    {"SearchHit",
     "{id: string, kind: string, title: string, instrument: {id: string, title: string}?,"
     " version: string?, article_label: string?, date: string?, jurisdiction: string?,"
     " snippet: string, score: number}"},
    {"Facet", "{value: string, label: string, count: integer}"},
    {"Obligation",
     "{id: string, modality: string, bearer: string, bearer_actors: [NodeRef], action: string,"
     " condition: string, text: Text, article: MaybeNodeRef, instrument: MaybeNodeRef,"
     " version: string, if_violated: [SanctionRef], provenance: Provenance}"},
    {"SanctionRef",
     "{id: string, authority: string, measures: [string], fine_max?: integer,"
     " condition: string}"},
    {"Fine",
     "{min?: integer, max?: integer, multiple_min?: integer, multiple_max?: integer,"
     " percent_min?: integer, percent_max?: integer, of?: string}"},
    {"Sanction",
     "{id: string, authority: string, authority_actors: [NodeRef], measures: [string],"
     " fine: Fine?, fine_responsible_persons: Fine?, condition: string, enforces: string,"
     " enforced: [NodeRef], obligations_enforced: integer, text: Text, article: MaybeNodeRef,"
     " instrument: MaybeNodeRef, version: string, provenance: Provenance}"},
    {"Version",
     "{id: string, label: string, date: string?, effective: string?, status: string,"
     " article_count: integer, text_in_corpus: boolean, published?: string?,"
     " comment_deadline?: string?, in_force?: boolean, source_file: string,"
     " supersedes: [string], superseded_by: [string], draft_of: [string], drafts: [string]}"},
    {"ArticleRef", "{id: string, label: string, number: string}"},
    {"ArticleDiff",
     "{status: string, similarity: number, renumbered: boolean, moved: boolean,"
     " from: [ArticleRef], to: [ArticleRef], coarse?: boolean, ops?: [{op: string, text: string,"
     " from: [integer], to: [integer]}]}"},
    {"DiffObligation",
     "{id: string, article: string, article_label: string, modality: string, bearer: string,"
     " action: string, condition: string, text: string}"},
    {"ObligationDelta",
     "{change: string, direction: string?, fields: [string], similarity?: number,"
     " from: DiffObligation?, to: DiffObligation?}"},
};

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
    {503, "Unavailable", "The snapshot cannot be read right now"},
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
  if (p.example) v.AddMember("example", json_str(p.example, a), a);
  return v;
}

rapidjson::Value openapi_operation(const RouteSpec& r, Alloc& a) {
  rapidjson::Value op(rapidjson::kObjectType);
  op.AddMember("operationId", json_str(r.operation_id, a), a);
  op.AddMember("summary", json_str(r.summary, a), a);
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
  if (r.admin) {
    rapidjson::Value security(rapidjson::kArrayType), scheme(rapidjson::kObjectType);
    scheme.AddMember("adminToken", rapidjson::Value(rapidjson::kArrayType), a);
    security.PushBack(scheme, a);
    op.AddMember("security", security, a);
  }
  return op;
}

rapidjson::Value openapi_components(Alloc& a) {
  rapidjson::Value schemas(rapidjson::kObjectType), responses(rapidjson::kObjectType);
  for (const auto& [name, notation] : kComponentSchemas)
    schemas.AddMember(json_str(name, a), to_json_schema(*parse_schema(notation), a), a);
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
                 "them. Generated from the server's route table.",
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
  d.AddMember("components", openapi_components(a), a);
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
