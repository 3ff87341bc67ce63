// Deontic analysis of article text: rule-based clause splitting, modal-word detection and bearer
// resolution for Chinese statutes and their English reference translations.
//
// Conventions (the gold set in tests/gold/obligations.json follows them; see tests/gold/README.md,
// section "Obligations"):
// - One record per explicit modal word (应当, 不得, 可以, 鼓励 …; shall, must not, may …). A
//   sentence "X应当A，不得B，不得C" yields three records with the same bearer. Actions joined by
//   "，并" without a new modal belong to the preceding record.
// - Enumerated items （一）… after a lead-in ending in "：" yield a record only when the item has a
//   modal of its own; the item then inherits the lead-in's bearer when it names none.
// - The bearer is the subject written before the modal (after dropping conditions and adverbials).
//   Conditions "…的，" / "…时，" / "…后，" that start with an actor ("提供者发现…的，应当") give
//   that actor; conditions without an actor ("提供…服务的，应当") leave the bearer implicit ("").
//   Within one sentence (up to 。！？) a later clause without a subject inherits the bearer of
//   the earlier clause; across sentences nothing is inherited.
// - Modal words inside 《…》 titles, in a "…的，" condition, or used as modifiers (禁止的内容,
//   依法享有的权利, 负责人) do not count.
// The implementation scans bytes (no std::regex): it runs over ~65,000 articles in the build.
#include "ingest/extract/obligation_extractor.h"
#include "text/byte_match.h"
#include "text/utf8.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <vector>

