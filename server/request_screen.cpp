// Request screening before routing (see request_screen.h).
#include "server/request_screen.h"

#include <httplib.h>

#include <cctype>
#include <system_error>

namespace regkg::server {

namespace fs = std::filesystem;

std::optional<size_t> find_bad_percent_encoding(const std::string& target) {
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '%') continue;
    if (i + 2 >= target.size() || !std::isxdigit(static_cast<unsigned char>(target[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(target[i + 2])))
      return i;
    i += 2;
  }
  return std::nullopt;
}

bool static_path_escapes(const fs::path& web_root, const std::string& url_path) {
  if (web_root.empty() || url_path.empty() || url_path[0] != '/') return false;
  fs::path candidate = web_root / fs::path(url_path.substr(1));
  if (url_path.back() == '/') candidate /= "index.html";
  std::error_code ec;
  if (!fs::exists(candidate, ec)) return false;  // nothing to leak
  fs::path real = fs::canonical(candidate, ec);
  if (ec) return true;  // exists but cannot be resolved: refuse rather than guess
  // Inside means web_root itself or below it, compared by whole path components.
  auto r = web_root.begin();
  auto p = real.begin();
  for (; r != web_root.end(); ++r, ++p)
    if (p == real.end() || *p != *r) return true;
  return false;
}

std::optional<ApiError> screen_request(const httplib::Request& req, const fs::path& web_root) {
  if (auto at = find_bad_percent_encoding(req.target))
    return ApiError(400, "bad_request",
                    "the request target has a '%' not followed by two hex digits at byte " +
                        std::to_string(*at),
                    {{"position", std::to_string(*at)}});
  // A NUL would cut the path short at the file system ("/index.html%00.css" opens index.html).
  if (req.path.find('\0') != std::string::npos)
    return ApiError(400, "bad_request", "the request path contains a NUL byte");
  if (req.method == "GET" || req.method == "HEAD") {
    const std::string length = req.get_header_value("Content-Length");
    if ((!length.empty() && length != "0") || req.has_header("Transfer-Encoding"))
      return ApiError(400, "bad_request", req.method + " requests take no body");
    // The API never maps to files; only the rest can be a static file.
    if (req.path.rfind("/api/", 0) != 0 && static_path_escapes(web_root, req.path))
      return ApiError(404, "not_found", "no route or file for this path");
  }
  return std::nullopt;
}

}  // namespace regkg::server
