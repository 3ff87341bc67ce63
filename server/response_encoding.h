// Which content coding (gzip or none) an API answer may be sent with. cpp-httplib compresses any
// text/* answer whose request's Accept-Encoding merely contains "br" or "gzip" (even "br;q=0"), in
// memory and per request, Brotli at quality 11: about 0.2 MB/s here (a 434 KB CSV took 2.0 s, a
// streamed 267 KB export 2.1 s, against 0.02 s uncompressed; the full corpus's CSV export 22 s,
// issue 22 item 3). gzip at its default level did the 267 KB in 0.035 s. So Brotli is never
// offered, gzip only up to a size, and streamed answers go uncompressed: the request's
// Accept-Encoding is rewritten to that one coding before httplib reads it.
#pragma once

#include <cstddef>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace regkg::server {

// Answers up to this size may be gzip-compressed (~0.15 s of CPU at most); larger ones, and
// streamed ones (exports) whatever their size, go uncompressed.
inline constexpr size_t kCompressMaxBytes = 1u << 20;

// The coding to use for an answer of `body_bytes` (streamed: unknown, never compressed) given the
// request's Accept-Encoding: "gzip" or "" (identity). A coding with q=0 is a refused one.
std::string choose_content_coding(const std::string& accept_encoding, size_t body_bytes,
                                  bool streamed);

// Rewrites `req`'s Accept-Encoding to choose_content_coding()'s answer for `res` (removes it for
// identity), so that httplib, which reads it when writing the answer, does only that.
void limit_response_coding(httplib::Request& req, const httplib::Response& res);

}  // namespace regkg::server