namespace regkg::ingest {

namespace {

// ---------------------------------------------------------------------------------------------
// Small byte helpers

bool starts_at(std::string_view s, size_t pos, std::string_view w) { return text::at(s, pos, w); }

using text::ends_at;

template <size_t N>
bool starts_with_any(std::string_view s, size_t pos, const std::array<std::string_view, N>& ws) {
  for (auto w : ws) {
    if (starts_at(s, pos, w)) return true;
  }
  return false;
}

template <size_t N>
bool ends_with_any(std::string_view s, size_t pos, const std::array<std::string_view, N>& ws) {
  for (auto w : ws) {
    if (ends_at(s, pos, w)) return true;
  }
  return false;
}

// Next code point start (text::next_code_point): an invalid or truncated sequence advances one
// byte, so a stray byte never swallows the start of the following character.
size_t next_pos(std::string_view s, size_t pos) { return text::next_code_point(s, pos); }

bool is_inline_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Trims ASCII spaces and U+3000 at both ends of [b, e).
void trim_range(std::string_view s, size_t& b, size_t& e) {
  for (;;) {
    if (b < e && is_inline_space(s[b])) {
      ++b;
    } else if (e - b >= 3 && starts_at(s, b, "\xE3\x80\x80")) {
      b += 3;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && is_inline_space(s[e - 1])) {
      --e;
    } else if (e - b >= 3 && ends_at(s, e, "\xE3\x80\x80")) {
      e -= 3;
    } else {
      break;
    }
  }
}

std::string trimmed(std::string_view s, size_t b, size_t e) {
  trim_range(s, b, e);
  return std::string(s.substr(b, e - b));
}

struct Range {
  size_t b = 0, e = 0;
};

// Paragraphs: [b, e) per '\n'-separated line, with the 1-based number.
std::vector<Range> line_ranges(std::string_view text) {
  std::vector<Range> out;
  size_t b = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      out.push_back({b, i});
      b = i + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Chinese

constexpr std::string_view kComma = "，";

// Role nouns: a bearer candidate must end a word with one of these to be taken as an actor.
// (Role nouns in 人 are listed one by one: 他人, 任何人 and 个人信息 are not bearers.)
constexpr std::array<std::string_view, 52> kZhRoles = {
    "者",     "部门",   "机构",   "机关",   "组织",   "个人",   "单位",   "人员",   "用户",
    "企业",   "公民",   "法人",   "申请人", "备案人", "当事人", "委员会", "政府",   "国务院",
    "法院",   "检察院", "办公室", "公司",   "协会",   "经营者", "国家",   "监护人", "受托人",
    "委托人", "责任人", "负责人", "接收方", "受托方", "委托方", "提供方", "学校",   "家庭",
    "媒体",   "各方",   "双方",   "一方",   "媒介",   "电台",   "电视台", "广告主", "代言人",
    "签名人", "收件人", "发件人", "鉴定人", "受害人", "行为人", "权利人"};

// Length of a role noun ending at byte `pos` (0 if none). "或者" is a conjunction, not a role.
// A role noun used as a modifier ("个人信息处理者", "用户数据") is not one either.
size_t zh_role_ending_at(std::string_view s, size_t pos) {
  // Hot path (called for most characters of every subject scan): reject a position whose
  // character ends no role noun before the checks below.
  static const std::vector<std::string_view> last_chars = [] {
    std::vector<std::string_view> out;
    for (auto r : kZhRoles)
      if (std::find(out.begin(), out.end(), r.substr(r.size() - 3)) == out.end())
        out.push_back(r.substr(r.size() - 3));
    return out;
  }();
  if (pos < 3 || pos > s.size()) return 0;
  const std::string_view last = s.substr(pos - 3, 3);
  if (std::find(last_chars.begin(), last_chars.end(), last) == last_chars.end()) return 0;
  if (ends_at(s, pos, "或者")) return 0;
  if (starts_with_any(s, pos,
                      std::array<std::string_view, 10>{"信息", "数据", "隐私", "账号", "权益",
                                                       "特征", "标签", "资料", "名义", "身份"}))
    return 0;
  // 国家 as a modifier: 国家秘密, 国家安全, 国家标准, 国家有关规定 … is not the State.
  if (ends_at(s, pos, "国家") &&
      starts_with_any(s, pos,
                      std::array<std::string_view, 14>{"秘密", "安全", "标准", "保密", "规定",
                                                       "利益", "机密", "绝密", "政策", "有关规定",
                                                       "统一", "主权", "荣誉", "的"}))
    return 0;
  for (auto r : kZhRoles) {
    if (ends_at(s, pos, r)) return r.size();
  }
  return 0;
}

bool zh_contains_role(std::string_view s, size_t b, size_t e) {
  for (size_t p = b; p < e; p = next_pos(s, p)) {
    if (zh_role_ending_at(s, next_pos(s, p)) && next_pos(s, p) <= e) return true;
  }
  return false;
}

// Words that, right after a role noun, start an adverbial or the predicate: the bearer ends there.
constexpr std::array<std::string_view, 35> kZhCutMarkers = {
    "对",   "在", "向",   "按照", "依照", "依法", "依据", "根据", "于",   "通过", "以",  "自",
    "从",   "为", "就",   "也",   "还",   "均",   "都",   "亦",   "仍",   "及时", "应",  "一律",
    "必须", "须", "不得", "可",   "有权", "负责", "牵头", "会同", "联合", "一经", "一旦"};

// Words that open a condition or an adverbial: a segment starting with one names no bearer.
// ("会同有关部门负责…": acting with others, the subject is the earlier clause's; "经…批准，":
// a condition, but 经营者 is an actor.)
constexpr std::array<std::string_view, 23> kZhNoActorStart = {
    "对",   "在",   "向",   "为",   "因",   "如", "凡", "经过", "未",   "违反", "发现", "涉及",
    "从事", "依照", "按照", "根据", "依据", "除", "于", "不",   "会同", "联合", "通过"};

bool zh_no_actor_start(std::string_view s, size_t b) {
  return starts_with_any(s, b, kZhNoActorStart) ||
         (starts_at(s, b, "经") && !starts_at(s, b, "经营") && !starts_at(s, b, "经纪"));
}

// The short name a subject defines for itself: "从事…工作的机构（以下统称密码工作机构）" ->
// "密码工作机构", when it is a role noun; else "".
std::string zh_defined_short_name(std::string_view s, size_t b, size_t e) {
  trim_range(s, b, e);
  if (!ends_at(s, e, "）")) return "";
  const std::string_view span = s.substr(b, e - b);
  for (std::string_view intro : {"（以下简称", "（以下统称", "（以下称"}) {
    const size_t at = span.rfind(intro);
    if (at == std::string_view::npos) continue;
    std::string_view name = span.substr(at + intro.size());
    name.remove_suffix(3);  // "）"
    if (!name.empty() && zh_role_ending_at(name, name.size())) return std::string(name);
  }
  return "";
}

// Connectives dropped at the start of a clause.
constexpr std::array<std::string_view, 12> kZhConnectives = {
    "并且", "并", "同时", "此外", "另外", "而且", "但是", "但", "还", "也", "且", "其中"};

size_t skip_connectives(std::string_view s, size_t b, size_t e) {
  bool again = true;
  while (again && b < e) {
    again = false;
    for (auto c : kZhConnectives) {
      if (starts_at(s, b, c) && b + c.size() <= e) {
        b += c.size();
        if (starts_at(s, b, kComma)) b += kComma.size();
        again = true;
        break;
      }
    }
  }
  return b;
}

// The bearer inside an explicit subject candidate [b, e): the text up to the first adverbial that
// follows a role noun ("提供者对使用者的输入信息" -> "提供者"), or up to "的" that introduces a
// non-actor head ("…提供者的记录备份" -> "…提供者").
std::string zh_cut_bearer(std::string_view s, size_t b, size_t e) {
  for (size_t p = b; p < e; p = next_pos(s, p)) {
    const size_t q = next_pos(s, p);
    if (q > e || !zh_role_ending_at(s, q)) continue;
    if (q == e) break;
    // (以及 joins another actor: "…等有关部门以及国有企业事业单位应当…".)
    for (auto m : kZhCutMarkers) {
      if (starts_at(s, q, m) && !starts_at(s, q, "以及")) return trimmed(s, b, q);
    }
    if (starts_at(s, q, "的") && !zh_contains_role(s, q + 3, e)) return trimmed(s, b, q);
  }
  return trimmed(s, b, e);
}

// Verbs that can follow an actor directly ("提供者发现用户…"): a longer role noun is never sought
// across them.
constexpr std::array<std::string_view, 16> kZhActorVerbs = {
    "发现", "要求", "通知", "提供", "使用", "处理", "收集", "利用",
    "委托", "接受", "开展", "组织", "采取", "建立", "收到", "接到"};

// Verbs that open a clause about what someone did or suffered ("造成消费者…损害的"): an actor
// after them is their object.
constexpr std::array<std::string_view, 16> kZhOpeningVerbs = {
    "造成", "泄露", "推荐", "受理", "侵害", "侵犯", "损害", "危害",
    "拒绝", "致使", "导致", "告知", "指导", "协助", "帮助", "支持"};

// The end of the longest role noun that starts like the one ending at `end`: "责任人员" not
// "责任人", "国务院公安部门" not "国务院", "国家网信部门" not "国家" (a role noun that follows
// within a few characters, with no separator, adverbial or verb between).
size_t zh_longest_role_end(std::string_view s, size_t end, size_t e) {
  for (bool longer = true; longer;) {
    longer = false;
    size_t q = end;
    for (int n = 0; n < 6 && q < e; ++n) {
      // (Nor across a verb or a condition's opening: "经营者侵害消费者…", "消费者因经营者…",
      // "任何单位或者个人未经当事人同意…" name the first actor only.)
      if (starts_with_any(s, q,
                          std::array<std::string_view, 9>{"的", "，", "、", "和", "及", "与", "或",
                                                          "等", "（"}) ||
          starts_with_any(s, q, kZhCutMarkers) || starts_with_any(s, q, kZhActorVerbs) ||
          starts_with_any(s, q, kZhNoActorStart) ||
          starts_with_any(
              s, q,
              std::array<std::string_view, 6>{"侵害", "侵犯", "进行", "约定", "明知", "利用"}))
        break;
      q = next_pos(s, q);
      if (q <= e && zh_role_ending_at(s, q)) {
        end = q;
        longer = true;
        break;
      }
    }
  }
  return end;
}

// The end of a list of departments that opens at `b` and ends with 部门 before the predicate
// ("国家网信、新闻出版、电影部门和国务院教育…等部门发现…"), or 0 when [b, e) opens none: the
// span must hold a "、" and no 的, comma or verb.
size_t zh_department_list_end(std::string_view s, size_t b, size_t e) {
  const size_t limit = std::min(e, b + 180);
  size_t last = 0;
  bool listed = false;
  for (size_t p = b; p < limit; p = next_pos(s, p)) {
    if (starts_with_any(s, p,
                        std::array<std::string_view, 6>{"的", "，", "；", "：", "（", "。"}) ||
        starts_with_any(s, p, kZhActorVerbs) ||
        starts_with_any(s, p,
                        std::array<std::string_view, 16>{"按照", "依照", "依法", "依据", "根据",
                                                         "通过", "应当", "可以", "不得", "负责",
                                                         "有权", "会同", "联合", "对", "向", "在"}))
      break;
    if (starts_at(s, p, "、")) listed = true;
    const size_t q = next_pos(s, p);
    if (listed && ends_at(s, q, "部门") && zh_role_ending_at(s, q)) last = q;
  }
  return last;
}

// An actor named at the start of a condition segment ("提供者发现违法内容的" -> "提供者",
// "任何组织和个人发现…的" -> "任何组织和个人"), or "" when the segment starts with a verb or
// preposition or no role noun appears within its first 20 characters without a "的" before it.
std::string zh_actor_at_start(std::string_view s, size_t b, size_t e, size_t window = 60) {
  b = skip_connectives(s, b, e);
  if (zh_no_actor_start(s, b) && !starts_at(s, b, "未成年")) return "";
  // A number of actors: "两个以上的网络数据处理者共同决定…" names the processors.
  for (std::string_view q : {"两个或者两个以上的", "两个以上的", "多个"}) {
    if (!starts_at(s, b, q)) continue;
    const std::string actor = zh_actor_at_start(s, b + q.size(), e, window);
    return actor.empty() ? "" : std::string(q) + actor;
  }
  const size_t limit = std::min(e, b + window);
  // A segment that opens with a verb names its object, not an actor ("造成消费者…损害的",
  // "推荐给个人自用的…", "受理消费者的投诉"), unless the verb is part of the role noun
  // (提供者, 使用者, 委托人).
  const bool verb_first =
      (starts_with_any(s, b, kZhActorVerbs) || starts_with_any(s, b, kZhOpeningVerbs)) &&
      !zh_role_ending_at(s, next_pos(s, next_pos(s, next_pos(s, b))));
  size_t end = 0;
  for (size_t p = b; p < limit; p = next_pos(s, p)) {
    if (starts_at(s, p, "的")) {
      // A modifier of a short role noun ("重要数据的处理者", "关键信息基础设施的运营者") is part
      // of the actor's name; any other 的 ends the search.
      size_t q = p + 3;
      size_t role_end = 0;
      for (int n = 0; n < 5 && q < limit; ++n) {
        if (starts_at(s, q, "的") || starts_at(s, q, kComma) || starts_at(s, q, "、")) break;
        q = next_pos(s, q);
        if (zh_role_ending_at(s, q)) {
          role_end = q;
          break;
        }
      }
      if (!role_end) return "";
      end = role_end;
      break;
    }
    const size_t q = next_pos(s, p);
    if (zh_role_ending_at(s, q)) {
      if (verb_first) return "";
      end = q;
      break;
    }
  }
  if (!end) return "";
  end = zh_longest_role_end(s, end, e);
  // "国家网信部门", "国家有关主管部门": 国家 followed by a longer role noun.
  if (ends_at(s, end, "国家")) {
    for (size_t p = end; p < std::min(e, end + 24); p = next_pos(s, p)) {
      if (starts_at(s, p, "的") || starts_at(s, p, "和") || starts_at(s, p, "、")) break;
      const size_t q = next_pos(s, p);
      if (zh_role_ending_at(s, q) && !ends_at(s, q, "国家")) {
        end = q;
        break;
      }
    }
  }
  // Coordinated actors: "任何组织和个人", "国家和省、自治区、直辖市网信部门".
  constexpr std::array<std::string_view, 6> coord = {"和", "及", "与", "或者", "、", "以及"};
  while (end < e && starts_with_any(s, end, coord)) {
    size_t found = 0;
    for (size_t p = end; p < std::min(e, end + 60); p = next_pos(s, p)) {
      if (starts_at(s, p, "的") || starts_at(s, p, kComma)) break;
      const size_t q = next_pos(s, p);
      if (q > end + 3 && zh_role_ending_at(s, q)) {
        found = q;
        break;
      }
    }
    if (!found) break;
    end = zh_longest_role_end(s, found, e);
  }
  // A list of departments sharing the head 部门: "国家网信、新闻出版、电影部门和国务院教育、电信、
  // 公安、文化和旅游、广播电视等部门发现…".
  if (const size_t list_end = zh_department_list_end(s, b, e); list_end > end) end = list_end;
  // A list closed by 等: "…和国家网信部门等", "公安、金融、电信等部门".
  if (starts_at(s, end, "等") && end + 3 <= e) {
    end += 3;
    const size_t more = zh_longest_role_end(s, end, e);
    if (more > end) end = more;
  }
  return trimmed(s, b, end);
}

enum class Mod { obligation, prohibition, permission, encouragement };

const char* mod_name(Mod m) {
  switch (m) {
    case Mod::obligation:
      return "obligation";
    case Mod::prohibition:
      return "prohibition";
    case Mod::permission:
      return "permission";
    case Mod::encouragement:
      return "encouragement";
  }
  return "obligation";
}

struct ZhTrigger {
  std::string_view word;
  Mod mod;
  const char* rule;
  bool weak;
  bool promotional;  // counts only with the State (or no one) as subject, at a clause start
};

// Order matters: longer and negated forms first (不应当 before 应当, 可以 before 可).
constexpr std::array<ZhTrigger, 21> kZhTriggers = {{
    {"不应当", Mod::prohibition, "zh.modal.buyingdang", false, false},
    {"不得", Mod::prohibition, "zh.modal.bude", false, false},
    {"禁止", Mod::prohibition, "zh.modal.jinzhi", false, false},
    {"严禁", Mod::prohibition, "zh.modal.yanjin", false, false},
    {"不准", Mod::prohibition, "zh.modal.buzhun", false, false},
    {"应当", Mod::obligation, "zh.modal.yingdang", false, false},
    {"必须", Mod::obligation, "zh.modal.bixu", false, false},
    {"有义务", Mod::obligation, "zh.modal.youyiwu", false, false},
    {"负责", Mod::obligation, "zh.modal.fuze", true, false},
    {"须", Mod::obligation, "zh.modal.xu", false, false},
    {"可以", Mod::permission, "zh.modal.keyi", false, false},
    {"有权", Mod::permission, "zh.modal.youquan", false, false},
    {"享有", Mod::permission, "zh.modal.xiangyou", false, false},
    {"可", Mod::permission, "zh.modal.ke", true, false},
    {"鼓励", Mod::encouragement, "zh.promo.guli", false, false},
    {"提倡", Mod::encouragement, "zh.promo.tichang", false, false},
    {"支持", Mod::encouragement, "zh.promo.zhichi", false, true},
    {"推动", Mod::encouragement, "zh.promo.tuidong", false, true},
    {"促进", Mod::encouragement, "zh.promo.cujin", false, true},
    {"扶持", Mod::encouragement, "zh.promo.fuchi", false, true},
    {"加强", Mod::encouragement, "zh.promo.jiaqiang", false, true},
}};

// First characters of the triggers, packed as 3-byte keys, to reject most characters with a few
// integer compares.
uint32_t key3(std::string_view s, size_t p) {
  return (uint32_t(static_cast<unsigned char>(s[p])) << 16) |
         (uint32_t(static_cast<unsigned char>(s[p + 1])) << 8) |
         uint32_t(static_cast<unsigned char>(s[p + 2]));
}

bool is_trigger_start(std::string_view s, size_t p) {
  static const std::array<uint32_t, kZhTriggers.size()> keys = [] {
    std::array<uint32_t, kZhTriggers.size()> k{};
    for (size_t i = 0; i < kZhTriggers.size(); ++i) k[i] = key3(kZhTriggers[i].word, 0);
    return k;
  }();
  const uint32_t k = key3(s, p);
  for (uint32_t x : keys) {
    if (x == k) return true;
  }
  return false;
}

// Characters after 可 that make a word rather than the modal (可靠, 可能, 可编程 …).
constexpr std::array<std::string_view, 36> kKeCompoundNext = {
    "能", "靠", "信", "行", "操", "编", "控", "视", "见", "持", "观", "比",
    "疑", "怕", "惜", "口", "乐", "爱", "恶", "溯", "读", "逆", "调", "燃",
    "吸", "塑", "否", "谓", "知", "贵", "解", "变", "量", "预", "识", "供"};
constexpr std::array<std::string_view, 11> kKePrevBlock = {"许", "认", "不", "方", "才", "即",
                                                           "无", "两", "尚", "宁", "未"};

// A comma, full stop or semicolon at p: where a modal word's clause ends.
bool at_clause_stop(std::string_view s, size_t p) {
  return starts_at(s, p, "，") || starts_at(s, p, "。") || starts_at(s, p, "；");
}

// Decides whether the trigger at `pos` is a modal use (false for compounds and modifiers).
bool zh_trigger_ok(std::string_view s, size_t pos, const ZhTrigger& t) {
  const size_t after = pos + t.word.size();
  const std::string_view w = t.word;
  // Modifier uses: 禁止的内容, 负责的主管人员.
  if (starts_at(s, after, "的") && w != "享有") return false;
  // The content of a decision, not a statement of its own: "可以决定不准其出境",
  // "决定禁止其…担任…".
  if ((w == "不准" || w == "禁止") && ends_at(s, pos, "决定")) return false;
  // 不准出境/入境 as what an authority decides, notifies or revokes, or as a modifier: "决定其在
  // 一定期限内不准出境", "通知移民管理机构不准其出境", "撤销不准出境、入境决定", "不准入境的人员".
  if (w == "不准") {
    size_t from = pos >= 60 ? pos - 60 : 0;
    for (std::string_view stop : {"，", "。", "；", "\n"}) {
      const size_t at = s.substr(0, pos).rfind(stop);
      if (at != std::string_view::npos && at + stop.size() > from) from = at + stop.size();
    }
    const std::string_view before_modal = s.substr(from, pos - from);
    for (std::string_view v : {"决定", "通知", "撤销"})
      if (before_modal.find(v) != std::string_view::npos) return false;
    for (size_t p = after, n = 0; n < 8 && p < s.size(); ++n, p = next_pos(s, p)) {
      if (at_clause_stop(s, p)) break;
      if (starts_at(s, p, "的") || starts_at(s, p, "决定")) return false;
    }
  }
  // A modal word a provision sets, inside a noun phrase: "法律、行政法规规定禁止生产、销售的产品",
  // "规定广告中应当明示的内容", "本法第九条、第十条规定的禁止情形".
  if (ends_at(s, pos, "的") && (w == "禁止" || w == "应当" || w == "不得")) return false;
  if (ends_at(s, pos, "规定")) {
    for (size_t p = after, n = 0; n < 14 && p < s.size(); ++n, p = next_pos(s, p)) {
      if (at_clause_stop(s, p)) break;
      if (starts_at(s, p, "的")) return false;
    }
  }
  // An item of a list of options ("设置屏蔽陌生用户、禁止向本人发送…").
  if (ends_at(s, pos, "、")) return false;
  // Inside a noun phrase: "对应当定密的事项", "有权处理的部门" (a 的 within a few characters, with
  // no comma or other modal between).
  if (ends_at(s, pos, "对") || w == "有权") {
    size_t p = after;
    for (int n = 0; n < 6 && p < s.size(); ++n) {
      if (at_clause_stop(s, p)) break;
      // (An actor's 的 is a possessive inside the object: "有权拒绝经营者的强制交易行为".)
      if (starts_at(s, p, "的")) {
        if (p > after && zh_role_ending_at(s, p)) break;
        return false;
      }
      p = next_pos(s, p);
    }
  }
  if (w == "不得" && starts_at(s, after, "不")) return false;  // 不得不: "have to", rare; skipped
  if (w == "须") {
    if (ends_with_any(s, pos, std::array<std::string_view, 5>{"无", "毋", "勿", "莫", "必"}))
      return false;
    if (starts_with_any(s, after, std::array<std::string_view, 4>{"知", "臾", "发", "眉"}))
      return false;
  }
  if (w == "负责") {
    if (starts_with_any(s, after, std::array<std::string_view, 3>{"人", "任", "解释"}))
      return false;
    // A principle, not a task: "统一领导、分级负责", "综合协调、分工负责".
    if (ends_with_any(s, pos, std::array<std::string_view, 2>{"分级", "分工"})) return false;
  }
  if (w == "有权") {
    if (ends_with_any(s, pos, std::array<std::string_view, 4>{"所", "享", "具", "拥"}))
      return false;
    if (starts_with_any(s, after, std::array<std::string_view, 4>{"机关", "部门", "益", "属"}))
      return false;
  }
  if (w == "可以" && ends_with_any(s, pos, std::array<std::string_view, 2>{"不", "许"}))
    return false;
  if (w == "可") {
    if (starts_with_any(s, after, kKeCompoundNext)) return false;
    if (ends_with_any(s, pos, kKePrevBlock)) return false;
  }
  if (w == "鼓励" || w == "提倡") {
    if (starts_at(s, after, "性")) return false;
  }
  return true;
}

struct Found {
  size_t pos, len;
  const ZhTrigger* t;
  size_t seg;  // index into the sentence's segments
};

// True when the sentence's subject is the State: "国家鼓励…", "国家采取措施，推动…",
// "各级人民政府…".
bool zh_state_subject(std::string_view s, size_t b, size_t e) {
  b = skip_connectives(s, b, e);
  if (starts_at(s, b, "国家")) {
    const size_t q = b + 6;
    if (q >= e) return true;
    // 国家网信部门, 国家有关主管部门, 国家安全 …: a longer noun, not the State itself.
    if (starts_with_any(
            s, q,
            std::array<std::string_view, 12>{"有关", "网信", "机关", "安全", "秘密", "和", "工作",
                                             "标准", "对", "规定", "利益", "机构"}))
      return false;
    for (size_t p = q; p < std::min(e, q + 30); p = next_pos(s, p)) {
      if (starts_at(s, p, "的")) break;
      if (zh_role_ending_at(s, next_pos(s, p))) return false;
    }
    return true;
  }
  for (size_t p = b; p < std::min(e, b + 45); p = next_pos(s, p)) {
    if (ends_at(s, next_pos(s, p), "人民政府")) return true;
  }
  return false;
}

// The rules that give a Chinese bearer (Obligation::bearer_rule).
constexpr const char* kBearerSubject = "zh.bearer.subject";           // written before the modal
constexpr const char* kBearerDefinedName = "zh.bearer.defined_name";  // "…（以下统称X）" -> X
constexpr const char* kBearerSubjectOwner = "zh.bearer.subject_owner";  // "运营者的网络日志应当"
constexpr const char* kBearerLiabilityAuthority = "zh.bearer.liability_authority";  // after 由
constexpr const char* kBearerSameSentence = "zh.bearer.same_sentence";  // the earlier clause's
constexpr const char* kBearerLeadIn = "zh.bearer.lead_in";  // an item takes its lead-in's
constexpr const char* kBearerState = "zh.bearer.state";     // "国家鼓励…"
constexpr const char* kBearerConditionActor = "zh.bearer.condition_actor";  // "提供者发现…的，"
constexpr const char* kBearerActorClause = "zh.bearer.actor_clause";  // "提供…服务的，应当"
constexpr const char* kBearerAgent = "zh.bearer.agent";  // "也可以由其上级机关决定"
constexpr const char* kBearerProhibitedParty = "zh.bearer.prohibited_party";  // "严禁任何组织…"
// The one who performs the activity the sentence opens with ("经营…业务，须…" -> …经营者).
constexpr const char* kBearerActivityActor = "zh.bearer.activity_actor";
// Named by an earlier sentence of the article (no subject of its own, or a thing as subject).
constexpr const char* kBearerArticleSubject = "zh.bearer.article_subject";

struct ZhState {
  std::string lead_bearer;  // bearer of the last lead-in ("…：") for the items that follow
  bool have_lead = false;
  // The last subject an earlier sentence of the article named: a later sentence without one is
  // bound by it ("处理者应当…。发现…的，应当立即…" -> 处理者).
  std::string article_bearer;
  int article_bearer_paragraph = 0;  // the paragraph that named it
  void name_subject(std::string actor, int paragraph) {
    article_bearer = std::move(actor);
    article_bearer_paragraph = paragraph;
  }
  // The authority named after 由 earlier in the paragraph: in a liability clause
  // ("由有关主管部门责令改正…；拒不改正的，可以责令暂停…") it is the one who acts.
  std::string paragraph_authority;
};

// The authority after the first 由 of [b, e) that names one ("由有关主管部门责令改正" ->
// "有关主管部门"), or "". 由 inside a word (理由, 自由, 事由, 由于, 由此) does not count.
std::string zh_authority_after_you(std::string_view s, size_t b, size_t e) {
  for (size_t p = b; p + 3 <= e; p = next_pos(s, p)) {
    if (!starts_at(s, p, "由")) continue;
    if (ends_with_any(s, p, std::array<std::string_view, 5>{"理", "自", "事", "缘", "经"}))
      continue;
    if (starts_with_any(s, p + 3, std::array<std::string_view, 3>{"于", "此", "其他"})) continue;
    size_t seg_end = p + 3;
    while (seg_end < e && !starts_at(s, seg_end, kComma)) seg_end = next_pos(s, seg_end);
    // Lists of departments are long: "网信、新闻出版、电信、公安、文化和旅游、广播电视等部门".
    // "由网络数据处理者管理层成员担任" names who holds a post, not an authority that acts.
    if (s.substr(p, seg_end - p).find("担任") != std::string_view::npos) continue;
    std::string actor = zh_actor_at_start(s, p + 3, seg_end, 150);
    if (!actor.empty()) return actor;
  }
  return "";
}

// Verbs that open a 的-clause describing who acts ("提供…服务的" is the provider of that
// service; "对上述认定有异议的" the one who objects), unlike conditions ("发现…的", "违反…的").
constexpr std::array<std::string_view, 24> kZhActorClauseVerbs = {
    "提供", "为",   "从事", "开展",   "经营", "运营", "设立", "开发",
    "掌握", "委托", "受托", "利用",   "对",   "申请", "作出", "处理",
    "取得", "运用", "发布", "未取得", "销售", "生产", "进口", "使用"};

// The role noun a 提供-clause stands for: "提供具有舆论属性…的生成式人工智能服务的" ->
// "生成式人工智能服务提供者" (what is provided, after the clause's last inner 的, + 提供者); "" for
// other clauses.
std::string zh_provider_role(const std::string& clause) {
  const size_t give = clause.find("提供");
  if (give == std::string::npos || clause.size() < 3 || !ends_at(clause, clause.size(), "的"))
    return "";
  std::string_view what = std::string_view(clause).substr(give + 6, clause.size() - 3 - give - 6);
  if (const size_t de = what.rfind("的"); de != std::string_view::npos) what.remove_prefix(de + 3);
  if (what.empty()) return "";
  return std::string(what) + "提供者";
}

// A 的-clause [b, e) that describes the one who acts, or "" ("提供具有舆论属性…服务的").
std::string zh_actor_clause(std::string_view s, size_t b, size_t e) {
  b = skip_connectives(s, b, e);
  trim_range(s, b, e);
  if (e <= b || !ends_at(s, e, "的") || !starts_with_any(s, b, kZhActorClauseVerbs)) return "";
  if (starts_at(s, b, "对") && !ends_at(s, e, "有异议的")) return "";
  if (starts_at(s, b, "为") && s.substr(b, e - b).find("提供") == std::string_view::npos) return "";
  return std::string(s.substr(b, e - b));
}

// Verbs that open an activity a sentence is about ("利用互联网发布、发送广告，不得…"): who does it
// is bound. 经营 and 申请 have a noun for the one who does it (经营者, 申请人); the others are
// written as the phrase itself, as the conventions ask when the text has no noun for the actor.
// (从事 is left out: "从事经营性互联网信息服务，应当…" binds the one who does it, but the
// issue-3 gold set, older conventions, leaves those implicit and the blind sets gain nothing.)
constexpr std::array<std::string_view, 13> kZhActivityVerbs = {
    "经营", "申请", "利用", "发布", "开展", "设立", "运营",
    "销售", "生产", "进口", "出口", "设计", "制作"};

// The one who performs the activity a topic phrase [b, e) names ("经营基础电信业务" ->
// "基础电信业务经营者", "申请经营增值电信业务" -> "申请人", "利用互联网发布、发送广告" -> the
// phrase), or "" when [b, e) is a condition ("…的", "…时"), names an actor or opens otherwise.
std::string zh_activity_actor(std::string_view s, size_t b, size_t e) {
  b = skip_connectives(s, b, e);
  trim_range(s, b, e);
  if (e <= b || e - b > 90 || !starts_with_any(s, b, kZhActivityVerbs)) return "";
  if (ends_with_any(s, e, std::array<std::string_view, 5>{"的", "时", "后", "前", "中"})) return "";
  const std::string_view phrase = s.substr(b, e - b);
  // A modal word or a 的 inside makes it a clause of its own, not an activity.
  for (std::string_view w : {"的", "应当", "不得", "可以", "必须"})
    if (phrase.find(w) != std::string_view::npos && !starts_at(s, b, "申请")) return "";
  if (starts_at(s, b, "申请")) return "申请人";
  if (starts_at(s, b, "经营") && !starts_at(s, b, "经营者")) {
    std::string_view what = phrase.substr(6);
    if (what.empty() || what.find("、") != std::string_view::npos) return "";
    return std::string(what) + "经营者";
  }
  return std::string(phrase);
}

// Processes one sentence (up to 。！？；： or the end of the line).
void zh_sentence(std::string_view s, size_t sb, size_t se, int paragraph, bool in_item,
                 bool first_in_para, ZhState& st, std::string* group_bearer, bool* group_has,
                 std::vector<Obligation>& out) {
  // Hot path: most sentences hold no trigger, so look for one before building segments.
  std::vector<Found> found;
  int depth = 0;
  for (size_t p = sb; p < se;) {
    const unsigned char c0 = static_cast<unsigned char>(s[p]);
    if (c0 < 0xE0) {
      p = next_pos(s, p);
      continue;
    }
    if (starts_at(s, p, "《") || starts_at(s, p, "〈")) {
      ++depth;
      p += 3;
      continue;
    }
    if (starts_at(s, p, "》") || starts_at(s, p, "〉")) {
      if (depth > 0) --depth;
      p += 3;
      continue;
    }
    if (depth > 0 || p + 3 > se || !is_trigger_start(s, p)) {
      p = next_pos(s, p);
      continue;
    }
    const ZhTrigger* hit = nullptr;
    for (const auto& t : kZhTriggers) {
      if (starts_at(s, p, t.word)) {
        hit = &t;
        break;
      }
    }
    if (!hit) {
      p = next_pos(s, p);
      continue;
    }
    const size_t len = hit->word.size();
    if (zh_trigger_ok(s, p, *hit)) found.push_back({p, len, hit, 0});
    p += len;
  }
  if (found.empty()) {
    // A statement without a modal word still names who acts ("保密行政管理部门依法对…进行检查；
    // 涉嫌保密违法的，应当及时调查处理"): a later clause without a subject is bound by it. (Not
    // an item of a list: "（五）受理消费者的投诉" names what the lead-in's party does.)
    if (in_item) return;
    size_t fe = sb;
    while (fe < se && !starts_at(s, fe, kComma)) fe = next_pos(s, fe);
    if (std::string actor = zh_actor_at_start(s, sb, fe); !actor.empty())
      st.name_subject(std::move(actor), paragraph);
    return;
  }
  // A definition ("本条例所称…，是指可以接入网络…的…") defines; its modal words bind no one.
  {
    const size_t def = s.substr(sb, se - sb).find("是指");
    if (def != std::string_view::npos) {
      const size_t at_def = sb + def;
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [&](const Found& f) { return f.pos > at_def; }),
                  found.end());
      if (found.empty()) return;
    }
  }
  // Segments at '，'.
  std::vector<Range> segs;
  {
    size_t b = sb;
    for (size_t p = sb; p < se; p = next_pos(s, p)) {
      if (starts_at(s, p, kComma) || s[p] == ',') {
        segs.push_back({b, p});
        b = next_pos(s, p);
      }
    }
    segs.push_back({b, se});
    size_t seg = 0;
    for (auto& f : found) {
      while (seg + 1 < segs.size() && f.pos >= segs[seg].e) ++seg;
      f.seg = seg;
    }
  }

