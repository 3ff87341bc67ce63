// Atom XML writing.
#include "server/atom_feed.h"

#include "text/markup_escape.h"

namespace regkg::server {

using text::xml_escape;

namespace {

void element(std::string& out, const char* indent, const char* name, const std::string& value) {
  out += indent;
  out += '<';
  out += name;
  out += '>';
  out += xml_escape(value);
  out += "</";
  out += name;
  out += ">\n";
}

}  // namespace

std::string render_atom(const AtomFeed& feed) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  if (!feed.base.empty()) out += " xml:base=\"" + xml_escape(feed.base) + "\"";
  out += ">\n";
  element(out, " ", "id", feed.id);
  element(out, " ", "title", feed.title);
  if (!feed.subtitle.empty()) element(out, " ", "subtitle", feed.subtitle);
  element(out, " ", "updated", feed.updated);
  out += " <link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(feed.self_link) +
         "\"/>\n";
  if (!feed.alternate_link.empty())
    out += " <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(feed.alternate_link) +
           "\"/>\n";
  out += " <author><name>regkg</name></author>\n";
  out += " <generator>regkg</generator>\n";
  for (const auto& e : feed.entries) {
    out += " <entry>\n";
    element(out, "  ", "id", e.id);
    element(out, "  ", "title", e.title);
    out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(e.link) + "\"/>\n";
    element(out, "  ", "published", e.published);
    element(out, "  ", "updated", e.updated);
    if (e.authors.empty()) out += "  <author><name>regkg</name></author>\n";
    for (const auto& a : e.authors)
      out += "  <author><name>" + xml_escape(a) + "</name></author>\n";
    for (const auto& c : e.categories) out += "  <category term=\"" + xml_escape(c) + "\"/>\n";
    out += e.summary_is_html ? "  <summary type=\"html\">" : "  <summary type=\"text\">";
    out += xml_escape(e.summary) + "</summary>\n";
    out += " </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace regkg::server
