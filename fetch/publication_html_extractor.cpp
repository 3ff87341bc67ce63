// Finds the rule in a publication page's text blocks: the title, the dated header facts before the
// first article, and the articles with their chapters.
#include "fetch/publication_html_extractor.h"

#include <algorithm>
#include <optional>

#include "fetch/html_block_reader.h"
#include "text/chinese_numeral.h"
#include "text/utf8.h"

namespace regkg::fetch {

namespace {

using text::decode_utf8;

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

bool contains(std::string_view s, std::string_view n) {
  return s.find(n) != std::string_view::npos;
}

size_t code_points(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (text::is_code_point_start(s, i)) ++count;
  return count;
}

// Spaces (ASCII, U+00A0, U+3000) collapsed to one ASCII space and trimmed.
std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  size_t pos = 0;
  while (pos < s.size()) {
    const auto byte = static_cast<unsigned char>(s[pos]);
    if (byte < 0x80) {  // ASCII without the decoder: most of a page's markup-free text
      ++pos;
      if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r') {
        space = true;
        continue;
      }
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(byte);
      continue;
    }
    const size_t start = pos;
    const char32_t cp = text::decode_utf8(s, pos);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
        cp == 0x2002 || cp == 0x2003) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out.append(s.data() + start, pos - start);
  }
  return out;
}

// Removes every space, for comparing titles printed with spacing ("总　　则").
std::string without_spaces(std::string_view s) {
  std::string out = collapse(s);
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return out;
}

// without_spaces of text that is already collapsed: its only spaces are ASCII ones.
std::string without_spaces_of_collapsed(const std::string& collapsed) {
  std::string out = collapsed;
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return out;
}

