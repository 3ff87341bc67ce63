// libFuzzer target: the fetch HTML path (fetch/): charset decoding of the page bytes, the
// reader-view block reader, the publication extractor, and the statute Markdown it is written as,
// read back by the statute parser. The first byte picks the Content-Type header. Promises: the
// reader and extractor never throw; decoding throws only CharsetError; indexes stay in range; the
// written Markdown is refused only with a ParseError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/charset_decoder.h"
#include "fetch/publication_html_extractor.h"
#include "fetch/statute_markdown_writer.h"
#include "ingest/sources/statute_markdown_parser.h"

namespace {

void extract_and_write(std::string_view html) {
  auto page = regkg::fetch::extract_publication(html);
  for (const auto& a : page.articles)
    for (int h : a.headings)
      if (h < 0 || h >= static_cast<int>(page.headings.size())) __builtin_trap();
  regkg::fetch::StatuteText text;
  text.title = page.title.empty() ? "标题" : page.title;
  for (const auto& e : page.events) text.header.push_back({e.date, e.text});
  text.headings = page.headings;
  text.articles = page.articles;
  const std::string markdown = regkg::fetch::write_statute_markdown(text);
  regkg::ingest::Diagnostics diags;
  try {
    regkg::ingest::parse_statute_markdown("statutes-zh/行政法规/抓取(2024-01-01).md", markdown,
                                          diags);
  } catch (const regkg::ingest::ParseError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kContentTypes[] = {"", "text/html; charset=utf-8",
                                              "text/html; charset=GBK", "text/html;charset=gb2312",
                                              "text/html; charset=x-unknown"};
  if (size == 0) return 0;
  const char* content_type =
      kContentTypes[data[0] % (sizeof kContentTypes / sizeof kContentTypes[0])];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  // extract_publication runs the block reader itself (both modes when the page has no articles);
  // undecoded bytes reach it through the unknown charset, so no separate reader calls here.
  try {
    auto decoded = regkg::fetch::decode_page(bytes, content_type);
    extract_and_write(decoded.utf8);
  } catch (const regkg::fetch::CharsetError&) {
    extract_and_write(bytes);  // the extractor must survive undecoded bytes too
  }
  return 0;
}
