// What the index knows about one searchable unit (article, version, instrument or news item).
// Built by ingest from the graph; written by IndexWriter; returned, in part, by Searcher.
#pragma once

#include <string>
#include <vector>

namespace regkg::index {

struct SearchDocument {
  std::string id;             // graph node id
  std::string kind;           // article | version | instrument | news
  std::string title;          // display title
  std::string instrument_id;  // "" for news
  std::string instrument_title;
  std::string version_id;
  std::string article_label;            // "第十七条" / "Article 17"
  std::string date;                     // YYYY-MM-DD or ""
  std::string jurisdiction;             // "cn", "eu" …
  std::vector<std::string> issuers;     // actor slugs: "cac", "npcsc" …
  std::string text_zh;                  // Chinese text (indexed with CJK n-grams)
  std::string text_en;                  // English text (stemmed)
  std::vector<std::string> modalities;  // articles: modalities of their obligations
  std::vector<std::string> actors;      // actor slugs: bearers, mentioned actors, issuers
  // Searchable but not shown: the English of the same Chinese text in another version of the
  // instrument (a Chinese-only article found by an English query through its translation).
  std::string text_en_aligned;
  // Ranking signals (index_schema.h slot::kInForce, kSpecific).
  bool in_force = true;      // its version is the one in force (news: always)
  bool definitions = false;  // an article defining the terms of its law
};

}  // namespace regkg::index
