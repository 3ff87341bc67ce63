// JsonOutput helpers: every string is checked for UTF-8 before it is written.
#include "server/json_output.h"

#include "text/utf8_validation.h"

namespace regkg::server {

void JsonOutput::string(std::string_view value) {
  if (text::is_valid_utf8(value)) {
    writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    return;
  }
  std::string clean;
  for (unsigned char c : value) clean += c < 0x80 ? static_cast<char>(c) : '?';
  writer_.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void JsonOutput::key(std::string_view key) {
  writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void JsonOutput::field(std::string_view k, std::string_view value) {
  key(k);
  string(value);
}

void JsonOutput::field_or_null(std::string_view k, std::string_view value) {
  key(k);
  if (value.empty())
    writer_.Null();
  else
    string(value);
}

void JsonOutput::field(std::string_view k, std::uint64_t value) {
  key(k);
  writer_.Uint64(value);
}

void JsonOutput::field_double(std::string_view k, double value) {
  key(k);
  writer_.Double(value);
}

}  // namespace regkg::server
