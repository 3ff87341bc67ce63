// Parses news Markdown (news/seed, news/feed): YAML front matter fields plus the Markdown body.
#include "ingest/sources/news_markdown_parser.h"
#include "text/civil_date.h"

#include <cstdio>
#include <optional>

#include "ingest/sources/front_matter_reader.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"

namespace regkg::ingest {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int number_at(std::string_view s, size_t pos, size_t len) {
  int v = 0;
  for (size_t i = 0; i < len; ++i) v = v * 10 + (s[pos + i] - '0');
  return v;
}

bool digits_at(std::string_view s, size_t pos, size_t len) {
  if (pos + len > s.size()) return false;
  for (size_t i = 0; i < len; ++i) {
    if (!is_digit(s[pos + i])) return false;
  }
  return true;
}

using text::days_from_civil;  // for shifting a local time to UTC
using text::days_in_month;

std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp + (mp < 10 ? 3 : -9);
  const long y = yoe + era * 400 + (m <= 2);
  char buf[64];  // room for any long, which keeps -Wformat-truncation quiet
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

// "2024-01-08", or "2023-07-14T00:36:00Z" / "2023-07-14 08:36:00+08:00" converted to the UTC
// date. nullopt when the text is not one of these shapes or names an impossible date or time.
std::optional<std::string> utc_date_of(std::string_view s) {
  if (!digits_at(s, 0, 4) || s.size() < 10 || s[4] != '-' || !digits_at(s, 5, 2) || s[7] != '-' ||
      !digits_at(s, 8, 2)) {
    return std::nullopt;
  }
  const int y = number_at(s, 0, 4), m = number_at(s, 5, 2), d = number_at(s, 8, 2);
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  if (s.size() == 10) return std::string(s.substr(0, 10));
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  // Time: HH:MM[:SS[.fraction]] then Z, ±HH:MM, ±HHMM or nothing (taken as UTC).
  size_t p = 11;
  if (!digits_at(s, p, 2) || p + 2 >= s.size() || s[p + 2] != ':' || !digits_at(s, p + 3, 2)) {
    return std::nullopt;
  }
  const int hh = number_at(s, p, 2), mm = number_at(s, p + 3, 2);
  if (hh > 23 || mm > 59) return std::nullopt;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!digits_at(s, p + 1, 2) || number_at(s, p + 1, 2) > 60) return std::nullopt;
    p += 3;
    if (p < s.size() && s[p] == '.') {
      ++p;
      while (p < s.size() && is_digit(s[p])) ++p;
    }
  }
  while (p < s.size() && s[p] == ' ') ++p;
  int offset_minutes = 0;
  if (p < s.size()) {
    if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) {
      offset_minutes = 0;
    } else if (s[p] == '+' || s[p] == '-') {
      const int sign = s[p] == '-' ? -1 : 1;
      std::string_view off = s.substr(p + 1);
      int oh = 0, om = 0;
      if (off.size() == 2 && digits_at(off, 0, 2)) {
        oh = number_at(off, 0, 2);
      } else if (off.size() == 5 && digits_at(off, 0, 2) && off[2] == ':' && digits_at(off, 3, 2)) {
        oh = number_at(off, 0, 2);
        om = number_at(off, 3, 2);
      } else if (off.size() == 4 && digits_at(off, 0, 4)) {
        oh = number_at(off, 0, 2);
        om = number_at(off, 2, 2);
      } else {
        return std::nullopt;
      }
      if (oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  // Local time minus the offset is UTC; only the day can change.
  const long minutes = hh * 60L + mm - offset_minutes;
  long day = days_from_civil(y, m, d);
  if (minutes < 0) --day;
  if (minutes >= 24 * 60) ++day;
  return civil_from_days(day);
}

// Splits content into lines; returns the index of the closing "---" line or npos.
struct FrontMatterSpan {
  size_t yaml_begin = 0;  // byte offset of the first YAML line
  size_t yaml_end = 0;    // byte offset of the closing marker line
  size_t body_begin = 0;  // byte offset just after the closing marker line
  int closing_line = 0;
};

bool is_marker_line(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line == "---";
}

std::optional<FrontMatterSpan> find_front_matter(std::string_view content) {
  size_t first_end = content.find('\n');
  if (first_end == std::string_view::npos) return std::nullopt;
  FrontMatterSpan span;
  span.yaml_begin = first_end + 1;
  size_t start = span.yaml_begin;
  int line = 2;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    if (is_marker_line(content.substr(start, end - start))) {
      span.yaml_end = start;
      span.body_begin = end == content.size() ? end : end + 1;
      span.closing_line = line;
      return span;
    }
    start = end + 1;
    ++line;
  }
  return std::nullopt;
}

std::string provider_name(const FrontMatterNode& item) {
  const FrontMatterNode* provider = item.find("provider");
  if (!provider) return "";
  if (provider->is_map()) return provider->text("name");
  if (provider->is_scalar()) return provider->scalar;
  return "";
}

}  // namespace

