// Reading regkg's own JSON configuration (corpus/dictionaries/*.json): one place for the file
// read and the parse-error message, shared by the alias dictionary, the instrument catalog and
// the news linker.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace regkg::ingest {

// The whole file; throws std::runtime_error "path: error: cannot read <what>".
std::string read_config_file(const std::filesystem::path& path, const std::string& what);

// The string member `key` of `obj`, or "" when it is missing or not a string.
std::string config_string(const rapidjson::Value& obj, const char* key);

// Parses `json` into `doc`; throws std::runtime_error "source: error: invalid JSON at byte N: …".
void parse_config_json(rapidjson::Document& doc, std::string_view json,
                       const std::string& source_name);

}  // namespace regkg::ingest
