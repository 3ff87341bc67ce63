// ArticleAnalysisCache: a map from the exact analysed input to its analysis, swept between runs.
#include "ingest/article_analysis_cache.h"

#include "ingest/cache_sweep.h"

namespace regkg::ingest {

namespace {

// The whole input, so two inputs share an entry only when they are identical. Lengths first make
// the concatenation unambiguous.
std::string input_key(const std::string& text_zh, const std::string& text_en,
                      const std::string& date) {
  std::string key;
  key.reserve(text_zh.size() + text_en.size() + date.size() + 32);
  key += std::to_string(text_zh.size());
  key += ':';
  key += std::to_string(text_en.size());
  key += ':';
  key += date;
  key += '\n';
  key += text_zh;
  key += text_en;
  return key;
}

}  // namespace

std::shared_ptr<const ArticleAnalysis> ArticleAnalysisCache::analyse(const std::string& text_zh,
                                                                     const std::string& text_en,
                                                                     const std::string& date) {
  std::string key = input_key(text_zh, text_en, date);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      it->second.used = true;
      ++hits_;
      return it->second.analysis;
    }
  }
  auto analysis = std::make_shared<const ArticleAnalysis>(analyse_article(text_zh, text_en, date));
  ++misses_;
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = entries_[std::move(key)];
  e.analysis = analysis;
  e.used = true;
  return analysis;
}

size_t ArticleAnalysisCache::sweep() {
  std::lock_guard<std::mutex> lock(mutex_);
  const size_t dropped = sweep_unused(entries_);
  hits_ = 0;
  misses_ = 0;
  return dropped;
}

size_t ArticleAnalysisCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace regkg::ingest
