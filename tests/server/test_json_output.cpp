// JsonOutput (server/json_output.h): strings written by the one-copy path are byte for byte what
// RapidJSON's own String() writes, for every kind of byte that needs escaping or not.
#include "server/json_output.h"

#include "text/utf8_validation.h"

#include <random>
#include <string>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

namespace {

using regkg::server::JsonOutput;

std::string via_json_output(std::string_view s) {
  JsonOutput out;
  out.writer().StartArray();
  out.string(s);
  out.writer().EndArray();
  return out.str();
}

std::string via_rapidjson(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartArray();
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  w.EndArray();
  return buf.GetString();
}

}  // namespace

TEST_CASE("json output: strings equal what RapidJSON writes (escaped or copied)") {
  const char* cases[] = {"",
                         "cn/生成式人工智能服务管理暂行办法@2023-07-10/art-17",
                         "statutes-zh/行政法规/不动产登记暂行条例(2019-03-24).md",
                         "a\"quote",
                         "back\\slash at byte 9",
                         "tab\there",
                         "12345678\"",  // the escaped byte in the second word
                         "1234567\n",   // in the last byte of the first word
                         "\x1f\x20\x7f",
                         "第一条 为了促进生成式人工智能健康发展和规范应用\x01"};
  for (const char* c : cases) {
    CAPTURE(c);
    CHECK(via_json_output(c) == via_rapidjson(c));
  }
  // Random strings from an alphabet of escaped and plain bytes, each as its own value in an
  // object with keys, so that the writer's commas and colons stay right around the copies.
  std::mt19937 rng(20261207);
  const std::string alphabet = std::string("ab\"\\\x01\x1f /:@") + "中文";
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const int len = static_cast<int>(rng() % 24);
    for (int i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    if (!regkg::text::is_valid_utf8(s)) continue;
    CAPTURE(s);
    JsonOutput out;
    out.writer().StartObject();
    out.field("k", s);
    out.field("n", std::uint64_t{1});
    out.field("k2", s);
    out.writer().EndObject();
    rapidjson::Document d;
    d.Parse(out.str().c_str());
    REQUIRE(!d.HasParseError());
    CHECK(std::string(d["k"].GetString(), d["k"].GetStringLength()) == s);
    CHECK(std::string(d["k2"].GetString(), d["k2"].GetStringLength()) == s);
    CHECK(via_json_output(s) == via_rapidjson(s));
  }
}
