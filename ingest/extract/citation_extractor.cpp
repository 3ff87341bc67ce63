// Citation finding over article text: 《…》 titles, same-instrument 第X条 / 前款 references and
// English "Article N" references. Byte-level scanning (no std::regex): it runs over every article
// of the corpus, and the markers it looks for (《 》 第 条 款 前 本) are fixed UTF-8 sequences,
// which never match inside another character because UTF-8 is self-synchronising.
#include "ingest/extract/citation_extractor.h"
#include "text/byte_match.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "text/chinese_numeral.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"

namespace regkg::ingest {
namespace {

constexpr std::string_view kOpen = "《";
constexpr std::string_view kClose = "》";
constexpr std::string_view kFullStop = "。";
constexpr std::string_view kDi = "第";
constexpr std::string_view kQian = "前";
// A 《…》 longer than this is a stray bracket, not a title (the longest real titles, State Council
// decisions that quote another title, stay well under it).
constexpr size_t kMaxTitleChars = 80;
// 第一条至第九十条 is legal, but a typo such as 第一条至第九千条 must not explode into 9,000 edges.
constexpr int kMaxRangeLength = 50;
// A numeral in 第…条 is short; a longer run is not an article number.
constexpr size_t kMaxNumeralBytes = 8 * 3;

using text::at;
using text::ends_at;

// Chinese numerals, and Arabic digits in ASCII or full width (第5条, 第５条).
bool is_numeral_cp(char32_t cp) {
  return text::is_chinese_numeral_char(cp) || (cp >= U'0' && cp <= U'9') ||
         (cp >= 0xFF10 && cp <= 0xFF19);
}

// End of the run of numeral characters starting at `pos` (== pos when there is none).
size_t numeral_end(std::string_view t, size_t pos) {
  size_t p = pos;
  while (p < t.size() && p - pos <= kMaxNumeralBytes) {
    size_t next = p;
    if (!is_numeral_cp(text::decode_utf8(t, next))) break;
    p = next;
  }
  return p;
}

// 第<numeral><unit>: the number and the end of the unit, or 0 when the text at `pos` is not that.
int numbered_unit(std::string_view t, size_t pos, std::string_view unit, size_t* end) {
  if (!at(t, pos, kDi)) return 0;
  const size_t num_begin = pos + kDi.size();
  const size_t num_end = numeral_end(t, num_begin);
  if (num_end == num_begin || !at(t, num_end, unit)) return 0;
  const auto value = text::parse_chinese_numeral(t.substr(num_begin, num_end - num_begin));
  if (!value || *value <= 0) return 0;
  *end = num_end + unit.size();
  return *value;
}

// One item of a Chinese article reference: 第X条[之Y][第Z款][第W项], or (inside a list that already
// named its article) a bare 第Z款[第W项].
struct ZhItem {
  int article = 0, sub_article = 0, paragraph = 0;
  size_t end = 0;
  bool paragraph_only = false;
};

bool parse_zh_item(std::string_view t, size_t pos, ZhItem* item) {
  size_t p = 0;
  *item = ZhItem{};
  if (int a = numbered_unit(t, pos, "条", &p)) {
    item->article = a;
    if (at(t, p, "之")) {
      const size_t num_begin = p + std::string_view("之").size();
      const size_t num_end = numeral_end(t, num_begin);
      if (num_end > num_begin) {
        if (auto sub = text::parse_chinese_numeral(t.substr(num_begin, num_end - num_begin))) {
          item->sub_article = *sub;
          p = num_end;
        }
      }
    }
  } else if (int para = numbered_unit(t, pos, "款", &p)) {
    item->paragraph = para;
    item->paragraph_only = true;
  } else {
    return false;
  }
  size_t q = 0;
  if (!item->paragraph_only) {
    if (int para = numbered_unit(t, p, "款", &q)) {
      item->paragraph = para;
      p = q;
    }
  }
  if (numbered_unit(t, p, "项", &q)) p = q;  // items are below our granularity; consumed only
  item->end = p;
  return true;
}

// Words that join items of one reference list: 第七条、第八条 / 第五条和第六条 / 第三条至第九条.
// Returns the position after the connector, or npos; *range is set for 至/到.
size_t zh_connector(std::string_view t, size_t pos, bool* range) {
  static constexpr std::array<std::string_view, 6> kList = {"、", "和", "及", "以及", "或者", "或"};
  *range = false;
  for (std::string_view c : {std::string_view("至"), std::string_view("到")}) {
    if (at(t, pos, c) && at(t, pos + c.size(), kDi)) {
      *range = true;
      return pos + c.size();
    }
  }
  for (std::string_view c : kList) {
    if (at(t, pos, c) && at(t, pos + c.size(), kDi)) return pos + c.size();
  }
  return std::string_view::npos;
}

// 本法第X条, 本办法第X条 …: the instrument names an article of itself. 本章/本节/本编 too: article
// numbers run through the whole instrument (刑法 本节第一百四十一条至第一百四十八条).
constexpr std::array<std::string_view, 23> kThisInstrument = {
    "本法",   "本办法", "本规定", "本条例", "本细则", "本解释", "本决定", "本规则",
    "本准则", "本规范", "本措施", "本意见", "本通知", "本章程", "本制度", "本标准",
    "本公约", "本协定", "本条约", "本安排", "本章",   "本节",   "本编"};

// 刑法第二十条, 该法第五条, 民法典第…条: an instrument named without brackets, so not ours.
bool preceded_by_other_instrument(std::string_view t, size_t pos) {
  static constexpr std::array<std::string_view, 9> kSuffix = {"法", "典", "例", "定", "则",
                                                              "释", "约", "》", "〉"};
  for (std::string_view s : kSuffix) {
    if (ends_at(t, pos, s)) return true;
  }
  return false;
}

bool is_space_at(std::string_view t, size_t pos) {
  if (pos >= t.size()) return false;
  const unsigned char c = static_cast<unsigned char>(t[pos]);
  return c == ' ' || c == '\t' || at(t, pos, "\u3000");
}

// The article's own label ("第五条 …" at the start of a line) when a caller passes it in. Also
// labels run into the previous article ("…。 第二十条 空中禁区…": 飞行基本规则 keeps several
// articles on one line). A label is followed by a space; a reference never is.
bool is_article_label(std::string_view t, size_t pos, size_t item_end) {
  if (!is_space_at(t, item_end)) return false;
  size_t p = pos;
  while (true) {
    if (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) {
      --p;
    } else if (ends_at(t, p, "\u3000")) {
      p -= std::string_view("\u3000").size();
    } else {
      break;
    }
  }
  return p == 0 || t[p - 1] == '\n' || t[p - 1] == '\r' || ends_at(t, p, kFullStop);
}

std::string_view span(std::string_view t, size_t begin, size_t end) {
  return t.substr(begin, end - begin);
}

// First occurrence of any needle in [begin, end) outside the given title spans, or npos.
size_t find_outside_titles(std::string_view t, size_t begin, size_t end,
                           std::initializer_list<std::string_view> needles,
                           const std::vector<TitleCitation>& titles, bool last) {
  size_t best = std::string_view::npos;
  for (std::string_view n : needles) {
    size_t p = begin;
    while (p < end) {
      const size_t hit = t.find(n, p);
      if (hit == std::string_view::npos || hit + n.size() > end) break;
      const bool inside = std::any_of(titles.begin(), titles.end(), [&](const TitleCitation& c) {
        return hit >= c.begin && hit < c.end;
      });
      if (!inside) {
        if (best == std::string_view::npos || (last ? hit > best : hit < best)) best = hit;
        if (!last) break;
      }
      p = hit + n.size();
    }
  }
  return best;
}

size_t sentence_begin(std::string_view t, size_t pos) {
  size_t b = 0;
  const size_t stop = t.rfind(kFullStop, pos);
  if (stop != std::string_view::npos && stop + kFullStop.size() <= pos) b = stop + kFullStop.size();
  const size_t nl = t.rfind('\n', pos);
  if (nl != std::string_view::npos && nl < pos) b = std::max(b, nl + 1);
  return b;
}

size_t sentence_end(std::string_view t, size_t pos) {
  return std::min({t.find(kFullStop, pos), t.find('\n', pos), t.size()});
}

// Marks titles cited as the basis for making this instrument: 根据《A》、《B》等法律，制定本办法.
// The clause must open (根据/依据/依照) before the title and end (制定本…) after it, within one
// sentence. Sentences are handled once each, so a long run of titles stays linear.
void mark_legal_basis(std::string_view t, std::vector<TitleCitation>& titles) {
  size_t i = 0;
  while (i < titles.size()) {
    const size_t sb = sentence_begin(t, titles[i].begin);
    const size_t se = sentence_end(t, titles[i].end);
    size_t j = i;
    while (j < titles.size() && titles[j].begin < se) ++j;
    const size_t opens =
        find_outside_titles(t, sb, se, {"根据", "依据", "依照"}, titles, /*last=*/false);
    const size_t enacts =
        find_outside_titles(t, sb, se, {"制定本", "制订本"}, titles, /*last=*/true);
    for (size_t k = i; k < j; ++k) {
      titles[k].legal_basis = opens != std::string_view::npos && enacts != std::string_view::npos &&
                              opens < titles[k].begin && enacts >= titles[k].end;
    }
    i = j;
  }
}

bool is_word_char(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u < 0x80 && (std::isalnum(u) || u == '_');  // "见Article 5" is still a reference
}

size_t skip_blanks(std::string_view t, size_t p) {
  while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
  return p;
}

// "17", "17(1)", "17(1)(a)": the article number, the first bracketed number as paragraph.
bool parse_en_item(std::string_view t, size_t pos, int* article, int* paragraph, size_t* end) {
  size_t p = pos;
  long value = 0;
  while (p < t.size() && std::isdigit(static_cast<unsigned char>(t[p])) && p - pos < 5) {
    value = value * 10 + (t[p] - '0');
    ++p;
  }
  if (p == pos || value <= 0) return false;
  if (p < t.size() && std::isdigit(static_cast<unsigned char>(t[p]))) return false;  // 6+ digits
  if (p < t.size() && std::isalpha(static_cast<unsigned char>(t[p])) &&
      !(p + 1 < t.size() && is_word_char(t[p + 1]))) {
    ++p;  // "Article 4a": a letter suffix, same article for our purposes
  }
  *article = static_cast<int>(value);
  *paragraph = 0;
  bool first = true;
  while (p < t.size() && t[p] == '(') {
    const size_t close = t.find(')', p);
    if (close == std::string_view::npos || close - p > 6 || close == p + 1) break;
    if (first) {
      int para = 0;
      bool digits = true;
      for (size_t k = p + 1; k < close; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(t[k])))
          digits = false;
        else
          para = para * 10 + (t[k] - '0');
      }
      if (!digits) break;  // "Article 6 (see above)" or "(a)" straight after the number
      *paragraph = para;
      first = false;
    }
    p = close + 1;
  }
  *end = p;
  return true;
}

