// Sanction clauses of Chinese liability articles: clause splitting, measures, fines, authority,
// escalation condition and the provisions enforced.
//
// How an article is read (tests/gold/CONVENTIONS-blind.md, part B; measured on
// tests/gold/sanctions.json by tests/ingest/extract/test_sanction_extractor.cpp):
// - Lines are paragraphs; item lines （一）… belong to the lead-in before them (their 第X条
//   references are the lead-in's trigger when it says 有下列行为之一 without numbers of its own).
// - A paragraph is cut into parts at 。 and ；, and before "，对其中的…" (a second addressee). A
// part
//   with no measure is not a sanction. A part that starts with 对(其)直接负责的主管人员… and fines
//   or bars them belongs to the clause before it (the fine on the responsible persons); one that
//   gives them 处分 is a clause of its own.
// - Inside a part, comma-separated segments ending in 的 are conditions ("拒不改正的",
//   "受到…处罚的"): measure words in them do not count. The segments before the first one with a
//   measure or a 由 are the trigger: its 本法第X条 / 本法 / 前款 / 前条 / 《…》 are what the clause
//   enforces, except inside a referral (依照…规定处罚). A clause without references of its own
//   takes those of the clause before it in the paragraph; the first clause of a later paragraph
//   takes the previous paragraph's when its trigger is only an escalation or a 构成…的 condition,
//   and none when it describes a new violation (工作人员玩忽职守…的).
// - The authority is the noun phrase after 由 up to the verb (责令, 给予, 处, 依照 …); a clause
//   without 由 takes the paragraph's last one, unless its measures are criminal, civil,
//   disciplinary or public-security ones (no authority is named for those).
// Scans bytes (no std::regex): it runs over every article of the corpus.
#include "ingest/extract/sanction_extractor.h"

#include <algorithm>
#include <array>

#include "ingest/extract/citation_extractor.h"
#include "text/byte_match.h"
#include "text/chinese_numeral.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"

