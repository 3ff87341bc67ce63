// Date extraction from Chinese and English text: a hand-written byte scanner (no std::regex) fast
// enough to run over every statute article and news item on each ingest.
#include "ingest/extract/date_extractor.h"
#include "text/byte_match.h"
#include "text/civil_date.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <optional>

#include "text/chinese_numeral.h"

namespace regkg::ingest {

namespace {

// ---------------------------------------------------------------------------------------------
// Calendar helpers.

using text::days_from_civil;
using text::days_in_month;

std::string two(int v) {
  std::string s(2, '0');
  s[0] = static_cast<char>('0' + (v / 10) % 10);
  s[1] = static_cast<char>('0' + v % 10);
  return s;
}

std::string format_date(int y, int m, int d) {
  std::string s = std::to_string(y);
  if (m > 0) s += "-" + two(m);
  if (d > 0) s += "-" + two(d);
  return s;
}

const char* const kMonthNames[12] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

struct Context {
  bool valid = false;
  int y = 0, m = 0, d = 0;
};

Context parse_context(std::string_view s) {
  Context c;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return c;
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  if (!num(0, 4, c.y) || !num(5, 2, c.m) || !num(8, 2, c.d)) return c;
  if (c.m < 1 || c.m > 12 || c.d < 1 || c.d > days_in_month(c.y, c.m)) return c;
  c.valid = true;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Byte-level helpers. All reads are bounds-checked, so invalid UTF-8 only ever fails to match.

using text::at;
using text::ends_at;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// A Chinese-text digit character at `pos`: value 0-9 and byte length, arabic (ASCII or full-width)
// or Chinese (〇零一…九, the digit-by-digit year form).
struct DigitChar {
  int value = -1;
  size_t len = 0;
  bool chinese = false;
};

constexpr std::array<std::string_view, 11> kCnDigits = {"〇", "零", "一", "二", "三", "四",
                                                        "五", "六", "七", "八", "九"};
constexpr std::array<int, 11> kCnDigitValues = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

DigitChar digit_at(std::string_view t, size_t pos) {
  DigitChar d;
  if (pos >= t.size()) return d;
  if (is_digit(t[pos])) return {t[pos] - '0', 1, false};
  if (pos + 3 > t.size()) return d;
  const auto b0 = static_cast<unsigned char>(t[pos]), b1 = static_cast<unsigned char>(t[pos + 1]),
             b2 = static_cast<unsigned char>(t[pos + 2]);
  if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) return {b2 - 0x90, 3, false};
  for (size_t i = 0; i < kCnDigits.size(); ++i) {
    if (t.compare(pos, 3, kCnDigits[i]) == 0) return {kCnDigitValues[i], 3, true};
  }
  return d;
}

// The digit character that ends exactly at `end`, if any.
DigitChar digit_ending_at(std::string_view t, size_t end) {
  if (end >= 1 && is_digit(t[end - 1])) return {t[end - 1] - '0', 1, false};
  if (end >= 3) {
    DigitChar d = digit_at(t, end - 3);
    if (d.len == 3) return d;
  }
  return {};
}

// A run of numeral characters (arabic digits, or Chinese numerals including 十) starting at `pos`,
// at most `max_chars` long; returns its value through parse_chinese_numeral and its byte end.
std::optional<int> numeral_run(std::string_view t, size_t pos, size_t max_chars, size_t& end) {
  size_t p = pos, n = 0;
  while (n < max_chars) {
    DigitChar d = digit_at(t, p);
    if (d.len) {
      p += d.len;
      ++n;
      continue;
    }
    if (at(t, p, "十")) {
      p += 3;
      ++n;
      continue;
    }
    break;
  }
  if (n == 0) return std::nullopt;
  if (n == max_chars && (digit_at(t, p).len || at(t, p, "十"))) return std::nullopt;  // too long
  end = p;
  return text::parse_chinese_numeral(t.substr(pos, p - pos));
}

class Extractor {
 public:
  Extractor(std::string_view text, std::string_view context, std::vector<DateProblem>* problems)
      : t_(text), ctx_(parse_context(context)), problems_(problems) {}

  std::vector<DateMention> run() {
    scan_chinese();
    scan_english_months();
    scan_iso();
    std::sort(out_.begin(), out_.end(),
              [](const DateMention& a, const DateMention& b) { return a.begin < b.begin; });
    scan_english_years();  // after the others: skips years already inside a full date
    std::sort(out_.begin(), out_.end(), [](const DateMention& a, const DateMention& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.date < b.date;
    });
    assign_hints();
    return std::move(out_);
  }

