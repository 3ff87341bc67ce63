// AliasDictionary: loading corpus/actors.json and finding actor names in text.
#include "ingest/extract/alias_dictionary.h"
#include "ingest/sources/json_config_file.h"
#include "text/utf8.h"

#include <algorithm>
#include <stdexcept>

#include <rapidjson/document.h>

namespace regkg::ingest {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

bool is_word_char(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool all_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_acronym(std::string_view s) {
  bool upper = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper && s.size() <= 6;
}

std::vector<std::string> string_array(const rapidjson::Value& obj, const char* key) {
  std::vector<std::string> out;
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& v : it->value.GetArray())
    if (v.IsString() && v.GetStringLength() > 0)
      out.emplace_back(v.GetString(), v.GetStringLength());
  return out;
}

}  // namespace

std::string ActorEntry::label() const {
  if (!zh.empty() && !en.empty()) return zh.front() + " (" + en.front() + ")";
  if (!zh.empty()) return zh.front();
  if (!en.empty()) return en.front();
  return id;
}

AliasDictionary AliasDictionary::load(const std::filesystem::path& path) {
  return from_json(read_config_file(path, "alias dictionary"), path.string());
}

AliasDictionary AliasDictionary::from_json(std::string_view json, const std::string& source_name) {
  rapidjson::Document doc;
  parse_config_json(doc, json, source_name);
  if (!doc.IsObject() || !doc.HasMember("actors") || !doc["actors"].IsArray())
    throw std::runtime_error(source_name + ": error: expected an object with an 'actors' array");
  AliasDictionary dict;
  for (const auto& a : doc["actors"].GetArray()) {
    if (!a.IsObject()) continue;
    ActorEntry e;
    e.id = config_string(a, "id");
    if (e.id.empty()) throw std::runtime_error(source_name + ": error: an actor has no id");
    if (dict.find_id(e.id))
      throw std::runtime_error(source_name + ": error: duplicate actor id '" + e.id + "'");
    e.type = config_string(a, "type");
    e.jurisdiction = config_string(a, "jurisdiction");
    e.parent = config_string(a, "parent");
    e.zh = string_array(a, "zh");
    e.en = string_array(a, "en");
    dict.actors_.push_back(std::move(e));
  }
  for (size_t i = 0; i < dict.actors_.size(); ++i) {
    const ActorEntry& e = dict.actors_[i];
    for (const auto* names : {&e.zh, &e.en})
      for (const auto& name : *names) {
        Alias alias;
        alias.text = name;
        alias.actor = i;
        alias.latin = all_ascii(name);
        alias.case_sensitive = !alias.latin || is_acronym(name);
        if (!alias.case_sensitive) alias.text = ascii_lower(name);
        dict.aliases_.push_back(std::move(alias));
        dict.by_name_.emplace(ascii_lower(name), i);
      }
  }
  std::stable_sort(dict.aliases_.begin(), dict.aliases_.end(),
                   [](const Alias& a, const Alias& b) { return a.text.size() > b.text.size(); });
  for (size_t k = 0; k < dict.aliases_.size(); ++k) {
    Alias& alias = dict.aliases_[k];
    const ActorEntry& actor = dict.actors_[alias.actor];
    alias.role = actor.type == "role";
    const std::string lowered = ascii_lower(alias.text);
    for (const auto* names : {&actor.zh, &actor.en})
      for (const auto& n : *names)
        if (ascii_lower(n) == lowered) alias.original = n;
    unsigned char first = static_cast<unsigned char>(lowered[0]);
    dict.by_first_byte_[alias.role ? 1 : 0][first].push_back(static_cast<std::uint32_t>(k));
  }
  return dict;
}

const ActorEntry* AliasDictionary::find_id(std::string_view id) const {
  for (const auto& e : actors_)
    if (e.id == id) return &e;
  return nullptr;
}

const ActorEntry* AliasDictionary::find_name(std::string_view name) const {
  auto it = by_name_.find(ascii_lower(name));
  return it == by_name_.end() ? nullptr : &actors_[it->second];
}

std::vector<AliasMatch> AliasDictionary::find_all(std::string_view text, bool roles) const {
  std::vector<AliasMatch> matches;
  if (aliases_.empty() || text.empty()) return matches;
  const std::string lower = ascii_lower(text);
  const std::string exact(text);
  size_t pos = 0;
  while (pos < text.size()) {
    // Only start matching at the start of a UTF-8 character.
    if (!text::is_code_point_start(text, pos)) {
      ++pos;
      continue;
    }
    bool matched = false;
    const unsigned char first = static_cast<unsigned char>(lower[pos]);
    for (std::uint32_t k : by_first_byte_[roles ? 1 : 0][first]) {
      const Alias& alias = aliases_[k];
      const std::string& hay = alias.case_sensitive ? exact : lower;
      if (alias.text.size() > text.size() - pos) continue;
      if (alias.text[0] != hay[pos]) continue;
      if (hay.compare(pos, alias.text.size(), alias.text) != 0) continue;
      if (alias.latin) {
        size_t end = pos + alias.text.size();
        bool left_ok = pos == 0 || !is_word_char(static_cast<unsigned char>(text[pos - 1]));
        bool right_ok = end == text.size() || !is_word_char(static_cast<unsigned char>(text[end]));
        if (!left_ok || !right_ok) continue;
      }
      const ActorEntry& actor = actors_[alias.actor];
      matches.push_back({&actor, pos, pos + alias.text.size(), alias.original});
      pos += alias.text.size();
      matched = true;
      break;
    }
    if (!matched) ++pos;
  }
  return matches;
}

}  // namespace regkg::ingest
