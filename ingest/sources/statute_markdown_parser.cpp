// Parses LawRefBook statute Markdown (statutes-zh/) into title, dated header events, headings and
// articles with their paragraphs and enumerated items.
#include "ingest/sources/statute_markdown_parser.h"
#include "text/civil_date.h"

#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "text/chinese_numeral.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"

namespace regkg::ingest {

namespace {

constexpr std::string_view kInfoEnd = "<!-- INFO END -->";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

// Splits on '\n' (a stray '\r' is dropped) keeping empty lines, so index + 1 is the line number.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Dates: "2021年6月10日", "２０１２年１２月１９日", "2020年07月20日", "一九九四年十二月六日".

struct CnDate {
  int year = -1, month = -1, day = -1;  // -1 when the numeral itself is garbage
  size_t end = 0;                       // byte offset just past 日
  bool valid() const;
  std::string iso() const;
  std::string as_written;  // "2023年13月45日", for messages
};

using text::days_in_month;

bool CnDate::valid() const {
  // The corpus spans 1949 to 2025; a wider window still catches typos such as 20211年.
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string two_digits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string CnDate::iso() const {
  return std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

bool is_numeral_char(char32_t cp, bool arabic_only) {
  if ((cp >= U'0' && cp <= U'9') || (cp >= 0xFF10 && cp <= 0xFF19)) return true;
  if (arabic_only) return false;
  switch (cp) {
    case U'〇':
    case U'零':
    case U'一':
    case U'二':
    case U'三':
    case U'四':
    case U'五':
    case U'六':
    case U'七':
    case U'八':
    case U'九':
    case U'十':
      return true;
    default:
      return false;
  }
}

// Reads 1..max_chars numeral characters at `pos` followed by `unit`; returns the numeral's value
// (-1 when it does not parse) and moves `pos` past the unit. nullopt when the shape does not match.
std::optional<int> read_date_part(std::string_view s, size_t& pos, char32_t unit, size_t max_chars,
                                  bool arabic_only) {
  size_t p = pos;
  size_t count = 0;
  const size_t start = p;
  size_t numeral_end = p;
  while (p < s.size()) {
    size_t q = p;
    const char32_t cp = text::decode_utf8(s, q);
    if (cp == unit) {
      if (count == 0) return std::nullopt;
      numeral_end = p;
      pos = q;
      auto value = text::parse_chinese_numeral(s.substr(start, numeral_end - start));
      return value ? *value : -1;
    }
    if (!is_numeral_char(cp, arabic_only) || ++count > max_chars) return std::nullopt;
    p = q;
  }
  return std::nullopt;
}

// Matches a date starting exactly at `pos`. With `arabic_only`, Chinese-numeral dates are not
// tried (used when scanning inside event text, where 十二年 etc. would be false hits).
std::optional<CnDate> match_date(std::string_view s, size_t pos, bool arabic_only) {
  size_t p = pos;
  CnDate d;
  auto y = read_date_part(s, p, U'年', 4, arabic_only);
  if (!y) return std::nullopt;
  auto m = read_date_part(s, p, U'月', 3, arabic_only);
  if (!m) return std::nullopt;
  auto day = read_date_part(s, p, U'日', 3, arabic_only);
  if (!day) return std::nullopt;
  d.year = *y;
  d.month = *m;
  d.day = *day;
  d.end = p;
  d.as_written = std::string(s.substr(pos, p - pos));
  return d;
}

// ---------------------------------------------------------------------------------------------
// Header event classification.

// Text outside 《》〈〉<> title brackets: keywords inside a cited title (《关于修改…的决定》) say
// nothing about what happened to this law. `open` receives the unclosed bracket depth, which
// marks a line that wraps onto the next one.
std::string outside_brackets(std::string_view s, int* open) {
  std::string out;
  int depth = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    const char32_t cp = text::decode_utf8(s, pos);
    if (cp == U'《' || cp == U'〈' || cp == U'<') {
      ++depth;
    } else if (cp == U'》' || cp == U'〉' || cp == U'>') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      out.append(s.substr(start, pos - start));
    }
  }
  if (open) *open = depth;
  return out;
}

// "…会议通过的《中华人民共和国刑法修正案》": adopting an amendment to this law is an amendment.
bool adopts_an_amendment(std::string_view s) {
  for (std::string_view opener : {"通过的《", "通过的〈"}) {
    size_t at = s.find(opener);
    if (at == std::string_view::npos) continue;
    std::string_view title = s.substr(at + opener.size());
    title = title.substr(0, title.find(opener == "通过的《" ? "》" : "〉"));
    if (contains(title, "修正") || contains(title, "修改")) return true;
  }
  return false;
}

bool has_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (contains(s, w)) return true;
  }
  return false;
}