 private:
  std::string_view t_;
  Context ctx_;
  std::vector<DateProblem>* problems_;
  std::vector<DateMention> out_;

  void problem(size_t begin, size_t end, std::string message) {
    if (!problems_) return;
    DateProblem p;
    p.text = std::string(t_.substr(begin, end - begin));
    p.begin = begin;
    p.message = std::move(message);
    problems_->push_back(std::move(p));
  }

  // Validates y-m-d; reports and returns false when impossible.
  bool check_day(int y, int m, int d, size_t begin, size_t end) {
    if (m < 1 || m > 12) {
      problem(begin, end, "month " + std::to_string(m) + " out of range");
      return false;
    }
    if (d < 1 || d > days_in_month(y, m)) {
      problem(begin, end,
              "day " + std::to_string(d) + " out of range for " + kMonthNames[m - 1] + " " +
                  std::to_string(y));
      return false;
    }
    if (y < 1900 || y > 2100) {
      problem(begin, end, "year " + std::to_string(y) + " outside 1900-2100");
      return false;
    }
    return true;
  }

  void add(int y, int m, int d, size_t begin, size_t end, bool inferred = false) {
    DateMention mention;
    mention.date = format_date(y, m, d);
    mention.precision = d > 0 ? "day" : (m > 0 ? "month" : "year");
    mention.text = std::string(t_.substr(begin, end - begin));
    mention.begin = begin;
    mention.end = end;
    mention.year_inferred = inferred;
    out_.push_back(std::move(mention));
  }

  // Month and day without a year: the year that puts the date nearest the context date.
  void add_inferred(int m, int d, size_t begin, size_t end) {
    if (m < 1 || m > 12 || d < 1 || d > 31) {
      problem(begin, end, "day " + std::to_string(d) + " out of range");
      return;
    }
    if (!ctx_.valid) {
      if (d > days_in_month(2000, m))
        problem(begin, end, "day " + std::to_string(d) + " out of range for " + kMonthNames[m - 1]);
      return;  // no context: the year cannot be completed, so no date
    }
    const long ref = days_from_civil(ctx_.y, ctx_.m, ctx_.d);
    int best_year = 0;
    long best = 0;
    for (int y = ctx_.y - 1; y <= ctx_.y + 1; ++y) {
      if (d > days_in_month(y, m)) continue;
      const long diff = std::labs(days_from_civil(y, m, d) - ref);
      if (best_year == 0 || diff < best) {
        best_year = y;
        best = diff;
      }
    }
    if (best_year == 0) {
      problem(begin, end, "day " + std::to_string(d) + " out of range for " + kMonthNames[m - 1]);
      return;
    }
    add(best_year, m, d, begin, end, true);
  }

  // ---- Chinese: find each 年 and look back for a four-digit year. ----
  void scan_chinese() {
    static constexpr std::string_view kNian = "年";
    size_t pos = 0;
    while ((pos = t_.find(kNian, pos)) != std::string_view::npos) {
      const size_t nian = pos;
      pos += kNian.size();
      // Four digit characters of one kind right before 年.
      size_t begin = nian;
      int year = 0, mult = 1, count = 0;
      bool chinese = false;
      for (; count < 4; ++count) {
        DigitChar d = digit_ending_at(t_, begin);
        if (!d.len) break;
        if (count == 0) chinese = d.chinese;
        if (d.chinese != chinese) break;
        year += d.value * mult;
        mult *= 10;
        begin -= d.len;
      }
      if (count != 4) continue;
      DigitChar before = digit_ending_at(t_, begin);
      if (before.len && before.chinese == chinese) continue;  // five or more digits: not a year
      if (!chinese && begin > 0 && (is_alpha(t_[begin - 1]) || t_[begin - 1] == '.')) continue;

      size_t p = nian + kNian.size();
      size_t mend = 0;
      std::optional<int> month = numeral_run(t_, p, 3, mend);
      if (month && at(t_, mend, "月")) {
        const size_t after_month = mend + 3;
        size_t dend = 0;
        std::optional<int> day = numeral_run(t_, after_month, 4, dend);
        while (day && dend < t_.size() && t_[dend] == ' ') ++dend;  // "2009年1月1 日" (one statute)
        if (day && at(t_, dend, "日")) {
          const size_t end = dend + 3;
          if (check_day(year, *month, *day, begin, end)) add(year, *month, *day, begin, end);
          pos = end;
          continue;
        }
        if (*month < 1 || *month > 12) {
          problem(begin, after_month, "month " + std::to_string(*month) + " out of range");
          pos = after_month;
          continue;
        }
        if (year >= 1900 && year <= 2100) add(year, *month, 0, begin, after_month);
        pos = after_month;
        continue;
      }
      // Year alone: only with words around it that make it a point in time, never 2021年第20次.
      if (year < 1900 || year > 2100) continue;
      static constexpr std::array<std::string_view, 16> kAfter = {
          "底", "前", "起", "以前", "以后", "之前", "到", "至",
          "，", "、", "。", "；",   "内",   "末",   "后", "开始"};
      bool ok = false;
      for (std::string_view a : kAfter) ok = ok || at(t_, p, a);
      if (!ok) ok = ends_at(t_, begin, "到") || ends_at(t_, begin, "至");
      if (ok) add(year, 0, 0, begin, p);
    }
  }

