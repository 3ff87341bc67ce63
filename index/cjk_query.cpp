// quote_cjk_runs: phrase-quoting CJK runs in user queries.
#include "index/cjk_query.h"

#include "text/utf8.h"

#include <array>
#include <utility>
#include <vector>

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

namespace {

// The bigram condition of a subquery: `condition` is met by every document the subquery
// matches (empty: no constraint known); `has_bigrams` says whether it holds a phrase's bigrams
// (only then is it worth filtering by).
struct Condition {
  Xapian::Query condition;
  bool has_bigrams = false;
};

// A leaf term of one CJK character after its field prefix ("劳", "S劳"): true, with the prefix.
bool split_cjk_unigram(const std::string& term, std::string& prefix) {
  // The last code point starts at the last byte that is not a UTF-8 continuation byte.
  size_t start = term.size();
  while (start > 0 && (static_cast<unsigned char>(term[start - 1]) & 0xC0) == 0x80) --start;
  if (start == 0) return false;
  --start;
  size_t i = start;
  const char32_t cp = text::decode_utf8(term, i);
  if (i != term.size() || !is_cjk_code_point(cp)) return false;
  prefix = term.substr(0, start);
  return true;
}

Condition condition_of(const Xapian::Query& q) {
  using Q = Xapian::Query;
  const auto op = q.get_type();
  const size_t n = q.get_num_subqueries();
  switch (op) {
    case Q::LEAF_TERM:
      return {q, false};
    case Q::OP_PHRASE: {
      // Bigrams of each two neighbouring one-character terms of the same field.
      std::vector<Q> bigrams;
      std::string previous, previous_prefix;
      bool previous_cjk = false;
      for (size_t i = 0; i < n; ++i) {
        const Q sub = q.get_subquery(i);
        std::string term, prefix;
        bool cjk = false;
        if (sub.get_type() == Q::LEAF_TERM && sub.get_terms_begin() != sub.get_terms_end()) {
          term = *sub.get_terms_begin();
          cjk = split_cjk_unigram(term, prefix);
        }
        if (cjk && previous_cjk && prefix == previous_prefix)
          bigrams.emplace_back(term.substr(0, prefix.size()) + previous.substr(prefix.size()) +
                               term.substr(prefix.size()));
        previous = std::move(term);
        previous_prefix = std::move(prefix);
        previous_cjk = cjk;
      }
      if (bigrams.empty()) return {};
      return {Q(Q::OP_AND, bigrams.begin(), bigrams.end()), true};
    }
    case Q::OP_AND: {
      // Only the parts with bigrams: the rest is matched by the query itself anyway.
      std::vector<Q> parts;
      for (size_t i = 0; i < n; ++i) {
        Condition c = condition_of(q.get_subquery(i));
        if (c.has_bigrams) parts.push_back(std::move(c.condition));
      }
      if (parts.empty()) return {};
      return {Q(Q::OP_AND, parts.begin(), parts.end()), true};
    }
    case Q::OP_FILTER:
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT:
      // What the first subquery needs (the others filter, exclude or only weigh).
      if (n == 0) return {};
      return condition_of(q.get_subquery(0));
    case Q::OP_OR:
    case Q::OP_XOR:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
    case Q::OP_ELITE_SET: {
      // Every alternative must be constrained, or the whole is not.
      std::vector<Q> parts;
      bool has_bigrams = false;
      for (size_t i = 0; i < n; ++i) {
        Condition c = condition_of(q.get_subquery(i));
        if (c.condition.empty()) return {};
        has_bigrams = has_bigrams || c.has_bigrams;
        parts.push_back(std::move(c.condition));
      }
      if (parts.empty()) return {};
      return {Q(Q::OP_OR, parts.begin(), parts.end()), has_bigrams};
    }
    default:
      // NEAR, ranges, wildcards, match-all, sources: no condition known.
      return {};
  }
}

}  // namespace

Xapian::Query cjk_bigram_condition(const Xapian::Query& query) {
  Condition c = condition_of(query);
  return c.has_bigrams ? c.condition : Xapian::Query();
}

}  // namespace regkg::index
