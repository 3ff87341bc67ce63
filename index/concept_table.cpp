// ConceptTable: parsing the concepts file and finding its forms in a query (see the header).
#include "index/concept_table.h"

#include <cstdint>

#include <xapian.h>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "index/script_folding.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"
#include "text/whole_file.h"

namespace regkg::index {

namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The ASCII words of `text` from byte `at` on (letters and digits; other ASCII between them is a
// separator), at most `max_words`, stopping at the first non-ASCII byte: each word's end.
std::vector<std::pair<size_t, size_t>> ascii_words(std::string_view text, size_t at,
                                                   size_t max_words) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = at;
  while (i < text.size() && out.size() < max_words) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) break;
    if (!ascii_alnum(c)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && ascii_alnum(static_cast<unsigned char>(text[j]))) ++j;
    out.emplace_back(i, j);
    i = j;
  }
  return out;
}

bool all_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace

ConceptTable ConceptTable::parse(std::string_view json, const std::string& source) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    throw ConceptTableError(source + ": error: offset " + std::to_string(doc.GetErrorOffset()) +
                            ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject() || !doc.HasMember("concepts") || !doc["concepts"].IsArray())
    throw ConceptTableError(source + ": error: no \"concepts\" array");
  ConceptTable table;
  Xapian::Stem stemmer("english");
  for (const auto& c : doc["concepts"].GetArray()) {
    if (!c.IsObject() || !c.HasMember("id") || !c["id"].IsString())
      throw ConceptTableError(source + ": error: concept " +
                              std::to_string(table.concepts_.size() + 1) + " has no string id");
    Concept concept_entry;
    concept_entry.id = c["id"].GetString();
    for (const char* lang : {"en", "zh"}) {
      auto it = c.FindMember(lang);
      if (it == c.MemberEnd()) continue;
      if (!it->value.IsArray())
        throw ConceptTableError(source + ": error: concept '" + concept_entry.id + "': \"" + lang +
                                "\" is not an array");
      for (const auto& f : it->value.GetArray()) {
        if (!f.IsString())
          throw ConceptTableError(source + ": error: concept '" + concept_entry.id +
                                  "': a form is not a string");
        std::string form(f.GetString(), f.GetStringLength());
        if (!text::is_valid_utf8(form) || text::code_point_count(form) < 2) continue;
        // Kept in simplified characters, as the index holds Chinese (script_folding.h).
        concept_entry.forms.push_back(fold_chinese(form));
      }
    }
    if (concept_entry.forms.size() < 2) continue;  // nothing to expand to
    const size_t index = table.concepts_.size();
    for (const auto& form : concept_entry.forms) {
      // Matched against the folded query: traditional forms (個人資料) are keyed simplified.
      const std::string key = ascii_lower(form);
      // The first concept to list a form keeps it.
      if (table.by_form_.emplace(key, index).second)
        table.longest_ = std::max(table.longest_, key.size());
      if (!all_ascii(key)) continue;
      const auto words = ascii_words(key, 0, SIZE_MAX);
      if (words.empty()) continue;
      std::string stems;
      for (const auto& [b, e] : words) {
        if (!stems.empty()) stems += ' ';
        stems += stemmer(key.substr(b, e - b));
      }
      table.by_stems_.emplace(stems, index);
      table.most_words_ = std::max(table.most_words_, words.size());
    }
    table.concepts_.push_back(std::move(concept_entry));
  }
  return table;
}

ConceptTable ConceptTable::load(const std::filesystem::path& path) {
  const std::optional<std::string> contents = text::read_whole_file(path);
  if (!contents) return {};
  return parse(*contents, path.string());
}

std::vector<ConceptMatch> ConceptTable::find(std::string_view query) const {
  std::vector<ConceptMatch> out;
  if (by_form_.empty()) return out;
  const std::string lower = ascii_lower(query);
  // Not shared: a Xapian::Stem is not safe to use from several threads at once.
  Xapian::Stem stemmer("english");
  size_t i = 0;
  while (i < lower.size()) {
    const unsigned char first = static_cast<unsigned char>(lower[i]);
    const bool boundary_before = i == 0 || !ascii_alnum(static_cast<unsigned char>(lower[i - 1]));
    ConceptMatch best{i, i, 0};
    if (!continuation(first) && (!ascii_alnum(first) || boundary_before)) {
      const size_t max_len = std::min(longest_, lower.size() - i);
      for (size_t len = max_len; len >= 2; --len) {
        const size_t end = i + len;
        if (end < lower.size() && continuation(static_cast<unsigned char>(lower[end]))) continue;
        const unsigned char last = static_cast<unsigned char>(lower[end - 1]);
        if (ascii_alnum(last) && end < lower.size() &&
            ascii_alnum(static_cast<unsigned char>(lower[end])))
          continue;
        auto it = by_form_.find(lower.substr(i, len));
        if (it == by_form_.end()) continue;
        best = {i, end, it->second};
        break;
      }
      // The same on stems, word by word: a longer match wins.
      if (ascii_alnum(first) && !by_stems_.empty()) {
        const auto words = ascii_words(lower, i, most_words_);
        std::vector<std::string> stems;
        for (const auto& [b, e] : words) stems.push_back(stemmer(lower.substr(b, e - b)));
        for (size_t n = words.size(); n >= 1 && words[n - 1].second > best.end; --n) {
          std::string key;
          for (size_t k = 0; k < n; ++k) {
            if (k) key += ' ';
            key += stems[k];
          }
          auto it = by_stems_.find(key);
          if (it == by_stems_.end()) continue;
          best = {i, words[n - 1].second, it->second};
          break;
        }
      }
    }
    if (best.end > best.begin) {
      out.push_back(best);
      i = best.end;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace regkg::index