// "… of Directive 2000/31/EC", "… of the Treaty", "… TFEU": the list names another instrument.
bool followed_by_other_instrument(std::string_view t, size_t p) {
  for (std::string_view s : {std::string_view(" TFEU"), std::string_view(" TEU")}) {
    if (at(t, p, s) && (p + s.size() == t.size() || !is_word_char(t[p + s.size()]))) return true;
  }
  if (!at(t, p, " of ")) return false;
  size_t q = p + 4;
  if (at(t, q, "that ") || at(t, q, "those ")) return true;  // "of that Directive"
  if (at(t, q, "the ")) q += 4;
  return q < t.size() && std::isupper(static_cast<unsigned char>(t[q]));
}

// "Articles 5 and 6", "Articles 12 to 14", "Articles 13, 14 and 15": the joiner before the next
// number, or npos. *range is set for "to".
size_t en_connector(std::string_view t, size_t p, bool* range) {
  *range = false;
  for (std::string_view c :
       {std::string_view(", and "), std::string_view(", or "), std::string_view(" and "),
        std::string_view(" or "), std::string_view(", ")}) {
    if (at(t, p, c) && p + c.size() < t.size() &&
        std::isdigit(static_cast<unsigned char>(t[p + c.size()]))) {
      return p + c.size();
    }
  }
  for (std::string_view c : {std::string_view(" to "), std::string_view("-")}) {
    if (at(t, p, c) && p + c.size() < t.size() &&
        std::isdigit(static_cast<unsigned char>(t[p + c.size()]))) {
      *range = true;
      return p + c.size();
    }
  }
  return std::string_view::npos;
}

