// JsonOutput helpers and UTF-8 checking for request parameters and response strings.
#include "server/json_output.h"

#include <cstdint>
#include <cstring>

namespace regkg::server {

bool valid_utf8(std::string_view s) {
  // Hot: every string of every response passes here. ASCII runs are checked 8 bytes at a time
  // and the 3-byte sequences of Chinese text without the general decoding loop.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0, n = s.size();
  while (i < n) {
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xF0) == 0xE0 && i + 2 < n) {
      unsigned char c1 = p[i + 1], c2 = p[i + 2];
      if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return false;
      if (c == 0xE0 && c1 < 0xA0) return false;   // overlong
      if (c == 0xED && c1 >= 0xA0) return false;  // surrogates
      i += 3;
      continue;
    }
    size_t len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = p[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

void JsonOutput::string(std::string_view value) {
  if (valid_utf8(value)) {
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
