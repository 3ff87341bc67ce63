// The concept table the Searcher expands queries with: groups of equivalent phrases in Chinese
// and English ("cross-border transfer" = "provide outside the territory" = 出境 = 向境外提供), read
// from corpus/dictionaries/concepts.json by the ingest and copied into each snapshot's index
// folder (kConceptsFile), where the Searcher loads it. Immutable once loaded; owns its strings.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace regkg::index {

inline constexpr const char* kConceptsFile = "concepts.json";

class ConceptTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A concept form found in a query: bytes [begin, end) of the query are `form` of `concept`.
struct ConceptMatch {
  size_t begin = 0, end = 0;
  size_t concept_index = 0;
};

class ConceptTable {
 public:
  struct Concept {
    std::string id;
    // Every form, both languages, as written in the file but in simplified characters.
    std::vector<std::string> forms;
  };

  ConceptTable() = default;

  // Parses the JSON ({"concepts": [{"id", "en": [...], "zh": [...]}]}); throws ConceptTableError
  // naming `source` (and the concept) when it is malformed. Forms shorter than two characters are
  // refused: they would match everywhere.
  static ConceptTable parse(std::string_view json, const std::string& source);
  // Reads `path`; a missing file gives an empty table.
  static ConceptTable load(const std::filesystem::path& path);

  // Non-overlapping matches in `query`, left to right, the longest form winning at each position.
  // ASCII letters match case-insensitively and Latin forms only at word boundaries; forms of
  // ASCII words also match word by word on their English stems ("classification levels" is the
  // form "classification level"), punctuation between words ignored. Thread-safe.
  std::vector<ConceptMatch> find(std::string_view query) const;

  const std::vector<Concept>& concepts() const { return concepts_; }
  bool empty() const { return concepts_.empty(); }

 private:
  std::vector<Concept> concepts_;
  // Lowercased form -> concept index; and the longest form's length in bytes.
  std::unordered_map<std::string, size_t> by_form_;
  size_t longest_ = 0;
  // ASCII forms as their words' stems joined by spaces -> concept index; the most words a form has.
  std::unordered_map<std::string, size_t> by_stems_;
  size_t most_words_ = 0;
};

}  // namespace regkg::index