  // Filters that need the whole sentence.
  std::vector<Found> kept;
  const bool state_subject = zh_state_subject(s, sb, se);
  for (const auto& f : found) {
    const Range& g = segs[f.seg];
    // A modal inside a condition ("…规定须经…同意的，…"; "…应当取得许可的，提供者应当…").
    size_t gb = g.b, ge = g.e;
    trim_range(s, gb, ge);
    if (f.seg + 1 < segs.size() && ends_at(s, ge, "的")) continue;
    const std::string_view w = f.t->word;
    // 负责 after another modal of its clause is part of that statement ("应当指定人员负责").
    if (w == "负责" && !kept.empty() && kept.back().seg == f.seg) continue;
    if (w == "享有") {  // 享有…权 as a right; 享有的 is a modifier
      if (starts_at(s, f.pos + f.len, "的")) continue;
      bool right = false;
      for (size_t p = f.pos + f.len; p < g.e; p = next_pos(s, p)) {
        if (starts_at(s, p, "权")) right = true;
      }
      if (!right) continue;
    }
    if (f.t->promotional) {
      // Another modal earlier in the segment governs it ("应当加强…").
      bool governed = false;
      for (const auto& k : kept) {
        if (k.seg == f.seg) governed = true;
      }
      if (governed) continue;
      size_t pb = skip_connectives(s, g.b, f.pos);
      bool ok = false;
      if (pb == f.pos) {
        // Clause start: a subjectless sentence (only the first segment of a non-item sentence)
        // or any clause of a sentence whose subject is the State.
        ok = state_subject || (f.seg == 0 && !in_item);
      } else if (state_subject && f.seg == 0) {
        // "国家推动…", "国家积极支持…": only the State and adverbs before the verb.
        size_t q = pb;
        if (starts_at(s, q, "国家")) q += 6;
        while (q < f.pos &&
               starts_with_any(
                   s, q, std::array<std::string_view, 5>{"积极", "大力", "依法", "进一步", "统筹"}))
          q += starts_at(s, q, "进一步") ? 9 : 6;
        ok = (q == f.pos);
      }
      if (!ok) continue;
    }
    kept.push_back(f);
  }
  if (kept.empty()) return;
  (void)first_in_para;