bool has_effective_word(std::string_view outside) {
  return has_any(outside, {"施行", "实施", "生效", "执行"});
}

// The most specific type of one event clause. A clause can name several steps ("修订通过",
// "公布施行"); amendment beats adoption beats publication beats entry into force, because the
// earlier types say more about which version of the text this is.
std::string classify_clause(std::string_view clause) {
  const std::string outside = outside_brackets(clause, nullptr);
  if (has_any(outside, {"修正", "修订", "修改"})) return "amended";
  if (has_any(outside, {"通过", "批准"}))
    return adopts_an_amendment(clause) ? "amended" : "adopted";
  if (has_any(outside, {"公布", "发布", "颁布", "印发"})) return "promulgated";
  if (has_effective_word(outside)) return "effective";
  return "";
}

// One header line that starts with a date, possibly joined with the lines it wraps onto.
struct DateLine {
  CnDate date;
  std::string text;  // after the date
  int line = 0;
  bool open = false;           // a title bracket is still open at the end
  std::string inherited_type;  // type borrowed from the next date line (see parse_header)
};

// Strips the parentheses of "(2014年11月1日第十二届…通过)" and the stray "）" of "起生效）".
std::string strip_wrapping_parens(std::string text) {
  int opens = 0, closes = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = text::decode_utf8(text, pos);
    if (cp == U'(' || cp == U'（') ++opens;
    if (cp == U')' || cp == U'）') ++closes;
  }
  if (closes > opens) {
    if (ends_with(text, ")"))
      text.pop_back();
    else if (ends_with(text, "）"))
      text.resize(text.size() - std::string_view("）").size());
  }
  return text::trim_text(text);
}

void add_events_for_line(const DateLine& dl, const std::string& path, ParsedStatute& out,
                         Diagnostics& diags) {
  // Clauses start at each further Arabic date in the text: "…修正，该修正自2021年4月15日施行"
  // is an amendment plus entry into force on a second date.
  struct Clause {
    CnDate date;
    std::string_view text;
  };
  std::vector<Clause> clauses;
  std::string_view text = dl.text;
  size_t clause_start = 0;
  CnDate clause_date = dl.date;
  size_t pos = 0;
  while (pos < text.size()) {
    if (auto d = match_date(text, pos, /*arabic_only=*/true)) {
      clauses.push_back({clause_date, text.substr(clause_start, pos - clause_start)});
      clause_date = *d;
      clause_start = d->end;
      pos = d->end;
      continue;
    }
    text::decode_utf8(text, pos);
  }
  clauses.push_back({clause_date, text.substr(clause_start)});

  std::vector<std::string> types(clauses.size());
  for (size_t i = clauses.size(); i-- > 0;) {
    types[i] = classify_clause(clauses[i].text);
    // "最高人民法院审判委员会第1193次会议、2001年6月18日最高人民检察院…会议通过": clauses
    // joined by 、 share the verb at the end of the list.
    if (types[i].empty() && i + 1 < clauses.size() && ends_with(clauses[i].text, "、")) {
      types[i] = types[i + 1];
    }
  }
  for (size_t i = 0; i < clauses.size(); ++i) {
    const Clause& c = clauses[i];
    if (!c.date.valid()) {
      diags.warn(path, dl.line, "impossible date " + c.date.as_written + " in header; no event");
      continue;
    }
    std::string type = types[i];
    if (type.empty() && i == 0) type = dl.inherited_type;
    if (type.empty()) {
      if (i > 0) continue;  // a date mentioned in passing, not an event of its own
      type = "other";
    }
    out.events.push_back(HeaderEvent{c.date.iso(), type, dl.text, dl.line});
    // "公布施行", "发布  自发布之日施行": in force on the same day.
    if (type != "effective" && has_effective_word(outside_brackets(c.text, nullptr))) {
      out.events.push_back(HeaderEvent{c.date.iso(), "effective", dl.text, dl.line});
    }
  }
}

