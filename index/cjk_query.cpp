// quote_cjk_runs: phrase-quoting CJK runs in user queries.
#include "index/cjk_query.h"

#include "text/utf8.h"

#include <array>

namespace regkg::index {

bool is_cjk_code_point(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK Extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK Unified Ideographs
         (cp >= 0xAC00 && cp <= 0xD7AF) ||  // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK Compatibility Ideographs
         (cp >= 0x20000 && cp <= 0x2FA1F);  // Extensions B-F, compatibility supplement
}

namespace {

bool is_boolean_field(std::string_view token) {
  static constexpr std::array<std::string_view, 11> fields = {
      "id:",     "kind:", "instrument:", "version:",  "jurisdiction:", "lang:",
      "issuer:", "year:", "date:",       "modality:", "actor:"};
  for (std::string_view f : fields)
    if (token.substr(0, f.size()) == f) return true;
  // A leading +, - or ( before a field (e.g. -kind:news).
  if (!token.empty() && (token[0] == '+' || token[0] == '-' || token[0] == '('))
    return is_boolean_field(token.substr(1));
  return false;
}

std::string rewrite_token(std::string_view token) {
  if (token.find('"') != std::string_view::npos || is_boolean_field(token))
    return std::string(token);
  std::string out;
  size_t i = 0;
  while (i < token.size()) {
    char32_t cp = 0;
    size_t len = text::decode_utf8_sequence(token, i, cp);
    if (len == 0) return std::string(token);
    if (!is_cjk_code_point(cp)) {
      out.append(token.substr(i, len));
      i += len;
      continue;
    }
    // A run of CJK characters: quote it when it has two or more.
    size_t start = i, chars = 0;
    while (i < token.size()) {
      size_t l = text::decode_utf8_sequence(token, i, cp);
      if (l == 0 || !is_cjk_code_point(cp)) break;
      i += l;
      ++chars;
    }
    std::string_view run = token.substr(start, i - start);
    if (chars >= 2) {
      out.push_back('"');
      out.append(run);
      out.push_back('"');
    } else {
      out.append(run);
    }
  }
  return out;
}

}  // namespace

std::string quote_cjk_runs(std::string_view query) {
  std::string out;
  bool in_phrase = false;
  size_t i = 0;
  while (i < query.size()) {
    if (query[i] == ' ' || query[i] == '\t' || query[i] == '\n' || query[i] == '\r') {
      out.push_back(query[i++]);
      continue;
    }
    size_t start = i;
    while (i < query.size() && query[i] != ' ' && query[i] != '\t' && query[i] != '\n' &&
           query[i] != '\r')
      ++i;
    std::string_view token = query.substr(start, i - start);
    // Inside a phrase the user opened ("个人 信息 保护"), tokens stay as they are.
    out.append(in_phrase ? std::string(token) : rewrite_token(token));
    for (char c : token)
      if (c == '"') in_phrase = !in_phrase;
  }
  return out;
}

bool has_cjk(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    if (is_cjk_code_point(text::decode_utf8(text, i))) return true;
  }
  return false;
}

}  // namespace regkg::index
