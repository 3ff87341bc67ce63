// load_version: a version's articles and obligations from the graph.
#include "diff/version_loader.h"

#include <algorithm>
#include <string>

#include "graph/vocabulary.h"

namespace regkg::diff {

namespace {

using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;

long number_attr(const NodeData& n, std::string_view key) {
  const std::string* s = n.attr(key);
  if (!s || s->empty() || s->size() > 9 || s->find_first_not_of("0123456789") != std::string::npos)
    return 1L << 40;
  return std::stol(*s);
}

std::string attr_or(const NodeData& n, std::string_view key) {
  const std::string* s = n.attr(key);
  return s ? *s : std::string();
}

// Calls on_article(article) for every article under `version`, at any depth of part / chapter /
// section (found through part_of edges), in the order of a depth-first walk, not document order.
template <typename OnArticle>
void for_each_article(const KnowledgeGraph& g, KnowledgeGraph::Vertex version,
                      OnArticle&& on_article) {
  std::vector<KnowledgeGraph::Vertex> stack{version};
  while (!stack.empty()) {
    KnowledgeGraph::Vertex cur = stack.back();
    stack.pop_back();
    g.for_each_in_edge(cur, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex child) {
      if (g.edge(e).type != graph::edge::kPartOf) return;
      NodeKind k = g.node(child).kind;
      if (k == NodeKind::article)
        on_article(child);
      else if (k == NodeKind::part || k == NodeKind::chapter || k == NodeKind::section)
        stack.push_back(child);
    });
  }
}

}  // namespace

std::string article_number_key(std::string_view article_id) {
  size_t slash = article_id.rfind('/');
  return std::string(slash == std::string_view::npos ? article_id : article_id.substr(slash + 1));
}

VersionText load_version(const KnowledgeGraph& g, KnowledgeGraph::Vertex version) {
  const NodeData& vn = g.node(version);
  VersionText out;
  out.id = vn.id;
  out.instrument = attr_or(vn, graph::attr::kInstrument);
  out.label = vn.label;
  out.date = vn.date;
  out.effective = attr_or(vn, graph::attr::kEffective);
  out.status = attr_or(vn, graph::attr::kStatus) == "draft" ? "draft" : "final";

  // Articles under the version, put in document order by their ordinal (then as found).
  struct Found {
    long ordinal;
    size_t seen;
    KnowledgeGraph::Vertex v;
  };
  std::vector<Found> found;
  for_each_article(g, version, [&](KnowledgeGraph::Vertex article) {
    found.push_back({number_attr(g.node(article), graph::attr::kOrdinal), found.size(), article});
  });
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.ordinal != b.ordinal ? a.ordinal < b.ordinal : a.seen < b.seen;
  });

  for (const Found& f : found) {
    const NodeData& an = g.node(f.v);
    ArticleText a;
    a.id = an.id;
    a.number = article_number_key(an.id);
    a.label = an.label;
    bool zh = !an.text_zh.empty();
    a.text = zh ? an.text_zh : an.text_en;
    std::vector<std::pair<long, KnowledgeGraph::Vertex>> obligations;
    g.for_each_in_edge(f.v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex o) {
      if (g.edge(e).type != graph::edge::kObligationOf || g.node(o).kind != NodeKind::obligation)
        return;
      // Obligations of the text being compared: Chinese ones for a Chinese text.
      if (attr_or(g.node(o), graph::attr::kLanguage) != (zh ? "zh" : "en")) return;
      obligations.push_back({number_attr(g.node(o), graph::attr::kOrdinal), o});
    });
    std::stable_sort(obligations.begin(), obligations.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [ordinal, o] : obligations) {
      const NodeData& on = g.node(o);
      ObligationText t;
      t.id = on.id;
      t.modality = attr_or(on, graph::attr::kModality);
      t.bearer = attr_or(on, graph::attr::kBearer);
      t.action = attr_or(on, graph::attr::kAction);
      t.condition = attr_or(on, graph::attr::kCondition);
      t.text = zh ? on.text_zh : on.text_en;
      a.obligations.push_back(std::move(t));
    }
    out.articles.push_back(std::move(a));
  }
  return out;
}

std::size_t count_articles(const KnowledgeGraph& g, KnowledgeGraph::Vertex version) {
  std::size_t count = 0;
  for_each_article(g, version, [&](KnowledgeGraph::Vertex) { ++count; });
  return count;
}

std::optional<VersionText> load_version(const KnowledgeGraph& g, std::string_view id) {
  auto v = g.find(id);
  if (!v || g.node(*v).kind != NodeKind::version) return std::nullopt;
  return load_version(g, *v);
}

}  // namespace regkg::diff