namespace regkg::ingest {

namespace {
namespace sanction_scan {

using text::at;
using text::ends_at;

constexpr std::string_view kFullComma = "，";
constexpr std::string_view kSemicolon = "；";
constexpr std::string_view kFullStop = "。";
constexpr std::string_view kColon = "：";

struct Range {
  size_t b = 0, e = 0;
};

bool contains(std::string_view s, size_t b, size_t e, std::string_view w) {
  if (e > s.size() || b >= e) return false;
  return s.substr(b, e - b).find(w) != std::string_view::npos;
}

size_t find_in(std::string_view s, size_t b, size_t e, std::string_view w) {
  if (e > s.size() || b >= e) return std::string_view::npos;
  size_t p = s.substr(b, e - b).find(w);
  return p == std::string_view::npos ? p : b + p;
}

void trim(std::string_view s, size_t& b, size_t& e) {
  for (;;) {
    if (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) {
      ++b;
    } else if (e - b >= 3 && at(s, b, "\xE3\x80\x80")) {
      b += 3;
    } else if (e - b >= 3 && at(s, b, "\xE2\x80\x8B")) {  // zero-width space
      b += 3;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) {
      --e;
    } else if (e - b >= 3 && (ends_at(s, e, "\xE3\x80\x80") || ends_at(s, e, "\xE2\x80\x8B"))) {
      e -= 3;
    } else {
      break;
    }
  }
}

// ---- amounts ----------------------------------------------------------------------------------

bool is_amount_char(std::string_view s, size_t p, size_t* len) {
  char32_t cp = 0;
  *len = text::decode_utf8_sequence(s, p, cp);
  if (*len == 0) return false;
  return text::is_chinese_numeral_char(cp) || (cp >= U'0' && cp <= U'9') || cp == U'亿';
}

// "五千" / "1000" / "" (-> 1 when a unit follows: "万元" is not written, but be lenient never).
std::optional<long long> parse_group(std::string_view g) {
  if (g.empty()) return std::nullopt;
  auto v = text::parse_chinese_numeral(g);
  if (!v) return std::nullopt;
  return static_cast<long long>(*v);
}

}  // namespace sanction_scan
}  // namespace

std::optional<long long> parse_chinese_amount(std::string_view t) {
  using sanction_scan::parse_group;
  if (t.empty() || t.size() > 64) return std::nullopt;
  long long total = 0;
  std::string_view rest = t;
  const size_t yi = rest.find("亿");
  if (yi != std::string_view::npos) {
    auto hi = parse_group(rest.substr(0, yi));
    if (!hi) return std::nullopt;
    total += *hi * 100000000LL;
    rest = rest.substr(yi + std::string_view("亿").size());
  }
  const size_t wan = rest.rfind("万");
  if (wan != std::string_view::npos && wan + std::string_view("万").size() <= rest.size()) {
    std::string_view hi_text = rest.substr(0, wan);
    std::string_view lo_text = rest.substr(wan + std::string_view("万").size());
    // 三万二千 is within parse_chinese_numeral's range; 一百万, 五千万, 1000万 are not.
    if (auto whole = parse_group(rest)) return total + *whole;
    auto hi = parse_group(hi_text);
    if (!hi) return std::nullopt;
    long long lo = 0;
    if (!lo_text.empty()) {
      auto l = parse_group(lo_text);
      if (!l) return std::nullopt;
      lo = *l;
    }
    total += *hi * 10000LL + lo;
    return total;
  }
  if (rest.empty())
    return yi != std::string_view::npos ? std::optional<long long>(total) : std::nullopt;
  auto v = parse_group(rest);
  if (!v) return std::nullopt;
  return total + *v;
}

namespace {
namespace sanction_scan {

// What the base of a multiple or a percentage is, from the words before its numeral.
std::string base_of(std::string_view words, bool percent) {
  if (words.find("违法所得") != std::string_view::npos ||
      words.find("违法收入") != std::string_view::npos)
    return "illegal_income";
  if (words.find("违法经营额") != std::string_view::npos ||
      words.find("非法经营额") != std::string_view::npos)
    return "illegal_turnover";
  if (words.find("采购金额") != std::string_view::npos) return "purchase_amount";
  if (words.find("货值金额") != std::string_view::npos) return "goods_value";
  if (words.find("上一年度营业额") != std::string_view::npos ||
      words.find("上一年度销售额") != std::string_view::npos)
    return "previous_year_turnover";
  if (words.find("营业额") != std::string_view::npos ||
      words.find("销售额") != std::string_view::npos)
    return "turnover";
  if (words.find("年收入") != std::string_view::npos) return "previous_year_income";
  if (words.find("广告费用") != std::string_view::npos) return "advertising_fee";
  (void)percent;
  return "other";
}

// Parses the amount text of one fine ("五万元以上五十万元以下", "违法所得一倍以上十倍以下",
// "五千万元以下或者上一年度营业额百分之五以下", "一万元以下的") into `fine`, setting only the
// parts still unset (the first amount of each shape in a clause is the clause's).
void parse_fine_text(std::string_view s, SanctionFine& fine) {
  SanctionFine got;
  size_t p = 0;
  size_t words_begin = 0;  // start of the words since the last amount (the base of a multiple)
  while (p < s.size()) {
    size_t len = 0;
    const bool percent = at(s, p, "百分之");
    size_t q = percent ? p + std::string_view("百分之").size() : p;
    if (at(s, p, "等值以上")) {
      // "货值金额等值以上三倍以下": once the base is the lower bound.
      if (!got.multiple_min) got.multiple_min = 1;
      if (got.multiple_of.empty())
        got.multiple_of = base_of(s.substr(words_begin, p - words_begin), false);
      p += std::string_view("等值以上").size();
      words_begin = p;
      continue;
    }
    if (!percent && !is_amount_char(s, p, &len)) {
      p = text::next_code_point(s, p);
      continue;
    }
    size_t e = q;
    while (e < s.size() && is_amount_char(s, e, &len)) e += len;
    if (e == q) {
      p = text::next_code_point(s, p);
      continue;
    }
    auto value = parse_chinese_amount(s.substr(q, e - q));
    std::string_view words = s.substr(words_begin, p - words_begin);
    size_t after = e;
    enum { yuan, multiple, pct, none } shape = none;
    if (percent) {
      shape = pct;
    } else if (at(s, after, "元")) {
      shape = yuan;
      after += std::string_view("元").size();
    } else if (at(s, after, "倍")) {
      shape = multiple;
      after += std::string_view("倍").size();
    }
    bool is_min = at(s, after, "以上");
    bool is_max = at(s, after, "以下");
    if (is_min || is_max) after += 6;
    if (value && shape != none) {
      std::optional<long long>*lo = nullptr, *hi = nullptr;
      if (shape == yuan) {
        lo = &got.min_yuan;
        hi = &got.max_yuan;
      } else if (shape == multiple) {
        lo = &got.multiple_min;
        hi = &got.multiple_max;
        if (got.multiple_of.empty()) got.multiple_of = base_of(words, false);
      } else {
        lo = &got.percent_min;
        hi = &got.percent_max;
        if (got.percent_of.empty()) got.percent_of = base_of(words, true);
      }
      if (is_min) {
        if (!*lo) *lo = value;
      } else if (is_max) {
        if (!*hi) *hi = value;
      } else if (!*lo && !*hi) {
        *lo = value;
        *hi = value;
      }
    }
    if (value && shape != none) words_begin = after;
    p = after > p ? after : text::next_code_point(s, p);
  }
  auto take = [](std::optional<long long>& to, const std::optional<long long>& from) {
    if (!to && from) to = from;
  };
  // A shape already set by an earlier fine of the clause keeps its values.
  if (!fine.min_yuan && !fine.max_yuan) {
    take(fine.min_yuan, got.min_yuan);
    take(fine.max_yuan, got.max_yuan);
  }
  if (!fine.multiple_min && !fine.multiple_max) {
    take(fine.multiple_min, got.multiple_min);
    take(fine.multiple_max, got.multiple_max);
    if (fine.multiple_of.empty()) fine.multiple_of = got.multiple_of;
  }
  if (!fine.percent_min && !fine.percent_max) {
    take(fine.percent_min, got.percent_min);
    take(fine.percent_max, got.percent_max);
    if (fine.percent_of.empty()) fine.percent_of = got.percent_of;
  }
}

// ---- measures ---------------------------------------------------------------------------------

void add_measure(std::vector<std::string>& ms, const char* m) {
  if (std::find(ms.begin(), ms.end(), m) == ms.end()) ms.emplace_back(m);
}

// The segment [b, e) opens the part about the responsible persons (对直接负责的主管人员…).
bool opens_persons(std::string_view s, size_t b, size_t e) {
  size_t p = b;
  for (std::string_view w : {"并", "可以", "对", "其"})
    if (at(s, p, w)) p += w.size();
  for (std::string_view w : {"对", "其"})
    if (at(s, p, w)) p += w.size();
  (void)e;
  return at(s, p, "直接负责的主管人员") || at(s, p, "负有责任的领导人员") ||
         at(s, p, "直接负责的主管人员和其他直接责任人员");
}

// A referral "依照/依据…规定(予以)处罚" in [b, e): its start, or npos.
size_t referral_at(std::string_view s, size_t b, size_t e) {
  for (std::string_view v : {"依照", "依据", "按照"}) {
    size_t p = find_in(s, b, e, v);
    if (p == std::string_view::npos) continue;
    size_t r = find_in(s, p, e, "规定");
    if (r == std::string_view::npos) continue;
    size_t after = r + std::string_view("规定").size();
    if (at(s, after, "处罚") || at(s, after, "予以处罚") || at(s, after, "给予处罚") ||
        at(s, after, "追究法律责任"))
      return p;
  }
  return std::string_view::npos;
}

struct PartScan {
  std::vector<std::string> measures;
  SanctionFine fine, persons_fine;
  std::string condition;
  size_t trigger_end = 0;  // end of the trigger segments (the part's start when none)
  bool first_measure_seen = false;
};

// Measures of one non-condition segment [b, e); `persons` is the responsible-persons mode.
void scan_segment(std::string_view s, size_t b, size_t e, bool& persons, PartScan& out) {
  if (opens_persons(s, b, e)) persons = true;
  auto& ms = out.measures;
  const size_t before = ms.size();
  auto has = [&](std::string_view w) { return contains(s, b, e, w); };
  if (has("责令改正") || has("责令限期改正") || has("责令停止违法行为") ||
      (has("责令") && has("改正") && !has("拒不改正") && !has("逾期不改正")))
    add_measure(ms, "order_to_rectify");
  {
    // (A warning to the responsible persons has no name in the vocabulary: their fine does.)
    size_t w = find_in(s, b, e, "警告");
    if (w != std::string_view::npos && !ends_at(s, w, "预") && !persons) add_measure(ms, "warning");
  }
  // (没收的财物, 收缴的罚款: things, not measures.)
  if (has("没收") && !has("没收的")) add_measure(ms, "confiscation");
  for (size_t p = find_in(s, b, e, "罚款"); p != std::string_view::npos;
       p = find_in(s, p + 6, e, "罚款")) {
    // The amount: from the last 处 before 罚款 in the segment.
    size_t c = std::string_view::npos;
    for (size_t q = b; q < p; q = text::next_code_point(s, q))
      if (at(s, q, "处") && !at(s, q, "处分") && !at(s, q, "处罚") && !at(s, q, "处理") &&
          !at(s, q, "处置"))
        c = q;
    if (c == std::string_view::npos && !contains(s, b, p, "予以") && !contains(s, b, p, "给予"))
      continue;  // 收缴的罚款, 罚款收据: no fine imposed here
    SanctionFine& f = persons ? out.persons_fine : out.fine;
    if (c != std::string_view::npos) parse_fine_text(s.substr(c + 3, p - c - 3), f);
    add_measure(ms, persons ? "fine_responsible_persons" : "fine");
  }
  const bool terminate = has("终止提供") || (has("停止提供") && has("服务"));
  if (terminate) add_measure(ms, "service_termination");
  if ((has("暂停") && !terminate) || has("停业整顿") || has("停产停业"))
    add_measure(ms, "suspension");
  if (has("吊销") || (has("撤销") && (has("许可") || has("资格") || has("执照"))))
    add_measure(ms, "licence_revocation");
  for (size_t p = find_in(s, b, e, "关闭"); p != std::string_view::npos;
       p = find_in(s, p + 6, e, "关闭")) {
    // 关闭网站 (a licence-like closure) or 关闭应用程序 (service termination): up to the next 、.
    size_t end = find_in(s, p, e, "、");
    if (end == std::string_view::npos) end = e;
    bool site = contains(s, p, end, "网站") || contains(s, p, end, "通讯群组");
    bool app = contains(s, p, end, "应用程序");
    if (site) add_measure(ms, "licence_revocation");
    if (app) add_measure(ms, "service_termination");
    if (!site && !app) add_measure(ms, "other");
  }
  // A bar for a time ("五年内不得从事", "终身不得从事", "禁止其在一定期限内担任"), not a duty
  // ("不得从事危害国家安全的…活动").
  const bool for_a_time = has("年内") || has("终身") || has("一定期限");
  if (((has("禁止") && has("担任")) || has("不得担任") || has("不得从事")) && for_a_time)
    add_measure(ms, "ban_from_office");
  if (has("记入信用档案") || has("记入信用记录")) add_measure(ms, "public_record");
  if (has("追究刑事责任")) add_measure(ms, "criminal_liability");
  if (has("给予治安管理处罚")) add_measure(ms, "administrative_penalty_for_public_security");
  // Civil liability, damages included (conventions, part B: "承担赔偿责任", "赔偿其受到的损失",
  // punitive "增加赔偿…三倍", statutory damages a court awards); not a right to claim them
  // (要求赔偿), nor the priority of civil liability over fines (不足以同时支付).
  const bool damages = has("依法赔偿") || has("增加赔偿") || has("赔偿损失") || has("赔偿其") ||
                       (has("判决") && has("赔偿"));
  if (((has("承担") &&
        (has("民事责任") || has("赔偿责任") || has("侵权责任") || has("连带责任"))) ||
       damages) &&
      !has("刑事责任、行政责任以外") && !has("要求赔偿") && !has("请求赔偿") && !has("有权要求") &&
      !has("不足以同时支付"))
    add_measure(ms, "civil_liability");
  if (has("给予处分") || (has("给予") && has("处分"))) add_measure(ms, "sanction_of_officials");
  // Measures outside the main vocabulary.
  if (has("拘留") || has("通报批评") || has("追究法律责任") || has("责令停止使用") ||
      has("停止新增业务") || has("缩减业务") || has("批评教育") || has("劝诫") || has("冻结财产") ||
      has("制裁措施") || has("不得重新申请") ||
      (has("责令停止") && !terminate && !has("责令停止违法行为")))
    add_measure(ms, "other");
  if (referral_at(s, b, e) != std::string_view::npos) {
    if (persons) add_measure(ms, "fine_responsible_persons");
    add_measure(ms, "other");
  }
  if (ms.size() > before) out.first_measure_seen = true;
}

bool is_condition_segment(std::string_view s, size_t b, size_t e) {
  return e > b && ends_at(s, e, "的");
}

// An exception ("除本法另有规定外", "除承担相应的民事责任外", "…另有规定的除外"): what it names is
// neither a measure of the clause nor a provision it enforces.
bool is_exception_segment(std::string_view s, size_t b, size_t e) {
  return e > b && ((at(s, b, "除") && ends_at(s, e, "外")) || ends_at(s, e, "除外"));
}

// An escalating condition: refusal to rectify, serious circumstances, serious consequences.
bool escalates(std::string_view s, size_t b, size_t e, bool first_clause_of_paragraph) {
  for (std::string_view w :
       {"拒不改正", "逾期不改正", "情节严重", "情节较重", "情节特别严重", "受到刑事处罚"})
    if (contains(s, b, e, w)) return true;
  return !first_clause_of_paragraph && contains(s, b, e, "后果");
}

// 由 that starts an authority phrase: not inside 理由, 自由, 事由, 缘由, 由于, 由此.
bool is_you_marker(std::string_view s, size_t p) {
  if (!at(s, p, "由")) return false;
  for (std::string_view w : {"理", "自", "事", "缘", "经"})
    if (ends_at(s, p, w)) return false;
  return !at(s, p + 3, "于") && !at(s, p + 3, "此");
}

// Words that end the authority phrase after 由: the verb or the adverbial that follows it.
constexpr std::array<std::string_view, 24> kAuthorityEnd = {
    "责令", "给予", "予以", "并处", "没收", "依照",   "依据", "依法",
    "按照", "根据", "吊销", "关闭", "可以", "并可以", "通报", "记入",
    "决定", "处以", "对",   "处",   "作出", "追究",   "予",   "实施"};

constexpr std::array<std::string_view, 17> kAuthorityHeads = {
    "部门", "机关", "机构",   "单位", "委员会", "政府", "组织", "法院", "检察院",
    "总局", "局",   "办公室", "部",   "署",     "院",   "委",   "所"};

// The authority after the first 由 in [b, e) that names one, with its start; "" when none.
std::string authority_in(std::string_view s, size_t b, size_t e) {
  for (size_t p = find_in(s, b, e, "由"); p != std::string_view::npos;
       p = find_in(s, p + 3, e, "由")) {
    if (!is_you_marker(s, p)) continue;
    const size_t start = p + 3;
    size_t q = start;
    size_t chars = 0;
    bool stopped = false;
    while (q < e && chars < 90) {
      bool end_here = false;
      for (auto w : kAuthorityEnd) {
        if (!at(s, q, w)) continue;
        // 处 inside 处理 or 处置 belongs to the phrase ("…处理个人信息的部门").
        if (w == "处" && (at(s, q, "处理") || at(s, q, "处置"))) continue;
        // 对 in 对外 …; the authority names no 对 phrase before its verb in practice.
        end_here = true;
        break;
      }
      if (end_here || at(s, q, kSemicolon) || at(s, q, kFullStop)) {
        stopped = true;
        break;
      }
      q = text::next_code_point(s, q);
      ++chars;
    }
    if (!stopped || q == start) continue;
    size_t tb = start, te = q;
    trim(s, tb, te);
    // Strip a trailing comma ("…单位，依法…" would not occur; be safe).
    while (te > tb && ends_at(s, te, kFullComma)) te -= kFullComma.size();
    bool head = false;
    for (auto h : kAuthorityHeads)
      if (ends_at(s, te, h)) head = true;
    if (!head || te <= tb) continue;
    return std::string(s.substr(tb, te - tb));
  }
  return {};
}

// Fills the shapes `to` lacks from `from`.
void merge_fine(SanctionFine& to, const SanctionFine& from) {
  if (!to.min_yuan && !to.max_yuan) {
    to.min_yuan = from.min_yuan;
    to.max_yuan = from.max_yuan;
  }
  if (!to.multiple_min && !to.multiple_max) {
    to.multiple_min = from.multiple_min;
    to.multiple_max = from.multiple_max;
    to.multiple_of = from.multiple_of;
  }
  if (!to.percent_min && !to.percent_max) {
    to.percent_min = from.percent_min;
    to.percent_max = from.percent_max;
    to.percent_of = from.percent_of;
  }
}

// An authority that is the subject of the part
// ("国务院公安部门和有关部门并可以决定对…采取冻结财产"): the noun phrase before 并可以 / 可以 /
// 有权 at the part's start, ending in an authority's head.
std::string subject_authority(std::string_view s, size_t b, size_t e) {
  size_t chars = 0;
  for (size_t p = b; p < e && chars < 30; p = text::next_code_point(s, p), ++chars) {
    if (at(s, p, kFullComma) || at(s, p, "、") || at(s, p, "的")) {
      if (!at(s, p, "、")) return {};
      continue;
    }
    if (!(at(s, p, "并可以") || at(s, p, "可以决定") || at(s, p, "有权"))) continue;
    for (auto h : kAuthorityHeads)
      if (ends_at(s, p, h) && p > b) return std::string(s.substr(b, p - b));
    return {};
  }
  return {};
}

bool carries_authority(const std::vector<std::string>& measures) {
  for (const auto& m : measures)
    if (m != "criminal_liability" && m != "civil_liability" && m != "sanction_of_officials" &&
        m != "administrative_penalty_for_public_security" && m != "public_record" &&
        m != "ban_from_office")
      return true;
  return false;
}

// Segments of [b, e) split at commas (full and half width) and colons.
std::vector<Range> segments_of(std::string_view s, size_t b, size_t e) {
  std::vector<Range> out;
  size_t start = b;
  for (size_t p = b; p < e;) {
    size_t w = 0;
    if (at(s, p, kFullComma) || at(s, p, kColon))
      w = 3;
    else if (s[p] == ',' || s[p] == ':')
      w = 1;
    if (w && p + w <= e) {
      size_t sb = start, se = p;
      trim(s, sb, se);
      if (se > sb) out.push_back({sb, se});
      p += w;
      start = p;
      continue;
    }
    p = text::next_code_point(s, p);
  }
  size_t sb = start, se = e;
  trim(s, sb, se);
  if (se > sb) out.push_back({sb, se});
  return out;
}

// A line that is an enumerated item: （一）, (一), 1. …
bool is_item_line(std::string_view s, size_t b, size_t e) {
  size_t p = b;
  if (at(s, p, "（"))
    p += 3;
  else if (p < e && s[p] == '(')
    p += 1;
  else
    return false;
  size_t len = 0;
  size_t digits = 0;
  while (p < e && is_amount_char(s, p, &len)) {
    p += len;
    ++digits;
  }
  return digits > 0 && (at(s, p, "）") || (p < e && s[p] == ')'));
}

// "本法" / "本条例" / "本办法" / "本规定" at p: its length, else 0.
size_t this_instrument_at(std::string_view s, size_t p) {
  for (std::string_view w : {"本法", "本条例", "本办法", "本规定", "本细则", "本决定"})
    if (at(s, p, w)) return w.size();
  return 0;
}

// Whether the reference at `p` in the segment starting at `sb` is inside a referral to the rules
// that punish ("依照《…》的规定处罚", "依照…的规定承担民事责任"), not a duty it names ("不按照本法
// 第二十八条规定报送…").
bool in_referral(std::string_view s, size_t sb, size_t p) {
  for (std::string_view v : {"依照", "依据", "按照", "参照"}) {
    size_t at_v = find_in(s, sb, p, v);
    if (at_v == std::string_view::npos || ends_at(s, at_v, "不") || ends_at(s, at_v, "未"))
      continue;
    size_t seg_end = s.find("，", p);
    if (seg_end == std::string_view::npos) seg_end = s.size();
    for (std::string_view w : {"处罚", "追究", "承担", "处理", "给予", "予以"})
      if (find_in(s, p, seg_end, w) != std::string_view::npos) return true;
  }
  return false;
}

// The provisions named in trigger segments.
std::vector<EnforcedProvision> references_in(std::string_view s, const std::vector<Range>& segs,
                                             const std::vector<ArticleReference>& refs,
                                             const std::vector<TitleCitation>& titles) {
  std::vector<EnforcedProvision> out;
  for (const Range& seg : segs) {
    if (is_exception_segment(s, seg.b, seg.e)) continue;
    for (const ArticleReference& r : refs) {
      if (r.begin < seg.b || r.begin >= seg.e || in_referral(s, seg.b, r.begin)) continue;
      EnforcedProvision ep;
      ep.begin = r.begin;
      ep.end = r.end;
      ep.text = r.text;
      if (r.kind == ArticleReference::Kind::preceding_paragraph) {
        ep.kind = EnforcedProvision::Kind::preceding_paragraph;
      } else {
        // A bare 第X条 right after a title is the title's (find_internal_references_zh skips it).
        ep.kind = EnforcedProvision::Kind::article;
        ep.article = r.article;
        ep.sub_article = r.sub_article;
      }
      out.push_back(std::move(ep));
    }
    for (size_t p = seg.b; p < seg.e; p = text::next_code_point(s, p)) {
      if (size_t n = this_instrument_at(s, p)) {
        if (at(s, p + n, "第") || in_referral(s, seg.b, p)) continue;
        EnforcedProvision ep;
        ep.kind = EnforcedProvision::Kind::whole;
        ep.begin = p;
        ep.end = p + n;
        ep.text = std::string(s.substr(p, n));
        out.push_back(std::move(ep));
      } else if (at(s, p, "前条") && !in_referral(s, seg.b, p)) {
        EnforcedProvision ep;
        ep.kind = EnforcedProvision::Kind::preceding_article;
        ep.begin = p;
        ep.end = p + 6;
        ep.text = "前条";
        out.push_back(std::move(ep));
      }
    }
    for (const TitleCitation& t : titles) {
      if (t.begin < seg.b || t.begin >= seg.e || in_referral(s, seg.b, t.begin)) continue;
      EnforcedProvision ep;
      ep.kind = EnforcedProvision::Kind::other_instrument;
      ep.begin = t.begin;
      ep.end = t.end;
      ep.text = t.title;
      out.push_back(std::move(ep));
    }
  }
  std::sort(out.begin(), out.end(), [](const EnforcedProvision& a, const EnforcedProvision& b) {
    return a.begin < b.begin;
  });
  return out;
}

// Conditions that continue the preceding paragraph's violation instead of naming a new one.
bool continues_previous(std::string_view s, const std::vector<Range>& trigger) {
  if (trigger.empty()) return true;
  const size_t b = trigger.front().b;
  for (std::string_view w :
       {"构成", "情节", "拒不", "逾期", "尚不构成", "造成", "法律、行政法规没有", "有前款", "前款"})
    if (at(s, b, w)) return true;
  return false;
}

void resolve_targets(Sanction& sc, const std::vector<Sanction>& done, int previous_paragraph) {
  SanctionTargets t;
  auto add_article = [&](int a, int sub) {
    std::pair<int, int> k{a, sub};
    if (std::find(t.articles.begin(), t.articles.end(), k) == t.articles.end())
      t.articles.push_back(k);
  };
  for (const EnforcedProvision& ep : sc.enforces) {
    switch (ep.kind) {
      case EnforcedProvision::Kind::article:
        add_article(ep.article, ep.sub_article);
        break;
      case EnforcedProvision::Kind::whole:
        t.whole = true;
        break;
      case EnforcedProvision::Kind::preceding_article:
        t.preceding_article = true;
        break;
      case EnforcedProvision::Kind::other_instrument:
        if (std::find(t.instruments.begin(), t.instruments.end(), ep.text) == t.instruments.end())
          t.instruments.push_back(ep.text);
        break;
      case EnforcedProvision::Kind::preceding_paragraph:
        // What the preceding paragraph's clauses enforce.
        for (const Sanction& d : done) {
          if (d.paragraph != previous_paragraph) continue;
          for (const auto& a : d.targets.articles) add_article(a.first, a.second);
          t.whole = t.whole || d.targets.whole;
          t.preceding_article = t.preceding_article || d.targets.preceding_article;
          for (const auto& i : d.targets.instruments)
            if (std::find(t.instruments.begin(), t.instruments.end(), i) == t.instruments.end())
              t.instruments.push_back(i);
        }
        break;
    }
  }
  sc.targets = std::move(t);
}

std::vector<Sanction> extract(std::string_view s) {
  std::vector<Sanction> out;
  if (s.empty() || s.size() > (1u << 22) || !text::is_valid_utf8(s)) return out;
  // Cheap exit: no sanction word at all.
  bool any = false;
  for (std::string_view w :
       {"罚款", "责令", "警告", "没收", "吊销", "追究", "处分", "处罚", "责任", "拘留", "信用档案",
        "不得从事", "关闭", "通报批评", "批评教育", "冻结财产", "赔偿"})
    if (s.find(w) != std::string_view::npos) any = true;
  if (!any) return out;

  const std::vector<ArticleReference> refs = find_internal_references_zh(s);
  const std::vector<TitleCitation> titles = find_title_citations(s);

  // Lines, with their 1-based numbers.
  std::vector<Range> lines;
  for (size_t b = 0, i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '\n') {
      lines.push_back({b, i});
      b = i + 1;
    }

  int previous_paragraph = 0;  // the last line that gave clauses
  for (size_t li = 0; li < lines.size(); ++li) {
    size_t lb = lines[li].b, le = lines[li].e;
    trim(s, lb, le);
    if (le <= lb || is_item_line(s, lb, le)) continue;
    const int paragraph = static_cast<int>(li) + 1;
    // The item lines after this one (a lead-in "有下列行为之一的…：").
    std::vector<Range> items;
    for (size_t k = li + 1; k < lines.size(); ++k) {
      size_t ib = lines[k].b, ie = lines[k].e;
      trim(s, ib, ie);
      if (ie <= ib) continue;
      if (!is_item_line(s, ib, ie)) break;
      items.push_back({ib, ie});
    }
    // Parts: cut at 。 ； ; and before "，对其中的"; `after_semicolon` for those after ；.
    struct Part {
      size_t b, e;
      bool after_semicolon;
    };
    std::vector<Part> parts;
    size_t start = lb;
    bool semicolon_before = false;
    for (size_t p = lb; p < le;) {
      size_t next = 0;
      bool semicolon = false;
      if (at(s, p, kFullStop)) {
        next = p + 3;
      } else if (at(s, p, kSemicolon)) {
        next = p + 3;
        semicolon = true;
      } else if (s[p] == ';') {
        next = p + 1;
        semicolon = true;
      } else if (at(s, p, "，对其中的")) {
        next = p + 3;
      }
      if (next != 0) {
        size_t pb = start, pe = p;
        trim(s, pb, pe);
        if (pe > pb) parts.push_back({pb, pe, semicolon_before});
        semicolon_before = semicolon;
        start = next;
        p = next;
        continue;
      }
      p = text::next_code_point(s, p);
    }
    {
      size_t pb = start, pe = le;
      trim(s, pb, pe);
      while (pe > pb && (ends_at(s, pe, kColon) || s[pe - 1] == ':'))
        pe -= ends_at(s, pe, kColon) ? 3 : 1;
      if (pe > pb) parts.push_back({pb, pe, semicolon_before});
    }

    std::string paragraph_authority;
    size_t clauses_in_line = 0;
    // The provisions named by a part of the line without measures ("违反本规定第七条…规定，法律、
    // 行政法规有规定的，依照其规定；…没有规定的，由…给予警告"): the next clause's trigger.
    std::vector<EnforcedProvision> line_pending;
    for (const Part& part : parts) {
      const std::vector<Range> segs = segments_of(s, part.b, part.e);
      PartScan scan;
      bool persons = false;
      std::vector<Range> trigger;
      bool in_trigger = true;
      for (const Range& seg : segs) {
        const bool cond =
            is_condition_segment(s, seg.b, seg.e) || is_exception_segment(s, seg.b, seg.e);
        if (!cond) scan_segment(s, seg.b, seg.e, persons, scan);
        const bool has_you = authority_in(s, seg.b, seg.e).size() > 0;
        if (in_trigger && (scan.first_measure_seen || has_you)) in_trigger = false;
        if (in_trigger) trigger.push_back(seg);
        if (cond && scan.condition.empty() && escalates(s, seg.b, seg.e, clauses_in_line == 0))
          scan.condition = std::string(s.substr(seg.b, seg.e - seg.b));
        // "受到刑事处罚的人员，终身不得从事…": the escalation is the 的-phrase before the head
        // noun.
        if (!cond && in_trigger && scan.condition.empty() && at(s, seg.b, "受到刑事处罚的"))
          scan.condition = "受到刑事处罚的";
      }
      // A rule of competence ("本法规定的吊销营业执照的行政处罚由…决定") says who imposes the
      // sanctions of other articles: not a sanction clause (conventions, part B).
      if ((contains(s, part.b, part.e, "行政处罚由") ||
           contains(s, part.b, part.e, "行政处罚，由")) &&
          contains(s, part.b, part.e, "决定"))
        continue;
      if (scan.measures.empty()) {
        if (clauses_in_line == 0 && line_pending.empty())
          line_pending = references_in(s, segs, refs, titles);
        continue;
      }
      // Measure words that also name duties (暂停, 关闭, 停止提供, 不得…) make a sanction only with
      // a sign of one: an imposing verb, an authority, or an earlier clause in the paragraph.
      const bool strong =
          std::any_of(scan.measures.begin(), scan.measures.end(),
                      [](const std::string& m) {
                        return m != "suspension" && m != "service_termination" &&
                               m != "licence_revocation" && m != "other";
                      }) ||
          contains(s, part.b, part.e, "责令") || contains(s, part.b, part.e, "吊销") ||
          contains(s, part.b, part.e, "由") || contains(s, part.b, part.e, "予以") ||
          contains(s, part.b, part.e, "给予") || contains(s, part.b, part.e, "处罚") ||
          contains(s, part.b, part.e, "拘留") || contains(s, part.b, part.e, "追究");
      if (!strong && clauses_in_line == 0) continue;

      // The responsible persons' fine or bar after a 分号 belongs to the clause before it; so do
      // further measures after a 分号 with no condition of their own ("…拘留；没收违法所得，处…"),
      // but not 处分, criminal, civil or public-security liability, which are clauses of their own.
      const bool persons_part = !segs.empty() && opens_persons(s, segs.front().b, segs.front().e);
      const bool only_persons =
          std::all_of(scan.measures.begin(), scan.measures.end(), [](const std::string& m) {
            return m == "fine_responsible_persons" || m == "ban_from_office" || m == "other";
          });
      const std::string subject = subject_authority(s, part.b, part.e);
      // "；没有违法所得或者违法所得不足五十万元的，处…罚款": the fallback amount of the same fine.
      // (Also for the other bases: 违法经营额, 货值金额.)
      const bool fallback_fine =
          part.after_semicolon && !segs.empty() &&
          (at(s, segs.front().b, "没有违法") || at(s, segs.front().b, "无违法") ||
           ((at(s, segs.front().b, "违法") || at(s, segs.front().b, "货值金额")) &&
            contains(s, segs.front().b, segs.front().e, "不足")));
      // "；有违法所得的，并处没收违法所得": the confiscation of the same clause.
      const bool confiscation_tail =
          !segs.empty() && at(s, segs.front().b, "有违法所得的") &&
          std::all_of(scan.measures.begin(), scan.measures.end(),
                      [](const std::string& m) { return m == "confiscation"; });
      const bool continues_measures =
          (part.after_semicolon && trigger.empty() && scan.condition.empty() &&
           carries_authority(scan.measures) && authority_in(s, part.b, part.e).empty() &&
           subject.empty()) ||
          fallback_fine || confiscation_tail;
      if (clauses_in_line > 0 && ((persons_part && only_persons) || continues_measures)) {
        Sanction& prev = out.back();
        prev.end = part.e;
        for (const auto& m : scan.measures) add_measure(prev.measures, m.c_str());
        merge_fine(prev.fine, scan.fine);
        merge_fine(prev.fine_responsible_persons, scan.persons_fine);
        continue;
      }

      Sanction sc;
      sc.begin = clauses_in_line == 0 ? lb : part.b;
      sc.end = part.e;
      sc.paragraph = paragraph;
      sc.measures = scan.measures;
      sc.fine = scan.fine;
      sc.fine_responsible_persons = scan.persons_fine;
      sc.condition = scan.condition;
      sc.rule = "zh.sanction.clause";
      // Authority: after 由 in the part, else the paragraph's for administrative measures.
      sc.authority = authority_in(s, part.b, part.e);
      if (sc.authority.empty()) sc.authority = subject;
      if (!sc.authority.empty())
        paragraph_authority = sc.authority;
      else if (carries_authority(sc.measures))
        sc.authority = paragraph_authority;
      // Enforced provisions: the trigger's; a lead-in's items; else inherited.
      // The first clause of a line reads its trigger from the line start.
      std::vector<Range> trig = trigger;
      sc.enforces = references_in(s, trig, refs, titles);
      const bool lead_in = contains(s, lb, le, "下列");
      if (sc.enforces.empty() && lead_in && !items.empty())
        sc.enforces = references_in(s, items, refs, titles);
      if (sc.enforces.empty() && clauses_in_line == 0) sc.enforces = line_pending;
      bool inherited = false;
      if (sc.enforces.empty()) {
        if (clauses_in_line > 0) {
          sc.enforces = out.back().enforces;
          sc.targets = out.back().targets;
          inherited = true;
        } else if (!out.empty() && continues_previous(s, trig)) {
          sc.enforces = out.back().enforces;
          sc.targets = out.back().targets;
          inherited = true;
        }
      }
      if (!inherited) resolve_targets(sc, out, previous_paragraph);
      sc.confidence = sc.authority.empty() && sc.enforces.empty() ? 0.6f : 0.8f;
      out.push_back(std::move(sc));
      ++clauses_in_line;
    }
    if (clauses_in_line > 0) previous_paragraph = paragraph;
  }
  return out;
}

}  // namespace sanction_scan
}  // namespace

const std::vector<std::string>& sanction_measure_names() {
  static const std::vector<std::string> names = {"order_to_rectify",
                                                 "warning",
                                                 "confiscation",
                                                 "fine",
                                                 "fine_responsible_persons",
                                                 "suspension",
                                                 "licence_revocation",
                                                 "service_termination",
                                                 "ban_from_office",
                                                 "public_record",
                                                 "criminal_liability",
                                                 "administrative_penalty_for_public_security",
                                                 "civil_liability",
                                                 "sanction_of_officials",
                                                 "other"};
  return names;
}

std::vector<Sanction> extract_sanctions_zh(std::string_view article_text) {
  return sanction_scan::extract(article_text);
}

}  // namespace regkg::ingest
