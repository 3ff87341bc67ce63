// Finds dates in text, Chinese and English: 2023年8月15日, 二〇二三年八月十五日, 2023年8月, "August
// 15", "Aug 15, 2023", "15 August 2023", "Jan 8, 2024", "by 2030". A missing year is completed from
// the context date (the news item's or version's date). Impossible dates (2023年13月45日) are
// reported, never returned as dates. Pure text analysis. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace regkg::ingest {

struct DateMention {
  std::string date;            // YYYY-MM-DD, YYYY-MM or YYYY (see precision)
  std::string precision;       // day | month | year
  std::string text;            // as written
  size_t begin = 0, end = 0;   // byte span
  bool year_inferred = false;  // the year came from the context date
  // A hint from the words around it: effective (施行/take effect/effective from), adopted (通过/
  // adopted), published (公布/发布/published/released), comment_deadline (征求意见…截止/comments
  // until), target_year ("by 2030", 到2030年), amended, repealed, or "" when none applies.
  std::string type_hint;
};

struct DateProblem {
  std::string text;  // the impossible date as written
  size_t begin = 0;
  std::string message;  // "month 13 out of range"
};

// `context_date` (YYYY-MM-DD or "") completes dates written without a year, choosing the year that
// puts the date nearest to the context.
std::vector<DateMention> extract_dates(std::string_view text, std::string_view context_date,
                                       std::vector<DateProblem>* problems = nullptr);

}  // namespace regkg::ingest
