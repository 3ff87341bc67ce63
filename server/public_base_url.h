// The public base URL of a request, for answers that must carry absolute links: the Atom feeds'
// links and xml:base, the @ids of the JSON-LD export. Built from the request's Host header (and
// X-Forwarded-Proto behind a TLS proxy), so the links name the address the client used.
#pragma once

#include <string>
#include <string_view>

namespace httplib {
struct Request;
}

namespace regkg::server {

// "http://HOST/" (or "https://HOST/" when X-Forwarded-Proto is exactly "https"), HOST being the
// request's Host header. Throws ApiError 400 bad_host when the header is missing or is not a
// host name, IPv4 address or bracketed IPv6 address with an optional port (RFC 3986 authority
// without user info): nothing else can reach the links. Thread-safe.
std::string public_base_url(const httplib::Request& req);

// The web UI's page of a node under `base`: BASE + "node.html?id=" + the id percent-encoded as
// JavaScript's encodeURIComponent does, so it is the @id web/js/jsonld.js gives the same node.
std::string node_page_url(const std::string& base, std::string_view node_id);

// A query-string value percent-encoded as encodeURIComponent does (RFC 3986 unreserved and
// ! * ' ( ) kept).
std::string uri_component(std::string_view value);

}  // namespace regkg::server
