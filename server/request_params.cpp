// Query-parameter validation for the JSON API.
#include "server/request_params.h"

#include <httplib.h>

#include "server/api_error.h"
#include "server/handlers.h"
#include "text/utf8_validation.h"

namespace regkg::server {

std::string text_param(const httplib::Request& req, const std::string& name, size_t max_bytes) {
  if (!req.has_param(name.c_str())) return {};
  if (req.get_param_value_count(name.c_str()) > 1)
    throw ApiError(400, "bad_parameter", "parameter '" + name + "' is given more than once",
                   {{"parameter", name}});
  std::string value = req.get_param_value(name.c_str());
  if (!text::is_valid_utf8(value))
    throw ApiError(400, "bad_parameter", "parameter '" + name + "' is not valid UTF-8",
                   {{"parameter", name}});
  if (value.size() > max_bytes)
    throw ApiError(
        400, "parameter_too_long",
        "parameter '" + name + "' is longer than " + std::to_string(max_bytes) + " bytes",
        {{"parameter", name}, {"max_bytes", std::to_string(max_bytes)}});
  return value;
}

std::uint64_t uint_param(const httplib::Request& req, const std::string& name,
                         std::uint64_t fallback, std::uint64_t min, std::uint64_t max) {
  std::string value = text_param(req, name, 32);
  if (!req.has_param(name.c_str())) return fallback;
  if (value.empty() || value.size() > 19 ||
      value.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError(400, "bad_parameter",
                   "parameter '" + name + "' must be a whole number, got '" + value + "'",
                   {{"parameter", name}, {"value", value}});
  std::uint64_t n = std::stoull(value);
  check_maximum(name, value, n, max);
  if (n < min)
    throw ApiError(
        400, "bad_parameter",
        "parameter '" + name + "' is " + value + "; the minimum is " + std::to_string(min),
        {{"parameter", name}, {"value", value}, {"minimum", std::to_string(min)}});
  return n;
}

void check_maximum(const std::string& name, const std::string& given, std::uint64_t value,
                   std::uint64_t max) {
  if (value > max)
    throw ApiError(
        400, "limit_exceeded",
        "parameter '" + name + "' is " + given + "; the maximum is " + std::to_string(max),
        {{"parameter", name}, {"value", given}, {"maximum", std::to_string(max)}});
}

void reject_unknown_params(const httplib::Request& req, const std::vector<const char*>& allowed) {
  for (const auto& [name, value] : req.params) {
    bool known = false;
    for (const char* a : allowed) known = known || name == a;
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw ApiError(
          400, "unknown_parameter",
          "unknown parameter '" + (text::is_valid_utf8(name) ? name : std::string("?")) +
              "'; this route takes: " + list,
          {{"parameter", text::is_valid_utf8(name) ? name : std::string("?")}, {"allowed", list}});
    }
  }
}

bool is_valid_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || day < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max_day = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
  return day <= max_day;
}

std::string date_param(const httplib::Request& req, const std::string& name) {
  std::string value = text_param(req, name, 32);
  if (value.empty()) {
    if (req.has_param(name.c_str()))
      throw ApiError(400, "bad_parameter", "parameter '" + name + "' is empty; expected YYYY-MM-DD",
                     {{"parameter", name}});
    return {};
  }
  if (!is_valid_date(value))
    throw ApiError(400, "bad_parameter",
                   "parameter '" + name + "' must be a real date YYYY-MM-DD, got '" + value + "'",
                   {{"parameter", name}, {"value", value}});
  return value;
}

std::string choice_param(const httplib::Request& req, const std::string& name,
                         const std::string& choices) {
  std::string value = text_param(req, name, 64);
  if (value.empty()) return {};
  std::string padded = "|" + choices + "|";
  if (padded.find("|" + value + "|") == std::string::npos)
    throw ApiError(400, "bad_parameter",
                   "parameter '" + name + "' must be one of " + choices + ", got '" + value + "'",
                   {{"parameter", name}, {"value", value}, {"allowed", choices}});
  return value;
}

}  // namespace regkg::server
