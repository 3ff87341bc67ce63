// Renders an Atom 1.0 feed (RFC 4287). Only the XML: which entries go in, and in what order, is
// decided by atom_feed_entries.h and handle_feed.cpp. Every string is XML-escaped; invalid UTF-8
// is replaced.
#pragma once

#include <string>
#include <vector>

namespace regkg::server {

struct AtomEntry {
  std::string id;  // a permanent IRI: tag:regkg,2026:cn/pipl@2021-08-20/effective
  std::string title;
  std::string link;       // absolute href of the alternate (text/html) link
  std::string published;  // RFC 3339
  std::string updated;    // RFC 3339
  std::string summary;    // plain text, or HTML when summary_is_html
  bool summary_is_html = false;
  std::vector<std::string> authors;  // at least one author is written ("regkg" when empty)
  std::vector<std::string> categories;
};

struct AtomFeed {
  std::string id, title, subtitle;
  std::string base;            // xml:base of the feed element (absolute, ends with '/')
  std::string self_link;       // absolute URL of the feed itself
  std::string alternate_link;  // absolute URL of the web page the feed follows
  std::string updated;         // RFC 3339
  std::vector<AtomEntry> entries;
};

std::string render_atom(const AtomFeed& feed);

}  // namespace regkg::server
