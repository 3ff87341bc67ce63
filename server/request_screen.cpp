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

bool names_hidden_file(const std::string& url_path) {
  for (size_t at = url_path.find('/'); at != std::string::npos; at = url_path.find('/', at + 1))
    if (at + 1 < url_path.size() && url_path[at + 1] == '.') return true;
  return !url_path.empty() && url_path[0] == '.';
}

namespace {

bool is_api_path(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/healthz";
}

// The framing of a request's body: one Content-Length of plain digits, or chunked transfer coding,
// never both, and a POST must use one (without either, httplib reads to the end of the connection,
// which held a worker for the read timeout). Proxies that read an odd length otherwise than we do
// would let a second request be smuggled in the first one's body.
std::optional<ApiError> check_body_framing(const httplib::Request& req) {
  const size_t lengths = req.get_header_value_count("Content-Length");
  const bool chunked = req.has_header("Transfer-Encoding");
  if (lengths > 1)
    return ApiError(400, "bad_request", "the request has more than one Content-Length header");
  if (lengths == 1) {
    const std::string length = req.get_header_value("Content-Length");
    if (length.empty() || length.size() > 18 ||
        length.find_first_not_of("0123456789") != std::string::npos)
      return ApiError(400, "bad_request", "Content-Length must be a plain decimal number");
    if (chunked)
      return ApiError(400, "bad_request",
                      "the request has both Content-Length and Transfer-Encoding");
  }
  if (chunked) {
    if (req.get_header_value_count("Transfer-Encoding") > 1 ||
        req.get_header_value("Transfer-Encoding") != "chunked")
      return ApiError(400, "bad_request", "the only transfer coding accepted is 'chunked'");
  }
  if (req.method == "POST" && lengths == 0 && !chunked)
    return ApiError(411, "length_required",
                    "a POST request needs a Content-Length header (0 for no body)");
  return std::nullopt;
}

}  // namespace

std::optional<ApiError> screen_request(const httplib::Request& req, const fs::path& web_root) {
  if (auto at = find_bad_percent_encoding(req.target))
    return ApiError(400, "bad_request",
                    "the request target has a '%' not followed by two hex digits at byte " +
                        std::to_string(*at),
                    {{"position", std::to_string(*at)}});
  // A NUL would cut the path short at the file system ("/index.html%00.css" opens index.html).
  if (req.path.find('\0') != std::string::npos)
    return ApiError(400, "bad_request", "the request path contains a NUL byte");
  if (auto refusal = check_body_framing(req)) return refusal;
  if (req.method == "GET" || req.method == "HEAD") {
    const std::string length = req.get_header_value("Content-Length");
    if ((!length.empty() && length != "0") || req.has_header("Transfer-Encoding"))
      return ApiError(400, "bad_request", req.method + " requests take no body");
    // The API never maps to files; only the rest can be a static file.
    if (!is_api_path(req.path) &&
        (names_hidden_file(req.path) || static_path_escapes(web_root, req.path)))
      return ApiError(404, "not_found", "no route or file for this path");
  }
  return std::nullopt;
}

void restrict_ranges(httplib::Request& req) {
  if (req.ranges.empty()) return;
  if (is_api_path(req.path) || req.ranges.size() > 1 ||
      (req.method != "GET" && req.method != "HEAD"))
    req.ranges.clear();
}

bool resolve_file_range(httplib::Request& req, size_t file_size) {
  if (req.ranges.size() != 1) return true;
  // httplib's parse: (first, last) with -1 for an open end; (-1, n) is the last n bytes.
  const auto [first, last] = req.ranges.front();
  const auto size = static_cast<ssize_t>(file_size);
  ssize_t begin = first, end = last;
  if (first < 0) {
    if (last <= 0) return false;
    begin = last >= size ? 0 : size - last;
    end = size - 1;
  } else if (last < 0 || last >= size) {
    end = size - 1;
  }
  if (size == 0 || begin >= size || begin > end) return false;
  req.ranges.front() = {begin, end};
  return true;
}

}  // namespace regkg::server