  for (size_t k = 0; k < kept.size(); ++k) {
    const Found& f = kept[k];
    const Range& g = segs[f.seg];
    const bool same_seg_prev = k > 0 && kept[k - 1].seg == f.seg;
    const size_t cand_b = same_seg_prev ? kept[k - 1].pos + kept[k - 1].len : g.b;
    const size_t cb = skip_connectives(s, cand_b, f.pos);
    Obligation o;
    o.modality = mod_name(f.t->mod);
    o.trigger = std::string(f.t->word);
    o.rule = f.t->rule;
    o.paragraph = paragraph;
    bool explicit_bearer = false;
    bool have = false;
    // 1. Subject written in the modal's own clause.
    bool thing_subject = false;
    bool named_in_condition = false;  // rule 5 found the actor at the start of the condition
    if (std::string defined = zh_defined_short_name(s, cb, f.pos); !defined.empty()) {
      o.bearer = std::move(defined);
      o.bearer_rule = kBearerDefinedName;
      explicit_bearer = have = true;
    } else if (cb < f.pos && (!zh_no_actor_start(s, cb) || starts_at(s, cb, "未成年")) &&
               zh_contains_role(s, cb, f.pos)) {
      std::string cut = zh_cut_bearer(s, cb, f.pos);
      // The subject's head must be an actor: "绝密级国家秘密载体应当…", "涉密人员出境应当…" and
      // "…处理者提供的网络产品、服务应当…" are things or activities, bound to no one named.
      // (A defining parenthesis after the head is not the head: "…提供者（以下称提供者）".)
      std::string_view head = cut;
      if (ends_at(head, head.size(), "）"))
        if (const size_t open = head.rfind("（"); open != std::string_view::npos)
          head = head.substr(0, open);
      if (ends_at(head, head.size(), "等")) head.remove_suffix(3);  // "…部门等应当"
      if (!cut.empty() && zh_role_ending_at(head, head.size())) {
        o.bearer = std::move(cut);
        o.bearer_rule = kBearerSubject;
        explicit_bearer = true;
      } else if (std::string owner = zh_actor_at_start(s, cb, f.pos); !owner.empty()) {
        // A possessed thing or an activity of an actor named first: "运营者的网络日志应当留存",
        // "…处理者提供的网络产品、服务应当…", "涉密人员出境应当…" bind that actor.
        o.bearer = std::move(owner);
        o.bearer_rule = kBearerSubjectOwner;
        explicit_bearer = true;
      } else {
        thing_subject = true;
        if (f.t->mod != Mod::encouragement) {
          o.bearer = st.article_bearer;
          o.bearer_rule = kBearerArticleSubject;
        }
      }
      have = true;
    }
    // 2. Subject in the previous segment: "从事…的互联网信息服务提供者，应当…" (also before a
    // time adverbial: "受到治安管理处罚的人员，5年内不得…", "…的人员，终身不得…").
    const bool time_adverbial =
        cb < f.pos && f.pos - cb <= 15 && !zh_contains_role(s, cb, f.pos) &&
        (ends_at(s, f.pos, "内") ||
         (f.pos - cb == 6 &&
          starts_with_any(s, cb, std::array<std::string_view, 2>{"终身", "永久"})));
    if (!have && !same_seg_prev && (cb == f.pos || time_adverbial) && f.seg > 0) {
      const Range& pg = segs[f.seg - 1];
      size_t pb = skip_connectives(s, pg.b, pg.e), pe = pg.e;
      trim_range(s, pb, pe);
      bool prev_has_trigger = false;
      for (size_t j = 0; j < k; ++j) {
        if (kept[j].seg == f.seg - 1) prev_has_trigger = true;
      }
      // A noun phrase continued by 以及/及/和 opens in an earlier segment: one opened by a
      // preposition is its object ("对…的单位、个人和相关组织者，以及…的人员，可以…").
      size_t open_seg = f.seg - 1;
      while (open_seg > 0 &&
             starts_with_any(s, skip_connectives(s, segs[open_seg].b, segs[open_seg].e),
                             std::array<std::string_view, 4>{"以及", "及", "和", "或者"}))
        --open_seg;
      const bool object_phrase =
          open_seg < f.seg - 1 &&
          zh_no_actor_start(s, skip_connectives(s, segs[open_seg].b, segs[open_seg].e));
      // (A noun phrase opened by a preposition is an object, not a subject: "对身份不明…的人员，
      // 可以查看…".)
      if (!prev_has_trigger && pe > pb && zh_role_ending_at(s, pe) && !object_phrase &&
          !starts_with_any(s, pb, std::array<std::string_view, 3>{"对", "向", "为"})) {
        o.bearer = std::string(s.substr(pb, pe - pb));
        o.bearer_rule = kBearerSubject;
        explicit_bearer = have = true;
      } else if (!prev_has_trigger && f.seg >= 2 && pe > pb &&
                 !ends_with_any(s, pe,
                                std::array<std::string_view, 5>{"的", "时", "后", "前", "中"})) {
        // 2c. A subject with its adverbial, after a condition: "经…批准，公安、金融、电信等部门对…
        // 特定地区，可以…".
        // The actor must be followed by its adverbial (对, 在, 按照 …), not be inside a verb
        // phrase ("提供便捷的支持个人…") or an agent phrase ("由原定密机关…").
        std::string actor = starts_at(s, pb, "由") ? "" : zh_actor_at_start(s, pb, pe);
        if (!actor.empty() && starts_with_any(s, pb + actor.size(), kZhCutMarkers)) {
          o.bearer = std::move(actor);
          o.bearer_rule = kBearerSubject;
          explicit_bearer = have = true;
        }
      }
      // 2d. A subject separated from its modal by conditions: "国家秘密的知悉范围以外的人员，因工作
      // 需要知悉国家秘密的，应当…" (the first segment is the actor, each one after it a condition).
      if (!have && k == 0 && f.seg >= 2) {
        bool conditions = true;
        for (size_t j = 1; j < f.seg && conditions; ++j) {
          size_t jb = segs[j].b, je = segs[j].e;
          trim_range(s, jb, je);
          conditions = ends_with_any(s, je, std::array<std::string_view, 3>{"的", "时", "后"});
        }
        size_t fb = skip_connectives(s, segs[0].b, segs[0].e), fe = segs[0].e;
        trim_range(s, fb, fe);
        if (conditions && fe > fb && !zh_no_actor_start(s, fb) && zh_role_ending_at(s, fe)) {
          o.bearer = std::string(s.substr(fb, fe - fb));
          o.bearer_rule = kBearerSubject;
          explicit_bearer = have = true;
        }
      }
    }
    // 2e. The party a modal names after it: "也可以由其上级机关决定" (the agent after 由),
    // "严禁任何组织和个人以…" (the party a prohibition names).
    if (!have && (cb == f.pos || !zh_contains_role(s, cb, f.pos))) {
      size_t a = f.pos + f.len;
      const size_t clause_end = (f.seg < segs.size()) ? segs[f.seg].e : se;
      if (starts_at(s, a, "由") &&
          !starts_with_any(s, a + 3, std::array<std::string_view, 2>{"于", "此"})) {
        const size_t ab = a + 3 + (starts_at(s, a + 3, "其") ? 3 : 0);  // 其上级机关: its
        if (std::string agent = zh_actor_at_start(s, ab, clause_end); !agent.empty()) {
          o.bearer = std::move(agent);
          o.bearer_rule = kBearerAgent;
          have = true;
        }
      } else if (f.t->mod == Mod::prohibition && f.t->word != "不得" && starts_at(s, a, "任何")) {
        if (std::string party = zh_actor_at_start(s, a, clause_end); !party.empty()) {
          o.bearer = std::move(party);
          o.bearer_rule = kBearerProhibitedParty;
          have = true;
        }
      }
    }
    // 2b. A liability clause: the authority named after 由 before the modal, in this sentence or
    // earlier in the paragraph ("由有关主管部门责令改正，…，可以并处…罚款").
    if (!have && f.t->mod != Mod::encouragement) {
      std::string authority = zh_authority_after_you(s, sb, f.pos);
      if (authority.empty()) authority = st.paragraph_authority;
      if (!authority.empty() && (cb == f.pos || !zh_contains_role(s, cb, f.pos))) {
        o.bearer = authority;
        o.bearer_rule = kBearerLiabilityAuthority;
        have = true;
      }
    }
    // 2f. An actor that opens a later condition of a sentence made only of conditions before
    // its first modal ("通过…评估后，网络数据处理者向境外提供…的，不得…"), or, after an earlier
    // modal, an actor that judges ("…批准，有关机关认为…的，不得批准出境"; not "用户不提供…的，不得
    // 提供服务", where the user's omission is the condition of the earlier subject's duty).
    if (!have && cb == f.pos && f.seg > 1 && f.t->mod != Mod::encouragement) {
      const size_t first = (k > 0) ? kept[k - 1].seg + 1 : 0;
      bool conditions = true;
      for (size_t j = first; j < f.seg && conditions; ++j) {
        size_t jb = segs[j].b, je = segs[j].e;
        trim_range(s, jb, je);
        conditions = ends_with_any(s, je, std::array<std::string_view, 3>{"的", "时", "后"});
      }
      const size_t j = f.seg - 1;
      // (Before the first modal, the actor's condition follows another condition.)
      if (conditions && (k == 0 ? j > first : j >= first)) {
        size_t jb = skip_connectives(s, segs[j].b, segs[j].e), je = segs[j].e;
        trim_range(s, jb, je);
        std::string actor = zh_actor_at_start(s, jb, je);
        const bool judges = !actor.empty() && starts_with_any(s, jb + actor.size(),
                                                              std::array<std::string_view, 4>{
                                                                  "认为", "发现", "决定", "确认"});
        if (!actor.empty() && (k == 0 || judges)) {
          o.bearer = std::move(actor);
          o.bearer_rule = kBearerConditionActor;
          named_in_condition = have = true;
        }
      }
    }
    // 3. Same sentence (。-group): the bearer of the earlier clause, unless this part (after a
    // "；") opens with a condition an actor of its own opens ("…，消费者也可以…；网络交易平台
    // 提供者作出…承诺的，应当履行承诺": rule 5 gives that actor).
    // (Not an actor whose state is the condition: "主管部门不明确的", "没有上级机关的".)
    bool own_condition_actor = false;
    if (k == 0 && f.seg > 0 && cb == f.pos && f.t->mod != Mod::encouragement) {
      const size_t ab = skip_connectives(s, segs[0].b, segs[0].e);
      const std::string actor = zh_actor_at_start(s, ab, segs[0].e);
      own_condition_actor =
          !actor.empty() && !starts_at(s, ab, "没有") &&
          !starts_with_any(s, ab + actor.size(), std::array<std::string_view, 2>{"不", "没有"});
    }
    if (!have && *group_has && !own_condition_actor) {
      o.bearer = *group_bearer;
      o.bearer_rule = kBearerSameSentence;
      have = true;
    }
    // 4. Items inherit the lead-in's bearer.
    if (!have && in_item && st.have_lead) {
      o.bearer = st.lead_bearer;
      o.bearer_rule = kBearerLeadIn;
      have = true;
    }
    // 5. An actor that opens the sentence's condition ("提供者发现违法内容的，应当…").
    if (!have) {
      if (f.t->mod == Mod::encouragement && state_subject &&
          starts_at(s, skip_connectives(s, sb, se), "国家")) {
        o.bearer = "国家";
        o.bearer_rule = kBearerState;
      } else if (f.seg > 0) {
        // The condition right before the modal's clause, when an actor opens it, names who acts
        // ("广播电台…发布违法广告，…，市场监督管理部门依照本法给予处罚的，应当通报…"); else the
        // sentence's first condition.
        if (f.seg >= 2 && cb == f.pos) {
          size_t jb = skip_connectives(s, segs[f.seg - 1].b, segs[f.seg - 1].e);
          size_t je = segs[f.seg - 1].e;
          trim_range(s, jb, je);
          // (Not an alternative condition: "经营者未经消费者同意…，或者消费者明确表示拒绝的".)
          if (ends_at(s, je, "的") &&
              !starts_with_any(s, jb, std::array<std::string_view, 4>{"或", "以及", "及", "和"}))
            o.bearer = zh_actor_at_start(s, jb, je);
        }
        if (o.bearer.empty()) o.bearer = zh_actor_at_start(s, segs[0].b, segs[0].e);
        named_in_condition = !o.bearer.empty();
        if (named_in_condition) o.bearer_rule = kBearerConditionActor;
        // 6. A 的-clause that describes the actor: "提供具有舆论属性…服务的，应当…".
        if (o.bearer.empty() && f.seg == 1) {
          o.bearer = zh_actor_clause(s, segs[0].b, segs[0].e);
          o.bearer_role = zh_provider_role(o.bearer);
          o.bearer_rule = kBearerActorClause;
        }
      }
      // 7. No subject at all (the modal opens its clause, or only a condition precedes it): the
      // subject an earlier sentence of the article named. A clause whose subject is a thing or
      // an activity ("办理电话卡不得…") stays without a bearer.
      // An adverbial before the modal names no one ("对电信网络诈骗案件应当加强追赃挽损").
      const bool adverbial_only =
          cb < f.pos && zh_no_actor_start(s, cb) && !zh_contains_role(s, cb, f.pos);
      // A subject of its own that names no actor, after a condition ("…的，相关结果可以互相采信"):
      // a thing, not the earlier sentence's subject. (Adverbs such as 依法, 及时, 也 are no
      // subject.)
      const bool own_thing_subject = cb < f.pos && !adverbial_only && !zh_no_actor_start(s, cb) &&
                                     !starts_with_any(s, cb, kZhCutMarkers) &&
                                     !zh_contains_role(s, cb, f.pos);
      bool no_subject_text =
          (cb == f.pos || f.seg > 0 || adverbial_only) && !thing_subject && !own_thing_subject;
      if (no_subject_text && f.seg > 0) {
        // Only conditions before the modal's clause ("…的，", "…时，", "…后，"); a topic phrase
        // ("外商投资生成式人工智能服务，应当…") is the subject, an activity.
        size_t pb = segs[f.seg - 1].b, pe = segs[f.seg - 1].e;
        trim_range(s, pb, pe);
        const bool condition =
            ends_with_any(s, pe, std::array<std::string_view, 5>{"的", "时", "后", "前", "中"});
        // A topic phrase ("上述信息未经客户授权，不得用于…") carries the subject of an earlier
        // sentence of the same paragraph only.
        no_subject_text = condition || st.article_bearer_paragraph == paragraph;
      }
      if (o.bearer.empty() && no_subject_text && f.t->mod != Mod::encouragement) {
        o.bearer = st.article_bearer;
        o.bearer_rule = kBearerArticleSubject;
      }
      // 8. An activity the sentence opens with, the modal's clause having no subject of its own
      // ("经营基础电信业务，须经…批准" -> 基础电信业务经营者; "利用互联网发布、发送广告，不得…"):
      // the one who performs it (only conditions between).
      if (o.bearer.empty() && k == 0 && f.seg > 0 && cb == f.pos &&
          f.t->mod != Mod::encouragement) {
        bool conditions = true;
        for (size_t j = 1; j < f.seg && conditions; ++j) {
          size_t jb = segs[j].b, je = segs[j].e;
          trim_range(s, jb, je);
          conditions = ends_with_any(s, je, std::array<std::string_view, 3>{"的", "时", "后"});
        }
        if (conditions) {
          o.bearer = zh_activity_actor(s, segs[0].b, segs[0].e);
          o.bearer_rule = kBearerActivityActor;
        }
      }
      // A subject without any actor in it ("办理电话卡不得…") is a thing or an activity, as one
      // whose head is a thing (rule 1). (Binding it by the subject an earlier sentence named, as
      // rule 1 does, lost more blind-set bearers than it gained: 0.908 -> 0.904.)
      if (cb < f.pos && !adverbial_only && !zh_no_actor_start(s, cb) &&
          !zh_contains_role(s, cb, f.pos))
        thing_subject = true;
      have = true;
    }
    o.thing_subject = thing_subject;
    if (o.bearer.empty()) o.bearer_rule = graph::Symbol();
    if ((explicit_bearer || named_in_condition) && !o.bearer.empty())
      st.name_subject(o.bearer, paragraph);
    *group_bearer = o.bearer;
    *group_has = true;

    o.begin = (k == 0) ? sb : (same_seg_prev ? kept[k - 1].pos + kept[k - 1].len : g.b);
    o.end = (k + 1 < kept.size())
                ? (kept[k + 1].seg == f.seg ? f.pos + f.len : segs[kept[k + 1].seg].b)
                : se;
    if (o.end < o.begin) o.end = o.begin;
    if (k + 1 < kept.size() && kept[k + 1].seg == f.seg) {
      // Two modals in one segment: this clause runs to the next modal.
      o.end = kept[k + 1].pos;
    }
    o.action = trimmed(s, f.pos + f.len, o.end);
    // Condition: the segments before the modal's segment when they end like a condition.
    if (k == 0 && f.seg > 0) {
      // Everything before the modal's clause is a condition or topic ("提供…服务的，",
      // "在…过程中…的，", "提供和使用…服务，") unless it was the bearer itself.
      const size_t last = (explicit_bearer && cb == f.pos) ? f.seg - 1 : f.seg;
      if (last > 0) {
        size_t ce = segs[last - 1].e, cbeg = sb;
        trim_range(s, cbeg, ce);
        o.condition = std::string(s.substr(cbeg, ce - cbeg));
      }
    } else if (k > 0 && !out.empty()) {
      o.condition = out.back().condition;
    }
    const bool weak = f.t->weak;
    o.confidence = weak ? 0.6f : (explicit_bearer ? 0.95f : 0.8f);
    out.push_back(std::move(o));
  }
}

bool zh_is_item(std::string_view s, size_t b, size_t e) {
  size_t p = b;
  size_t close_len = 0;
  if (starts_at(s, p, "（")) {
    p += 3;
  } else if (p < e && s[p] == '(') {
    p += 1;
  } else {
    return false;
  }
  constexpr std::array<std::string_view, 13> digits = {"一", "二", "三", "四", "五", "六", "七",
                                                       "八", "九", "十", "百", "零", "〇"};
  size_t n = 0;
  while (p < e) {
    bool d = false;
    for (auto x : digits) {
      if (starts_at(s, p, x)) {
        p += x.size();
        d = true;
        break;
      }
    }
    if (!d && p < e && s[p] >= '0' && s[p] <= '9') {
      ++p;
      d = true;
    }
    if (!d) break;
    ++n;
  }
  if (!n) return false;
  if (starts_at(s, p, "）")) close_len = 3;
  if (p < e && s[p] == ')') close_len = 1;
  return close_len > 0;
}

}  // namespace

