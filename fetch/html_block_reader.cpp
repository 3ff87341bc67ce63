// A small tolerant HTML reader: tags, comments, raw-text elements and entities in one linear pass,
// producing text blocks. Not a conforming HTML parser: enough for publication pages.
#include "fetch/html_block_reader.h"
#include "text/ascii_case.h"

#include <array>
#include <cstdint>

#include "text/utf8.h"

namespace regkg::fetch {

namespace {

using text::ascii_lower;
using text::is_html_space;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

using text::ascii_lowercase;
using text::find_ascii_ci;

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  for (std::string_view x : set)
    if (s == x) return true;
  return false;
}

bool is_void_element(std::string_view name) {
  return one_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "param", "source", "track", "wbr"});
}

// Elements whose content is not markup and never shown as text.
bool is_raw_text_element(std::string_view name) {
  return one_of(name, {"script", "style", "template", "noscript", "textarea", "xmp", "iframe",
                       "noembed", "noframes", "svg", "object", "select"});
}

// Elements that start a new line of text.
bool is_block_element(std::string_view name) {
  return one_of(name,
                {"p",      "div",     "br",      "h1",     "h2",         "h3",         "h4",
                 "h5",     "h6",      "li",      "ul",     "ol",         "dl",         "dt",
                 "dd",     "tr",      "td",      "th",     "table",      "tbody",      "thead",
                 "tfoot",  "section", "article", "main",   "center",     "blockquote", "pre",
                 "hr",     "address", "caption", "figure", "figcaption", "body",       "html",
                 "header", "footer",  "nav",     "aside",  "form",       "fieldset",   "legend"});
}

