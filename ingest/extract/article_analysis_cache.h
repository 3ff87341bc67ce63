// Article analyses remembered by a long-running ingest (regkg watch) between runs, keyed by their
// whole input (Chinese text, English text, date): a refresh re-analyses only articles whose text
// changed. Safe to call from the extraction threads; owned by whoever keeps it across ingests.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "ingest/extract/article_analysis.h"

namespace regkg::ingest {

class ArticleAnalysisCache {
 public:
  // The analysis of this input: remembered, or computed now (outside the lock) and remembered.
  std::shared_ptr<const ArticleAnalysis> analyse(const std::string& text_zh,
                                                 const std::string& text_en,
                                                 const std::string& date);
  // Forgets the analyses not asked for since the previous sweep (texts that left the corpus).
  // Returns how many were dropped. Call between ingests, never during one.
  size_t sweep();

  size_t size() const;
  size_t hits() const { return hits_; }      // since the previous sweep
  size_t misses() const { return misses_; }  // since the previous sweep

 private:
  struct Entry {
    std::string text_zh, text_en, date;  // the input, compared on a hash match
    std::shared_ptr<const ArticleAnalysis> analysis;
    bool used = false;
  };
  // Keyed by a hash of the input computed outside the lock: a hit copies nothing.
  mutable std::mutex mutex_;
  std::unordered_multimap<std::uint64_t, Entry> entries_;
  std::atomic<size_t> hits_{0}, misses_{0};
};

}  // namespace regkg::ingest
