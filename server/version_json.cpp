// write_version_object: one version with its dates, status and lineage.
#include "server/version_json.h"

#include "diff/version_loader.h"

namespace regkg::server {

void write_version_object(JsonOutput& out, const graph::KnowledgeGraph& g,
                          graph::KnowledgeGraph::Vertex version, std::optional<bool> in_force) {
  using graph::KnowledgeGraph;
  const graph::NodeData& n = g.node(version);
  auto& w = out.writer();
  auto attr = [&n](const char* key) {
    const std::string* v = n.attr(key);
    return v ? *v : std::string();
  };
  w.StartObject();
  out.field("id", n.id);
  out.field("label", n.label);
  out.field_or_null("date", n.date);
  out.field_or_null("effective", attr("effective"));
  const bool draft = attr("status") == "draft";
  out.field("status", draft ? "draft" : "final");
  out.field("article_count", diff::count_articles(g, version));
  out.key("text_in_corpus");
  w.Bool(attr("text_in_corpus") != "no");
  if (draft) {
    out.field_or_null("published", attr("published"));
    out.field_or_null("comment_deadline", attr("comment_deadline"));
  }
  if (in_force) {
    out.key("in_force");
    w.Bool(*in_force);
  }
  out.field("source_file", n.source.file);
  // Lineage: supersedes / superseded_by (version chains and drafts), draft_of / drafts.
  auto list = [&](const char* key, const char* type, bool outgoing) {
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
  list("supersedes", "supersedes", true);
  list("superseded_by", "supersedes", false);
  list("draft_of", "draft_of", true);
  list("drafts", "draft_of", false);
  w.EndObject();
}

}  // namespace regkg::server