// Tries to read "YYYY年M月D日" (optionally after "(" or "（") at the start of a trimmed line.
std::optional<DateLine> match_date_line(const std::string& trimmed, int line) {
  size_t start = 0;
  if (starts_with(trimmed, "("))
    start = 1;
  else if (starts_with(trimmed, "（"))
    start = std::string_view("（").size();
  auto d = match_date(trimmed, start, /*arabic_only=*/false);
  if (!d) return std::nullopt;
  DateLine dl;
  dl.date = *d;
  dl.text = strip_wrapping_parens(text::trim_text(std::string_view(trimmed).substr(d->end)));
  dl.line = line;
  int open = 0;
  outside_brackets(dl.text, &open);
  dl.open = open > 0;
  return dl;
}

void parse_header(const std::vector<std::string_view>& lines, size_t end, const std::string& path,
                  ParsedStatute& out, Diagnostics& diags) {
  std::vector<DateLine> date_lines;
  bool last_was_date = false;
  for (size_t i = 0; i < end; ++i) {
    const int line_no = static_cast<int>(i) + 1;
    std::string_view raw = lines[i];
    if (starts_with(raw, "# ") || raw == "#") {
      std::string title = text::collapse_spaces(raw.substr(1));
      if (out.title.empty())
        out.title = std::move(title);
      else if (out.subtitle.empty())
        out.subtitle = std::move(title);
      else
        out.header_notes.push_back(std::move(title));
      last_was_date = false;
      continue;
    }
    std::string t = text::trim_text(raw);
    if (t.empty()) continue;  // blank lines separate header entries; they do not end a wrap
    if (auto dl = match_date_line(t, line_no)) {
      date_lines.push_back(std::move(*dl));
      last_was_date = true;
      continue;
    }
    if (last_was_date && date_lines.back().open) {
      // "…《关于修改〈中华人民共和国土地管理法〉" +
      // "〈中华人民共和国城市房地产管理法〉的决定》第三次修正"
      DateLine& dl = date_lines.back();
      dl.text += t;
      int open = 0;
      outside_brackets(dl.text, &open);
      dl.open = open > 0;
      continue;
    }
    last_was_date = false;
    out.header_notes.push_back(std::move(t));
  }
  for (size_t i = 0; i + 1 < date_lines.size(); ++i) {
    // "2018年1月25日 最高人民法院审判委员会第1732次会议" / "2018年3月2日 最高人民检察院…会议通过":
    // a meeting line without a verb is the first half of a joint decision on the next line.
    DateLine& dl = date_lines[i];
    if (ends_with(dl.text, "会议") && classify_clause(dl.text).empty()) {
      dl.inherited_type = classify_clause(date_lines[i + 1].text);
    }
  }
  for (const DateLine& dl : date_lines) add_events_for_line(dl, path, out, diags);

  // "发布之日施行" on a line of its own: in force on the publication date given above it.
  // Linear in the header: the publication date is found once and each note's line is looked up
  // in a table (scanning every header line per note took 10 s on a 7 KB header of repeated
  // notes, found by fuzz_statute_markdown).
  const HeaderEvent* published = nullptr;
  for (const HeaderEvent& e : out.events) {
    if (e.type == "promulgated") published = &e;
  }
  if (!published) return;
  const std::string published_date = published->date;  // events grow below: no pointer kept
  std::unordered_map<std::string, int> line_of_text;   // trimmed header line -> its last line
  for (size_t k = 0; k < end; ++k)
    line_of_text[text::trim_text(lines[k])] = static_cast<int>(k) + 1;
  std::vector<std::string> kept;
  for (std::string& note : out.header_notes) {
    if (contains(note, "之日") && has_effective_word(note) && note.size() < 40) {
      // The note's own line is not kept in header_notes; find it again for the event.
      auto line = line_of_text.find(note);
      out.events.push_back(
          {published_date, "effective", note, line == line_of_text.end() ? 0 : line->second});
    } else {
      kept.push_back(std::move(note));
    }
  }
  out.header_notes = std::move(kept);
}

// ---------------------------------------------------------------------------------------------
// Body.

// Reads Chinese numeral characters from `pos`; returns the run (possibly empty).
std::string_view numeral_run(std::string_view s, size_t pos) {
  size_t p = pos;
  while (p < s.size()) {
    size_t q = p;
    if (!text::is_chinese_numeral_char(text::decode_utf8(s, q))) break;
    p = q;
  }
  return s.substr(pos, p - pos);
}

struct ArticleLabel {
  std::string label;  // "第十七条之一"
  int number = 0;     // 0 when the numeral is garbage
  int sub_number = 0;
  size_t end = 0;  // offset of the text after the label
  bool bad_numeral = false;
};

