// link_sanctions: sanction nodes and their sanction_of, sanctions and imposed_by edges.
#include "ingest/assemble/sanction_linker.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "graph/vocabulary.h"

namespace regkg::ingest {

namespace {
namespace sanction_graph {

using graph::EdgeData;
using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;
using graph::Provenance;
using Vertex = KnowledgeGraph::Vertex;

Provenance provenance(const SanctionSite& site, graph::Symbol rule, float confidence, size_t begin,
                      size_t end) {
  Provenance p;
  p.file = site.file;
  p.line = site.line;
  p.json_path = site.json_path;
  p.rule = rule;
  p.confidence = confidence;
  p.span = std::to_string(begin) + "-" + std::to_string(end);
  return p;
}

bool add(KnowledgeGraph& g, Vertex from, Vertex to, std::string_view type, Provenance p,
         std::string note) {
  EdgeData e;
  e.type = std::string(type);
  e.provenance = std::move(p);
  e.note = std::move(note);
  return g.add_edge(from, to, std::move(e));
}

std::string number_text(const std::optional<long long>& v) {
  return v ? std::to_string(*v) : std::string();
}

// "…/art-66" -> (66, 0), "…/art-17-1" -> (17, 1); (0, 0) when the id has no article number.
std::pair<int, int> article_number(const std::string& article_id) {
  const size_t p = article_id.rfind("/art-");
  if (p == std::string::npos) return {0, 0};
  int number = 0, sub = 0;
  size_t i = p + 5;
  while (i < article_id.size() && article_id[i] >= '0' && article_id[i] <= '9' && number < 100000)
    number = number * 10 + (article_id[i++] - '0');
  if (i < article_id.size() && article_id[i] == '-')
    for (++i; i < article_id.size() && article_id[i] >= '0' && article_id[i] <= '9' && sub < 1000;)
      sub = sub * 10 + (article_id[i++] - '0');
  return {number, sub};
}

// The label: who imposes what ("有关主管部门: order_to_rectify, warning, fine ≤ 500000 yuan").
std::string label_of(const Sanction& s) {
  std::string measures;
  for (const auto& m : s.measures) measures += (measures.empty() ? "" : ", ") + m;
  std::string label =
      "sanction: " + (s.authority.empty() ? std::string("(no authority named)") : s.authority) +
      " — " + measures;
  if (s.fine.max_yuan) label += " ≤ " + std::to_string(*s.fine.max_yuan) + " yuan";
  return label;
}

// The enforced provisions as written, each once: "本法第二十七条、第二十九条、第三十条".
std::string enforces_text(const Sanction& s) {
  std::vector<std::string> seen;
  std::string out;
  for (const EnforcedProvision& e : s.enforces) {
    std::string t =
        e.kind == EnforcedProvision::Kind::other_instrument ? "《" + e.text + "》" : e.text;
    if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
    seen.push_back(t);
    out += (out.empty() ? "" : "、") + t;
  }
  return out;
}

// The span that named article (a, sub) in the clause's trigger, else the clause's.
std::pair<size_t, size_t> span_naming(const Sanction& s, int a, int sub) {
  for (const EnforcedProvision& e : s.enforces)
    if (e.kind == EnforcedProvision::Kind::article && e.article == a && e.sub_article == sub)
      return {e.begin, e.end};
  return {s.begin, s.end};
}

std::pair<size_t, size_t> span_of_kind(const Sanction& s, EnforcedProvision::Kind kind) {
  for (const EnforcedProvision& e : s.enforces)
    if (e.kind == kind) return {e.begin, e.end};
  return {s.begin, s.end};
}

}  // namespace sanction_graph
}  // namespace

void link_sanctions(graph::KnowledgeGraph& g, const AliasDictionary& actors,
                    const SanctionSite& site, const std::vector<Sanction>& sanctions,
                    SanctionLinkStats& stats) {
  using namespace sanction_graph;
  if (sanctions.empty()) return;
  // The texts first: adding vertices may move the article's node.
  std::vector<std::string> clause_texts;
  {
    const std::string& text = g.node(site.article).text_zh;
    for (const Sanction& s : sanctions)
      clause_texts.push_back(s.end <= text.size() && s.begin <= s.end
                                 ? text.substr(s.begin, s.end - s.begin)
                                 : std::string());
  }
  const std::optional<Vertex> version = g.find(site.version);
  const auto [own_number, own_sub] = article_number(site.article_id);
  (void)own_sub;

  for (size_t k = 0; k < sanctions.size(); ++k) {
    const Sanction& s = sanctions[k];
    NodeData n;
    n.id = site.article_id + "/sanction-" + std::to_string(k + 1);
    n.kind = NodeKind::sanction;
    n.label = label_of(s);
    n.text_zh = clause_texts[k];
    n.date = site.date;
    n.source = provenance(site, s.rule, s.confidence, s.begin, s.end);
    std::string measures;
    for (const auto& m : s.measures) measures += (measures.empty() ? "" : ",") + m;
    n.set_attr(graph::attr::kArticle, site.article_id);
    n.set_attr(graph::attr::kInstrument, site.instrument);
    n.set_attr(graph::attr::kVersion, site.version);
    n.set_attr(graph::attr::kMeasures, measures);
    n.set_attr(graph::attr::kOrdinal, std::to_string(k + 1));
    n.set_attr(graph::attr::kParagraph, std::to_string(s.paragraph));
    if (!s.authority.empty()) n.set_attr(graph::attr::kAuthority, s.authority);
    if (!s.condition.empty()) n.set_attr(graph::attr::kCondition, s.condition);
    if (const std::string e = enforces_text(s); !e.empty()) n.set_attr(graph::attr::kEnforces, e);
    const SanctionFine& f = s.fine;
    const std::pair<std::string_view, std::string> amounts[] = {
        {graph::attr::kFineMin, number_text(f.min_yuan)},
        {graph::attr::kFineMax, number_text(f.max_yuan)},
        {graph::attr::kFineMultipleMin, number_text(f.multiple_min)},
        {graph::attr::kFineMultipleMax, number_text(f.multiple_max)},
        {graph::attr::kFinePercentMin, number_text(f.percent_min)},
        {graph::attr::kFinePercentMax, number_text(f.percent_max)},
        {graph::attr::kFinePersonsMin, number_text(s.fine_responsible_persons.min_yuan)},
        {graph::attr::kFinePersonsMax, number_text(s.fine_responsible_persons.max_yuan)},
    };
    for (const auto& [key, value] : amounts)
      if (!value.empty()) n.set_attr(key, value);
    if (f.multiple_min || f.multiple_max)
      n.set_attr(graph::attr::kFineOf, f.multiple_of);
    else if (f.percent_min || f.percent_max)
      n.set_attr(graph::attr::kFineOf, f.percent_of);
    const Vertex sv = g.upsert_node(std::move(n));
    ++stats.sanctions;
    add(g, sv, site.article, graph::edge::kSanctionOf,
        provenance(site, s.rule, s.confidence, s.begin, s.end), {});

    // What it enforces: articles of the same version and their obligations.
    auto enforce_article = [&](const std::string& id, std::pair<size_t, size_t> span,
                               const std::string& note) {
      const std::optional<Vertex> av = g.find(id);
      if (!av) return;
      if (add(g, sv, *av, graph::edge::kSanctions,
              provenance(site, "zh.sanction.enforces", 0.85f, span.first, span.second), note))
        ++stats.enforced_links;
      // Only duties can be breached: the article's obligations and prohibitions, not what it
      // permits ("…有权通知…") or what the State encourages ("国家…支持研究开发…").
      std::vector<Vertex> obligations;
      g.for_each_in_edge(*av, [&](KnowledgeGraph::Edge e, Vertex from) {
        if (g.edge(e).type != graph::edge::kObligationOf) return;
        const NodeData& o = g.node(from);
        if (o.kind != NodeKind::obligation) return;
        const std::string* modality = o.attr(graph::attr::kModality);
        if (modality && (*modality == "obligation" || *modality == "prohibition"))
          obligations.push_back(from);
      });
      for (Vertex ov : obligations)
        if (add(g, sv, ov, graph::edge::kSanctions,
                provenance(site, "zh.sanction.enforces_obligation", 0.8f, span.first, span.second),
                note + " (an obligation of " + id + ")"))
          ++stats.obligation_links;
    };
    for (const auto& [a, sub] : s.targets.articles) {
      std::string id = site.version + "/art-" + std::to_string(a) +
                       (sub ? "-" + std::to_string(sub) : std::string());
      enforce_article(id, span_naming(s, a, sub),
                      "Article " + std::to_string(a) + (sub ? "-" + std::to_string(sub) : ""));
    }
    if (s.targets.preceding_article && own_number > 1)
      enforce_article(site.version + "/art-" + std::to_string(own_number - 1),
                      span_of_kind(s, EnforcedProvision::Kind::preceding_article), "前条");
    if (s.targets.whole && version) {
      auto span = span_of_kind(s, EnforcedProvision::Kind::whole);
      if (add(g, sv, *version, graph::edge::kSanctions,
              provenance(site, "zh.sanction.enforces_whole", 0.8f, span.first, span.second),
              "the instrument as a whole (本法/本条例/本办法规定)"))
        ++stats.enforced_links;
    }

    // The authority's actor, when the dictionary names it (organisations, then roles).
    if (s.authority.empty()) continue;
    const size_t at = clause_texts[k].find(s.authority);
    const size_t begin = at == std::string::npos ? s.begin : s.begin + at;
    std::vector<const ActorEntry*> bound;
    for (bool roles : {false, true}) {
      for (const AliasMatch& m : actors.find_all(s.authority, roles)) {
        if (std::find(bound.begin(), bound.end(), m.actor) != bound.end()) continue;
        bound.push_back(m.actor);
        const std::optional<Vertex> actor = g.find("actor/" + m.actor->id);
        if (!actor) continue;
        if (add(g, sv, *actor, graph::edge::kImposedBy,
                provenance(site, "sanction.authority.alias_match", s.confidence, begin,
                           begin + s.authority.size()),
                "authority '" + s.authority + "' matched '" + m.alias + "'"))
          ++stats.authority_links;
      }
    }
  }
}

}  // namespace regkg::ingest
