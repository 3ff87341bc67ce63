// The bilingual actor alias dictionary (corpus/actors.json): actor ids, types and every name an
// actor goes by, and a matcher that finds those names in text (longest match wins, no overlaps).
// Immutable after loading; matching is thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace regkg::ingest {

struct ActorEntry {
  std::string id;            // "cac" (graph id: actor/cac)
  std::string type;          // regulator, company, product, legislature, court …
  std::string jurisdiction;  // "cn"
  std::string parent;        // id of the maker / parent body, or ""
  std::vector<std::string> zh, en;
  std::string label() const;  // "国家互联网信息办公室 (Cyberspace Administration of China)"
};

struct AliasMatch {
  const ActorEntry* actor = nullptr;
  size_t begin = 0, end = 0;  // byte span in the matched text
  std::string alias;          // the alias as written in the dictionary
};

class AliasDictionary {
 public:
  AliasDictionary() = default;
  // Throws std::runtime_error naming the file (and JSON offset) when it cannot be read or parsed.
  static AliasDictionary load(const std::filesystem::path& path);
  static AliasDictionary from_json(std::string_view json, const std::string& source_name);

  const std::vector<ActorEntry>& actors() const { return actors_; }
  const ActorEntry* find_id(std::string_view id) const;
  // Exact (case-insensitive for Latin script) lookup of a whole name.
  const ActorEntry* find_name(std::string_view name) const;
  // All non-overlapping alias occurrences in `text`, left to right, longest first at each point.
  // English aliases match on word boundaries; all-capital acronyms (CAC, JD) match
  // case-sensitively.
  // Actors of type "role" (提供者, providers …) are bearers of obligations, not organisations:
  // they are matched only when `roles` is true, and then only roles are matched.
  std::vector<AliasMatch> find_all(std::string_view text, bool roles = false) const;

 private:
  struct Alias {
    std::string text;
    size_t actor = 0;
    bool latin = false;
    bool case_sensitive = true;
    bool role = false;     // the actor's type is "role"
    std::string original;  // the name as written in the dictionary
  };
  std::vector<ActorEntry> actors_;
  std::vector<Alias> aliases_;  // longest first
  // Indexes into aliases_ (still longest first) by lowercased first byte, for roles (1) and the
  // others (0): find_all tries at each position only the aliases that can start there.
  std::array<std::vector<std::uint32_t>, 256> by_first_byte_[2];
  std::unordered_map<std::string, size_t> by_name_;  // lowercased name -> actor index
};

// Lowercases ASCII letters only (Chinese text is unaffected).
std::string ascii_lower(std::string_view text);

}  // namespace regkg::ingest
