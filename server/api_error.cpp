// JSON error bodies.
#include "server/api_error.h"

#include "server/json_output.h"

namespace regkg::server {

std::string error_body(const std::string& code, const std::string& message,
                       const std::map<std::string, std::string>& details) {
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  w.Key("error");
  w.StartObject();
  out.field("code", code);
  out.field("message", message);
  w.Key("details");
  w.StartObject();
  for (const auto& [k, v] : details) out.field(k, v);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return out.str();
}

std::string code_for_status(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 431:
      return "headers_too_large";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal_error" : "http_error";
  }
}

}  // namespace regkg::server