bool is_digit_cp(char32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

bool is_numeral_cp(char32_t cp) { return is_digit_cp(cp) || text::is_chinese_numeral_char(cp); }

// Reads up to `max_chars` numeral characters at `pos`; returns their value with full-width digits
// folded, or nullopt. `pos` moves past them.
std::optional<int> read_numeral(std::string_view s, size_t& pos, size_t max_chars) {
  std::string folded;
  size_t p = pos, count = 0;
  while (p < s.size() && count < max_chars + 1) {
    size_t q = p;
    const char32_t cp = text::decode_utf8(s, q);
    if (!is_numeral_cp(cp)) break;
    if (cp >= 0xFF10 && cp <= 0xFF19)
      folded += static_cast<char>('0' + (cp - 0xFF10));
    else
      folded.append(s.substr(p, q - p));
    p = q;
    ++count;
  }
  if (count == 0 || count > max_chars) return std::nullopt;
  auto v = text::parse_chinese_numeral(folded);
  if (!v) return std::nullopt;
  pos = p;
  return *v;
}

bool valid_date(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string iso(int y, int m, int d) {
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}

bool consume(std::string_view s, size_t& pos, std::string_view what) {
  if (s.compare(pos, what.size(), what) != 0) return false;
  pos += what.size();
  return true;
}

// The first date anywhere in `s` at or after `from`; "" when none. *at receives its start.
std::string find_date(std::string_view s, size_t from = 0, size_t* at = nullptr,
                      size_t* end = nullptr) {
  size_t pos = from;
  while (pos < s.size()) {
    size_t e = 0;
    std::string d = read_date_at(s, pos, &e);
    if (!d.empty()) {
      if (at) *at = pos;
      if (end) *end = e;
      return d;
    }
    text::decode_utf8(s, pos);
  }
  return "";
}

// No date read_date_at accepts is longer: 4 + 3 + 3 numerals and 年月日, at most 4 bytes each.
constexpr size_t kMaxDateBytes = 13 * 4;

// True when the whole of `t`, already collapsed, is one date (a signature date or a table cell).
bool is_bare_date_collapsed(std::string_view t) {
  size_t end = 0;
  return t.size() <= kMaxDateBytes && !read_date_at(t, 0, &end).empty() && end == t.size();
}

// True when the whole block is one date.
bool is_bare_date(std::string_view s) { return is_bare_date_collapsed(collapse(s)); }

// ---------------------------------------------------------------------------------------------
// Articles and headings.

struct LabelMatch {
  std::string label;
  int number = 0, sub_number = 0;
  std::string rest;       // the text after the label and its separator
  bool separated = true;  // a space (or the end of the block) follows the label
};

// 第二十条规定的…, 第三条、第四条…, 第五条至第七条…: a cross-reference, not an article.
bool continues_a_reference(char32_t cp) {
  switch (cp) {
    case U'规':
    case U'的':
    case U'、':
    case U'，':
    case U',':
    case U'。':
    case U'；':
    case U'至':
    case U'和':
    case U'或':
    case U'及':
    case U'中':
    case U'所':
    case U'第':
    case U'款':
    case U'项':
    case U'（':
    case U'(':
    case U'）':
    case U')':
    case U'”':
    case U'》':
    case U'之':
      return true;
    default:
      return false;
  }
}

bool is_separator(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 || cp == 0x2002 || cp == 0x2003;
}

std::optional<LabelMatch> match_article(std::string_view t) {
  size_t pos = 0;
  if (!consume(t, pos, "第")) return std::nullopt;
  auto n = read_numeral(t, pos, 8);
  if (!n || *n <= 0 || !consume(t, pos, "条")) return std::nullopt;
  LabelMatch m;
  m.number = *n;
  size_t sub_pos = pos;
  if (consume(t, sub_pos, "之")) {
    if (auto s = read_numeral(t, sub_pos, 4); s && *s > 0) {
      m.sub_number = *s;
      pos = sub_pos;
    }
  }
  m.label = std::string(t.substr(0, pos));
  if (pos < t.size()) {
    size_t q = pos;
    const char32_t next = text::decode_utf8(t, q);
    if (is_separator(next)) {
      m.rest = collapse(t.substr(pos));
    } else if (continues_a_reference(next) || next == 0xFFFD) {
      return std::nullopt;
    } else {
      m.rest = collapse(t.substr(pos));
      m.separated = false;
    }
  }
  return m;
}

// Without a space after the label ("第五条有关部门…" could start a paragraph), a label counts only
// where the next article is expected.
bool expected_next(const LabelMatch& a, const std::vector<PublicationArticle>& articles) {
  if (articles.empty()) return a.number == 1 && a.sub_number == 0;
  const PublicationArticle& prev = articles.back();
  return a.sub_number == 0 ? a.number == prev.number + 1
                           : a.number == prev.number && a.sub_number == prev.sub_number + 1;
}

std::optional<PublicationHeading> match_heading(std::string_view t) {
  // "附则" on its own line closes the text (刑法 after its last 编). `t` is collapsed, so only
  // "附则" and "附 则" (7 bytes) qualify: longer blocks skip the copy.
  if (t.size() <= 7 && without_spaces(t) == "附则")
    return PublicationHeading{"supplementary", "附则"};
  size_t pos = 0;
  if (!consume(t, pos, "第")) return std::nullopt;
  auto n = read_numeral(t, pos, 6);
  if (!n || *n <= 0) return std::nullopt;
  PublicationHeading h;
  if (consume(t, pos, "分编") || consume(t, pos, "编"))
    h.kind = "part";
  else if (consume(t, pos, "章"))
    h.kind = "chapter";
  else if (consume(t, pos, "节"))
    h.kind = "section";
  else
    return std::nullopt;
  // A heading is short and not a sentence: "第二章 技术发展与治理".
  if (code_points(t) > 40 || contains(t, "。") || contains(t, "，") || contains(t, "；"))
    return std::nullopt;
  if (pos < t.size()) {
    size_t q = pos;
    const char32_t next = text::decode_utf8(t, q);
    if (!is_separator(next) && continues_a_reference(next)) return std::nullopt;
  }
  h.text = collapse(t);
  return h;
}

// Nesting depth; "附则" is outermost: it closes every open part, chapter and section.
int heading_rank(const std::string& kind) {
  return kind == "part" || kind == "supplementary" ? 0 : kind == "chapter" ? 1 : 2;
}

// The page's tail: attachments, editor lines, print/close links, copyright, sharing.
bool is_tail_block(std::string_view t) {
  for (std::string_view p :
       {"附件",     "附：",     "附:",        "附表",      "【",       "［",
        "[打印",    "责任编辑", "（责任编辑", "(责任编辑", "版权所有", "Copyright",
        "扫一扫",   "分享到",   "打印本页",   "关闭窗口",  "相关链接", "相关稿件",
        "相关新闻", "相关阅读", "来源：",     "来源:",     "返回顶部"}) {
    if (starts_with(t, p)) return true;
  }
  return is_bare_date_collapsed(t);
}

// ---------------------------------------------------------------------------------------------
// Header facts.

// The value after a label such as "发布时间：" in block `i`, or in the next block for table
// layouts. `t` is the block without spaces (without_spaces, computed once per block by the caller).
// Returns false when `t` does not start with one of `labels`.
bool labelled_value(const std::vector<HtmlBlock>& blocks, size_t i, std::string_view t,
                    std::initializer_list<std::string_view> labels, std::string* value) {
  for (std::string_view label : labels) {
    if (!starts_with(t, label)) continue;
    std::string_view rest = std::string_view(t).substr(label.size());
    if (starts_with(rest, "："))
      rest.remove_prefix(std::string_view("：").size());
    else if (starts_with(rest, ":"))
      rest.remove_prefix(1);
    if (rest.empty() && i + 1 < blocks.size()) {
      *value = collapse(blocks[i + 1].text);
    } else {
      // "发布时间：2023-07-13 17:46 来源：…": the value runs up to the next space in the block.
      const std::string original = collapse(blocks[i].text);
      const size_t colon = std::min(original.find("："), original.find(':'));
      std::string v = colon == std::string::npos
                          ? std::string(rest)
                          : collapse(std::string_view(original).substr(
                                colon + (original.compare(colon, 3, "：") == 0 ? 3 : 1)));
      *value = v;
    }
    return true;
  }
  return false;
}

// The first token of a labelled value ("国家互联网信息办公室 来源：…" -> "国家互联网信息办公室").
std::string first_token(const std::string& v) {
  const size_t sp = v.find(' ');
  return sp == std::string::npos ? v : v.substr(0, sp);
}

// "国家互联网信息办公室令 第15号", "中华人民共和国主席令 第九十一号", "国发〔2024〕12号".
bool looks_like_document_number(std::string_view t) {
  if (code_points(t) > 50 || !ends_with(t, "号") || contains(t, "。") || contains(t, "，"))
    return false;
  return contains(t, "令") || contains(t, "〔") || contains(t, "[") || contains(t, "［");
}

// "第15号", "第二十七号": the number line of an order printed under the issuer's "…令".
bool is_order_number(std::string_view t) {
  size_t pos = 0;
  if (!consume(t, pos, "第")) return false;
  if (!read_numeral(t, pos, 8)) return false;
  return consume(t, pos, "号") && pos == t.size();
}

// "（2021年8月20日第十三届…会议通过）" or "(… 根据…修正)": the dated clauses of a history line.
void add_history_events(std::string_view t, std::vector<PublicationEvent>& events) {
  std::string s = collapse(t);
  std::string_view v = s;
  if (starts_with(v, "（"))
    v.remove_prefix(std::string_view("（").size());
  else if (starts_with(v, "("))
    v.remove_prefix(1);
  if (ends_with(v, "）"))
    v.remove_suffix(std::string_view("）").size());
  else if (ends_with(v, ")"))
    v.remove_suffix(1);
  size_t at = 0, end = 0;
  std::string date = find_date(v, 0, &at, &end);
  while (!date.empty()) {
    size_t next_at = 0, next_end = 0;
    std::string next = find_date(v, end, &next_at, &next_end);
    std::string_view clause = v.substr(end, (next.empty() ? v.size() : next_at) - end);
    // Clauses are joined by "　", "，" or "根据" (根据2025年…修正): keep the text, not the joint.
    std::string text = collapse(clause);
    bool trimmed = true;
    while (trimmed && !text.empty()) {
      trimmed = false;
      for (std::string_view tail : {"，", "；", "、", ",", ";", "根据", "又根据"}) {
        if (ends_with(text, tail)) {
          text = collapse(std::string_view(text).substr(0, text.size() - tail.size()));
          trimmed = true;
        }
      }
    }
    if (!text.empty()) events.push_back(PublicationEvent{date, text});
    date = next;
    end = next_end;
  }
}

// "已经2023年5月23日国家互联网信息办公室2023年第12次室务会会议审议通过": the meeting.
bool add_order_adoption(std::string_view t, std::vector<PublicationEvent>& events) {
  size_t at = t.find("已经");
  if (at == std::string_view::npos) at = t.find("经");
  if (at == std::string_view::npos) return false;
  size_t date_at = 0, date_end = 0;
  std::string date = find_date(t, at, &date_at, &date_end);
  if (date.empty() || date_at > at + 8) return false;
  const size_t passed = t.find("通过", date_end);
  if (passed == std::string_view::npos) return false;
  const std::string text =
      collapse(t.substr(date_end, passed + std::string_view("通过").size() - date_end));
  if (text.empty() || code_points(text) > 80) return false;
  events.push_back(PublicationEvent{date, text});
  return true;
}

// "自2023年8月15日起施行" anywhere in `t`.
std::string effective_in(std::string_view t) {
  size_t from = 0;
  while (true) {
    const size_t at = t.find("自", from);
    if (at == std::string_view::npos) return "";
    size_t end = 0;
    const size_t date_pos = at + std::string_view("自").size();
    std::string d = read_date_at(t, date_pos, &end);
    if (!d.empty()) {
      std::string_view after = t.substr(end, 12);
      if (starts_with(after, "起施行") || starts_with(after, "起实施") ||
          starts_with(after, "起生效") || starts_with(after, "施行"))
        return d;
    }
    from = date_pos;
  }
}

bool effective_on_publication_in(std::string_view t) {
  for (std::string_view p : {"自公布之日起施行", "自发布之日起施行", "自印发之日起施行",
                             "自公布之日起实施", "自发布之日起实施", "自印发之日起实施"}) {
    if (contains(t, p)) return true;
  }
  return false;
}

std::string clean_title(std::string title) {
  title = collapse(title);
  for (std::string_view sep : {"_", "|", " - ", "－", "——"}) {
    const size_t at = title.find(sep);
    if (at != std::string::npos && at > 0) title = collapse(title.substr(0, at));
  }
  std::string_view v = title;
  if (starts_with(v, "《") && ends_with(v, "》")) {
    v.remove_prefix(3);
    v.remove_suffix(3);
  }
  return std::string(v);
}

std::string find_title(const HtmlDocument& doc) {
  for (std::string_view key : {"articletitle", "dc.title", "og:title"}) {
    std::string t = clean_title(doc.meta_content(key));
    if (!t.empty()) return t;
  }
  for (const auto& b : doc.blocks)
    if (b.tag == "h1") return clean_title(b.text);
  return clean_title(doc.title);
}

std::optional<size_t> first_article_block(const std::vector<HtmlBlock>& blocks) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    auto a = match_article(blocks[i].text);
    if (a && (a->separated || expected_next(*a, {}))) return i;
  }
  return std::nullopt;
}

