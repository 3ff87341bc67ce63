// read_config_file and parse_config_json.
#include "ingest/sources/json_config_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <rapidjson/error/en.h>

namespace regkg::ingest {

std::string read_config_file(const std::filesystem::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": error: cannot read " + what);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
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
