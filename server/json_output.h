// A small wrapper over RapidJSON's Writer for building response bodies. Strings that are not
// valid UTF-8 are written with replacement characters rather than producing invalid JSON.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace regkg::server {

class JsonOutput {
 public:
  // RapidJSON's writer, plus a string written by one copy when it needs no escaping.
  class Writer : public rapidjson::Writer<rapidjson::StringBuffer> {
   public:
    using rapidjson::Writer<rapidjson::StringBuffer>::Writer;
    // `s` must be well-formed UTF-8 without '"', '\\' or control characters (below 0x20): the
    // bytes RapidJSON's String() would write unchanged. Writes "s" as one string value.
    void plain_string(std::string_view s);
  };
  Writer& writer() { return writer_; }
  void string(std::string_view value);
  void field(std::string_view key, std::string_view value);
  // Writes null for an empty value.
  void field_or_null(std::string_view key, std::string_view value);
  void field(std::string_view key, std::uint64_t value);
  void field_double(std::string_view key, double value);
  void key(std::string_view key);
  std::string str() const { return buffer_.GetString(); }

 private:
  rapidjson::StringBuffer buffer_;
  Writer writer_{buffer_};
};

}  // namespace regkg::server