  // ---- English month names: "August 15, 2023", "Aug. 15", "15 August 2023", "July 2023". ----
  struct MonthHit {
    int month = 0;
    size_t end = 0;  // after the name (and its optional '.')
  };

  std::optional<MonthHit> month_at(size_t pos) const {
    if (pos >= t_.size() || t_[pos] < 'A' || t_[pos] > 'Z') return std::nullopt;
    if (pos > 0 && is_alnum(t_[pos - 1])) return std::nullopt;
    for (int m = 0; m < 12; ++m) {
      std::string_view full = kMonthNames[m];
      if (at(t_, pos, full) &&
          (pos + full.size() >= t_.size() || !is_alpha(t_[pos + full.size()]))) {
        return MonthHit{m + 1, pos + full.size()};
      }
    }
    static constexpr std::array<std::string_view, 12> kAbbr = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int m = 0; m < 12; ++m) {
      size_t e = pos + kAbbr[static_cast<size_t>(m)].size();
      if (!at(t_, pos, kAbbr[static_cast<size_t>(m)])) continue;
      if (m == 8 && at(t_, e, "t")) ++e;  // Sept
      if (e < t_.size() && is_alpha(t_[e])) continue;
      if (at(t_, e, ".")) ++e;
      return MonthHit{m + 1, e};
    }
    return std::nullopt;
  }

  // Reads 1-4 ASCII digits at pos; returns the count (0 when none or more than 4).
  size_t digits_at(size_t pos, int& value) const {
    size_t n = 0;
    value = 0;
    while (pos + n < t_.size() && is_digit(t_[pos + n]) && n < 5) {
      value = value * 10 + (t_[pos + n] - '0');
      ++n;
    }
    return n > 4 ? 0 : n;
  }

  size_t skip_ordinal(size_t pos) const {
    static constexpr std::array<std::string_view, 4> kSuffix = {"st", "nd", "rd", "th"};
    for (std::string_view s : kSuffix) {
      if (at(t_, pos, s) && (pos + 2 >= t_.size() || !is_alpha(t_[pos + 2]))) return pos + 2;
    }
    return pos;
  }

  // ", 2023" or " 2023" at pos: the year and the end, or 0.
  int year_after(size_t pos, size_t& end) const {
    size_t p = pos;
    if (at(t_, p, ",")) ++p;
    if (!at(t_, p, " ")) return 0;
    ++p;
    int y = 0;
    if (digits_at(p, y) != 4) return 0;
    if (p + 4 < t_.size() && (is_alnum(t_[p + 4]) || t_[p + 4] == '%')) return 0;
    end = p + 4;
    return y;
  }

  void full_or_inferred(int y, int m, int d, size_t begin, size_t end) {
    if (y) {
      if (check_day(y, m, d, begin, end)) add(y, m, d, begin, end);
    } else {
      add_inferred(m, d, begin, end);
    }
  }