// Class or id words that mark navigation and page chrome on government sites.
bool is_chrome_word(std::string_view w) {
  static constexpr std::array<std::string_view, 22> kWords = {
      "nav",       "navbar", "navigation", "menu",    "topmenu", "header", "footer",  "foot",
      "top",       "bottom", "breadcrumb", "crumb",   "crumbs",  "share",  "sidebar", "toolbar",
      "copyright", "topbar", "banner",     "related", "search",  "skip"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  for (std::string_view prefix : {"nav-", "nav_", "header-", "header_", "footer-", "footer_",
                                  "breadcrumb", "share-", "share_", "menu-", "menu_"}) {
    if (w.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// One parsed start or end tag.
struct Tag {
  std::string name;  // lower-cased
  bool closing = false;
  bool self_closing = false;
  std::string_view attrs;  // raw text between the name and '>'
};

// Value of attribute `want` (lower-case) in a raw attribute string, entity-decoded; "" if absent.
std::string attribute(std::string_view attrs, std::string_view want, bool* present = nullptr) {
  size_t p = 0;
  if (present) *present = false;
  while (p < attrs.size()) {
    while (p < attrs.size() && (is_html_space(attrs[p]) || attrs[p] == '/')) ++p;
    const size_t name_start = p;
    while (p < attrs.size() && !is_html_space(attrs[p]) && attrs[p] != '=' && attrs[p] != '/') ++p;
    const std::string name = ascii_lowercase(attrs.substr(name_start, p - name_start));
    while (p < attrs.size() && is_html_space(attrs[p])) ++p;
    std::string_view value;
    if (p < attrs.size() && attrs[p] == '=') {
      ++p;
      while (p < attrs.size() && is_html_space(attrs[p])) ++p;
      if (p < attrs.size() && (attrs[p] == '"' || attrs[p] == '\'')) {
        const char q = attrs[p++];
        const size_t end = attrs.find(q, p);
        const size_t stop = end == std::string_view::npos ? attrs.size() : end;
        value = attrs.substr(p, stop - p);
        p = stop == attrs.size() ? stop : stop + 1;
      } else {
        const size_t start = p;
        while (p < attrs.size() && !is_html_space(attrs[p])) ++p;
        value = attrs.substr(start, p - start);
      }
    }
    if (name.empty() && p == name_start) ++p;  // a stray character: always make progress
    if (name == want) {
      if (present) *present = true;
      std::string out;
      for (size_t i = 0; i < value.size();) {
        if (value[i] == '&') {
          if (size_t used = decode_html_entity(value, i, out)) {
            i += used;
            continue;
          }
        }
        out.push_back(value[i++]);
      }
      return out;
    }
  }
  return "";
}

bool has_chrome_class_or_id(std::string_view attrs) {
  for (std::string_view key : {"class", "id"}) {
    const std::string v = ascii_lowercase(attribute(attrs, key));
    size_t p = 0;
    while (p < v.size()) {
      while (p < v.size() && is_html_space(v[p])) ++p;
      const size_t start = p;
      while (p < v.size() && !is_html_space(v[p])) ++p;
      if (p > start && is_chrome_word(std::string_view(v).substr(start, p - start))) return true;
    }
  }
  return false;
}

// Ideographs, kana, hangul, CJK punctuation and full-width forms: no spaces between these.
bool is_cjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

// The code point that ends `s` (U+FFFD when `s` does not end in valid UTF-8).
char32_t last_code_point(const std::string& s) {
  if (s.empty()) return 0;
  size_t start = s.size() - 1;
  for (int i = 0; i < 3 && start > 0 && !text::is_code_point_start(s, start); ++i) --start;
  size_t pos = start;
  return text::decode_utf8(s, pos);
}

// Trims ASCII whitespace, U+00A0, U+3000, U+200B and U+FEFF at both ends (byte-safe).
std::string trim_block(const std::string& s) {
  auto lead = [&](size_t p) -> size_t {  // bytes of a trimmable character at p, or 0
    if (p >= s.size()) return 0;
    if (is_html_space(s[p])) return 1;
    if (s.compare(p, 2, "\xC2\xA0") == 0) return 2;
    if (s.compare(p, 3, "\xE3\x80\x80") == 0 || s.compare(p, 3, "\xE2\x80\x8B") == 0 ||
        s.compare(p, 3, "\xEF\xBB\xBF") == 0)
      return 3;
    return 0;
  };
  size_t b = 0;
  while (size_t n = lead(b)) b += n;
  size_t e = s.size();
  while (e > b) {
    if (is_html_space(s[e - 1])) {
      --e;
    } else if (e - b >= 2 && lead(e - 2) == 2) {
      e -= 2;
    } else if (e - b >= 3 && lead(e - 3) == 3) {
      e -= 3;
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

constexpr NamedEntity kEntities[] = {
    {"nbsp", 0xA0},    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"mdash", 0x2014}, {"ndash", 0x2013},  {"hellip", 0x2026}, {"middot", 0xB7},  {"emsp", 0x3000},
    {"ensp", 0x2002},  {"thinsp", 0x2009}, {"times", 0xD7},    {"copy", 0xA9},    {"reg", 0xAE},
    {"yen", 0xA5},     {"deg", 0xB0},      {"bull", 0x2022},   {"laquo", 0xAB},   {"raquo", 0xBB},
    {"zwj", 0x200D},   {"zwnj", 0x200C},   {"shy", 0xAD},      {"sect", 0xA7},    {"para", 0xB6},
    {"divide", 0xF7},  {"plusmn", 0xB1},
};

// Reads the text of the document into blocks.
class Reader {
 public:
  Reader(std::string_view html, const HtmlReadOptions& options) : html_(html), options_(options) {}

  HtmlDocument run() {
    size_t pos = 0;
    const size_t n = html_.size();
    while (pos < n) {
      const char c = html_[pos];
      if (c == '<') {
        pos = on_markup(pos);
      } else if (c == '&') {
        std::string decoded;
        const size_t used = skipping() ? 0 : decode_html_entity(html_, pos, decoded);
        if (used) {
          append_text(decoded);
          pos += used;
        } else {
          if (!skipping()) append_text("&");
          ++pos;
        }
      } else if (is_html_space(c)) {
        if (!skipping()) {
          pending_space_ = true;
          if (c == '\n' || c == '\r') pending_newline_ = true;
        }
        ++pos;
      } else {
        // A run of ordinary bytes up to the next markup, entity or space.
        size_t end = pos + 1;
        while (end < n && html_[end] != '<' && html_[end] != '&' && !is_html_space(html_[end]))
          ++end;
        if (!skipping()) append_text(html_.substr(pos, end - pos));
        pos = end;
      }
    }
    flush();
    return std::move(doc_);
  }

 private:
  bool skipping() const { return skip_depth_ > 0; }

  void append_text(std::string_view piece) {
    if (piece.empty()) return;
    if (pending_space_ && !cur_.empty()) {
      size_t p = 0;
      const char32_t next = text::decode_utf8(piece, p);
      // A line break inside a paragraph of Chinese text is source formatting, not a space.
      if (!(pending_newline_ && is_cjk(last_code_point(cur_)) && is_cjk(next))) cur_ += ' ';
    }
    pending_space_ = pending_newline_ = false;
    cur_.append(piece);
  }

  void flush() {
    std::string t = trim_block(cur_);
    if (!t.empty()) doc_.blocks.push_back(HtmlBlock{std::move(t), block_tag_});
    cur_.clear();
    pending_space_ = pending_newline_ = false;
  }

  // Handles the markup at html_[pos] == '<'; returns the position after it.
  size_t on_markup(size_t pos) {
    const size_t n = html_.size();
    if (html_.compare(pos, 4, "<!--") == 0) {
      const size_t end = html_.find("-->", pos + 4);
      return end == std::string_view::npos ? n : end + 3;
    }
    if (pos + 1 < n && (html_[pos + 1] == '!' || html_[pos + 1] == '?')) {
      const size_t end = html_.find('>', pos + 2);
      return end == std::string_view::npos ? n : end + 1;
    }
    Tag tag;
    size_t p = pos + 1;
    if (p < n && html_[p] == '/') {
      tag.closing = true;
      ++p;
    }
    const size_t name_start = p;
    if (p >= n || !is_alpha(html_[p])) {
      // Not a tag ("a < b"): the '<' is text.
      if (!skipping()) append_text("<");
      return pos + 1;
    }
    while (p < n && (is_alnum(html_[p]) || html_[p] == '-' || html_[p] == ':')) ++p;
    tag.name = ascii_lowercase(html_.substr(name_start, p - name_start));
    const size_t attrs_start = p;
    // Find the '>' that ends the tag, skipping quoted attribute values.
    while (p < n && html_[p] != '>') {
      if (html_[p] == '"' || html_[p] == '\'') {
        const size_t close = html_.find(html_[p], p + 1);
        // An unbalanced quote: fall back to the next '>' so one typo does not eat the page.
        if (close == std::string_view::npos) {
          const size_t gt = html_.find('>', p + 1);
          p = gt == std::string_view::npos ? n : gt;
          break;
        }
        p = close + 1;
      } else {
        ++p;
      }
    }
    tag.attrs = html_.substr(attrs_start, p - attrs_start);
    tag.self_closing = !tag.attrs.empty() && tag.attrs.back() == '/';
    const size_t after = p < n ? p + 1 : n;
    return on_tag(tag, after);
  }

  size_t on_tag(const Tag& tag, size_t after) {
    if (skipping()) {
      if (tag.name == skip_tag_ && !tag.self_closing) {
        if (tag.closing)
          --skip_depth_;
        else
          ++skip_depth_;
      }
      return after;
    }
    if (!tag.closing && is_raw_text_element(tag.name)) {
      // Everything up to </name is not markup; <title> below is the one we keep.
      const size_t end = find_ascii_ci(html_, "</" + tag.name, after);
      if (end == std::string_view::npos) return html_.size();
      const size_t gt = html_.find('>', end);
      return gt == std::string_view::npos ? html_.size() : gt + 1;
    }
    if (!tag.closing && tag.name == "title") {
      const size_t end = find_ascii_ci(html_, "</title", after);
      const size_t stop = end == std::string_view::npos ? html_.size() : end;
      if (doc_.title.empty()) {
        HtmlReadOptions plain;
        plain.drop_page_chrome = false;
        Reader inner(html_.substr(after, stop - after), plain);
        HtmlDocument t = inner.run();
        for (const auto& b : t.blocks) doc_.title += (doc_.title.empty() ? "" : " ") + b.text;
      }
      if (end == std::string_view::npos) return html_.size();
      const size_t gt = html_.find('>', end);
      return gt == std::string_view::npos ? html_.size() : gt + 1;
    }
    if (tag.name == "meta") {
      bool has_name = false;
      std::string name = attribute(tag.attrs, "name", &has_name);
      if (!has_name) name = attribute(tag.attrs, "property", &has_name);
      if (!has_name) name = attribute(tag.attrs, "http-equiv", &has_name);
      if (has_name) doc_.meta.emplace_back(ascii_lowercase(name), attribute(tag.attrs, "content"));
      return after;
    }
    if (tag.name == "article" || tag.name == "main") {
      content_depth_ += tag.closing ? (content_depth_ > 0 ? -1 : 0) : 1;
    }
    if (!tag.closing && !tag.self_closing && !is_void_element(tag.name) &&
        options_.drop_page_chrome && is_chrome(tag)) {
      flush();
      skip_tag_ = tag.name;
      skip_depth_ = 1;
      return after;
    }
    if (is_block_element(tag.name)) {
      flush();
      if (tag.name != "br" && tag.name != "hr") block_tag_ = tag.closing ? "" : tag.name;
    }
    return after;
  }

  bool is_chrome(const Tag& tag) const {
    if (one_of(tag.name, {"nav", "footer", "aside", "form", "menu"})) return true;
    if (tag.name == "header" && content_depth_ == 0) return true;
    return has_chrome_class_or_id(tag.attrs);
  }

  std::string_view html_;
  HtmlReadOptions options_;
  HtmlDocument doc_;
  std::string cur_;
  std::string block_tag_;
  bool pending_space_ = false;
  bool pending_newline_ = false;
  std::string skip_tag_;
  int skip_depth_ = 0;
  int content_depth_ = 0;
};

}  // namespace

size_t decode_html_entity(std::string_view html, size_t pos, std::string& out) {
  if (pos >= html.size() || html[pos] != '&') return 0;
  size_t p = pos + 1;
  if (p < html.size() && html[p] == '#') {
    ++p;
    const bool hex = p < html.size() && (html[p] == 'x' || html[p] == 'X');
    if (hex) ++p;
    const size_t digits_start = p;
    std::uint32_t value = 0;
    while (p < html.size() && p - digits_start < 8) {
      const char c = html[p];
      int d = -1;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      if (d < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      ++p;
    }
    if (p == digits_start) return 0;
    if (p < html.size() && html[p] == ';') ++p;
    char32_t cp = value;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    text::append_utf8(out, cp);
    return p - pos;
  }
  const size_t name_start = p;
  while (p < html.size() && p - name_start < 8 && is_alnum(html[p])) ++p;
  const std::string_view name = html.substr(name_start, p - name_start);
  for (const NamedEntity& e : kEntities) {
    if (name == e.name) {
      if (p < html.size() && html[p] == ';') ++p;
      text::append_utf8(out, e.cp);
      return p - pos;
    }
  }
  return 0;
}

std::string HtmlDocument::meta_content(std::string_view name) const {
  const std::string want = ascii_lowercase(name);
  for (const auto& [k, v] : meta)
    if (k == want) return v;
  return "";
}

HtmlDocument read_html_blocks(std::string_view html, const HtmlReadOptions& options) {
  Reader reader(html, options);
  return reader.run();
}

}  // namespace regkg::fetch