void push_range(std::vector<ArticleReference>& out, ArticleReference::Kind kind, int from, int to,
                size_t begin, size_t end, std::string_view text) {
  // `from` was already emitted as the list item before the range word.
  const int last = std::min(to, from + kMaxRangeLength - 1);
  for (int a = from + 1; a <= last; ++a) {
    ArticleReference r;
    r.kind = kind;
    r.article = a;
    r.begin = begin;
    r.end = end;
    r.text = std::string(text);
    out.push_back(std::move(r));
  }
}

}  // namespace

std::vector<TitleCitation> find_title_citations(std::string_view text) {
  std::vector<TitleCitation> out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find(kOpen, pos);
    if (open == std::string_view::npos) break;
    // Find this title's 》. Another 《 first means this one is unbalanced: restart from there, so
    // a run of 10,000 《 costs one step each. 〈〉 inside are simply part of the title.
    size_t p = open + kOpen.size();
    size_t close = std::string_view::npos;
    size_t chars = 0;
    while (p < text.size() && chars <= kMaxTitleChars) {
      if (at(text, p, kClose)) {
        close = p;
        break;
      }
      if (at(text, p, kOpen) || at(text, p, kFullStop) || text[p] == '\n' || text[p] == '\r') {
        break;
      }
      text::decode_utf8(text, p);
      ++chars;
    }
    if (close == std::string_view::npos) {
      pos = open + kOpen.size();
      continue;
    }
    pos = close + kClose.size();
    const std::string_view inner = span(text, open + kOpen.size(), close);
    if (chars == 0 || chars > kMaxTitleChars || !text::is_valid_utf8(inner)) continue;
    const std::string trimmed = text::trim_text(inner);
    if (trimmed.empty()) continue;

    TitleCitation c;
    c.title = std::string(inner);
    c.begin = open;
    c.end = pos;
    ZhItem item;
    if (parse_zh_item(text, pos, &item) && !item.paragraph_only) {
      c.article = item.article;
      c.sub_article = item.sub_article;
      c.paragraph = item.paragraph;
    }
    out.push_back(std::move(c));
  }
  mark_legal_basis(text, out);
  return out;
}

