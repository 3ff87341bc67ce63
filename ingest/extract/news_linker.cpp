// NewsLinker: rule-based news -> instrument links with evidence.
#include "ingest/extract/news_linker.h"
#include "ingest/sources/json_config_file.h"

#include <stdexcept>

#include <rapidjson/document.h>

#include "ingest/extract/alias_dictionary.h"

namespace regkg::ingest {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Finds `term` in lowercase `text` starting at a word boundary and, unless it is a prefix term,
// ending at one. Returns the position or npos.
size_t find_term(const std::string& text, const std::string& term, bool prefix) {
  for (size_t pos = text.find(term); pos != std::string::npos; pos = text.find(term, pos + 1)) {
    bool left = pos == 0 || !word_char(text[pos - 1]);
    size_t end = pos + term.size();
    bool right = prefix || end == text.size() || !word_char(text[end]);
    if (left && right) return pos;
  }
  return std::string::npos;
}

// Typographic apostrophes and dashes as ASCII, so "China’s" matches "china".
std::string fold(std::string_view text) {
  std::string out = ascii_lower(text);
  const std::pair<const char*, const char*> repl[] = {
      {"\xE2\x80\x99", "'"}, {"\xE2\x80\x98", "'"}, {"\xE2\x80\x94", " "}, {"\xE2\x80\x93", " "}};
  for (const auto& [from, to] : repl)
    for (size_t pos; (pos = out.find(from)) != std::string::npos;) out.replace(pos, 3, to);
  return out;
}

}  // namespace

NewsLinker NewsLinker::load(const std::filesystem::path& path) {
  return from_json(read_config_file(path, "news patterns"), path.string());
}

NewsLinker NewsLinker::from_json(std::string_view json, const std::string& source_name) {
  rapidjson::Document doc;
  parse_config_json(doc, json, source_name);
  NewsLinker linker;
  if (!doc.IsObject()) return linker;
  auto it = doc.FindMember("news_patterns");
  if (it == doc.MemberEnd() || !it->value.IsObject()) return linker;
  for (const auto& kv : it->value.GetObject()) {
    std::string id(kv.name.GetString(), kv.name.GetStringLength());
    if (!kv.value.IsArray())
      throw std::runtime_error(source_name + ": error: news_patterns." + id + " must be an array");
    for (const auto& rule_value : kv.value.GetArray()) {
      if (!rule_value.IsArray()) continue;
      Rule rule;
      rule.dangling = id.rfind("dangling:", 0) == 0;
      rule.instrument = rule.dangling ? id.substr(9) : id;
      for (const auto& g : rule_value.GetArray()) {
        if (!g.IsString()) continue;
        Group group;
        std::string alts = ascii_lower(std::string(g.GetString(), g.GetStringLength()));
        size_t start = 0;
        while (start <= alts.size()) {
          size_t bar = alts.find('|', start);
          std::string t =
              alts.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
          if (!t.empty()) {
            Term term;
            term.prefix = t.back() == '*';
            if (term.prefix) t.pop_back();
            term.text = t;
            group.push_back(term);
          }
          if (bar == std::string::npos) break;
          start = bar + 1;
        }
        if (!group.empty()) rule.groups.push_back(std::move(group));
      }
      if (!rule.groups.empty()) linker.rules_.push_back(std::move(rule));
    }
  }
  return linker;
}

std::vector<NewsLink> NewsLinker::link(std::string_view title, std::string_view text) const {
  std::vector<NewsLink> links;
  const std::string t = fold(title);
  const std::string all = t + "\n" + fold(text);
  for (const Rule& rule : rules_) {
    std::string evidence;
    bool first_in_title = false;
    bool ok = true;
    for (size_t g = 0; g < rule.groups.size() && ok; ++g) {
      ok = false;
      for (const Term& term : rule.groups[g]) {
        size_t pos = find_term(all, term.text, term.prefix);
        if (pos == std::string::npos) continue;
        ok = true;
        if (g == 0) first_in_title = pos < t.size();
        evidence +=
            (evidence.empty() ? "matched '" : " + '") + term.text + (term.prefix ? "…'" : "'");
        break;
      }
    }
    if (!ok) continue;
    bool seen = false;
    for (const auto& l : links) seen = seen || l.instrument == rule.instrument;
    if (seen) continue;
    NewsLink link;
    link.instrument = rule.instrument;
    link.dangling = rule.dangling;
    // The rule's key words in the headline make the item about the rule; in the text only, it may
    // be background.
    link.confidence = first_in_title ? 0.9f : 0.75f;
    link.evidence = evidence + (first_in_title ? " (headline)" : " (text)");
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace regkg::ingest
