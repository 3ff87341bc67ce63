// A small reader for the YAML subset used in news front matter: block maps and lists by
// indentation, plain / single-quoted / double-quoted scalars, and one-line flow [..] / {..}.
// Not a YAML implementation: anchors, tags, block scalars (| >), multi-line scalars and
// multi-document streams are rejected with a ParseError naming the line.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

struct FrontMatterNode {
  enum class Kind { null, scalar, list, map };
  Kind kind = Kind::null;
  std::string scalar;   // the decoded text of a scalar (escapes resolved, quotes removed)
  bool quoted = false;  // the scalar was quoted: "2024-01-08" is text, 2024-01-08 may be a date
  int line = 0;         // 1-based line in the file where the node starts
  std::vector<FrontMatterNode> items;                            // Kind::list
  std::vector<std::pair<std::string, FrontMatterNode>> entries;  // Kind::map, in file order

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_list() const { return kind == Kind::list; }
  bool is_map() const { return kind == Kind::map; }

  // The value of `key` in a map, or nullptr (also for non-maps).
  const FrontMatterNode* find(std::string_view key) const;
  // The scalar text of `key`, or "" when it is missing, null or not a scalar.
  std::string text(std::string_view key) const;
};

// Parses front matter text (the lines between the two `---` markers). `first_line` is the file
// line number of the first line of `yaml`, so node lines and error lines refer to the file.
// Returns a map node (an empty map for empty front matter). Throws ParseError(path, line, …) for
// anything outside the subset: bad indentation, tabs, duplicate keys, unterminated quotes, bad
// escapes, block scalars, anchors/aliases/tags. Thread-safe; the caller owns the tree.
FrontMatterNode read_front_matter(const std::string& path, std::string_view yaml, int first_line);

}  // namespace regkg::ingest
