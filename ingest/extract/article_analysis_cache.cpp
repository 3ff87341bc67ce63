// ArticleAnalysisCache: the exact analysed input -> its analysis, by hash, swept between runs.
#include "ingest/extract/article_analysis_cache.h"

#include <array>
#include <functional>
#include <string_view>

#include "ingest/sources/cache_sweep.h"

namespace regkg::ingest {

namespace {

std::uint64_t input_hash(const std::string& text_zh, const std::string& text_en,
                         const std::string& date) {
  std::hash<std::string_view> h;
  std::uint64_t x = h(text_zh);
  x = x * 0x9e3779b97f4a7c15ULL ^ h(text_en);
  x = x * 0x9e3779b97f4a7c15ULL ^ h(date);
  return x;
}

}  // namespace

std::shared_ptr<const ArticleAnalysis> ArticleAnalysisCache::analyse(const std::string& text_zh,
                                                                     const std::string& text_en,
                                                                     const std::string& date) {
  const std::uint64_t key = input_hash(text_zh, text_en, date);
  // The entries with this hash are found under the lock, their inputs compared outside it: a
  // refresh's hits compare every article's whole text, which under the lock kept the extraction
  // threads waiting on each other. Safe, as entries are never moved (the map is node-based) nor
  // erased (sweep runs between ingests only), and an entry's input never changes once added.
  std::array<Entry*, 4> candidates{};
  size_t found = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto [it, end] = entries_.equal_range(key); it != end && found < candidates.size(); ++it)
      candidates[found++] = &it->second;
  }
  for (size_t i = 0; i < found; ++i) {
    Entry& e = *candidates[i];
    if (e.text_zh == text_zh && e.text_en == text_en && e.date == date) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        e.used = true;
      }
      ++hits_;
      return e.analysis;
    }
  }
  auto analysis = std::make_shared<const ArticleAnalysis>(analyse_article(text_zh, text_en, date));
  ++misses_;
  std::lock_guard<std::mutex> lock(mutex_);
  // Two threads may analyse the same new text at once: both entries are kept, either is right.
  entries_.emplace(key, Entry{text_zh, text_en, date, analysis, true});
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
