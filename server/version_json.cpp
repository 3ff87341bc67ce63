// write_version_object: one version with its dates, status and lineage.
#include "server/version_json.h"

#include "diff/version_loader.h"
#include "graph/vocabulary.h"

namespace regkg::server {

void write_version_object(JsonOutput& out, const graph::KnowledgeGraph& g,
                          graph::KnowledgeGraph::Vertex version, std::optional<bool> in_force) {
  using graph::KnowledgeGraph;
  const graph::NodeData& n = g.node(version);
  auto& w = out.writer();
  auto attr = [&n](std::string_view key) {
    const std::string* v = n.attr(key);
    return v ? *v : std::string();
  };
  w.StartObject();
  out.field("id", n.id);
  out.field("label", n.label);
  out.field_or_null("date", n.date);
  out.field_or_null("effective", attr(graph::attr::kEffective));
  const bool draft = attr(graph::attr::kStatus) == "draft";
  out.field("status", draft ? "draft" : "final");
  out.field("article_count", diff::count_articles(g, version));
  out.key("text_in_corpus");
  w.Bool(attr(graph::attr::kTextInCorpus) != "no");
  // Every member is written; null when unknown (a final version has no comment deadline).
  out.field_or_null("published", attr(graph::attr::kPublished));
  out.field_or_null("comment_deadline", attr(graph::attr::kCommentDeadline));
  out.key("in_force");
  if (in_force)
    w.Bool(*in_force);
  else
    w.Null();
  out.field("source_file", n.source.file);
  // Lineage: supersedes / superseded_by (version chains and drafts), draft_of / drafts.
  auto list = [&](const char* key, std::string_view type, bool outgoing) {
    out.key(key);
    w.StartArray();
    auto each = [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex other) {
      if (g.edge(e).type == type) out.string(g.node(other).id);
    };
    if (outgoing)
      g.for_each_out_edge(version, each);
    else
      g.for_each_in_edge(version, each);
    w.EndArray();
  };
  // (The answer's keys are the wire format; the edge types come from the vocabulary.)
  list("supersedes", graph::edge::kSupersedes, true);
  list("superseded_by", graph::edge::kSupersedes, false);
  list("draft_of", graph::edge::kDraftOf, true);
  list("drafts", graph::edge::kDraftOf, false);
  w.EndObject();
}

}  // namespace regkg::server
