// Reads HTML the way a reader view does: the visible text as a list of blocks (one per paragraph,
// heading, list item, table cell or <br>-separated line), without scripts, styles, navigation,
// page headers and footers, with character entities decoded. Also keeps <title> and <meta>.
// Tolerant of any bytes (broken tags, unclosed comments, garbage): linear time, never throws.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace regkg::fetch {

struct HtmlBlock {
  std::string text;  // whitespace-collapsed, trimmed, never empty
  std::string tag;   // the block element it came from: "p", "h1", "td", "div" … ("" at top level)
};

struct HtmlDocument {
  std::string title;                                      // text of <title>
  std::vector<std::pair<std::string, std::string>> meta;  // lower-cased name -> content
  std::vector<HtmlBlock> blocks;

  // The content of the first <meta> named `name` (case-insensitive), or "".
  std::string meta_content(std::string_view name) const;
};

struct HtmlReadOptions {
  // Drop the content of <nav>, <header> (outside <article>/<main>), <footer>, <aside>, <form> and
  // of elements whose class or id is a navigation word (nav, menu, header, footer, breadcrumb,
  // share, sidebar …). Off: only scripts, styles and templates are dropped.
  bool drop_page_chrome = true;
};

// Never throws; bytes that are not valid UTF-8 are passed through as they are.
HtmlDocument read_html_blocks(std::string_view html, const HtmlReadOptions& options = {});

// Appends the decoded form of the entity at `html[pos]` == '&' and returns the bytes consumed
// (0 when it is not an entity: the caller keeps the '&'). Exposed for tests.
size_t decode_html_entity(std::string_view html, size_t pos, std::string& out);

}  // namespace regkg::fetch
