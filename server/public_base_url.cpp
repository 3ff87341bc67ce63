// public_base_url: the scheme and authority of absolute links, from the request.
#include "server/public_base_url.h"

#include <cctype>

#include <httplib.h>

#include "server/api_error.h"
#include "text/percent_encoding.h"

namespace regkg::server {

namespace {

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// host [":" port], host a reg-name or IPv4 address, or "[" IPv6 "]".
bool is_authority(std::string_view s) {
  if (s.empty() || s.size() > 261) return false;
  size_t port_at = std::string_view::npos;
  if (s.front() == '[') {
    size_t close = s.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    for (char c : s.substr(1, close - 1))
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.')) return false;
    if (close + 1 < s.size()) {
      if (s[close + 1] != ':') return false;
      port_at = close + 1;
    }
  } else {
    port_at = s.find(':');
    std::string_view host = s.substr(0, port_at);
    if (host.empty()) return false;
    for (char c : host)
      if (!is_host_char(c)) return false;
  }
  if (port_at == std::string_view::npos) return true;
  std::string_view port = s.substr(port_at + 1);
  if (port.empty() || port.size() > 5) return false;
  for (char c : port)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string public_base_url(const httplib::Request& req) {
  const std::string host = req.get_header_value("Host");
  if (!is_authority(host))
    throw ApiError(400, "bad_host",
                   host.empty() ? "the request has no Host header: this answer needs it for its "
                                  "absolute links"
                                : "the Host header is not a host name or address with a port",
                   {{"header", "Host"}});
  const bool https = req.get_header_value("X-Forwarded-Proto") == "https";
  return std::string(https ? "https://" : "http://") + host + "/";
}

std::string uri_component(std::string_view value) { return text::percent_encode(value, "!*'()"); }

std::string node_page_url(const std::string& base, std::string_view node_id) {
  return base + "node.html?id=" + uri_component(node_id);
}

}  // namespace regkg::server
