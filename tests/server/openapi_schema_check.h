// A JSON value checked against an OpenAPI 3.0 schema object, for the subset the generated
// document uses (server/schema_notation.cpp): $ref to #/components/schemas/, allOf, type, format
// date, nullable, enum, properties, required, additionalProperties (false or a schema), items.
// Any other keyword is itself reported, so a schema cannot use a rule this check would skip.
#pragma once

#include <rapidjson/document.h>

#include <regex>
#include <string>
#include <vector>

namespace regkg::test {

class OpenApiSchemaCheck {
 public:
  // `document` is the whole OpenAPI document (for $ref); it must outlive the check.
  explicit OpenApiSchemaCheck(const rapidjson::Value& document) : document_(document) {}

  // What is wrong with `value` under `schema`, one line per fault ("$.results[0].date: null is
  // not allowed"); empty when it conforms.
  std::vector<std::string> violations(const rapidjson::Value& value,
                                      const rapidjson::Value& schema) const {
    std::vector<std::string> out;
    check(value, schema, "$", out);
    return out;
  }

 private:
  static std::string type_of(const rapidjson::Value& v) {
    if (v.IsNull()) return "null";
    if (v.IsBool()) return "boolean";
    if (v.IsObject()) return "object";
    if (v.IsArray()) return "array";
    if (v.IsString()) return "string";
    if (v.IsInt64() || v.IsUint64()) return "integer";
    return "number";
  }

  const rapidjson::Value* resolve(const std::string& ref) const {
    const std::string prefix = "#/components/schemas/";
    if (ref.rfind(prefix, 0) != 0) return nullptr;
    const auto& components = document_["components"]["schemas"];
    auto it = components.FindMember(ref.substr(prefix.size()).c_str());
    return it == components.MemberEnd() ? nullptr : &it->value;
  }

  void check(const rapidjson::Value& v, const rapidjson::Value& s, const std::string& at,
             std::vector<std::string>& out) const {
    static const char* const kKnown[] = {
        "$ref",  "allOf",      "type",     "format",      "nullable", "enum",
        "items", "properties", "required", "description", "example",  "additionalProperties"};
    for (const auto& m : s.GetObject()) {
      bool known = false;
      for (const char* k : kKnown) known = known || m.name.GetString() == std::string(k);
      if (!known) out.push_back(at + ": the schema uses '" + m.name.GetString() + "', not checked");
    }
    if (s.HasMember("$ref")) {
      const rapidjson::Value* target = resolve(s["$ref"].GetString());
      if (!target)
        out.push_back(at + ": unknown $ref " + s["$ref"].GetString());
      else
        check(v, *target, at, out);
      return;
    }
    const bool nullable = s.HasMember("nullable") && s["nullable"].GetBool();
    if (v.IsNull()) {
      if (!nullable && (s.HasMember("type") || s.HasMember("allOf")))
        out.push_back(at + ": null is not allowed");
      return;
    }
    if (s.HasMember("allOf"))
      for (const auto& part : s["allOf"].GetArray()) check(v, part, at, out);
    if (s.HasMember("enum")) {
      bool listed = false;
      for (const auto& e : s["enum"].GetArray()) listed = listed || e == v;
      if (!listed) out.push_back(at + ": " + describe(v) + " is not one of the enum's values");
    }
    if (!s.HasMember("type")) return;
    const std::string want = s["type"].GetString(), got = type_of(v);
    if (!(got == want || (want == "number" && got == "integer"))) {
      out.push_back(at + ": " + got + " where the schema says " + want);
      return;
    }
    if (want == "string" && s.HasMember("format") && s["format"] == "date") {
      static const std::regex date(R"(\d{4}-\d\d-\d\d)");
      if (!std::regex_match(v.GetString(), date))
        out.push_back(at + ": " + describe(v) + " is not a date (YYYY-MM-DD)");
    }
    if (want == "array" && s.HasMember("items")) {
      for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
        check(v[i], s["items"], at + "[" + std::to_string(i) + "]", out);
    }
    if (want != "object") return;
    if (s.HasMember("required"))
      for (const auto& key : s["required"].GetArray())
        if (!v.HasMember(key.GetString()))
          out.push_back(at + ": the required member '" + key.GetString() + "' is missing");
    for (const auto& m : v.GetObject()) {
      const std::string key = m.name.GetString(), here = at + "." + key;
      if (s.HasMember("properties") && s["properties"].HasMember(key.c_str())) {
        check(m.value, s["properties"][key.c_str()], here, out);
        continue;
      }
      if (!s.HasMember("additionalProperties")) continue;
      const auto& extra = s["additionalProperties"];
      if (extra.IsBool()) {
        if (!extra.GetBool()) out.push_back(here + ": a member the schema does not declare");
      } else {
        check(m.value, extra, here, out);
      }
    }
  }

  static std::string describe(const rapidjson::Value& v) {
    if (v.IsString()) return "\"" + std::string(v.GetString()) + "\"";
    return type_of(v);
  }

  const rapidjson::Value& document_;
};

}  // namespace regkg::test
