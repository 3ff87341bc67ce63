// One HTTP(S) GET of a publication page with cpp-httplib's client: conditional headers
// (If-None-Match / If-Modified-Since), connect, read and overall time limits, redirects followed
// by hand (same or other host, up to a limit), and a size cap. Failures come back as values with
// a message that names the URL and the cause. Thread-safe: each get() uses its own clients.
#pragma once

#include <string>
#include <vector>

namespace regkg::fetch {

struct HttpLimits {
  double connect_timeout = 20;  // seconds to establish a connection
  double read_timeout = 20;     // seconds without a byte arriving
  double total_timeout = 120;   // seconds for the whole request including redirects
  int max_redirects = 5;
  size_t max_bytes = 16u << 20;  // body size cap (after decompression)
  std::string user_agent = "regkg-fetch/0.1";
  std::string ca_file;  // PEM bundle for https; "" = /etc/ssl/certs/ca-certificates.crt if present
};

struct HttpResult {
  bool ok = false;    // a response arrived (any status); false: `error` says why
  std::string error;  // "timed out after 0.5 s waiting for http://…", "HTTP 404 …" is not one
  int status = 0;     // 200, 304, 404 …
  std::string final_url;               // after redirects
  std::vector<std::string> redirects;  // the URLs redirected through, in order
  std::string etag, last_modified, content_type;
  std::string body;
};

struct ParsedUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // without brackets for IPv6
  int port = 0;
  std::string target;          // path and query, at least "/"
  std::string origin() const;  // "http://127.0.0.1:8080" (port omitted when default)
};

// Parses an absolute http(s) URL; false for anything else.
bool parse_http_url(const std::string& url, ParsedUrl* out);

// Resolves a Location header against the URL it came from (absolute, "//host/…", "/path",
// "relative", "?query"); "" when it cannot.
std::string resolve_location(const std::string& base_url, const std::string& location);

// "404 Not Found" for 404, etc. ("599" for unknown codes).
std::string status_text(int status);

class HttpFetcher {
 public:
  explicit HttpFetcher(HttpLimits limits) : limits_(std::move(limits)) {}
  // GETs `url`, sending the validators when not empty. Never throws for network failures.
  HttpResult get(const std::string& url, const std::string& if_none_match = "",
                 const std::string& if_modified_since = "") const;
  const HttpLimits& limits() const { return limits_; }

 private:
  HttpLimits limits_;
};

}  // namespace regkg::fetch