// "第十七条之一 text": the label must be followed by a space or end the line, which keeps
// cross-references that happen to start a line ("第二十条规定的…") out.
std::optional<ArticleLabel> match_article(std::string_view t) {
  if (!starts_with(t, "第")) return std::nullopt;
  size_t pos = std::string_view("第").size();
  std::string_view num = numeral_run(t, pos);
  if (num.empty()) return std::nullopt;
  pos += num.size();
  if (!starts_with(t.substr(pos), "条")) return std::nullopt;
  pos += std::string_view("条").size();
  ArticleLabel a;
  std::string_view sub;
  if (starts_with(t.substr(pos), "之")) {
    const size_t sub_start = pos + std::string_view("之").size();
    sub = numeral_run(t, sub_start);
    if (!sub.empty()) pos = sub_start + sub.size();
  }
  std::string_view rest = t.substr(pos);
  if (!rest.empty() && rest[0] != ' ' && rest[0] != '\t' && !starts_with(rest, "\xE3\x80\x80")) {
    return std::nullopt;
  }
  a.label = std::string(t.substr(0, pos));
  auto n = text::parse_chinese_numeral(num);
  if (n && *n > 0)
    a.number = *n;
  else
    a.bad_numeral = true;
  if (!sub.empty()) {
    auto s = text::parse_chinese_numeral(sub);
    if (s && *s > 0)
      a.sub_number = *s;
    else
      a.bad_numeral = true;
  }
  a.end = pos;
  return a;
}

// "（三）…" or "(三)…" -> 3.
int item_number(std::string_view t) {
  size_t pos = 0;
  std::string_view close;
  if (starts_with(t, "（")) {
    pos = std::string_view("（").size();
    close = "）";
  } else if (starts_with(t, "(")) {
    pos = 1;
    close = ")";
  } else {
    return 0;
  }
  std::string_view num = numeral_run(t, pos);
  if (num.empty() || !starts_with(t.substr(pos + num.size()), close)) return 0;
  auto n = text::parse_chinese_numeral(num);
  return n ? *n : 0;
}

void fill_heading_kind(StatuteHeading& h) {
  std::string_view t = h.text;
  if (starts_with(t, "第")) {
    const size_t pos = std::string_view("第").size();
    std::string_view num = numeral_run(t, pos);
    std::string_view after = t.substr(pos + num.size());
    if (!num.empty()) {
      struct Kind {
        std::string_view suffix;
        const char* kind;
      };
      // 分编 before 编 only matters for readability: both are parts of a code.
      for (const Kind& k : {Kind{"分编", "part"}, Kind{"编", "part"}, Kind{"章", "chapter"},
                            Kind{"节", "section"}}) {
        if (starts_with(after, k.suffix)) {
          h.kind = k.kind;
          auto n = text::parse_chinese_numeral(num);
          h.number = n ? *n : 0;
          return;
        }
      }
    }
  }
  h.kind = "heading";
  // "一、附则" headings in judicial interpretations still carry an order number.
  std::string_view num = numeral_run(t, 0);
  if (!num.empty() && starts_with(t.substr(num.size()), "、")) {
    auto n = text::parse_chinese_numeral(num);
    h.number = n ? *n : 0;
  }
}

