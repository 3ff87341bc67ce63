// Validating a request against its route's parameters, and the order routes are matched in.
#include "server/route_spec.h"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include <httplib.h>

#include "server/api_error.h"
#include "server/graph_params.h"
#include "server/request_params.h"

namespace regkg::server {

namespace {

// "a|b|c" -> "a, b or c".
std::string spoken_choices(const std::string& choices) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t bar = choices.find('|', start);
    std::string item = choices.substr(start, bar == std::string::npos ? bar : bar - start);
    if (!out.empty()) out += bar == std::string::npos ? " or " : ", ";
    out += item;
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

[[noreturn]] void throw_missing(const ParamSpec& p) {
  std::string message = std::string("parameter '") + p.name + "' is required";
  if (p.type == ParamType::choice && p.choices) message += ": " + spoken_choices(p.choices);
  throw ApiError(400, "missing_parameter", message, {{"parameter", p.name}});
}

size_t literal_chars(const std::string& path) {
  size_t n = 0;
  bool in_placeholder = false;
  for (char c : path) {
    if (c == '{') in_placeholder = true;
    if (!in_placeholder) ++n;
    if (c == '}') in_placeholder = false;
  }
  return n;
}

}  // namespace

RequestParams::RequestParams(const RouteSpec& route, const httplib::Request& req) : req_(req) {
  std::vector<const char*> allowed;
  for (const ParamSpec& p : route.params)
    if (!p.in_path) allowed.push_back(p.name);
  reject_unknown_params(req, allowed);
  size_t path_index = 0;
  values_.reserve(route.params.size());
  for (const ParamSpec& p : route.params) {
    Value v;
    v.spec = &p;
    if (p.in_path) {
      ++path_index;
      if (path_index < req.matches.size()) v.text = req.matches[path_index];
      v.given = !v.text.empty();
      values_.push_back(std::move(v));
      continue;
    }
    v.given = req.has_param(p.name);
    switch (p.type) {
      case ParamType::string:
      case ParamType::list:
        v.text = text_param(req, p.name, p.max_bytes);
        break;
      case ParamType::integer:
        v.number = uint_param(req, p.name, p.default_number, p.min, p.max);
        if (v.given) v.text = req.get_param_value(p.name);
        break;
      case ParamType::date:
        v.text = date_param(req, p.name);
        break;
      case ParamType::choice:
      case ParamType::boolean:
        v.text = choice_param(req, p.name, p.type == ParamType::boolean ? "true|false" : p.choices);
        break;
    }
    if (p.required && (p.type == ParamType::integer ? !v.given : v.text.empty())) throw_missing(p);
    if (v.text.empty() && p.default_text) v.text = p.default_text;
    if (p.type == ParamType::boolean) v.number = v.text == "true";
    values_.push_back(std::move(v));
  }
}

const RequestParams::Value& RequestParams::value(std::string_view name,
                                                 std::initializer_list<ParamType> types) const {
  for (const Value& v : values_) {
    if (v.spec->name != name) continue;
    if (std::find(types.begin(), types.end(), v.spec->type) == types.end())
      throw std::logic_error("parameter '" + std::string(name) + "' is read as another type");
    return v;
  }
  throw std::logic_error("parameter '" + std::string(name) + "' is not declared by this route");
}

const std::string& RequestParams::text(std::string_view name) const {
  return value(name, {ParamType::string, ParamType::integer, ParamType::date, ParamType::choice,
                      ParamType::list})
      .text;
}

std::uint64_t RequestParams::integer(std::string_view name) const {
  return value(name, {ParamType::integer}).number;
}

bool RequestParams::boolean(std::string_view name) const {
  return value(name, {ParamType::boolean}).number != 0;
}

std::vector<std::string> RequestParams::list(std::string_view name) const {
  return split_list(value(name, {ParamType::list}).text);
}

bool RequestParams::given(std::string_view name) const {
  return value(name, {ParamType::string, ParamType::integer, ParamType::boolean, ParamType::date,
                      ParamType::choice, ParamType::list})
      .given;
}

std::string path_pattern(const std::string& path_template) {
  std::string out;
  bool in_placeholder = false;
  for (char c : path_template) {
    if (c == '{') {
      in_placeholder = true;
      out += "(.+)";
    } else if (c == '}') {
      in_placeholder = false;
    } else if (!in_placeholder) {
      if (std::string_view(".[]()*+?^$|\\").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::vector<const RouteSpec*> match_order(const std::vector<RouteSpec>& routes) {
  std::vector<const RouteSpec*> order;
  for (const RouteSpec& r : routes) order.push_back(&r);
  std::sort(order.begin(), order.end(), [](const RouteSpec* a, const RouteSpec* b) {
    std::string pa = a->path, pb = b->path;
    bool ta = pa.find('{') != std::string::npos, tb = pb.find('{') != std::string::npos;
    if (ta != tb) return !ta;
    size_t la = literal_chars(pa), lb = literal_chars(pb);
    if (la != lb) return la > lb;
    if (pa != pb) return pa < pb;
    return std::string(a->method) < b->method;
  });
  return order;
}

const RouteSpec* match_route(const std::vector<RouteSpec>& routes, std::string_view method,
                             const std::string& path, std::string* captured) {
  for (const RouteSpec* r : match_order(routes)) {
    if (method != r->method) continue;
    std::smatch m;
    if (!std::regex_match(path, m, std::regex(path_pattern(r->path)))) continue;
    if (captured) *captured = m.size() > 1 ? m[1].str() : std::string();
    return r;
  }
  return nullptr;
}

}  // namespace regkg::server
