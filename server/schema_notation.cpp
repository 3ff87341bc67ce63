// The schema notation's parser (recursive descent) and its JSON Schema writer.
#include "server/schema_notation.h"

#include <cctype>
#include <stdexcept>

namespace regkg::server {

namespace {

class SchemaParser {
 public:
  explicit SchemaParser(std::string_view text) : text_(text) {}

  std::shared_ptr<const SchemaNode> parse_all() {
    auto node = parse_type();
    skip_space();
    if (pos_ != text_.size()) fail("end of the schema");
    return node;
  }

 private:
  [[noreturn]] void fail(const std::string& expected) const {
    throw std::invalid_argument("schema '" + std::string(text_) + "' at " + std::to_string(pos_) +
                                ": expected " + expected);
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!take(c)) fail(std::string("'") + c + "'");
  }
  std::string word() {
    skip_space();
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == '.' || text_[pos_] == '-'))
      ++pos_;
    if (start == pos_) fail("a name");
    return std::string(text_.substr(start, pos_ - start));
  }

  std::shared_ptr<const SchemaNode> parse_type() {
    auto node = std::make_shared<SchemaNode>();
    using Kind = SchemaNode::Kind;
    if (take('[')) {
      node->kind = Kind::array;
      node->items = parse_type();
      expect(']');
    } else if (take('{')) {
      node->kind = Kind::object;
      if (take('*')) {
        node->kind = Kind::map;
        expect(':');
        node->items = parse_type();
        expect('}');
      } else if (!take('}')) {
        do {
          SchemaNode::Field f;
          f.key = word();
          f.optional = take('?');
          expect(':');
          f.type = parse_type();
          if (take('`')) {
            size_t close = text_.find('`', pos_);
            if (close == std::string_view::npos) fail("the closing '`' of a description");
            f.description = std::string(text_.substr(pos_, close - pos_));
            pos_ = close + 1;
          }
          node->fields.push_back(std::move(f));
        } while (take(','));
        expect('}');
      }
    } else if (take('(')) {
      node->kind = Kind::string;
      do node->choices.push_back(word());
      while (take('|'));
      expect(')');
    } else {
      std::string name = word();
      static const std::pair<const char*, Kind> kBases[] = {
          {"string", Kind::string},   {"integer", Kind::integer}, {"number", Kind::number},
          {"boolean", Kind::boolean}, {"date", Kind::date},       {"any", Kind::any}};
      bool found = false;
      for (const auto& [base, kind] : kBases)
        if (name == base) node->kind = kind, found = true;
      if (!found) {
        if (!std::isupper(static_cast<unsigned char>(name[0])))
          fail("a type (string, integer, number, boolean, date, any or a Component)");
        node->kind = Kind::ref;
        node->ref = name;
      }
    }
    node->nullable = take('?');
    return node;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

rapidjson::Value str_value(const std::string& s, rapidjson::Document::AllocatorType& alloc) {
  return rapidjson::Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

}  // namespace

std::shared_ptr<const SchemaNode> parse_schema(std::string_view text) {
  return SchemaParser(text).parse_all();
}

rapidjson::Value to_json_schema(const SchemaNode& node, rapidjson::Document::AllocatorType& alloc) {
  using Kind = SchemaNode::Kind;
  rapidjson::Value out(rapidjson::kObjectType);
  auto type = [&](const char* t) { out.AddMember("type", rapidjson::StringRef(t), alloc); };
  switch (node.kind) {
    case Kind::string:
      type("string");
      if (!node.choices.empty()) {
        rapidjson::Value choices(rapidjson::kArrayType);
        for (const auto& c : node.choices) choices.PushBack(str_value(c, alloc), alloc);
        out.AddMember("enum", choices, alloc);
      }
      break;
    case Kind::integer:
      type("integer");
      break;
    case Kind::number:
      type("number");
      break;
    case Kind::boolean:
      type("boolean");
      break;
    case Kind::date:
      type("string");
      out.AddMember("format", "date", alloc);
      break;
    case Kind::any:
      break;
    case Kind::ref: {
      rapidjson::Value ref(rapidjson::kObjectType);
      ref.AddMember("$ref", str_value("#/components/schemas/" + node.ref, alloc), alloc);
      if (!node.nullable) return ref;
      // OpenAPI 3.0 ignores siblings of $ref: a nullable reference is wrapped.
      rapidjson::Value all(rapidjson::kArrayType);
      all.PushBack(ref, alloc);
      out.AddMember("allOf", all, alloc);
      break;
    }
    case Kind::array:
      type("array");
      out.AddMember("items", to_json_schema(*node.items, alloc), alloc);
      break;
    case Kind::map:
      type("object");
      out.AddMember("additionalProperties", to_json_schema(*node.items, alloc), alloc);
      break;
    case Kind::object: {
      type("object");
      rapidjson::Value props(rapidjson::kObjectType), required(rapidjson::kArrayType);
      for (const auto& f : node.fields) {
        rapidjson::Value member = to_json_schema(*f.type, alloc);
        if (!f.description.empty()) {
          // OpenAPI 3.0 ignores siblings of $ref: a described reference is wrapped.
          if (member.HasMember("$ref")) {
            rapidjson::Value all(rapidjson::kArrayType);
            all.PushBack(member, alloc);
            member.SetObject();
            member.AddMember("allOf", all, alloc);
          }
          member.AddMember("description", str_value(f.description, alloc), alloc);
        }
        props.AddMember(str_value(f.key, alloc), member, alloc);
        if (!f.optional) required.PushBack(str_value(f.key, alloc), alloc);
      }
      out.AddMember("properties", props, alloc);
      if (!required.Empty()) out.AddMember("required", required, alloc);
      out.AddMember("additionalProperties", false, alloc);
      break;
    }
  }
  if (node.nullable) out.AddMember("nullable", true, alloc);
  return out;
}

}  // namespace regkg::server
