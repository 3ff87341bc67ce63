// Versions known from facts rather than from a text in the corpus (corpus/facts/versions.json):
// drafts published for comment, with their dates, issuer and the final version they led to. Adds
// each as a version node with status "draft" (never in force, see graph/in_force.h), linked to its
// instrument, its final version (draft_of; the final supersedes it) and its issuer, with events for
// publication and the comment deadline; then, after news linking, links the news about the
// instrument that reports the draft to the draft version. Every node and edge carries the facts
// file as provenance (rule "facts.version…", confidence 1.0; news links lower). Single-threaded.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

struct VersionFact {
  std::string instrument;  // "cn/generative-ai-measures"
  std::string date;        // version date, YYYY-MM-DD: the id is <instrument>@<date>
  std::string status;      // "draft"
  std::string title_zh, title_en;
  std::string issuer;            // actor id in actors.json ("cac"), optional
  std::string published;         // YYYY-MM-DD, optional
  std::string comment_deadline;  // YYYY-MM-DD, optional
  std::string final_version;     // the version it became, optional
  bool text_in_corpus = false;
  std::string note;
  std::vector<std::string> news_words;  // words in a news item that point at the draft
  std::string json_path;                // "$.versions[0]"
};

// The provenance path of the facts file in the project.
inline constexpr const char* kVersionFactsFile = "corpus/facts/versions.json";

// Reads versions.json. Throws std::runtime_error naming the file for unreadable or malformed JSON
// and for a record without instrument, a valid date or status.
std::vector<VersionFact> load_version_facts(const std::filesystem::path& path);
std::vector<VersionFact> version_facts_from_json(std::string_view json,
                                                 const std::string& source_name);

// Adds the facts to the graph (after build_graph). A fact naming an instrument or final version
// that is not in the graph is a warning and is skipped. Returns the number of versions added.
size_t add_version_facts(graph::KnowledgeGraph& graph, const std::vector<VersionFact>& facts,
                         Diagnostics& diags);

// After news linking: an `about` edge from each news item about a fact's instrument to the draft
// version when the item names one of the fact's news_words (confidence 0.8), or was published
// between the draft and the final version (0.6). Returns the number of links.
size_t link_news_to_version_facts(graph::KnowledgeGraph& graph,
                                  const std::vector<VersionFact>& facts);

}  // namespace regkg::ingest