  void scan_english_months() {
    for (size_t pos = 0; pos < t_.size(); ++pos) {
      const char c = t_[pos];
      if (c >= 'A' && c <= 'Z') {
        std::optional<MonthHit> hit = month_at(pos);
        if (!hit || !at(t_, hit->end, " ")) continue;
        const size_t num = hit->end + 1;
        int value = 0;
        const size_t n = digits_at(num, value);
        if (n == 4) {  // "July 2023"
          if (num + 4 < t_.size() && is_alnum(t_[num + 4])) continue;
          if (value >= 1900 && value <= 2100) add(value, hit->month, 0, pos, num + 4);
          pos = num + 3;
          continue;
        }
        if (n == 0 || n > 2) continue;
        size_t e = skip_ordinal(num + n);
        if (e < t_.size() && (is_alnum(t_[e]))) continue;
        // A range "March 16-20, 2021" or "March 16–20".
        size_t r = e;
        int day2 = 0;
        size_t n2 = 0;
        if (at(t_, r, "-"))
          r += 1;
        else if (at(t_, r, "\u2013"))
          r += 3;
        if (r != e) {
          n2 = digits_at(r, day2);
          if (n2 == 0 || n2 > 2 || (r + n2 < t_.size() && is_alnum(t_[r + n2]))) n2 = 0;
        }
        const size_t before_year = n2 ? r + n2 : e;
        size_t yend = 0;
        const int year = year_after(before_year, yend);
        const size_t end = year ? yend : before_year;
        full_or_inferred(year, hit->month, value, pos, end);
        if (n2) full_or_inferred(year, hit->month, day2, pos, end);
        pos = end - 1;
      } else if (is_digit(c) &&
                 (pos == 0 || !(is_alnum(t_[pos - 1]) || t_[pos - 1] == '.' || t_[pos - 1] == ',' ||
                                t_[pos - 1] == '$' || t_[pos - 1] == '-'))) {
        // "15 August 2023", "15 August".
        int value = 0;
        const size_t n = digits_at(pos, value);
        if (n == 0 || n > 2) {
          while (pos + 1 < t_.size() && is_digit(t_[pos + 1])) ++pos;
          continue;
        }
        size_t e = skip_ordinal(pos + n);
        if (!at(t_, e, " ")) continue;
        std::optional<MonthHit> hit = month_at(e + 1);
        if (!hit) continue;
        if (hit->end < t_.size() && t_[hit->end - 1] != '.' && is_alnum(t_[hit->end])) continue;
        size_t yend = 0;
        int year = 0;
        if (at(t_, hit->end, " ")) {
          int y = 0;
          if (digits_at(hit->end + 1, y) == 4 &&
              (hit->end + 5 >= t_.size() || !is_alnum(t_[hit->end + 5]))) {
            year = y;
            yend = hit->end + 5;
          }
        }
        const size_t end = year ? yend : hit->end;
        full_or_inferred(year, hit->month, value, pos, end);
        pos = end - 1;
      }
    }
  }

  // ---- ISO dates: 2023-07-13 (a time may follow: 2023-07-14T00:36:00Z). ----
  void scan_iso() {
    for (size_t pos = 0; pos + 10 <= t_.size(); ++pos) {
      if (!is_digit(t_[pos]) || (pos > 0 && (is_alnum(t_[pos - 1]) || t_[pos - 1] == '-')))
        continue;
      int y = 0, m = 0, d = 0;
      if (digits_at(pos, y) != 4 || t_[pos + 4] != '-') continue;
      if (!is_digit(t_[pos + 5]) || !is_digit(t_[pos + 6]) || t_[pos + 7] != '-' ||
          !is_digit(t_[pos + 8]) || !is_digit(t_[pos + 9]))
        continue;
      if (pos + 10 < t_.size() && (is_digit(t_[pos + 10]) || t_[pos + 10] == '-')) continue;
      m = (t_[pos + 5] - '0') * 10 + (t_[pos + 6] - '0');
      d = (t_[pos + 8] - '0') * 10 + (t_[pos + 9] - '0');
      if (check_day(y, m, d, pos, pos + 10)) add(y, m, d, pos, pos + 10);
      pos += 9;
    }
  }

  // ---- English years with a preposition: "by 2030", "by the end of 2025", "in 2020". ----

