// Paging cursors: "c1." + base64url(snapshot id "|" fingerprint "|" offset).
#include "server/page_cursor.h"

#include <cstdio>
#include <cstring>

#include <httplib.h>

#include "server/api_error.h"
#include "server/request_params.h"

namespace regkg::server {

namespace {

const char* const kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::string& in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16 |
                 static_cast<unsigned char>(in[i + 1]) << 8 | static_cast<unsigned char>(in[i + 2]);
    for (int s : {18, 12, 6, 0}) out += kAlphabet[(v >> s) & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (i + 1 < in.size()) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

bool unbase64url(const std::string& in, std::string& out) {
  out.clear();
  unsigned v = 0;
  int bits = 0;
  for (char c : in) {
    const char* p = std::strchr(kAlphabet, c);
    if (!p || c == '\0') return false;
    v = (v << 6) | static_cast<unsigned>(p - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return true;
}

// FNV-1a over the route and every parameter except the paging ones (httplib keeps them sorted).
std::string fingerprint(const httplib::Request& req) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
  };
  mix(req.path);
  for (const auto& [k, v] : req.params) {
    if (k == "cursor" || k == "offset" || k == "limit") continue;
    mix(k);
    mix(v);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

[[noreturn]] void bad_cursor(const std::string& why) {
  throw ApiError(400, "bad_parameter", "parameter 'cursor' " + why, {{"parameter", "cursor"}});
}

}  // namespace

std::uint64_t page_start(const httplib::Request& req, const std::string& snapshot_id,
                         std::uint64_t max_offset) {
  std::string cursor = text_param(req, "cursor", 512);
  if (!req.has_param("cursor")) return uint_param(req, "offset", 0, 0, max_offset);
  if (req.has_param("offset"))
    throw ApiError(400, "bad_parameter", "give 'cursor' or 'offset', not both",
                   {{"parameter", "cursor"}});
  std::string raw;
  if (cursor.rfind("c1.", 0) != 0 || !unbase64url(cursor.substr(3), raw))
    bad_cursor("is not a cursor this server made");
  size_t a = raw.find('|'), b = a == std::string::npos ? a : raw.find('|', a + 1);
  if (b == std::string::npos) bad_cursor("is not a cursor this server made");
  std::string snap = raw.substr(0, a), print = raw.substr(a + 1, b - a - 1),
              offset = raw.substr(b + 1);
  if (snap != snapshot_id)
    throw ApiError(400, "cursor_expired",
                   "the cursor belongs to snapshot " + snap + ", the server now answers from " +
                       snapshot_id + "; start again from the first page",
                   {{"parameter", "cursor"}, {"snapshot", snapshot_id}});
  if (print != fingerprint(req)) bad_cursor("was made for a request with other filters");
  if (offset.empty() || offset.size() > 12 ||
      offset.find_first_not_of("0123456789") != std::string::npos)
    bad_cursor("is not a cursor this server made");
  std::uint64_t n = std::stoull(offset);
  if (n > max_offset) bad_cursor("points past the last page");
  return n;
}

std::string next_cursor(const httplib::Request& req, const std::string& snapshot_id,
                        std::uint64_t next_offset, std::uint64_t total) {
  if (next_offset >= total) return {};
  return "c1." +
         base64url(snapshot_id + "|" + fingerprint(req) + "|" + std::to_string(next_offset));
}

}  // namespace regkg::server
