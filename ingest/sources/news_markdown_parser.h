// Parser for news Markdown with YAML front matter (news/seed and news/feed).
// Reads only the subset of YAML the corpus uses (see front_matter_reader.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

struct RelatedLink {
  std::string title;
  std::string url;
  std::string date;  // YYYY-MM-DD
  std::string provider;
};

struct NewsItem {
  std::string path;
  std::string slug;  // file name without ".md"
  std::string title;
  std::string date;      // YYYY-MM-DD: front matter `date` or `publishedDateTime` (UTC)
  std::string datetime;  // the raw publishedDateTime when present
  std::string source;    // `source`, else `provider.name`
  std::string url;       // `originalUrl`, else `webUrl`, else ""
  std::string excerpt;
  // A news metadata record written for regkg (corpus/news) has, instead of the publisher's
  // excerpt, a one-sentence `summary` of its own, and lists the `actors` (dictionary ids) and
  // `instruments` (regkg ids) the item names.
  std::string summary;
  std::vector<std::string> named_actors;
  std::vector<std::string> named_instruments;
  std::string body;      // Markdown body after the front matter, trimmed
  std::string language;  // `language` or "en"
  std::vector<std::string> topics;
  std::vector<RelatedLink> related;
  int body_line = 0;  // 1-based line where the body starts
};

// Throws ParseError for invalid UTF-8, a missing or unterminated front matter, front matter that
// does not parse, no title, or no usable date (an impossible date such as 2023-13-45 is an error,
// named with its line). Thread-safe.
NewsItem parse_news_markdown(const std::string& path, std::string_view content, Diagnostics& diags);

}  // namespace regkg::ingest
