// Judged queries for the relevance benchmark (tests/gold/relevance_*.json, issue 23): loading,
// resolving each judged item (a corpus file and an article number, written without knowing
// regkg's ids) to the graph's node ids, and scoring a ranked list of hits (success@5, MRR@10,
// NDCG@10). The caller owns the graph; a JudgedSet only keeps ids.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"

namespace regkg::bench {

// One judged item: what the annotator wrote, and the ids it stands for once resolved.
struct JudgedItem {
  std::string file;     // corpus-relative path
  std::string article;  // "38", "17-1"; empty for a whole instrument or a news item
  std::string unit;     // a non-numeric unit of a JSON source ("rec-12"), else empty
  int grade = 1;        // 2: the best answers, 1: relevant
  bool any_version = false;
  // Equivalent copies (the same text in another file or version): a hit on any of them counts.
  std::vector<JudgedItem> alt;
  // Resolved: exact article ids (any_version: every version's), or an instrument / news id.
  std::vector<std::string> article_ids;
  std::string instrument_id;  // whole-instrument items: a version or instrument hit of it counts
  std::string news_id;
  std::string unresolved;  // why it could not be resolved, else empty
};

struct JudgedQuery {
  std::string id, q, lang, type, note;
  std::vector<JudgedItem> items;
};

struct JudgedSet {
  std::string path;
  std::vector<JudgedQuery> queries;
};

// Reads a judged set; throws std::runtime_error naming the file on malformed JSON.
JudgedSet load_judged_set(const std::filesystem::path& path);

// Fills each item's ids from the graph (provenance files, also_from, article numbers).
void resolve_items(JudgedSet& set, const graph::KnowledgeGraph& graph);

// A hit as the metrics see it.
struct RankedHit {
  std::string id, kind, instrument_id;
};

// The grade a hit earns for a query (0: not relevant) and the judged item it matched (index into
// query.items, or -1).
int grade_of(const JudgedQuery& query, const RankedHit& hit, int* item_index = nullptr);

struct QueryScore {
  double success5 = 0, rr10 = 0, ndcg10 = 0;
  int first_relevant_rank = 0;  // 1-based, 0 when none in the list
};

// Scores one ranked list: each judged item counts once (later hits of the same item gain 0).
QueryScore score_query(const JudgedQuery& query, const std::vector<RankedHit>& ranked);

// Means of scores over a group of queries.
struct GroupScore {
  size_t queries = 0;
  double success5 = 0, mrr10 = 0, ndcg10 = 0;
  void add(const QueryScore& s);
  void finish();
};

}  // namespace regkg::bench
