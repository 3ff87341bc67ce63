// Choosing the content coding of an answer (see response_encoding.h).
#include "server/response_encoding.h"

#include <cctype>
#include <cstdlib>

#include <httplib.h>

namespace regkg::server {

namespace {

std::string trimmed_lower(const std::string& s, size_t begin, size_t end) {
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  std::string out = s.substr(begin, end - begin);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True when `accept_encoding` lists `coding` (or "*") with a weight above 0.
bool accepts(const std::string& accept_encoding, const std::string& coding) {
  bool named = false, star = false;
  size_t at = 0;
  while (at <= accept_encoding.size()) {
    size_t comma = accept_encoding.find(',', at);
    if (comma == std::string::npos) comma = accept_encoding.size();
    size_t semi = accept_encoding.find(';', at);
    size_t name_end = semi < comma ? semi : comma;
    const std::string name = trimmed_lower(accept_encoding, at, name_end);
    bool weighted_out = false;
    if (semi < comma) {
      const std::string param = trimmed_lower(accept_encoding, semi + 1, comma);
      if (param.rfind("q=", 0) == 0) weighted_out = std::strtod(param.c_str() + 2, nullptr) <= 0;
    }
    if (name == coding) {
      if (weighted_out) return false;
      named = true;
    } else if (name == "*" && !weighted_out) {
      star = true;
    }
    at = comma + 1;
  }
  return named || star;
}

}  // namespace

std::string choose_content_coding(const std::string& accept_encoding, size_t body_bytes,
                                  bool streamed) {
  if (streamed || body_bytes > kCompressMaxBytes || accept_encoding.empty()) return {};
  return accepts(accept_encoding, "gzip") ? "gzip" : std::string();
}

void limit_response_coding(httplib::Request& req, const httplib::Response& res) {
  if (!req.has_header("Accept-Encoding")) return;
  // A content provider is a streamed answer (the exports): its size is unknown, or it is a file.
  const bool streamed = static_cast<bool>(res.content_provider_);
  const std::string coding =
      choose_content_coding(req.get_header_value("Accept-Encoding"), res.body.size(), streamed);
  req.headers.erase("Accept-Encoding");
  if (!coding.empty()) req.headers.emplace("Accept-Encoding", coding);
}

}  // namespace regkg::server