ExtractedPublication extract_from(const HtmlDocument& doc) {
  ExtractedPublication out;
  out.title = find_title(doc);
  const auto& blocks = doc.blocks;
  const std::optional<size_t> first = first_article_block(blocks);
  const size_t header_end = first ? *first : blocks.size();

  // Header facts.
  std::string bare_date;
  for (size_t i = 0; i < header_end; ++i) {
    const std::string t = collapse(blocks[i].text);
    const std::string squeezed = without_spaces_of_collapsed(t);
    std::string v;
    if (labelled_value(blocks, i, squeezed, {"发布时间", "发布日期", "发文日期"}, &v)) {
      if (out.page_date.empty()) out.page_date = find_date(v);
      continue;
    }
    if (labelled_value(blocks, i, squeezed, {"成文日期", "公布日期", "印发日期"}, &v)) {
      if (out.published.empty()) out.published = find_date(v);
      continue;
    }
    if (labelled_value(blocks, i, squeezed, {"施行日期", "生效日期", "实施日期"}, &v)) {
      if (out.effective.empty()) out.effective = find_date(v);
      continue;
    }
    if (labelled_value(blocks, i, squeezed, {"发文机关", "发布机关", "制定机关", "发布单位"}, &v)) {
      if (out.issuer.empty()) out.issuer = first_token(v);
      continue;
    }
    if (labelled_value(blocks, i, squeezed, {"发文字号", "文号"}, &v)) {
      if (out.document_number.empty()) out.document_number = first_token(v);
      continue;
    }
    if ((starts_with(t, "（") || starts_with(t, "(")) && !find_date(t).empty() &&
        code_points(t) < 400) {
      size_t at = 0;
      find_date(t, 0, &at);
      if (at <= 3) {
        add_history_events(t, out.events);
        continue;
      }
    }
    if (contains(t, "通过") && add_order_adoption(t, out.events)) {
      // The order text also says when the rule takes effect.
    }
    if (out.effective.empty()) out.effective = effective_in(t);
    if (effective_on_publication_in(t)) out.effective_on_publication = true;
    if (is_bare_date_collapsed(t)) bare_date = find_date(t);
    if (out.document_number.empty() && i > 0 && is_order_number(t)) {
      // "国家互联网信息办公室令" above "第15号".
      const std::string prev = collapse(blocks[i - 1].text);
      // A "令" alone under a column of issuers says too little: the manifest's number is better.
      if (ends_with(prev, "令") && prev != "令" && code_points(prev) <= 60) {
        out.document_number = prev + " " + t;
        // The issuers of a departmental order are named in it: "国家互联网信息办公室
        // 中华人民共和国工业和信息化部令" (a 主席令 promulgates a law adopted by the NPC).
        if (out.issuer.empty() && !contains(prev, "主席令")) {
          std::string issuers = prev.substr(0, prev.size() - std::string_view("令").size());
          size_t sp = 0;
          while ((sp = issuers.find(' ')) != std::string::npos) issuers.replace(sp, 1, "、");
          out.issuer = issuers;
        }
      }
    }
    if (out.document_number.empty() && looks_like_document_number(t))
      out.document_number = without_spaces(t);
  }
  if (out.published.empty()) out.published = bare_date;
  if (out.page_date.empty()) {
    for (std::string_view key : {"pubdate", "firstpublishedtime", "publishdate", "createdate"}) {
      std::string d = find_date(doc.meta_content(key));
      if (!d.empty()) {
        out.page_date = d;
        break;
      }
    }
  }
  if (!first) return out;

  // Headings just before the first article: the innermost, then enclosing ones above it (a table
  // of contents right before 第一章 is a run of same-level headings and is left out).
  std::vector<PublicationHeading> lead;
  for (size_t i = *first; i-- > 0;) {
    auto h = match_heading(collapse(blocks[i].text));
    if (!h) break;
    if (!lead.empty() && heading_rank(h->kind) >= heading_rank(lead.back().kind)) break;
    lead.push_back(*h);
  }
  std::vector<int> pending;
  for (auto it = lead.rbegin(); it != lead.rend(); ++it) {
    out.headings.push_back(*it);
    pending.push_back(static_cast<int>(out.headings.size()) - 1);
  }

  PublicationArticle* current = nullptr;
  for (size_t i = *first; i < blocks.size(); ++i) {
    const std::string& raw = blocks[i].text;
    const std::string t = collapse(raw);
    if (t.empty()) continue;
    const std::optional<LabelMatch> label = match_article(raw);
    if (label && (label->separated || expected_next(*label, out.articles))) {
      const LabelMatch* a = &*label;
      if (a->number == 1 && a->sub_number == 0 && !out.articles.empty()) {
        out.warnings.push_back("the text starts again at 第一条 after " +
                               out.articles.back().label + "; kept the first copy");
        break;
      }
      if (!out.articles.empty() && !expected_next(*a, out.articles)) {
        out.warnings.push_back("article " + a->label + " out of sequence after " +
                               out.articles.back().label);
      }
      PublicationArticle art;
      art.label = a->label;
      art.number = a->number;
      art.sub_number = a->sub_number;
      if (!a->rest.empty()) art.paragraphs.push_back(a->rest);
      art.headings = std::move(pending);
      pending.clear();
      out.articles.push_back(std::move(art));
      current = &out.articles.back();
      continue;
    }
    if (auto h = match_heading(t)) {
      // A heading with no article under it before the next heading of its level is dropped.
      while (!pending.empty() &&
             heading_rank(out.headings[static_cast<size_t>(pending.back())].kind) >=
                 heading_rank(h->kind)) {
        out.headings.erase(out.headings.begin() + pending.back());
        pending.pop_back();
      }
      out.headings.push_back(*h);
      pending.push_back(static_cast<int>(out.headings.size()) - 1);
      continue;
    }
    if (is_tail_block(t)) break;
    // A signature after the text ("国家互联网信息办公室" above "2023年7月10日") ends it too.
    if (i + 1 < blocks.size() && is_bare_date(blocks[i + 1].text) && code_points(t) <= 40 &&
        !contains(t, "。") && !contains(t, "；") && !contains(t, "："))
      break;
    if (current) current->paragraphs.push_back(t);
  }
  // Headings left pending after the last article head nothing.
  while (!pending.empty()) {
    out.headings.erase(out.headings.begin() + pending.back());
    pending.pop_back();
  }

  // "本办法自2023年8月15日起施行" in the last articles.
  const size_t n = out.articles.size();
  for (size_t k = n > 3 ? n - 3 : 0; k < n; ++k) {
    for (const std::string& p : out.articles[k].paragraphs) {
      if (out.effective.empty()) out.effective = effective_in(p);
      if (effective_on_publication_in(p)) out.effective_on_publication = true;
    }
  }
  if (out.effective.empty() && out.effective_on_publication) out.effective = out.published;
  return out;
}

}  // namespace

