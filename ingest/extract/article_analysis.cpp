// analyse_article: the per-article half of extraction, independent of the graph.
#include "ingest/extract/article_analysis.h"

#include "text/utf8.h"

namespace regkg::ingest {

namespace {

// Organisation names not in the dictionary: a run of 2-12 CJK characters ending in one of these
// suffixes, starting after punctuation or a function word.
const char* const kOrgSuffixes[] = {"委员会", "办公室",   "监督管理总局", "总局",
                                    "管理局", "人民法院", "人民检察院",   "总署"};

bool is_cjk_ideograph(std::string_view s, size_t i, size_t* len) {
  char32_t cp = 0;
  *len = text::decode_utf8_sequence(s, i, cp);
  return *len != 0 && cp >= 0x4E00 && cp <= 0x9FFF;  // (all three bytes long)
}

}  // namespace

std::vector<std::pair<std::string, size_t>> organisation_candidates(std::string_view text) {
  static const std::vector<std::string> stops = {
      "的",   "和", "或", "与",   "及",   "由",   "向",   "在",     "对",   "经",   "等",  "并",
      "应当", "报", "同", "会同", "按照", "根据", "设立", "所在地", "各级", "本级", "上级"};
  std::vector<std::pair<std::string, size_t>> out;
  for (const char* suffix_c : kOrgSuffixes) {
    std::string suffix = suffix_c;
    for (size_t pos = text.find(suffix); pos != std::string_view::npos;
         pos = text.find(suffix, pos + suffix.size())) {
      // Walk back over CJK ideographs, at most 12, stopping at a stop word.
      size_t begin = pos;
      int chars = 0;
      while (begin >= 3 && chars < 12) {
        size_t len = 0;
        if (!is_cjk_ideograph(text, begin - 3, &len)) break;
        bool stop = false;
        for (const auto& w : stops)
          if (begin >= w.size() && text.substr(begin - w.size(), w.size()) == w) stop = true;
        if (stop) break;
        begin -= 3;
        ++chars;
      }
      if (chars < 2) continue;
      std::string name(text.substr(begin, pos + suffix.size() - begin));
      // Generic phrases are not organisations.
      if (name.find("有关") != std::string::npos || name.find("主管") != std::string::npos ||
          name.find("相关") != std::string::npos || name.find("本") == 0 || name.find("该") == 0 ||
          name.find("其") == 0)
        continue;
      out.emplace_back(std::move(name), begin);
    }
  }
  return out;
}

ArticleAnalysis analyse_article(const std::string& text_zh, const std::string& text_en,
                                const std::string& date) {
  ArticleAnalysis r;
  if (!text_zh.empty()) {
    r.obligations_zh = extract_obligations_zh(text_zh);
    r.sanctions = extract_sanctions_zh(text_zh);
    r.titles = find_title_citations(text_zh);
    r.references = find_internal_references_zh(text_zh);
    r.dates = extract_dates(text_zh, date, &r.date_problems);
    r.organisations = organisation_candidates(text_zh);
  }
  if (!text_en.empty()) {
    r.obligations_en = extract_obligations_en(text_en);
    if (text_zh.empty()) {
      r.references = find_article_references_en(text_en);
      r.dates = extract_dates(text_en, date, &r.date_problems);
    }
  }
  return r;
}

}  // namespace regkg::ingest
