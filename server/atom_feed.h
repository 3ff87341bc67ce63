// Renders an Atom 1.0 feed (RFC 4287) of new and changed versions. Only the XML: which entries go
// in is decided by handle_feed.cpp. Every string is XML-escaped; invalid UTF-8 is replaced.
#pragma once

#include <string>
#include <vector>

namespace regkg::server {

struct AtomEntry {
  std::string id;  // an IRI, e.g. urn:regkg:version:cn/pipl@2021-08-20:<snapshot>
  std::string title;
  std::string link;                  // href of the alternate link (may be relative)
  std::string published;             // RFC 3339, when the version entered regkg
  std::string updated;               // RFC 3339, when its text last changed in regkg
  std::string summary;               // plain text
  std::vector<std::string> authors;  // issuers; at least one author is written
  std::vector<std::string> categories;
};

struct AtomFeed {
  std::string id, title, subtitle, self_link, alternate_link, updated;
  std::vector<AtomEntry> entries;
};

std::string render_atom(const AtomFeed& feed);

}  // namespace regkg::server
