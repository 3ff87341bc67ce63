// What extraction finds in one article's text: obligations (Chinese and English), sanction clauses,
// title citations, internal article references, dates and candidate organisation names. A pure
// function of the text and the article's date, so its result can be kept and reused while the text
// is unchanged (see article_analysis_cache.h); resolving it against the graph is
// knowledge_extractor's job.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/extract/citation_extractor.h"
#include "ingest/extract/date_extractor.h"
#include "ingest/extract/obligation_extractor.h"
#include "ingest/extract/sanction_extractor.h"

namespace regkg::ingest {

struct ArticleAnalysis {
  std::vector<Obligation> obligations_zh, obligations_en;
  std::vector<Sanction> sanctions;  // from the Chinese text
  std::vector<TitleCitation> titles;
  std::vector<ArticleReference> references;
  std::vector<DateMention> dates;
  std::vector<DateProblem> date_problems;
  std::vector<std::pair<std::string, size_t>> organisations;  // name, byte offset in text_zh
};

// Analyses an article. `date` is the article's (version's) date, used to complete partial dates.
ArticleAnalysis analyse_article(const std::string& text_zh, const std::string& text_en,
                                const std::string& date);

// Organisation names not in any dictionary: a run of 2-12 CJK characters ending in a suffix such
// as 委员会 or 管理局, starting after punctuation or a function word. Name and byte offset.
std::vector<std::pair<std::string, size_t>> organisation_candidates(std::string_view text);

}  // namespace regkg::ingest