std::vector<Obligation> extract_obligations_zh(std::string_view text) {
  std::vector<Obligation> out;
  ZhState st;
  int paragraph = 0;
  for (const Range& line : line_ranges(text)) {
    ++paragraph;
    size_t lb = line.b, le = line.e;
    trim_range(text, lb, le);
    if (lb >= le) continue;
    const bool item = zh_is_item(text, lb, le);
    if (!item) st.have_lead = false;
    if (!item) st.paragraph_authority.clear();
    const size_t before = out.size();
    std::string group_bearer;
    bool group_has = false;
    size_t sb = lb;
    bool first = true;
    for (size_t p = lb; p <= le;) {
      const bool at_end = (p == le);
      bool full_stop = false, semi = false;
      size_t tl = 0;
      if (!at_end) {
        if (starts_at(text, p, "。") || starts_at(text, p, "！") || starts_at(text, p, "？")) {
          full_stop = true;
          tl = 3;
        } else if (starts_at(text, p, "；") || starts_at(text, p, "：")) {
          semi = true;
          tl = 3;
        } else if (text[p] == ';') {
          semi = true;
          tl = 1;
        }
      }
      if (at_end || full_stop || semi) {
        if (p > sb) {
          zh_sentence(text, sb, p, paragraph, item, first, st, &group_bearer, &group_has, out);
          first = false;
          if (std::string a = zh_authority_after_you(text, sb, p); !a.empty())
            st.paragraph_authority = std::move(a);
        }
        if (full_stop) {
          group_has = false;
          group_bearer.clear();
        }
        if (at_end) break;
        p += tl;
        sb = p;
        continue;
      }
      p = next_pos(text, p);
    }
    if (!item) {
      // A lead-in ends with a colon; its last bearer carries into the items below it.
      if (ends_at(text, le, "：") || (le > lb && text[le - 1] == ':')) {
        if (out.size() > before) {
          st.lead_bearer = out.back().bearer;
          st.have_lead = true;
        } else if (std::string actor = zh_actor_at_start(text, lb, le); !actor.empty()) {
          // A lead-in without a modal word ("消费者协会履行下列公益性职责：") still names who
          // acts in the items.
          st.lead_bearer = std::move(actor);
          st.have_lead = true;
        }
      }
    }
  }
  return out;
}

