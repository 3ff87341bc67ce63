// html_escape and xml_escape.
#include "server/markup_escape.h"

#include "server/json_output.h"

namespace regkg::server {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string xml_escape(std::string_view text) {
  if (!valid_utf8(text)) return "\xEF\xBF\xBD";
  std::string kept;
  kept.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    kept.push_back(c);
  }
  return html_escape(kept);
}

}  // namespace regkg::server