std::vector<ArticleReference> find_internal_references_zh(std::string_view text) {
  using Kind = ArticleReference::Kind;
  std::vector<ArticleReference> out;
  size_t next_di = text.find(kDi);
  size_t next_qian = text.find(kQian);
  while (next_di != std::string_view::npos || next_qian != std::string_view::npos) {
    if (next_qian < next_di) {
      // 前款 / 前两款 (前二款) / 前三款: paragraphs of the same article, counted backwards.
      const size_t p = next_qian;
      size_t q = p + kQian.size();
      int back = 0;
      if (at(text, q, "款")) {
        back = 1;
      } else {
        static constexpr std::array<std::pair<std::string_view, int>, 5> kCounts = {
            {{"一", 1}, {"两", 2}, {"二", 2}, {"三", 3}, {"四", 4}}};
        for (const auto& [word, n] : kCounts) {
          if (at(text, q, word) && at(text, q + word.size(), "款")) {
            back = n;
            q += word.size();
            break;
          }
        }
      }
      if (back > 0) {
        q += std::string_view("款").size();
        ArticleReference r;
        r.kind = Kind::preceding_paragraph;
        r.paragraph = back;
        r.begin = p;
        r.end = q;
        r.text = std::string(span(text, p, q));
        out.push_back(std::move(r));
        next_qian = text.find(kQian, q);
      } else {
        next_qian = text.find(kQian, p + kQian.size());
      }
      continue;
    }

    const size_t p = next_di;
    ZhItem item;
    if (!parse_zh_item(text, p, &item) || item.paragraph_only) {
      next_di = text.find(kDi, p + kDi.size());
      continue;
    }
    // Who owns the list that starts here?
    Kind kind = Kind::article;
    size_t begin = p;
    bool emit = true;
    const auto self = std::find_if(kThisInstrument.begin(), kThisInstrument.end(),
                                   [&](std::string_view s) { return ends_at(text, p, s); });
    if (self != kThisInstrument.end()) {
      kind = Kind::this_instrument_article;
      begin = p - self->size();
    } else if (preceded_by_other_instrument(text, p)) {
      emit = false;  // 《网络安全法》第二十一条、第二十二条: the whole list belongs to that title
    } else if (is_article_label(text, p, item.end)) {
      emit = false;
    }

    // Walk the list: 第七条、第八条、第九条第一款 / 第三条至第五条 / 第九条第一款、第二款.
    size_t item_begin = begin;
    int last_article = 0;
    bool beyond_cap = false;  // the end of a range longer than kMaxRangeLength
    while (true) {
      if (item.paragraph_only) item.article = last_article;
      if (emit && !beyond_cap) {
        ArticleReference r;
        r.kind = kind;
        r.article = item.article;
        r.sub_article = item.sub_article;
        r.paragraph = item.paragraph;
        r.begin = item_begin;
        r.end = item.end;
        r.text = std::string(span(text, item_begin, item.end));
        out.push_back(std::move(r));
      }
      last_article = item.article;
      bool range = false;
      const size_t after = zh_connector(text, item.end, &range);
      ZhItem next;
      if (after == std::string_view::npos || !parse_zh_item(text, after, &next) ||
          (range && next.paragraph_only)) {
        break;
      }
      beyond_cap = range && next.article - last_article >= kMaxRangeLength;
      if (range && emit && next.article > last_article + 1) {
        push_range(out, kind, last_article, next.article - 1, item_begin, next.end,
                   span(text, item_begin, next.end));
      }
      item_begin = after;
      item = next;
    }
    next_di = text.find(kDi, item.end);
    if (next_qian != std::string_view::npos && next_qian < item.end) {
      next_qian = text.find(kQian, item.end);
    }
  }
  return out;
}