void parse_body(const std::vector<std::string_view>& lines, size_t begin, const std::string& path,
                ParsedStatute& out, Diagnostics& diags) {
  std::vector<int> heading_stack;  // indexes of open headings, outermost first
  std::set<std::pair<int, int>> seen_numbers;
  StatuteArticle* current = nullptr;
  for (size_t i = begin; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    std::string_view raw = lines[i];
    if (!raw.empty() && raw[0] == '#') {
      size_t level = 0;
      while (level < raw.size() && raw[level] == '#') ++level;
      StatuteHeading h;
      h.level = static_cast<int>(level);
      h.text = text::collapse_spaces(raw.substr(level));
      h.line = line_no;
      if (h.text.empty()) continue;  // "##" alone (民法典/附则.md): no heading to record
      fill_heading_kind(h);
      while (!heading_stack.empty() && out.headings[heading_stack.back()].level >= h.level) {
        heading_stack.pop_back();
      }
      h.parent = heading_stack.empty() ? -1 : heading_stack.back();
      out.headings.push_back(std::move(h));
      heading_stack.push_back(static_cast<int>(out.headings.size()) - 1);
      continue;
    }
    std::string t = text::trim_text(raw);
    if (t.empty()) continue;
    if (auto a = match_article(t)) {
      if (a->bad_numeral) {
        diags.warn(path, line_no, "unreadable article number in " + a->label + "; kept as text");
      } else {
        StatuteArticle art;
        art.number = a->number;
        art.sub_number = a->sub_number;
        art.label = a->label;
        art.heading = heading_stack.empty() ? -1 : heading_stack.back();
        art.line = line_no;
        const std::pair<int, int> key{art.number, art.sub_number};
        if (!seen_numbers.insert(key).second) {
          diags.warn(path, line_no, "duplicate article number " + art.label);
        } else if (!out.articles.empty()) {
          const StatuteArticle& prev = out.articles.back();
          const bool in_sequence = art.sub_number == 0 ? art.number == prev.number + 1
                                                       : art.number == prev.number &&
                                                             art.sub_number == prev.sub_number + 1;
          if (!in_sequence) {
            diags.warn(path, line_no,
                       "article " + art.label + " out of sequence after " + prev.label);
          }
        }
        std::string first = text::trim_text(std::string_view(t).substr(a->end));
        if (!first.empty())
          art.paragraphs.push_back(StatuteParagraph{std::move(first), 0, line_no});
        out.articles.push_back(std::move(art));
        current = &out.articles.back();
        continue;
      }
    }
    StatuteParagraph p{t, item_number(t), line_no};
    // Text after a heading but before the next article (rare: 附件 notes) stays with the article
    // above it rather than being dropped; before any article it is the preamble (宪法 序言).
    if (current)
      current->paragraphs.push_back(std::move(p));
    else
      out.preamble.push_back(std::move(p));
  }
  for (StatuteArticle& a : out.articles) {
    if (a.paragraphs.empty()) {
      diags.warn(path, a.line, "article " + a.label + " has no text");
      a.paragraphs.push_back(StatuteParagraph{"", 0, a.line});
    }
  }
}

std::string_view base_name(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The folder right under statutes-zh/ ("行政法规", and "部门规章" for its ministry sub-folders).
std::string category_of(std::string_view path) {
  constexpr std::string_view kRoot = "statutes-zh/";
  size_t at = path.rfind(kRoot);
  if (at == std::string_view::npos) return "";
  std::string_view rest = path.substr(at + kRoot.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return "";
  return std::string(rest.substr(0, slash));
}

}  // namespace

bool split_statute_file_name(std::string_view file_name, std::string* stem, std::string* date) {
  std::string_view name = file_name;
  if (ends_with(name, ".md")) name.remove_suffix(3);
  auto set = [&](std::string_view s, std::string_view d) {
    if (stem) *stem = std::string(s);
    if (date) *date = std::string(d);
  };
  // "<stem>(YYYY-MM-DD)": 12 bytes of "(YYYY-MM-DD)".
  if (name.size() > 12 && name.back() == ')' && name[name.size() - 12] == '(') {
    std::string_view d = name.substr(name.size() - 11, 10);
    bool shape = d[4] == '-' && d[7] == '-';
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shape = shape && d[i] >= '0' && d[i] <= '9';
    if (shape) {
      CnDate cd;
      cd.year = std::stoi(std::string(d.substr(0, 4)));
      cd.month = std::stoi(std::string(d.substr(5, 2)));
      cd.day = std::stoi(std::string(d.substr(8, 2)));
      if (cd.valid()) {
        set(name.substr(0, name.size() - 12), d);
        return true;
      }
    }
  }
  set(name, "");
  return false;
}

ParsedStatute parse_statute_markdown(const std::string& path, std::string_view content,
                                     Diagnostics& diags) {
  size_t bad = 0;
  if (!text::is_valid_utf8(content, &bad)) {
    throw ParseError(path, text::line_of_offset(content, bad),
                     "invalid UTF-8 (byte offset " + std::to_string(bad) + ")");
  }
  if (text::trim_text(content).empty()) throw ParseError(path, 1, "empty file");

  ParsedStatute out;
  out.path = path;
  out.category = category_of(path);
  split_statute_file_name(base_name(path), &out.file_stem, &out.file_date);

  const std::vector<std::string_view> lines = split_lines(content);
  size_t marker = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (text::trim_text(lines[i]) == kInfoEnd) {
      marker = i;
      break;
    }
  }
  if (marker == lines.size()) {
    // Line 1: the header that starts there never ends.
    throw ParseError(path, 1, "no '<!-- INFO END -->' header marker");
  }
  parse_header(lines, marker, path, out, diags);
  if (out.title.empty()) throw ParseError(path, 1, "no '# ' title line before the header marker");
  parse_body(lines, marker + 1, path, out, diags);
  return out;
}

}  // namespace regkg::ingest
