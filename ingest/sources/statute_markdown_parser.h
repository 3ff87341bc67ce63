// Parser for LawRefBook-style Chinese statute Markdown (statutes-zh/): header, headings, articles.
// Pure function of (path, bytes): no I/O, no graph. The caller owns the returned value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

// One dated line of the header, e.g. "2021年11月16日 国家互联网信息办公室…审议通过".
struct HeaderEvent {
  std::string date;  // YYYY-MM-DD
  // adopted (通过/审议通过), amended (修正/修订/修改), promulgated (公布/发布), effective (施行),
  // or other.
  std::string type;
  std::string text;  // the line without its date
  int line = 0;
};

// A `##`..`####` heading: 编 (part), 章 (chapter), 节 (section) or something else.
struct StatuteHeading {
  int level = 2;     // number of '#'
  std::string kind;  // "part", "chapter", "section" or "heading"
  int number = 0;    // 第三章 -> 3; 0 when the heading has no number
  std::string text;  // inner spaces collapsed: "第一章 总 则"
  int parent = -1;   // index into ParsedStatute::headings of the enclosing heading, or -1
  int line = 0;
};

struct StatuteParagraph {
  std::string text;     // trimmed; for the first paragraph, without the "第X条 " label
  int item_number = 0;  // （三）-> 3 for enumerated items, else 0
  int line = 0;
};

struct StatuteArticle {
  int number = 0;      // 第十七条之一 -> 17
  int sub_number = 0;  // 之一 -> 1, 之二 -> 2; 0 for a plain article
  std::string label;   // "第十七条之一"
  int heading = -1;    // index into ParsedStatute::headings of the innermost heading, or -1
  int line = 0;
  std::vector<StatuteParagraph> paragraphs;  // at least one
};

struct ParsedStatute {
  std::string path;       // as given
  std::string category;   // first folder under statutes-zh/, e.g. "行政法规"; "" if unknown
  std::string file_stem;  // "个人信息保护法" (file name without "(date).md")
  std::string file_date;  // "2021-08-20" from the file name, or "" when absent
  std::string title;      // first H1: "中华人民共和国个人信息保护法"
  std::string subtitle;   // second H1 when present (民法典 books: "婚姻家庭编")
  std::vector<HeaderEvent> events;
  std::vector<std::string> header_notes;  // non-date header lines (issuers, document numbers …)
  std::vector<StatuteHeading> headings;
  std::vector<StatuteArticle> articles;
  std::vector<StatuteParagraph> preamble;  // body paragraphs before the first article
};

// Parses one file. `path` is used for messages and for category/file_stem/file_date.
// Throws ParseError (file skipped) for: invalid UTF-8 (line of the first bad byte), an empty
// file, no H1 title, no `<!-- INFO END -->` marker. Recoverable oddities (a header line that
// looks dated but has an impossible date, an article number out of sequence, a duplicate article
// number) go to `diags` as warnings. Thread-safe (no shared state).
ParsedStatute parse_statute_markdown(const std::string& path, std::string_view content,
                                     Diagnostics& diags);

// Splits "<stem>(YYYY-MM-DD).md" into stem and date; returns false when there is no valid date.
bool split_statute_file_name(std::string_view file_name, std::string* stem, std::string* date);

}  // namespace regkg::ingest
