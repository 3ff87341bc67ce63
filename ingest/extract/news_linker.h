// Links news items to the instruments they are about, from the rules in
// corpus/dictionaries/instruments.json ("news_patterns"): each rule is a set of word groups that
// must all occur in the item. Every link carries its evidence (the words that matched) and a
// confidence. Rules for instruments not in the corpus ("dangling:<title>") yield dangling links.
// Immutable after loading; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace regkg::ingest {

struct NewsLink {
  std::string instrument;  // "cn/generative-ai-measures", or the title of a dangling rule
  bool dangling = false;   // the rule names an instrument that is not in the corpus
  float confidence = 0.0f;
  std::string evidence;  // "matched 'generative AI' + 'China' + 'rules' in title"
};

class NewsLinker {
 public:
  NewsLinker() = default;
  // Reads "news_patterns" from instruments.json; throws std::runtime_error naming the file.
  static NewsLinker load(const std::filesystem::path& instruments_json);
  static NewsLinker from_json(std::string_view json, const std::string& source_name);

  // Links for one item; `title` counts more than `text` (excerpt and body).
  std::vector<NewsLink> link(std::string_view title, std::string_view text) const;

 private:
  struct Term {
    std::string text;  // lowercase
    bool prefix = false;
  };
  using Group = std::vector<Term>;  // alternatives
  struct Rule {
    std::string instrument;
    bool dangling = false;
    std::vector<Group> groups;  // all must match
  };
  std::vector<Rule> rules_;
};

}  // namespace regkg::ingest
