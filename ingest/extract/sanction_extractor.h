// Sanction analysis of a Chinese liability article
// ("违反本法第X条规定的，由…责令改正，给予警告…处…罚款； 拒不改正的，…"): one record per sanction
// clause with the authority that imposes it, its measures, its fines, its escalation condition and
// the provisions whose breach it punishes. Pure text analysis (the conventions are
// tests/gold/CONVENTIONS-blind.md, part B); resolving the provisions to articles and the authority
// to an actor is the graph builder's job. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/symbol.h"

namespace regkg::ingest {

// A fine as the text sets it. Every part is optional: "一百万元以下罚款" has only max_yuan;
// "违法所得一倍以上十倍以下罚款，没有违法所得的，处一百万元以下罚款" has multiples and max_yuan.
struct SanctionFine {
  std::optional<long long> min_yuan, max_yuan;          // 五万元以上五十万元以下
  std::optional<long long> multiple_min, multiple_max;  // 违法所得一倍以上十倍以下
  std::string
      multiple_of;  // illegal_income, purchase_amount, goods_value, advertising_fee …, other
  std::optional<long long> percent_min, percent_max;  // 上一年度营业额百分之五以下
  std::string percent_of;  // previous_year_turnover, turnover, previous_year_income, other
  bool any() const {
    return min_yuan || max_yuan || multiple_min || multiple_max || percent_min || percent_max;
  }
};

// A provision whose breach the clause punishes, as written in its trigger.
struct EnforcedProvision {
  enum class Kind {
    article,              // 本法第X条 (第X条至第Y条 expanded, 第X条第Y款 -> article X)
    whole,                // 违反本法规定 / 本条例 / 本办法 without article numbers
    preceding_paragraph,  // 前款
    preceding_article,    // 前条
    other_instrument,     // 《…》 (title as written, without the brackets)
  };
  Kind kind = Kind::article;
  int article = 0, sub_article = 0;  // article: 第十二条之一 -> 12, 1
  std::string text;           // as written: "本法第二十七条", "本法", "前款", the title
  size_t begin = 0, end = 0;  // byte span in the article text
};

// What a clause's trigger resolves to inside its instrument, after 前款 is replaced by what the
// preceding paragraph's clauses enforce: article numbers, the whole instrument, the previous
// article (前条; the caller knows which article that is).
struct SanctionTargets {
  std::vector<std::pair<int, int>> articles;  // (article, sub_article), in order, no duplicates
  bool whole = false;
  bool preceding_article = false;
  std::vector<std::string> instruments;  // other instruments' titles
};

struct Sanction {
  std::string authority;  // after 由 ("有关主管部门"), carried within the paragraph; ""
  std::vector<std::string> measures;      // the conventions' vocabulary, in order of appearance
  SanctionFine fine;                      // on the violator
  SanctionFine fine_responsible_persons;  // on 直接负责的主管人员和其他直接责任人员
  std::string condition;  // escalating trigger: "拒不改正的", "情节严重的", or ""
  std::vector<EnforcedProvision> enforces;  // as written (inherited ones keep their spans)
  SanctionTargets targets;
  size_t begin = 0, end = 0;  // byte span of the clause in the article text
  int paragraph = 0;          // 1-based line of the article text
  graph::Symbol rule;         // "zh.sanction.clause"
  float confidence = 0.0f;
};

// The sanction clauses of an article's Chinese text (paragraphs separated by '\n'), in text
// order. Returns an empty list for an article without any, for empty or invalid UTF-8 input; never
// throws except std::bad_alloc.
std::vector<Sanction> extract_sanctions_zh(std::string_view article_text);

// "五十万元" -> 500000, "1万" -> 10000, "一千万" -> 10000000: a Chinese or Arabic amount with 万
// and 亿, without its unit; nullopt when it is not one or above 10^15.
std::optional<long long> parse_chinese_amount(std::string_view text);

// The measures' names (the conventions' vocabulary), for validating filters.
const std::vector<std::string>& sanction_measure_names();

}  // namespace regkg::ingest