  void scan_english_years() {
    // out_ is sorted by begin here, and its mentions do not nest; find the one starting at or
    // before a candidate by binary search, so a text full of dates stays linear-logarithmic.
    const std::vector<DateMention> full = out_;
    auto inside_full_date = [&full](size_t pos) {
      auto it = std::upper_bound(full.begin(), full.end(), pos,
                                 [](size_t p, const DateMention& m) { return p < m.begin; });
      return it != full.begin() && pos < std::prev(it)->end;
    };
    for (size_t pos = 0; pos + 4 <= t_.size(); ++pos) {
      if (!is_digit(t_[pos])) continue;
      int y = 0;
      const size_t n = digits_at(pos, y);
      if (n != 4) {
        while (pos + 1 < t_.size() && is_digit(t_[pos + 1])) ++pos;
        continue;
      }
      const size_t end = pos + 4;
      const bool boundary_after =
          end >= t_.size() || (static_cast<unsigned char>(t_[end]) < 0x80 && !is_alnum(t_[end]) &&
                               t_[end] != '%' && t_[end] != '-');
      if (!boundary_after || y < 1900 || y > 2100 || pos == 0 || t_[pos - 1] != ' ') {
        pos = end - 1;
        continue;
      }
      if (inside_full_date(pos)) {
        pos = end - 1;
        continue;
      }
      // The word before, lower-cased.
      size_t wb = pos - 1;
      while (wb > 0 && is_alpha(t_[wb - 1])) --wb;
      std::string word;
      for (size_t i = wb; i < pos - 1; ++i) word += lower(t_[i]);
      static constexpr std::array<std::string_view, 10> kPrep = {
          "by", "in", "until", "till", "since", "before", "after", "early", "late", "through"};
      bool ok = std::find(kPrep.begin(), kPrep.end(), word) != kPrep.end();
      if (!ok && word == "of") {  // "the end of 2025", "the start of 2024"
        static constexpr std::array<std::string_view, 5> kOf = {
            "end of ", "start of ", "beginning of ", "middle of ", "close of "};
        for (std::string_view o : kOf) ok = ok || ends_at(t_, pos, o);
      }
      if (ok) add(y, 0, 0, pos, end);
      pos = end - 1;
    }
  }

  // ---- Type hints. ----
  static bool is_chinese_mention(const DateMention& m) {
    return m.text.find("年") != std::string::npos;
  }

  void assign_hints() {
    for (size_t i = 0; i < out_.size(); ++i) {
      DateMention& m = out_[i];
      const size_t next = i + 1 < out_.size() ? out_[i + 1].begin : t_.size();
      const size_t prev = i > 0 ? out_[i - 1].end : 0;
      m.type_hint =
          is_chinese_mention(m) ? chinese_hint(m, prev, next) : english_hint(m, prev, next);
    }
  }

  // The clause after `from`, up to `limit`, stopping at 。；！？ and newlines; at most 360 bytes
  // (an amendment line naming a long decision runs to about 200).
  size_t clause_end(size_t from, size_t limit) const {
    const size_t cap = std::min(limit, std::min(t_.size(), from + 360));
    for (size_t p = from; p < cap; ++p) {
      if (t_[p] == '\n' || at(t_, p, "。") || at(t_, p, "；") || at(t_, p, "！") || at(t_, p, "？"))
        return p;
    }
    return std::max(from, cap);
  }

  size_t clause_begin(size_t to, size_t limit) const {
    const size_t floor = std::max(limit, to > 90 ? to - 90 : size_t{0});
    for (size_t p = to; p > floor; --p) {
      if (t_[p - 1] == '\n' || ends_at(t_, p, "。") || ends_at(t_, p, "；")) return p;
    }
    return floor;
  }

  std::string chinese_hint(const DateMention& m, size_t prev, size_t next) const {
    if (m.precision == "year") {
      if (ends_at(t_, m.begin, "到") || ends_at(t_, m.begin, "至") || at(t_, m.end, "前") ||
          at(t_, m.end, "以前") || at(t_, m.end, "之前") || at(t_, m.end, "底"))
        return "target_year";
    }
    const std::string_view after = t_.substr(m.end, clause_end(m.end, next) - m.end);
    const size_t cb = clause_begin(m.begin, prev);
    const std::string_view before = t_.substr(cb, m.begin - cb);
    auto has = [](std::string_view s, std::string_view w) {
      return s.find(w) != std::string_view::npos;
    };
    if (has(before, "意见") && (has(before, "截止") || has(before, "截至")))
      return "comment_deadline";
    // The event word nearest after the date wins ("1974年6月发布的《…》…废止" was published),
    // except that "…会议通过的《关于修改…的决定》第二次修正" is an amendment.
    struct Kw {
      std::string_view word;
      const char* hint;
    };
    static constexpr std::array<Kw, 9> kKeywords = {{{"修正", "amended"},
                                                     {"修订", "amended"},
                                                     {"施行", "effective"},
                                                     {"生效", "effective"},
                                                     {"废止", "repealed"},
                                                     {"通过", "adopted"},
                                                     {"公布", "published"},
                                                     {"发布", "published"},
                                                     {"颁布", "published"}}};
    size_t first = std::string_view::npos, first_end = 0;
    const char* hint = "";
    for (const Kw& k : kKeywords) {
      const size_t p = after.find(k.word);
      if (p < first) {
        first = p;
        first_end = p + k.word.size();
        hint = k.hint;
      }
    }
    if (std::string_view(hint) == "adopted") {
      const std::string_view rest = after.substr(first);
      if (has(rest, "决定") && (has(rest, "修正") || has(rest, "修订"))) return "amended";
    }
    // "1993年2月22日…通过的《中华人民共和国国家安全法》同时废止": the date and its event word
    // describe the cited instrument, not the text's own (its own amendments were handled above).
    if (first != std::string_view::npos && after.substr(first_end).substr(0, 6) == "的《")
      return "";
    return hint;
  }

