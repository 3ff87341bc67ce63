// Statute Markdown output in the corpus's shape; the ingest parser reads it back (a test holds
// the two together).
#include "fetch/statute_markdown_writer.h"

#include "text/utf8.h"

namespace regkg::fetch {

namespace {

// One line of text: line breaks and tabs become spaces, inner runs collapse.
std::string one_line(std::string_view s) {
  std::string t;
  for (char c : s) t += (c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') ? ' ' : c;
  return text::collapse_spaces(t);
}

// A paragraph that starts with '#' would become a heading, "<!--" an HTML comment.
std::string body_line(std::string_view s) {
  std::string t = one_line(s);
  size_t strip = 0;
  while (strip < t.size() && (t[strip] == '#' || t[strip] == '>')) ++strip;
  t = text::trim_text(std::string_view(t).substr(strip));
  if (t.rfind("<!--", 0) == 0) t.replace(0, 1, "＜");
  return t;
}

std::string heading_marks(const std::string& kind, bool has_parts) {
  if (kind == "supplementary") return "##";  // always at the top level, as the corpus writes it
  const int rank = kind == "part" ? 0 : kind == "chapter" ? 1 : 2;
  return std::string(static_cast<size_t>(2 + rank - (has_parts ? 0 : 1)), '#');
}

}  // namespace

std::string chinese_date(std::string_view iso_date) {
  if (iso_date.size() != 10) return std::string(iso_date);
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) v = v * 10 + (iso_date[i] - '0');
    return v;
  };
  return std::to_string(num(0, 4)) + "年" + std::to_string(num(5, 2)) + "月" +
         std::to_string(num(8, 2)) + "日";
}

std::string statute_file_name(std::string_view short_title, std::string_view iso_date) {
  std::string stem;
  for (char c : one_line(short_title)) {
    const auto u = static_cast<unsigned char>(c);
    stem += (c == '/' || c == '\\' || u < 0x20 || u == 0x7F) ? '_' : c;
  }
  if (!stem.empty() && stem[0] == '.') stem[0] = '_';
  if (stem.empty()) stem = "_";
  return stem + "(" + std::string(iso_date) + ").md";
}

std::string write_statute_markdown(const StatuteText& text) {
  std::string out;
  out += "# " + one_line(text.title) + "\n\n";
  for (const StatuteHeaderLine& h : text.header) {
    const std::string line = one_line(h.text);
    if (h.date.empty()) {
      if (!line.empty()) out += line + "\n\n";
    } else {
      out += chinese_date(h.date) + (line.empty() ? "" : " " + line) + "\n\n";
    }
  }
  out += "<!-- INFO END -->\n\n";
  bool has_parts = false;
  for (const auto& h : text.headings) has_parts = has_parts || h.kind == "part";
  for (const PublicationArticle& a : text.articles) {
    for (int index : a.headings) {
      if (index < 0 || static_cast<size_t>(index) >= text.headings.size()) continue;
      const PublicationHeading& h = text.headings[static_cast<size_t>(index)];
      out += heading_marks(h.kind, has_parts) + " " + one_line(h.text) + "\n\n";
    }
    std::string first = a.paragraphs.empty() ? "" : body_line(a.paragraphs.front());
    out += one_line(a.label) + (first.empty() ? "" : " " + first) + "\n\n";
    for (size_t i = 1; i < a.paragraphs.size(); ++i) {
      const std::string p = body_line(a.paragraphs[i]);
      if (!p.empty()) out += p + "\n\n";
    }
  }
  return out;
}

}  // namespace regkg::fetch