std::string read_date_at(std::string_view text, size_t pos, size_t* end) {
  size_t p = pos;
  auto y = read_numeral(text, p, 4);
  if (!y) return "";
  const size_t after_year = p;
  std::optional<int> m, d;
  if (consume(text, p, "年")) {
    m = read_numeral(text, p, 3);
    if (!m || !consume(text, p, "月")) return "";
    d = read_numeral(text, p, 3);
    if (!d || !consume(text, p, "日")) return "";
  } else if (p - pos == 4 && p < text.size() &&
             (text[p] == '-' || text[p] == '/' || text[p] == '.')) {
    // ASCII forms need ASCII digits: 2023-07-10, 2023/7/10, 2023.07.10.
    for (size_t i = pos; i < after_year; ++i)
      if (text[i] < '0' || text[i] > '9') return "";
    const char sep = text[p++];
    auto digits = [&](size_t max) -> std::optional<int> {
      size_t start = p;
      int v = 0;
      while (p < text.size() && p - start < max && text[p] >= '0' && text[p] <= '9')
        v = v * 10 + (text[p++] - '0');
      if (p == start) return std::nullopt;
      return v;
    };
    m = digits(2);
    if (!m || p >= text.size() || text[p] != sep) return "";
    ++p;
    d = digits(2);
    if (!d) return "";
    if (p < text.size() && text[p] >= '0' && text[p] <= '9') return "";
  } else {
    return "";
  }
  if (!valid_date(*y, *m, *d)) return "";
  if (end) *end = p;
  return iso(*y, *m, *d);
}

ExtractedPublication extract_publication(std::string_view html) {
  ExtractedPublication clean = extract_from(read_html_blocks(html));
  if (!clean.articles.empty()) return clean;
  // Some pages wrap the text in an element our chrome filter drops (or never close a menu):
  // read again keeping everything but scripts and styles.
  HtmlReadOptions all;
  all.drop_page_chrome = false;
  ExtractedPublication everything = extract_from(read_html_blocks(html, all));
  if (everything.articles.empty()) return clean;
  everything.warnings.push_back(
      "articles found only when navigation, header and footer elements are kept");
  if (everything.title.empty()) everything.title = clean.title;
  return everything;
}

}  // namespace regkg::fetch
