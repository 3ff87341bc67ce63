// read_config_file and parse_config_json.
#include "ingest/sources/json_config_file.h"
#include "text/whole_file.h"

#include <stdexcept>

#include <rapidjson/error/en.h>

namespace regkg::ingest {

std::string read_config_file(const std::filesystem::path& path, const std::string& what) {
  std::optional<std::string> contents = text::read_whole_file(path);
  if (!contents) throw std::runtime_error(path.string() + ": error: cannot read " + what);
  return std::move(*contents);
}

void parse_config_json(rapidjson::Document& doc, std::string_view json,
                       const std::string& source_name) {
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    throw std::runtime_error(source_name + ": error: invalid JSON at byte " +
                             std::to_string(doc.GetErrorOffset()) + ": " +
                             rapidjson::GetParseError_En(doc.GetParseError()));
}

std::string config_string(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace regkg::ingest
