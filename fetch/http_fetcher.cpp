// GET with validators, time limits, hand-followed redirects and a size cap (cpp-httplib client).
#include "fetch/http_fetcher.h"
#include "text/ascii_case.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include <httplib.h>

namespace regkg::fetch {

namespace {

using Clock = std::chrono::steady_clock;

using text::ascii_lowercase;

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

void split_seconds(double s, time_t* sec, time_t* usec) {
  if (s < 0) s = 0;
  *sec = static_cast<time_t>(s);
  *usec = static_cast<time_t>((s - static_cast<double>(*sec)) * 1e6);
}

std::string size_text(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Removes "#fragment": it is never sent.
std::string without_fragment(const std::string& url) {
  const size_t hash = url.find('#');
  return hash == std::string::npos ? url : url.substr(0, hash);
}

}  // namespace

std::string ParsedUrl::origin() const {
  const bool default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
  const bool v6 = host.find(':') != std::string::npos;
  return scheme + "://" + (v6 ? "[" + host + "]" : host) +
         (default_port ? "" : ":" + std::to_string(port));
}

bool parse_http_url(const std::string& raw, ParsedUrl* out) {
  const std::string url = without_fragment(raw);
  const size_t colon = url.find("://");
  if (colon == std::string::npos) return false;
  ParsedUrl u;
  u.scheme = ascii_lowercase(url.substr(0, colon));
  if (u.scheme != "http" && u.scheme != "https") return false;
  const size_t auth_start = colon + 3;
  size_t auth_end = url.find_first_of("/?", auth_start);
  if (auth_end == std::string::npos) auth_end = url.size();
  std::string authority = url.substr(auth_start, auth_end - auth_start);
  if (authority.find('@') != std::string::npos) return false;  // no credentials in URLs
  std::string port_text;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return false;
    u.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return false;
      port_text = authority.substr(close + 2);
    }
  } else {
    const size_t pc = authority.rfind(':');
    u.host = authority.substr(0, pc);
    if (pc != std::string::npos) port_text = authority.substr(pc + 1);
  }
  if (u.host.empty()) return false;
  for (char c : u.host) {
    const auto uc = static_cast<unsigned char>(c);
    if (uc <= 0x20 || c == '/' || c == '\\') return false;
  }
  u.port = u.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    if (port_text.size() > 5) return false;
    int p = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9') return false;
      p = p * 10 + (c - '0');
    }
    if (p <= 0 || p > 65535) return false;
    u.port = p;
  }
  u.target = auth_end < url.size() ? url.substr(auth_end) : "/";
  if (u.target[0] == '?') u.target = "/" + u.target;
  *out = std::move(u);
  return true;
}