std::string leading_actor_zh(std::string_view phrase) {
  return zh_actor_at_start(phrase, 0, phrase.size());
}

// ---------------------------------------------------------------------------------------------
// English

namespace {

bool is_en_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
         (static_cast<unsigned char>(c) >= 0x80);
}

char en_lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Case-insensitive whole-word match of `w` (which may contain spaces) at `pos`.
bool word_at(std::string_view s, size_t pos, std::string_view w) {
  if (pos > 0 && is_en_word_char(s[pos - 1])) return false;
  if (s.size() - pos < w.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (en_lower(s[pos + i]) != w[i]) return false;
  }
  const size_t e = pos + w.size();
  return e == s.size() || !is_en_word_char(s[e]);
}

std::string lower_str(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = en_lower(c);
  return r;
}

struct EnTrigger {
  std::string_view word;
  Mod mod;
  const char* rule;
  bool promotional;
};

constexpr std::array<EnTrigger, 22> kEnTriggers = {{
    {"shall not", Mod::prohibition, "en.modal.shall_not", false},
    {"must not", Mod::prohibition, "en.modal.must_not", false},
    {"may not", Mod::prohibition, "en.modal.may_not", false},
    {"should not", Mod::prohibition, "en.modal.should_not", false},
    {"is prohibited", Mod::prohibition, "en.modal.prohibited", false},
    {"are prohibited", Mod::prohibition, "en.modal.prohibited", false},
    {"shall", Mod::obligation, "en.modal.shall", false},
    {"must", Mod::obligation, "en.modal.must", false},
    {"should", Mod::obligation, "en.modal.should", false},
    {"have the right to", Mod::permission, "en.modal.right", false},
    {"has the right to", Mod::permission, "en.modal.right", false},
    {"is entitled to", Mod::permission, "en.modal.entitled", false},
    {"are entitled to", Mod::permission, "en.modal.entitled", false},
    {"may", Mod::permission, "en.modal.may", false},
    {"encourages", Mod::encouragement, "en.promo.encourage", true},
    {"encourage", Mod::encouragement, "en.promo.encourage", true},
    {"supports", Mod::encouragement, "en.promo.support", true},
    {"support", Mod::encouragement, "en.promo.support", true},
    {"promotes", Mod::encouragement, "en.promo.promote", true},
    {"promote", Mod::encouragement, "en.promo.promote", true},
    {"advocates", Mod::encouragement, "en.promo.advocate", true},
    {"advocate", Mod::encouragement, "en.promo.advocate", true},
}};

