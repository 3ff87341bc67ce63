// Lexicon: parsing the learned lexicon file (see the header).
#include "index/lexicon.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "index/script_folding.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"
#include "text/whole_file.h"

namespace regkg::index {

Lexicon Lexicon::parse(std::string_view json, const std::string& source) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    throw LexiconError(source + ": error: offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                       rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject() || !doc.HasMember("pairs") || !doc["pairs"].IsArray())
    throw LexiconError(source + ": error: no \"pairs\" array");
  Lexicon lexicon;
  for (const auto& p : doc["pairs"].GetArray()) {
    if (!p.IsObject() || !p.HasMember("en") || !p["en"].IsString() || !p.HasMember("zh") ||
        !p["zh"].IsArray())
      throw LexiconError(source + ": error: pair " + std::to_string(lexicon.by_stem_.size() + 1) +
                         " has no string \"en\" and array \"zh\"");
    std::vector<std::string> terms;
    for (const auto& t : p["zh"].GetArray()) {
      if (!t.IsString()) throw LexiconError(source + ": error: a Chinese term is not a string");
      std::string term(t.GetString(), t.GetStringLength());
      if (!text::is_valid_utf8(term) || text::code_point_count(term) < 2) continue;
      terms.push_back(fold_chinese(term));
    }
    std::string stem(p["en"].GetString(), p["en"].GetStringLength());
    if (stem.empty() || terms.empty()) continue;
    auto& into = lexicon.by_stem_[stem];
    into.insert(into.end(), terms.begin(), terms.end());
  }
  return lexicon;
}

Lexicon Lexicon::load(const std::filesystem::path& path) {
  const std::optional<std::string> contents = text::read_whole_file(path);
  if (!contents) return {};
  return parse(*contents, path.string());
}

const std::vector<std::string>* Lexicon::chinese(const std::string& stem) const {
  auto it = by_stem_.find(stem);
  return it == by_stem_.end() ? nullptr : &it->second;
}

}  // namespace regkg::index
