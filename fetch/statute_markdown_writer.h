// Writes a fetched rule in the statute Markdown format that ingest/sources/statute_markdown_parser
// reads (the LawRefBook shape of ../shared/corpus/statutes-zh): "# title", dated header lines, the
// "<!-- INFO END -->" marker, "##" chapters and "第X条 " articles; and names the file
// "<short title>(YYYY-MM-DD).md" as the corpus does. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fetch/publication_html_extractor.h"

namespace regkg::fetch {

// One header line: "2023年7月10日 国家互联网信息办公室…公布" (date "" for an undated note).
struct StatuteHeaderLine {
  std::string date;  // YYYY-MM-DD
  std::string text;
};

struct StatuteText {
  std::string title;                      // the H1: "生成式人工智能服务管理暂行办法"
  std::vector<StatuteHeaderLine> header;  // in order; dated lines become header events
  std::vector<PublicationHeading> headings;
  std::vector<PublicationArticle> articles;
};

// The Markdown text. Header and body lines are kept on one line each; a body line that would
// read as Markdown structure (a leading '#', the INFO END marker) is neutralised.
std::string write_statute_markdown(const StatuteText& text);

// "2023-07-10" -> "2023年7月10日" (the corpus does not zero-pad).
std::string chinese_date(std::string_view iso_date);

// "<short title>(YYYY-MM-DD).md" with characters unsafe in file names ('/', '\\', NUL, control
// characters, a leading '.') replaced by '_'.
std::string statute_file_name(std::string_view short_title, std::string_view iso_date);

}  // namespace regkg::fetch