// Applicability, precedence and entry-into-force formulas: "shall" without a duty.
constexpr std::array<std::string_view, 9> kEnNonDeontic = {
    " prevail",           " apply",           " not apply",        " be subject to",
    " not be subject to", " come into force", " come into effect", " take effect",
    " be interpreted"};

constexpr std::array<std::string_view, 13> kEnOpeners = {
    "if",    "where",  "when", "unless",       "for",      "in case", "once",
    "after", "before", "upon", "in the event", "whenever", "while"};

constexpr std::array<std::string_view, 8> kEnLeadAdverbs = {
    "additionally,", "in addition,", "furthermore,", "moreover,", "also,", "and", "or", "but"};

constexpr std::array<std::string_view, 7> kEnPronouns = {"it",   "they",  "he",  "she",
                                                         "this", "these", "such"};

constexpr std::array<std::string_view, 9> kEnActivities = {
    "provision",   "use",       "investment", "processing", "development",
    "application", "operation", "usage",      "provisions"};

constexpr std::array<std::string_view, 34> kEnActors = {
    "provider",   "providers",   "user",        "users",        "authority",    "authorities",
    "department", "departments", "institution", "institutions", "organization", "organizations",
    "individual", "individuals", "personnel",   "state",        "operator",     "operators",
    "controller", "controllers", "processor",   "processors",   "agency",       "agencies",
    "person",     "persons",     "enterprise",  "enterprises",  "company",      "companies",
    "developer",  "developers",  "deployer",    "deployers"};

constexpr std::array<std::string_view, 30> kEnCondVerbs = {
    "discovers",   "discover",   "finds",     "find",       "violate",  "violates",
    "possesses",   "possess",    "involves",  "involve",    "is",       "are",
    "has",         "have",       "uses",      "use",        "provides", "provide",
    "constitutes", "constitute", "stipulate", "stipulates", "fails",    "fail",
    "does",        "do",         "intends",   "processes",  "process",  "was"};

std::string last_word_lower(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && !std::isalpha(static_cast<unsigned char>(s[e - 1]))) --e;
  size_t b = e;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(s[b - 1]))) --b;
  return lower_str(s.substr(b, e - b));
}

template <size_t N>
bool in_list(const std::string& w, const std::array<std::string_view, N>& list) {
  for (auto x : list) {
    if (w == x) return true;
  }
  return false;
}

std::string trim_en(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (is_inline_space(s[b]) || s[b] == ',')) ++b;
  while (e > b && (is_inline_space(s[e - 1]) || s[e - 1] == ',')) --e;
  return std::string(s.substr(b, e - b));
}

// The noun phrase after a condition opener, up to its verb: "Where a provider discovers…" ->
// "a provider".
std::string en_condition_subject(std::string_view cond) {
  size_t p = 0;
  while (p < cond.size() && is_inline_space(cond[p])) ++p;
  while (p < cond.size() && std::isalpha(static_cast<unsigned char>(cond[p]))) ++p;  // opener
  const size_t b = p;
  while (p < cond.size()) {
    while (p < cond.size() && is_inline_space(cond[p])) ++p;
    size_t w = p;
    while (w < cond.size() && is_en_word_char(cond[w])) ++w;
    if (w == p) break;
    if (in_list(lower_str(cond.substr(p, w - p)), kEnCondVerbs))
      return trim_en(cond.substr(b, p - b));
    p = w;
  }
  return "";
}

bool en_is_actor(const std::string& np) { return in_list(last_word_lower(np), kEnActors); }

bool en_is_activity(const std::string& np) {
  const std::string l = lower_str(np);
  size_t cut = l.size();
  for (std::string_view sep : {std::string_view(" of "), std::string_view(" in ")}) {
    const size_t f = l.find(sep);
    if (f != std::string::npos) cut = std::min(cut, f);
  }
  return in_list(last_word_lower(std::string_view(l).substr(0, cut)), kEnActivities);
}

size_t en_skip_item_marker(std::string_view s, size_t b, size_t e) {
  if (b < e && s[b] == '(') {
    size_t p = b + 1;
    while (p < e &&
           (std::isdigit(static_cast<unsigned char>(s[p])) ||
            std::islower(static_cast<unsigned char>(s[p]))) &&
           p < b + 5)
      ++p;
    if (p < e && s[p] == ')') {
      ++p;
      while (p < e && is_inline_space(s[p])) ++p;
      return p;
    }
  }
  return b;
}

// The rules that give an English bearer (Obligation::bearer_rule), as the Chinese ones.
constexpr const char* kEnBearerSubject = "en.bearer.subject";
constexpr const char* kEnBearerState = "en.bearer.state";
constexpr const char* kEnBearerSameSentence = "en.bearer.same_sentence";
constexpr const char* kEnBearerLeadIn = "en.bearer.lead_in";
constexpr const char* kEnBearerArticleSubject = "en.bearer.article_subject";  // "it shall" …
constexpr const char* kEnBearerConditionActor = "en.bearer.condition_actor";

