// Reads the YAML subset of news front matter into a FrontMatterNode tree (see
// front_matter_reader.h).
#include "ingest/sources/front_matter_reader.h"

#include <optional>

#include "text/utf8.h"

namespace regkg::ingest {

const FrontMatterNode* FrontMatterNode::find(std::string_view key) const {
  if (kind != Kind::map) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string FrontMatterNode::text(std::string_view key) const {
  const FrontMatterNode* n = find(key);
  return n && n->is_scalar() ? n->scalar : std::string();
}

namespace {

struct Line {
  int number = 0;            // file line
  int indent = 0;            // leading spaces
  std::string_view content;  // after the indent, trailing spaces removed
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

class Reader {
 public:
  Reader(const std::string& path, std::string_view yaml, int first_line) : path_(path) {
    size_t start = 0;
    int number = first_line;
    while (start < yaml.size()) {
      size_t end = yaml.find('\n', start);
      if (end == std::string_view::npos) end = yaml.size();
      add_line(yaml.substr(start, end - start), number++);
      start = end + 1;
    }
  }

  FrontMatterNode read() {
    FrontMatterNode root;
    root.kind = FrontMatterNode::Kind::map;
    if (lines_.empty()) return root;
    size_t i = 0;
    if (lines_[0].indent != 0) fail(lines_[0].number, "front matter must start at column 1");
    root = parse_block(i, 0);
    if (i < lines_.size()) fail(lines_[i].number, "unexpected content (check the indentation)");
    if (!root.is_map()) fail(root.line, "front matter must be a map of 'key: value' lines");
    return root;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw ParseError(path_, line, "front matter: " + message);
  }

  void add_line(std::string_view raw, int number) {
    size_t indent = 0;
    while (indent < raw.size() && raw[indent] == ' ') ++indent;
    std::string_view content = trim_ascii(raw.substr(indent));
    if (content.empty() || content[0] == '#') return;  // blank or comment-only
    if (raw[indent] == '\t') fail(number, "tab in indentation (YAML allows spaces only)");
    if (indent == 0 && (content == "---" || content == "...")) {
      fail(number, "a second document marker inside the front matter");
    }
    lines_.push_back(Line{number, static_cast<int>(indent), content});
  }

  // Block collections nest at most this deep: each level is a recursive call, and one line of
  // thousands of "- " (a list in a list in a list…) overflowed the stack (found by
  // fuzz_front_matter).
  static constexpr int kMaxBlockDepth = 64;
  int block_depth_ = 0;

  // Counts one level of block nesting for as long as it lives; too deep is a ParseError.
  class BlockLevel {
   public:
    BlockLevel(Reader& reader, int line) : reader_(reader) {
      if (++reader_.block_depth_ > kMaxBlockDepth)
        reader_.fail(line,
                     "block collections nested deeper than " + std::to_string(kMaxBlockDepth));
    }
    ~BlockLevel() { --reader_.block_depth_; }
    BlockLevel(const BlockLevel&) = delete;
    BlockLevel& operator=(const BlockLevel&) = delete;

   private:
    Reader& reader_;
  };

  static bool is_list_item(std::string_view content) {
    return content == "-" || (content.size() >= 2 && content[0] == '-' && content[1] == ' ');
  }

  FrontMatterNode parse_block(size_t& i, int indent) {
    return is_list_item(lines_[i].content) ? parse_list(i, indent) : parse_map(i, indent);
  }

  FrontMatterNode parse_map(size_t& i, int indent) {
    const BlockLevel level(*this, lines_[i].number);
    FrontMatterNode node;
    node.kind = FrontMatterNode::Kind::map;
    node.line = lines_[i].number;
    while (i < lines_.size()) {
      const Line& line = lines_[i];
      if (line.indent < indent) break;
      if (line.indent > indent) fail(line.number, "unexpected indentation");
      if (is_list_item(line.content)) fail(line.number, "a list item where a 'key:' was expected");
      std::string key;
      std::string_view rest;
      if (!split_key(line.content, line.number, &key, &rest)) {
        fail(line.number, "expected 'key: value', found '" + std::string(line.content) + "'");
      }
      for (const auto& entry : node.entries) {
        if (entry.first == key) fail(line.number, "duplicate key '" + key + "'");
      }
      const int key_line = line.number;
      ++i;
      FrontMatterNode value;
      if (rest.empty()) {
        if (i < lines_.size() && lines_[i].indent > indent) {
          value = parse_block(i, lines_[i].indent);
        } else if (i < lines_.size() && lines_[i].indent == indent &&
                   is_list_item(lines_[i].content)) {
          value = parse_list(i, indent);  // "key:\n- a": a list may sit at the key's own indent
        } else {
          value.line = key_line;
        }
      } else {
        value = parse_inline(rest, key_line);
      }
      node.entries.emplace_back(std::move(key), std::move(value));
    }
    return node;
  }

  FrontMatterNode parse_list(size_t& i, int indent) {
    const BlockLevel level(*this, lines_[i].number);
    FrontMatterNode node;
    node.kind = FrontMatterNode::Kind::list;
    node.line = lines_[i].number;
    while (i < lines_.size() && lines_[i].indent == indent && is_list_item(lines_[i].content)) {
      Line& line = lines_[i];
      std::string_view after_dash = line.content.substr(1);
      size_t skip = 0;
      while (skip < after_dash.size() && after_dash[skip] == ' ') ++skip;
      std::string_view rest = after_dash.substr(skip);
      const int item_indent = indent + 1 + static_cast<int>(skip);
      if (rest.empty()) {
        ++i;
        if (i < lines_.size() && lines_[i].indent > indent) {
          node.items.push_back(parse_block(i, lines_[i].indent));
        } else {
          FrontMatterNode null_item;
          null_item.line = line.number;
          node.items.push_back(std::move(null_item));
        }
        continue;
      }
      std::string key;
      std::string_view value;
      if (is_list_item(rest) || split_key(rest, line.number, &key, &value)) {
        // "- title: …" starts a map (or "- - x" a list) whose column is that of its first key;
        // re-reading the same line at that column lets parse_block handle the continuation lines.
        line.indent = item_indent;
        line.content = rest;
        node.items.push_back(parse_block(i, item_indent));
        continue;
      }
      node.items.push_back(parse_inline(rest, line.number));
      ++i;
      if (i < lines_.size() && lines_[i].indent > indent) {
        fail(lines_[i].number, "unexpected indentation (multi-line scalars are not supported)");
      }
    }
    return node;
  }

  // Splits "key: value" / "key:" / "\"quoted key\": value". False when the line is not a map entry.
  bool split_key(std::string_view content, int line, std::string* key, std::string_view* rest) {
    if (content.empty()) return false;
    size_t after_key = 0;
    if (content[0] == '"' || content[0] == '\'') {
      size_t pos = 0;
      std::string k = parse_quoted(content, pos, line);
      size_t p = pos;
      while (p < content.size() && content[p] == ' ') ++p;
      if (p >= content.size() || content[p] != ':') return false;
      if (p + 1 < content.size() && content[p + 1] != ' ') return false;
      *key = std::move(k);
      after_key = p + 1;
    } else {
      if (content[0] == '[' || content[0] == '{') return false;
      size_t p = 0;
      for (; p < content.size(); ++p) {
        if (content[p] == '#' && p > 0 && content[p - 1] == ' ') return false;  // a comment
        if (content[p] == ':' && (p + 1 == content.size() || content[p + 1] == ' ')) break;
      }
      if (p >= content.size()) return false;
      *key = std::string(trim_ascii(content.substr(0, p)));
      if (key->empty()) return false;
      after_key = p + 1;
    }
    *rest = trim_ascii(content.substr(after_key));
    return true;
  }

  // A value on the same line as its key or dash.
  FrontMatterNode parse_inline(std::string_view s, int line) {
    FrontMatterNode node;
    node.line = line;
    if (s.empty()) return node;
    const char c = s[0];
    if (c == '"' || c == '\'' || c == '[' || c == '{') {
      size_t pos = 0;
      node = parse_flow_value(s, pos, line, /*in_flow=*/false);
      skip_spaces(s, pos);
      if (pos < s.size() && s[pos] != '#') {
        fail(line, "unexpected text after the value: '" + std::string(s.substr(pos)) + "'");
      }
      return node;
    }
    if (c == '|' || c == '>') fail(line, "block scalars ('|', '>') are not supported");
    if (c == '&' || c == '*' || c == '!') fail(line, "anchors, aliases and tags are not supported");
    if (c == '@' || c == '`' || c == '%') fail(line, std::string("reserved character '") + c + "'");
    // Plain scalar: up to a " #" comment.
    size_t end = s.size();
    for (size_t p = 1; p < s.size(); ++p) {
      if (s[p] == '#' && s[p - 1] == ' ') {
        end = p;
        break;
      }
    }
    return plain_scalar(trim_ascii(s.substr(0, end)), line);
  }

  static FrontMatterNode plain_scalar(std::string_view text, int line) {
    FrontMatterNode node;
    node.line = line;
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
      return node;
    }
    node.kind = FrontMatterNode::Kind::scalar;
    node.scalar = std::string(text);
    return node;
  }

  static void skip_spaces(std::string_view s, size_t& pos) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
  }

  // Flow collections nest at most this deep: each level is a recursive call, and a line of 5,000
  // '[' overflowed the stack (found by fuzz_front_matter and fuzz_news_markdown).
  static constexpr int kMaxFlowDepth = 64;

  // One value in flow context ("[a, "b", {k: v}]") or a quoted scalar; `pos` ends after it.
  FrontMatterNode parse_flow_value(std::string_view s, size_t& pos, int line, bool in_flow,
                                   int depth = 0) {
    skip_spaces(s, pos);
    FrontMatterNode node;
    node.line = line;
    if (pos >= s.size()) {
      if (in_flow) fail(line, "unterminated flow collection");
      return node;
    }
    const char c = s[pos];
    if (c == '"' || c == '\'') {
      node.kind = FrontMatterNode::Kind::scalar;
      node.quoted = true;
      node.scalar = parse_quoted(s, pos, line);
      return node;
    }
    if ((c == '[' || c == '{') && depth >= kMaxFlowDepth)
      fail(line, "flow collections nested deeper than " + std::to_string(kMaxFlowDepth));
    if (c == '[') {
      node.kind = FrontMatterNode::Kind::list;
      ++pos;
      for (;;) {
        skip_spaces(s, pos);
        if (pos >= s.size()) fail(line, "unterminated '[' (flow lists must close on their line)");
        if (s[pos] == ']') {
          ++pos;
          break;
        }
        node.items.push_back(parse_flow_value(s, pos, line, true, depth + 1));
        skip_spaces(s, pos);
        if (pos >= s.size()) fail(line, "unterminated '[' (flow lists must close on their line)");
        if (s[pos] == ',') {
          ++pos;
        } else if (s[pos] != ']') {
          fail(line, "expected ',' or ']' in flow list");
        }
      }
      return node;
    }
    if (c == '{') {
      node.kind = FrontMatterNode::Kind::map;
      ++pos;
      for (;;) {
        skip_spaces(s, pos);
        if (pos >= s.size()) fail(line, "unterminated '{' (flow maps must close on their line)");
        if (s[pos] == '}') {
          ++pos;
          break;
        }
        std::string key;
        if (s[pos] == '"' || s[pos] == '\'') {
          key = parse_quoted(s, pos, line);
        } else {
          const size_t start = pos;
          while (pos < s.size() && s[pos] != ',' && s[pos] != '}' &&
                 !(s[pos] == ':' && (pos + 1 == s.size() || s[pos + 1] == ' '))) {
            ++pos;
          }
          key = std::string(trim_ascii(s.substr(start, pos - start)));
        }
        if (key.empty()) fail(line, "empty key in flow map");
        for (const auto& entry : node.entries) {
          if (entry.first == key) fail(line, "duplicate key '" + key + "'");
        }
        skip_spaces(s, pos);
        FrontMatterNode value;
        value.line = line;
        if (pos < s.size() && s[pos] == ':') {
          ++pos;
          value = parse_flow_value(s, pos, line, true, depth + 1);
        }
        node.entries.emplace_back(std::move(key), std::move(value));
        skip_spaces(s, pos);
        if (pos >= s.size()) fail(line, "unterminated '{' (flow maps must close on their line)");
        if (s[pos] == ',') {
          ++pos;
        } else if (s[pos] != '}') {
          fail(line, "expected ',' or '}' in flow map");
        }
      }
      return node;
    }
    if (!in_flow) fail(line, "expected a value");
    // Plain scalar inside a flow collection ends at , ] or }.
    const size_t start = pos;
    while (pos < s.size() && s[pos] != ',' && s[pos] != ']' && s[pos] != '}') ++pos;
    return plain_scalar(trim_ascii(s.substr(start, pos - start)), line);
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  char32_t read_hex(std::string_view s, size_t& pos, size_t digits, int line) {
    if (pos + digits > s.size()) fail(line, "truncated escape in double-quoted string");
    char32_t v = 0;
    for (size_t k = 0; k < digits; ++k) {
      const int h = hex_value(s[pos + k]);
      if (h < 0) fail(line, "bad hex digit in escape: '" + std::string(1, s[pos + k]) + "'");
      v = v * 16 + static_cast<char32_t>(h);
    }
    pos += digits;
    return v;
  }

  // A quoted scalar starting at s[pos] (the quote); `pos` ends after the closing quote.
  std::string parse_quoted(std::string_view s, size_t& pos, int line) {
    const char quote = s[pos++];
    std::string out;
    while (pos < s.size()) {
      const char c = s[pos];
      if (c == quote) {
        if (quote == '\'' && pos + 1 < s.size() && s[pos + 1] == '\'') {  // '' is a quote
          out += '\'';
          pos += 2;
          continue;
        }
        ++pos;
        return out;
      }
      if (c == '\\' && quote == '"') {
        if (pos + 1 >= s.size()) break;
        const char e = s[pos + 1];
        pos += 2;
        switch (e) {
          case '0':
            out += '\0';
            break;
          case 'a':
            out += '\a';
            break;
          case 'b':
            out += '\b';
            break;
          case 't':
          case '\t':
            out += '\t';
            break;
          case 'n':
            out += '\n';
            break;
          case 'v':
            out += '\v';
            break;
          case 'f':
            out += '\f';
            break;
          case 'r':
            out += '\r';
            break;
          case 'e':
            out += '\x1B';
            break;
          case ' ':
            out += ' ';
            break;
          case '"':
            out += '"';
            break;
          case '/':
            out += '/';
            break;
          case '\\':
            out += '\\';
            break;
          case 'N':
            text::append_utf8(out, 0x85);
            break;
          case '_':
            text::append_utf8(out, 0xA0);
            break;
          case 'L':
            text::append_utf8(out, 0x2028);
            break;
          case 'P':
            text::append_utf8(out, 0x2029);
            break;
          case 'x':
            text::append_utf8(out, read_hex(s, pos, 2, line));
            break;
          case 'U': {
            const char32_t cp = read_hex(s, pos, 8, line);
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
              fail(line, "escape \\U is not a valid code point");
            }
            text::append_utf8(out, cp);
            break;
          }
          case 'u': {
            char32_t cp = read_hex(s, pos, 4, line);
            // JSON-style surrogate pairs ("\ud83d\ude00") are accepted; a lone half is not.
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (pos + 6 > s.size() || s[pos] != '\\' || s[pos + 1] != 'u') {
                fail(line, "unpaired surrogate in \\u escape");
              }
              pos += 2;
              const char32_t low = read_hex(s, pos, 4, line);
              if (low < 0xDC00 || low > 0xDFFF) fail(line, "unpaired surrogate in \\u escape");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              fail(line, "unpaired surrogate in \\u escape");
            }
            text::append_utf8(out, cp);
            break;
          }
          default:
            fail(line, std::string("unknown escape '\\") + e + "' in double-quoted string");
        }
        continue;
      }
      out += c;
      ++pos;
    }
    fail(line, std::string("unterminated ") + (quote == '"' ? "double" : "single") +
                   "-quoted string (quoted strings must close on their line)");
  }

  const std::string& path_;
  std::vector<Line> lines_;
};

}  // namespace

FrontMatterNode read_front_matter(const std::string& path, std::string_view yaml, int first_line) {
  return Reader(path, yaml, first_line).read();
}

}  // namespace regkg::ingest