NewsItem parse_news_markdown(const std::string& path, std::string_view content,
                             Diagnostics& diags) {
  size_t bad = 0;
  if (!text::is_valid_utf8(content, &bad)) {
    throw ParseError(path, text::line_of_offset(content, bad),
                     "invalid UTF-8 (byte offset " + std::to_string(bad) + ")");
  }
  if (text::trim_text(content).empty()) throw ParseError(path, 1, "empty file");
  {
    size_t eol = content.find('\n');
    if (!is_marker_line(content.substr(0, eol))) {
      throw ParseError(path, 1, "no front matter: the file must start with a '---' line");
    }
  }
  const auto span = find_front_matter(content);
  if (!span) throw ParseError(path, 1, "front matter opened on this line is never closed by '---'");

  const FrontMatterNode fm = read_front_matter(
      path, content.substr(span->yaml_begin, span->yaml_end - span->yaml_begin), 2);

  NewsItem item;
  item.path = path;
  {
    std::string_view name = path;
    if (size_t slash = name.find_last_of('/'); slash != std::string_view::npos) {
      name.remove_prefix(slash + 1);
    }
    if (name.size() > 3 && name.substr(name.size() - 3) == ".md") name.remove_suffix(3);
    item.slug = std::string(name);
  }

  const FrontMatterNode* title = fm.find("title");
  item.title = title && title->is_scalar() ? text::trim_text(title->scalar) : "";
  if (item.title.empty()) {
    throw ParseError(path, title ? title->line : 1, "front matter has no 'title'");
  }

  // `date` (the seed) wins over `publishedDateTime` (the feed): a hand-written date is deliberate.
  const FrontMatterNode* date = fm.find("date");
  const FrontMatterNode* published = fm.find("publishedDateTime");
  const FrontMatterNode* date_node = date && !date->is_null() ? date : published;
  if (!date_node || !date_node->is_scalar()) {
    throw ParseError(path, date_node ? date_node->line : 1,
                     "front matter has no 'date' or 'publishedDateTime'");
  }
  auto utc = utc_date_of(date_node->scalar);
  if (!utc) {
    throw ParseError(path, date_node->line, "invalid date '" + date_node->scalar + "'");
  }
  item.date = *utc;
  if (published && published->is_scalar()) {
    item.datetime = published->scalar;
    if (date_node != published && !utc_date_of(published->scalar)) {
      diags.warn(path, published->line, "invalid publishedDateTime '" + published->scalar + "'");
    }
  }

  item.source = text::trim_text(fm.text("source"));
  if (item.source.empty()) item.source = text::trim_text(provider_name(fm));
  item.url = fm.text("originalUrl");
  if (item.url.empty()) item.url = fm.text("webUrl");
  item.excerpt = fm.text("excerpt");
  item.summary = text::trim_text(fm.text("summary"));
  auto read_list = [&](const char* key, std::vector<std::string>& out) {
    const FrontMatterNode* node = fm.find(key);
    if (!node || node->is_null()) return;
    if (!node->is_list()) {
      diags.warn(path, node->line, std::string("'") + key + "' is not a list; ignored");
      return;
    }
    for (const FrontMatterNode& v : node->items) {
      if (v.is_scalar() && !text::trim_text(v.scalar).empty())
        out.push_back(text::trim_text(v.scalar));
      else
        diags.warn(path, v.line, std::string("'") + key + "' entry is not a string; skipped");
    }
  };
  read_list("actors", item.named_actors);
  read_list("instruments", item.named_instruments);
  item.language = fm.text("language");
  if (item.language.empty()) item.language = "en";

  if (const FrontMatterNode* topics = fm.find("topics")) {
    if (topics->is_list()) {
      for (const FrontMatterNode& t : topics->items) {
        if (t.is_scalar()) item.topics.push_back(t.scalar);
      }
    } else if (topics->is_scalar()) {
      item.topics.push_back(topics->scalar);
    }
  }

  if (const FrontMatterNode* related = fm.find("related"); related && related->is_list()) {
    for (const FrontMatterNode& r : related->items) {
      if (!r.is_map()) {
        diags.warn(path, r.line, "related entry is not a map; skipped");
        continue;
      }
      RelatedLink link;
      link.title = text::trim_text(r.text("title"));
      link.url = r.text("originalUrl");
      if (link.url.empty()) link.url = r.text("webUrl");
      if (link.url.empty()) link.url = r.text("url");
      link.provider = text::trim_text(provider_name(r));
      if (const FrontMatterNode* d = r.find("publishedDateTime"); d && d->is_scalar()) {
        if (auto u = utc_date_of(d->scalar))
          link.date = *u;
        else
          diags.warn(path, d->line, "invalid related publishedDateTime '" + d->scalar + "'");
      }
      if (link.title.empty() && link.url.empty()) {
        diags.warn(path, r.line, "related entry without title or URL; skipped");
        continue;
      }
      item.related.push_back(std::move(link));
    }
  }

  // Body: everything after the closing marker, trimmed; body_line is its first non-blank line.
  std::string_view body = content.substr(span->body_begin);
  int line = span->closing_line + 1;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    if (!text::trim_text(body.substr(start, end - start)).empty()) break;
    start = end + 1;
    ++line;
  }
  item.body_line = line;
  item.body = start < body.size() ? text::trim_text(body.substr(start)) : std::string();
  return item;
}

}  // namespace regkg::ingest
