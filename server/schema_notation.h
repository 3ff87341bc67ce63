// A compact notation for the JSON answers' schemas, so that a route's answer is described in one
// line of its table row instead of forty lines of JSON Schema:
//
//   type   := base ['?']                      '?': may be null
//   base   := string | integer | number | boolean | date | any
//           | '(' word {'|' word} ')'         a string, one of these words
//           | Name                            a component schema (#/components/schemas/Name)
//           | '[' type ']'                    an array of type
//           | '{' [field {',' field}] '}'     an object with exactly these members
//           | '{' '*' ':' type '}'            an object mapping any key to type
//   field  := key ['?'] ':' type ['`' text '`']   key '?': the member may be absent; the text
//                                                 describes the member
//
// e.g. "{total: integer, next_cursor: PageCursor?, results: [NodeRef], date: date? `or null`}".
// The answers follow one rule: every member is always written, null when it has no value, so
// routes declare no absent ('?' after the key) members (tests/server/test_openapi.cpp).
// parse_schema builds the tree; to_json_schema writes it as OpenAPI 3.0 JSON Schema.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

namespace regkg::server {

struct SchemaNode {
  enum class Kind { string, integer, number, boolean, date, any, ref, array, object, map };
  struct Field {
    std::string key;
    bool optional = false;
    std::shared_ptr<const SchemaNode> type;
    std::string description;  // "" when none
  };
  Kind kind = Kind::any;
  bool nullable = false;
  std::vector<std::string> choices;         // Kind::string: the allowed words (none: any)
  std::string ref;                          // Kind::ref: the component's name
  std::shared_ptr<const SchemaNode> items;  // Kind::array and Kind::map: the element type
  std::vector<Field> fields;                // Kind::object
};

// Throws std::invalid_argument naming the position and what was expected.
std::shared_ptr<const SchemaNode> parse_schema(std::string_view text);

// The node as an OpenAPI 3.0 schema object (components as $ref to #/components/schemas/).
rapidjson::Value to_json_schema(const SchemaNode& node, rapidjson::Document::AllocatorType& alloc);

}  // namespace regkg::server
