// Helpers for the diff tests: real statute and Compass files as the diff library's VersionText.
#pragma once

#include <string>

#include "diff/version_text.h"
#include "ingest/extract/obligation_extractor.h"
#include "ingest/sources/compass_json_parser.h"
#include "ingest/sources/diagnostics.h"
#include "ingest/sources/statute_markdown_parser.h"
#include "tests/test_support.h"

namespace regkg::test {

// A statute file of the corpus as a VersionText: numbers as in graph ids ("art-17", "art-17-1"),
// paragraphs joined by '\n' as the graph builder joins them, obligations from the extractor.
inline diff::VersionText statute_version(const std::string& relative) {
  ingest::Diagnostics diags;
  ingest::ParsedStatute st =
      ingest::parse_statute_markdown(relative, read_file(corpus_file(relative)), diags);
  diff::VersionText v;
  v.id = relative;
  for (const auto& a : st.articles) {
    diff::ArticleText t;
    t.number = "art-" + std::to_string(a.number) +
               (a.sub_number ? "-" + std::to_string(a.sub_number) : std::string());
    t.id = relative + "/" + t.number;
    t.label = a.label;
    for (const auto& p : a.paragraphs) t.text += (t.text.empty() ? "" : "\n") + p.text;
    for (const auto& o : ingest::extract_obligations_zh(t.text))
      t.obligations.push_back({"", o.modality, o.bearer, o.action, o.condition,
                               t.text.substr(o.begin, o.end - o.begin)});
    v.articles.push_back(std::move(t));
  }
  return v;
}

// The Chinese articles of a Compass articles file as a VersionText.
inline diff::VersionText compass_version(const std::string& relative) {
  ingest::Diagnostics diags;
  ingest::CompassFile f =
      ingest::parse_compass_json(relative, read_file(corpus_file(relative)), diags);
  diff::VersionText v;
  v.id = relative;
  for (const auto& p : f.provisions) {
    if (p.unit_type != "article") continue;
    diff::ArticleText t;
    t.number = "art-" + p.number;
    t.id = relative + "/" + t.number;
    t.label = p.original_title.empty() ? p.label : p.original_title;
    t.text = p.original.full_text;
    v.articles.push_back(std::move(t));
  }
  return v;
}

}  // namespace regkg::test
