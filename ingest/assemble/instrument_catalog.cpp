// InstrumentCatalog and the id/title normalisation rules for instruments.
#include "ingest/assemble/instrument_catalog.h"
#include "ingest/sources/json_config_file.h"
#include "text/chinese_title.h"

#include <stdexcept>

#include <rapidjson/document.h>

namespace regkg::ingest {

InstrumentCatalog InstrumentCatalog::load(const std::filesystem::path& path) {
  return from_json(read_config_file(path, "instrument catalog"), path.string());
}

InstrumentCatalog InstrumentCatalog::from_json(std::string_view json,
                                               const std::string& source_name) {
  rapidjson::Document doc;
  parse_config_json(doc, json, source_name);
  if (!doc.IsObject() || !doc.HasMember("instruments") || !doc["instruments"].IsArray())
    throw std::runtime_error(source_name +
                             ": error: expected an object with an 'instruments' array");
  InstrumentCatalog catalog;
  for (const auto& v : doc["instruments"].GetArray()) {
    if (!v.IsObject()) continue;
    CuratedInstrument e{config_string(v, "id"), text::normalize_cn_title(config_string(v, "zh")),
                        config_string(v, "en")};
    if (e.id.empty() || e.zh.empty())
      throw std::runtime_error(source_name + ": error: an instrument needs 'id' and 'zh'");
    catalog.by_zh_.emplace(e.zh, catalog.entries_.size());
    catalog.entries_.push_back(std::move(e));
  }
  if (auto it = doc.FindMember("compass_aliases"); it != doc.MemberEnd() && it->value.IsObject())
    for (const auto& kv : it->value.GetObject())
      if (kv.value.IsString()) catalog.compass_aliases_[kv.name.GetString()] = kv.value.GetString();
  return catalog;
}

std::string InstrumentCatalog::compass_alias(const std::string& compass_id) const {
  auto it = compass_aliases_.find(compass_id);
  return it == compass_aliases_.end() ? std::string() : it->second;
}

const CuratedInstrument* InstrumentCatalog::find_zh(std::string_view normalized_title) const {
  auto it = by_zh_.find(std::string(normalized_title));
  return it == by_zh_.end() ? nullptr : &entries_[it->second];
}

std::string compass_instrument_id(std::string_view compass_id, std::string_view jurisdiction) {
  std::string juris = jurisdiction.empty() ? std::string("int") : std::string(jurisdiction);
  std::string prefix = juris + "-";
  if (compass_id.substr(0, prefix.size()) == prefix && compass_id.size() > prefix.size())
    return juris + "/" + std::string(compass_id.substr(prefix.size()));
  return juris + "/" + std::string(compass_id);
}

std::string id_segment(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case ' ':
      case '\t':
        if (!out.empty() && out.back() != '-') out.push_back('-');
        break;
      case '/':
      case '?':
      case '#':
      case '%':
      case '@':
      case '"':
      case '\\':
      case '\n':
      case '\r':
        break;
      default:
        out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace regkg::ingest
