// A bilingual term lexicon learned from the corpus's aligned articles (English stem -> Chinese
// terms, "minor" -> 未成年人), built at ingest (ingest/assemble/lexicon_builder.h) and copied into
// each snapshot's index folder (kLexiconFile), where the Searcher loads it to give an English
// query word its Chinese terms as a lower-weight alternative (index/plain_query.h). Immutable once
// loaded; owns its strings; thread-safe to read.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace regkg::index {

inline constexpr const char* kLexiconFile = "lexicon.json";

class LexiconError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Lexicon {
 public:
  Lexicon() = default;

  // Parses {"pairs": [{"en": STEM, "zh": [TERM, ...]}, ...]} (other members ignored); throws
  // LexiconError naming `source` when it is malformed. Chinese terms are kept in simplified
  // characters, as the index holds Chinese.
  static Lexicon parse(std::string_view json, const std::string& source);
  // Reads `path`; a missing file gives an empty lexicon.
  static Lexicon load(const std::filesystem::path& path);

  // The Chinese terms of an English stem (Xapian's English stemmer, lowercase), or null.
  const std::vector<std::string>* chinese(const std::string& stem) const;

  bool empty() const { return by_stem_.empty(); }
  size_t size() const { return by_stem_.size(); }

 private:
  std::unordered_map<std::string, std::vector<std::string>> by_stem_;
};

}  // namespace regkg::index