// True when the word before `pos` (within the sentence) is a relative pronoun.
bool en_after_relative_pronoun(std::string_view s, size_t sb, size_t pos) {
  size_t e = pos;
  while (e > sb && is_inline_space(s[e - 1])) --e;
  size_t b = e;
  while (b > sb && std::isalpha(static_cast<unsigned char>(s[b - 1]))) --b;
  const std::string w = lower_str(s.substr(b, e - b));
  return w == "that" || w == "which" || w == "who" || w == "whom" || w == "whose";
}

// A negative subject turns a permission or duty into a prohibition: "No organization or
// individual may…", "No one shall…", "Nobody may…". Returns the length of the negation word(s)
// at the start of `subject` ("no ", "no one", "nobody", "neither"), or 0.
size_t en_negative_subject(const std::string& subject) {
  const std::string l = lower_str(subject);
  for (std::string_view neg :
       {std::string_view("no one"), std::string_view("nobody"), std::string_view("none of"),
        std::string_view("neither"), std::string_view("no")}) {
    if (word_at(l, 0, neg)) return neg.size();
  }
  return 0;
}

struct EnState {
  std::string lead_bearer;
  bool have_lead = false;
  std::string last_actor;  // last non-empty bearer in the article, for pronouns
};

void en_sentence(std::string_view s, size_t sb, size_t se, int paragraph, bool in_item, EnState& st,
                 std::vector<Obligation>& out) {
  sb = en_skip_item_marker(s, sb, se);
  while (sb < se && is_inline_space(s[sb])) ++sb;
  struct F {
    size_t pos, len;
    const EnTrigger* t;
  };
  std::vector<F> found;
  const bool state_subject = word_at(s, sb, "the state");
  for (size_t p = sb; p < se; ++p) {
    if (p > sb && is_en_word_char(s[p - 1])) continue;
    const char c = en_lower(s[p]);
    if (c != 's' && c != 'm' && c != 'i' && c != 'a' && c != 'h' && c != 'e' && c != 'p') continue;
    for (const auto& t : kEnTriggers) {
      if (!word_at(s, p, t.word)) continue;
      const size_t after = p + t.word.size();
      if (t.mod != Mod::encouragement) {
        // Inside a relative clause ("data that may endanger…", "measures which should be…") the
        // modal describes, it does not bind: not a statement.
        if (en_after_relative_pronoun(s, sb, p)) break;
        bool nd = false;
        const std::string next = lower_str(s.substr(after, 24));
        for (auto x : kEnNonDeontic) {
          if (starts_at(next, 0, x)) nd = true;
        }
        if (nd) break;
        if (t.word == "may" && s[p] == 'M' && p + 4 < s.size() &&
            std::isdigit(static_cast<unsigned char>(s[p + 4])))
          break;  // the month
      } else {
        if (!(p == sb || state_subject)) break;
      }
      found.push_back({p, t.word.size(), &t});
      p = after - 1;
      break;
    }
  }
  if (found.empty()) return;
  // A later clause starts after the last comma before its modal ("…, and shall not …").
  auto clause_start = [&](size_t from, size_t modal) {
    const size_t c = s.substr(from, modal - from).rfind(", ");
    return c == std::string_view::npos ? modal : from + c + 2;
  };
  std::string sentence_bearer;
  bool sentence_has = false;
  for (size_t k = 0; k < found.size(); ++k) {
    const F& f = found[k];
    const size_t cb = (k == 0) ? sb : found[k - 1].pos + found[k - 1].len;
    std::string cand(s.substr(cb, f.pos - cb));
    std::string cond;
    // Leading adverbs and conjunctions.
    for (bool again = true; again;) {
      again = false;
      std::string t = trim_en(cand);
      for (auto a : kEnLeadAdverbs) {
        if (word_at(lower_str(t), 0, a.back() == ',' ? a.substr(0, a.size() - 1) : a)) {
          size_t n = a.size();
          if (a.back() == ',' && (t.size() <= n - 1 || t[n - 1] != ',')) continue;
          cand = t.substr(std::min(t.size(), n));
          again = true;
          break;
        }
      }
      if (!again) cand = t;
    }
    const std::string lc = lower_str(cand);
    bool opener = false;
    for (auto o : kEnOpeners) {
      if (word_at(lc, 0, o)) opener = true;
    }
    if (opener) {
      const size_t c = cand.rfind(", ");
      if (c != std::string::npos) {
        cond = cand.substr(0, c);
        cand = cand.substr(c + 2);
      } else {
        cond = cand;
        cand.clear();
      }
    } else {
      // Coordinated clauses: the subject follows the last ", and" / ", or" / ", but".
      size_t c = std::string::npos, clen = 0;
      for (std::string_view sep :
           {std::string_view(", and"), std::string_view(", or"), std::string_view(", but")}) {
        for (size_t x = cand.find(sep); x != std::string::npos; x = cand.find(sep, x + 1)) {
          const size_t after = x + sep.size();
          if (after < cand.size() && is_en_word_char(cand[after])) continue;
          if (c == std::string::npos || x > c) {
            c = x;
            clen = sep.size();
          }
        }
      }
      if (c != std::string::npos) cand = cand.substr(c + clen);
      cand = trim_en(cand);
      if (word_at(lower_str(cand), 0, "and")) cand = cand.substr(3);
    }
    cand = trim_en(cand);
    Obligation o;
    o.modality = mod_name(f.t->mod);
    o.trigger = std::string(s.substr(f.pos, f.len));
    o.rule = f.t->rule;
    o.paragraph = paragraph;
    o.condition = trim_en(cond);
    // Passive: "… shall (not) be imposed" names no actor.
    size_t a = f.pos + f.len;
    while (a < se && is_inline_space(s[a])) ++a;
    if (word_at(s, a, "also")) a += 5;
    if (word_at(s, a, "not")) a += 4;
    const bool passive = f.t->mod != Mod::encouragement && word_at(s, a, "be");
    bool explicit_bearer = false;
    if (f.t->mod == Mod::encouragement && state_subject) {
      o.bearer = std::string(s.substr(sb, 9));
      o.bearer_rule = kEnBearerState;
      explicit_bearer = true;
    } else if (passive || cand.empty()) {
      if (sentence_has) {
        o.bearer = sentence_bearer;
        o.bearer_rule = kEnBearerSameSentence;
      } else if (in_item && st.have_lead) {
        o.bearer = st.lead_bearer;
        o.bearer_rule = kEnBearerLeadIn;
      }
    } else if (in_list(lower_str(cand), kEnPronouns)) {
      if (!st.last_actor.empty()) {
        o.bearer = st.last_actor;
        o.bearer_rule = kEnBearerArticleSubject;
      } else {
        const std::string np = en_condition_subject(cond);
        if (en_is_actor(np)) {
          o.bearer = np;
          o.bearer_rule = kEnBearerConditionActor;
        }
      }
    } else if (en_is_activity(cand)) {
      o.bearer.clear();
    } else {
      o.bearer = cand;
      o.bearer_rule = kEnBearerSubject;
      explicit_bearer = true;
    }
    // "No organization or individual may/shall …": a prohibition on any of them.
    if (const size_t neg = explicit_bearer ? en_negative_subject(cand) : 0;
        neg && (f.t->mod == Mod::permission || f.t->mod == Mod::obligation)) {
      o.modality = mod_name(Mod::prohibition);
      o.rule = "en.modal.negative_subject";
      const std::string rest = trim_en(std::string_view(cand).substr(neg));
      o.bearer = rest.empty() || lower_str(rest) == "one" ? "any person" : "any " + rest;
    }
    if (o.bearer.empty()) o.bearer_rule = graph::Symbol();
    if (!o.bearer.empty()) st.last_actor = o.bearer;
    sentence_bearer = o.bearer;
    sentence_has = true;
    o.begin = (k == 0) ? sb : clause_start(found[k - 1].pos + found[k - 1].len, f.pos);
    o.end = (k + 1 < found.size()) ? clause_start(f.pos + f.len, found[k + 1].pos) : se;
    o.action = trim_en(s.substr(f.pos + f.len, o.end - (f.pos + f.len)));
    o.confidence = explicit_bearer ? 0.95f : 0.8f;
    if (f.t->word == "may") o.confidence = 0.8f;
    out.push_back(std::move(o));
  }
}

}  // namespace

std::vector<Obligation> extract_obligations_en(std::string_view text) {
  std::vector<Obligation> out;
  EnState st;
  int paragraph = 0;
  for (const Range& line : line_ranges(text)) {
    ++paragraph;
    size_t lb = line.b, le = line.e;
    trim_range(text, lb, le);
    if (lb >= le) continue;
    const bool item = en_skip_item_marker(text, lb, le) != lb;
    if (!item) st.have_lead = false;
    const size_t before = out.size();
    size_t sb = lb;
    for (size_t p = lb; p <= le; ++p) {
      bool stop = (p == le);
      if (!stop) {
        const char c = text[p];
        if (c == ';' || (c == ':' && (p + 1 == le || is_inline_space(text[p + 1])))) {
          stop = true;
        } else if (c == '.' &&
                   (p + 1 == le || (is_inline_space(text[p + 1]) && p + 2 < le &&
                                    (std::isupper(static_cast<unsigned char>(text[p + 2])) ||
                                     text[p + 2] == '"')))) {
          // Not after an abbreviation ("etc.", "No.").
          const std::string w = last_word_lower(text.substr(lb, p - lb));
          stop = !(w == "etc" || w == "no" || w == "art" || w == "e" || w == "i" || w == "s");
        }
      }
      if (stop) {
        if (p > sb) en_sentence(text, sb, p, paragraph, item, st, out);
        sb = p + 1;
      }
    }
    if (!item && le > lb && text[le - 1] == ':' && out.size() > before) {
      st.lead_bearer = out.back().bearer;
      st.have_lead = true;
    }
  }
  return out;
}

}  // namespace regkg::ingest