  std::string english_hint(const DateMention& m, size_t prev, size_t next) const {
    // The sentence before the date (lower-cased), stopping at a full stop that ends a sentence.
    size_t b = m.begin;
    const size_t floor = std::max(prev, m.begin > 120 ? m.begin - 120 : size_t{0});
    while (b > floor) {
      const char c = t_[b - 1];
      if (c == '\n' || c == '!' || c == '?' ||
          (c == '.' && b < t_.size() && t_[b] == ' ' && b >= 2 &&
           !(b >= 4 && (t_[b - 4] == ' ') && is_alpha(t_[b - 2])))) {
        break;
      }
      --b;
    }
    std::string before;
    for (size_t i = b; i < m.begin; ++i) before += lower(t_[i]);
    size_t e = m.end;
    const size_t cap = std::min(next, std::min(t_.size(), m.end + 80));
    while (e < cap && t_[e] != '\n' && !(t_[e] == '.' && (e + 1 >= t_.size() || t_[e + 1] == ' ')))
      ++e;
    std::string after;
    for (size_t i = m.end; i < e; ++i) after += lower(t_[i]);

    if (m.precision == "year") {
      if (before.size() >= 3 && before.compare(before.size() - 3, 3, "by ") == 0)
        return "target_year";
      if (before.size() >= 14 && before.find("by the end of ") != std::string::npos &&
          before.compare(before.size() - 7, 7, "end of ") == 0)
        return "target_year";
    }
    // "comments until/by <date>" in a sentence about a draft.
    auto ends_with = [](const std::string& s, std::string_view w) {
      return s.size() >= w.size() && s.compare(s.size() - w.size(), w.size(), w) == 0;
    };
    if ((ends_with(before, "until ") || ends_with(before, "by ") || ends_with(before, "before ")) &&
        before.find("comment") != std::string::npos)
      return "comment_deadline";

    struct Kw {
      std::string_view word;
      std::string_view hint;
    };
    static constexpr std::array<Kw, 22> kKeywords = {{
        {"take effect", "effective"},     {"takes effect", "effective"},
        {"took effect", "effective"},     {"taking effect", "effective"},
        {"into effect", "effective"},     {"into force", "effective"},
        {"effective", "effective"},       {"in force", "effective"},
        {"repealed", "repealed"},         {"amended", "amended"},
        {"adopted", "adopted"},           {"approved", "adopted"},
        {"published", "published"},       {"released", "published"},
        {"issued", "published"},          {"updated:", "published"},
        {"updated", "published"},         {"announced", "published"},
        {"unveiled", "published"},        {"comment period", "comment_deadline"},
        {"comments", "comment_deadline"}, {"feedback", "comment_deadline"},
    }};
    // Nearest keyword before the date wins; otherwise the first one after it.
    std::string_view best;
    size_t best_pos = 0;
    bool found = false;
    for (const Kw& k : kKeywords) {
      if (k.hint == "comment_deadline") continue;  // only with until/by, handled above
      const size_t p = before.rfind(k.word);
      if (p != std::string::npos && (!found || p + k.word.size() > best_pos)) {
        best = k.hint;
        best_pos = p + k.word.size();
        found = true;
      }
    }
    if (found) return std::string(best);
    size_t first = std::string::npos;
    for (const Kw& k : kKeywords) {
      if (k.hint == "comment_deadline") continue;
      const size_t p = after.find(k.word);
      if (p != std::string::npos && p < first) {
        first = p;
        best = k.hint;
      }
    }
    if (first != std::string::npos) return std::string(best);
    return "";
  }
};

}  // namespace

std::vector<DateMention> extract_dates(std::string_view text, std::string_view context_date,
                                       std::vector<DateProblem>* problems) {
  return Extractor(text, context_date, problems).run();
}

}  // namespace regkg::ingest
