// JsonOutput helpers: every string is checked for UTF-8 before it is written; one that needs no
// escaping is copied whole.
#include "server/json_output.h"

#include <cstring>

#include "text/utf8_validation.h"

namespace regkg::server {

void JsonOutput::Writer::plain_string(std::string_view s) {
  Prefix(rapidjson::kStringType);
  char* out = os_->Push(s.size() + 2);
  out[0] = '"';
  if (!s.empty()) std::memcpy(out + 1, s.data(), s.size());  // an empty view may hold nullptr
  out[s.size() + 1] = '"';
  EndValue(true);
}

void JsonOutput::string(std::string_view value) {
  const text::Utf8JsonScan scan = text::scan_utf8_for_json(value);
  // Most strings (ids, labels, paths, rule names) need no escaping: copied in one go.
  if (scan.valid && !scan.needs_escape) return writer_.plain_string(value);
  if (scan.valid) {
    writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    return;
  }
  std::string clean;
  for (unsigned char c : value) clean += c < 0x80 ? static_cast<char>(c) : '?';
  writer_.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void JsonOutput::key(std::string_view key) {
  // Keys are the code's own ASCII names: copied unless one ever needs escaping.
  const text::Utf8JsonScan scan = text::scan_utf8_for_json(key);
  if (scan.valid && !scan.needs_escape) return writer_.plain_string(key);
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