std::string resolve_location(const std::string& base_url, const std::string& location_raw) {
  std::string location = location_raw;
  while (!location.empty() && (location.back() == ' ' || location.back() == '\t'))
    location.pop_back();
  if (location.empty()) return "";
  ParsedUrl base;
  if (!parse_http_url(base_url, &base)) return "";
  ParsedUrl abs;
  if (location.find("://") != std::string::npos)
    return parse_http_url(location, &abs) ? without_fragment(location) : "";
  if (location.rfind("//", 0) == 0) {
    const std::string url = base.scheme + ":" + location;
    return parse_http_url(url, &abs) ? without_fragment(url) : "";
  }
  std::string target;
  if (location[0] == '/') {
    target = location;
  } else if (location[0] == '?') {
    target = base.target.substr(0, base.target.find('?')) + location;
  } else {
    std::string path = base.target.substr(0, base.target.find('?'));
    path = path.substr(0, path.rfind('/') + 1);
    target = path + location;
  }
  // Resolve "." and ".." segments of the path.
  const size_t q = target.find('?');
  const std::string path = target.substr(0, q);
  const std::string query = q == std::string::npos ? "" : target.substr(q);
  std::vector<std::string> segments;
  std::stringstream ss(path.substr(1));
  std::string seg;
  while (std::getline(ss, seg, '/')) {
    if (seg == ".") continue;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string resolved;
  for (const auto& s : segments) resolved += "/" + s;
  if (resolved.empty() || (!path.empty() && path.back() == '/' && resolved.back() != '/'))
    resolved += "/";
  return without_fragment(base.origin() + resolved + query);
}

std::string status_text(int status) {
  switch (status) {
    case 200:
      return "200 OK";
    case 204:
      return "204 No Content";
    case 301:
      return "301 Moved Permanently";
    case 302:
      return "302 Found";
    case 303:
      return "303 See Other";
    case 304:
      return "304 Not Modified";
    case 307:
      return "307 Temporary Redirect";
    case 308:
      return "308 Permanent Redirect";
    case 400:
      return "400 Bad Request";
    case 401:
      return "401 Unauthorized";
    case 403:
      return "403 Forbidden";
    case 404:
      return "404 Not Found";
    case 410:
      return "410 Gone";
    case 429:
      return "429 Too Many Requests";
    case 500:
      return "500 Internal Server Error";
    case 502:
      return "502 Bad Gateway";
    case 503:
      return "503 Service Unavailable";
    case 504:
      return "504 Gateway Timeout";
    default:
      return std::to_string(status);
  }
}

HttpResult HttpFetcher::get(const std::string& url, const std::string& if_none_match,
                            const std::string& if_modified_since) const {
  HttpResult r;
  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::string current = without_fragment(url);
  for (int hop = 0;; ++hop) {
    ParsedUrl u;
    if (!parse_http_url(current, &u)) {
      r.error = "not an http(s) URL: " + current;
      return r;
    }
    if (elapsed() > limits_.total_timeout) {
      r.error = "gave up after " + seconds_text(limits_.total_timeout) +
                " (overall time limit) at " + current;
      return r;
    }
    httplib::Client client(u.origin());
    if (!client.is_valid()) {
      r.error = "cannot make an HTTP client for " + u.origin();
      return r;
    }
    time_t sec = 0, usec = 0;
    split_seconds(limits_.connect_timeout, &sec, &usec);
    client.set_connection_timeout(sec, usec);
    split_seconds(limits_.read_timeout, &sec, &usec);
    client.set_read_timeout(sec, usec);
    client.set_write_timeout(sec, usec);
    client.set_follow_location(false);
    client.set_keep_alive(false);
    client.set_tcp_nodelay(true);
    if (u.scheme == "https") {
      std::string ca = limits_.ca_file;
      std::error_code ec;
      if (ca.empty() && std::filesystem::exists("/etc/ssl/certs/ca-certificates.crt", ec))
        ca = "/etc/ssl/certs/ca-certificates.crt";
      if (!ca.empty()) client.set_ca_cert_path(ca);
      client.enable_server_certificate_verification(true);
    }
    httplib::Headers headers = {
        {"User-Agent", limits_.user_agent},
        {"Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
        {"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"},
    };
    if (!if_none_match.empty()) headers.emplace("If-None-Match", if_none_match);
    if (!if_modified_since.empty()) headers.emplace("If-Modified-Since", if_modified_since);

    std::string body;
    std::string cancel_reason;
    auto on_headers = [&](const httplib::Response& resp) {
      const std::string length = resp.get_header_value("Content-Length");
      if (!length.empty() && length.size() < 20) {
        const unsigned long long n = std::strtoull(length.c_str(), nullptr, 10);
        if (n > limits_.max_bytes && !is_redirect(resp.status)) {
          cancel_reason = "the page is larger than the " + size_text(limits_.max_bytes) +
                          " cap (Content-Length " + length + ") at " + current;
          return false;
        }
      }
      return true;
    };
    auto on_body = [&](const char* data, size_t length) {
      if (body.size() + length > limits_.max_bytes) {
        cancel_reason =
            "the page is larger than the " + size_text(limits_.max_bytes) + " cap at " + current;
        return false;
      }
      if (elapsed() > limits_.total_timeout) {
        cancel_reason = "gave up after " + seconds_text(limits_.total_timeout) +
                        " (overall time limit) while reading " + current;
        return false;
      }
      body.append(data, length);
      return true;
    };
    const auto request_start = Clock::now();
    httplib::Result res = client.Get(u.target, headers, on_headers, on_body);
    if (!res) {
      const double waited = std::chrono::duration<double>(Clock::now() - request_start).count();
      const std::string where = u.host + ":" + std::to_string(u.port);
      switch (res.error()) {
        case httplib::Error::Canceled:
          r.error = cancel_reason.empty() ? "request to " + current + " canceled" : cancel_reason;
          break;
        case httplib::Error::Connection:
          r.error = "cannot connect to " + where + " (" + current + ")";
          break;
        case httplib::Error::ConnectionTimeout:
          r.error = "connecting to " + where + " timed out after " +
                    seconds_text(limits_.connect_timeout) + " (" + current + ")";
          break;
        case httplib::Error::Read:
          r.error = waited + 0.05 >= limits_.read_timeout
                        ? "timed out after " + seconds_text(limits_.read_timeout) +
                              " waiting for " + current
                        : "the connection closed before a complete response from " + current;
          break;
        case httplib::Error::SSLConnection:
          r.error = "TLS handshake with " + where + " failed (" + current + ")";
          break;
        case httplib::Error::SSLServerVerification:
          r.error = "the TLS certificate of " + u.host + " could not be verified (" + current + ")";
          break;
        case httplib::Error::SSLLoadingCerts:
          r.error = "cannot load CA certificates for " + current;
          break;
        case httplib::Error::Compression:
          r.error = "cannot decompress the response from " + current;
          break;
        default:
          r.error = httplib::to_string(res.error()) + " (" + current + ")";
      }
      return r;
    }
    if (is_redirect(res->status)) {
      const std::string location = res->get_header_value("Location");
      if (location.empty()) {
        r.error = status_text(res->status) + " without a Location header at " + current;
        return r;
      }
      if (hop >= limits_.max_redirects) {
        r.error = "more than " + std::to_string(limits_.max_redirects) + " redirects starting at " +
                  url + " (last: " + current + " -> " + location + ")";
        return r;
      }
      const std::string next = resolve_location(current, location);
      if (next.empty()) {
        r.error =
            status_text(res->status) + " to an unusable Location '" + location + "' at " + current;
        return r;
      }
      r.redirects.push_back(current);
      current = next;
      continue;
    }
    r.ok = true;
    r.status = res->status;
    r.final_url = current;
    r.etag = res->get_header_value("ETag");
    r.last_modified = res->get_header_value("Last-Modified");
    r.content_type = res->get_header_value("Content-Type");
    r.body = std::move(body);
    return r;
  }
}

}  // namespace regkg::fetch