std::vector<ArticleReference> find_article_references_en(std::string_view text) {
  std::vector<ArticleReference> out;
  size_t pos = 0;
  while (true) {
    // Search for "rticle" from the second byte on, then accept an 'A' or 'a' just before it.
    const size_t hit = text.find("rticle", std::max<size_t>(pos, 1));
    if (hit == std::string_view::npos) break;
    const size_t begin = hit - 1;
    pos = hit + 6;
    if (text[begin] != 'A' && text[begin] != 'a') continue;
    if (begin > 0 && is_word_char(text[begin - 1])) continue;
    size_t p = hit + 6;
    const bool plural = at(text, p, "s");
    if (plural) ++p;
    if (p >= text.size() || text[p] != ' ') continue;  // "articles of association", "Article's"
    p = skip_blanks(text, p);
    int article = 0, paragraph = 0;
    size_t end = 0;
    if (!parse_en_item(text, p, &article, &paragraph, &end)) continue;

    struct Item {
      int article, paragraph;
      size_t begin, end;
      bool range_end;
    };
    std::vector<Item> items = {{article, paragraph, begin, end, false}};
    // Only "Articles" opens a list; "Article 5 and 6 weeks" is not one.
    while (plural) {
      bool range = false;
      const size_t after = en_connector(text, end, &range);
      if (after == std::string_view::npos) break;
      int a = 0, para = 0;
      size_t e = 0;
      if (!parse_en_item(text, after, &a, &para, &e)) break;
      items.push_back({a, para, after, e, range});
      end = e;
    }
    pos = end;
    if (followed_by_other_instrument(text, end)) continue;  // "Articles 12 to 15 of that Directive"

    int previous = 0;
    for (const Item& it : items) {
      if (it.range_end && it.article > previous + 1) {
        push_range(out, ArticleReference::Kind::article, previous, it.article - 1, begin, it.end,
                   span(text, begin, it.end));
      }
      if (it.range_end && it.article - previous >= kMaxRangeLength) {
        previous = it.article;
        continue;  // the range was capped before reaching its end
      }
      ArticleReference r;
      r.kind = ArticleReference::Kind::article;
      r.article = it.article;
      r.paragraph = it.paragraph;
      r.begin = it.begin;
      r.end = it.end;
      r.text = std::string(span(text, it.begin, it.end));
      out.push_back(std::move(r));
      previous = it.article;
    }
  }
  return out;
}

}  // namespace regkg::ingest
