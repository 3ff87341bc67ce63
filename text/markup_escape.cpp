// html_escape, xml_characters and xml_escape (see markup_escape.h).
#include "text/markup_escape.h"

#include "text/utf8_validation.h"

namespace regkg::text {

namespace {

// Appends the entity for one of & < > " ', or returns false for any other byte.
bool append_markup_entity(std::string& out, char c) {
  switch (c) {
    case '&':
      out += "&amp;";
      return true;
    case '<':
      out += "&lt;";
      return true;
    case '>':
      out += "&gt;";
      return true;
    case '"':
      out += "&quot;";
      return true;
    case '\'':
      out += "&#39;";
      return true;
    default:
      return false;
  }
}

bool is_xml_char(std::string_view sequence) {
  if (sequence.size() == 1) {
    const auto c = static_cast<unsigned char>(sequence[0]);
    return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
  }
  return sequence != "\xEF\xBF\xBE" && sequence != "\xEF\xBF\xBF";  // U+FFFE, U+FFFF
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text)
    if (!append_markup_entity(out, c)) out.push_back(c);
  return out;
}

std::string xml_characters(std::string_view text) { return keep_valid_utf8(text, is_xml_char); }

std::string xml_escape(std::string_view text) {
  const std::string kept = xml_characters(text);
  std::string out;
  out.reserve(kept.size() + kept.size() / 8);
  for (char c : kept) {
    if (append_markup_entity(out, c)) continue;
    switch (c) {
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace regkg::text
