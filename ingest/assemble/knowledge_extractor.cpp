// extract_knowledge: obligations, citations, references, dates, candidate actors, news links.
#include "ingest/assemble/knowledge_extractor.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "graph/vocabulary.h"
#include "ingest/assemble/instrument_catalog.h"
#include "ingest/assemble/sanction_linker.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/extract/article_analysis.h"
#include "ingest/extract/chapter_bearer.h"
#include "ingest/extract/citation_extractor.h"
#include "ingest/extract/date_extractor.h"
#include "ingest/extract/obligation_extractor.h"
#include "text/chinese_title.h"
#include "text/utf8.h"

namespace regkg::ingest {

namespace {

using graph::EdgeData;
using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;
using graph::Provenance;
using Vertex = KnowledgeGraph::Vertex;

std::string attr_of(const NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  return v ? *v : std::string();
}

std::string span_of(size_t begin, size_t end) {
  return std::to_string(begin) + "-" + std::to_string(end);
}

std::string clip(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  return s.substr(0, text::code_point_boundary(s, max_bytes)) + "…";
}

// An article to analyse. Its texts stay in the graph (read through `v`): copying them for every
// article was a tenth of a refresh.
struct ArticleJob {
  Vertex v;
  std::string id, version, instrument, date, json_path;
  graph::Symbol file;
  int line = 0;
};

class Extractor {
 public:
  Extractor(KnowledgeGraph& g, const AliasDictionary& actors, const NewsLinker& linker,
            Diagnostics& diags, ArticleAnalysisCache* cache)
      : g_(g), actors_(actors), linker_(linker), diags_(diags), cache_(cache) {}

  ExtractionStats run(unsigned threads) {
    index_instruments();
    std::vector<ArticleJob> jobs = collect_articles();
    std::vector<std::shared_ptr<const ArticleAnalysis>> analyses(jobs.size());
    const size_t hits_before = cache_ ? cache_->hits() : 0;
    threads = std::max(1u, threads);
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
      workers.emplace_back([&, t] {
        for (size_t i = t; i < jobs.size(); i += threads) {
          // The graph is not changed while the analyses run.
          const ArticleJob& j = jobs[i];
          const NodeData& article = g_.node(j.v);
          analyses[i] = cache_ ? cache_->analyse(article.text_zh, article.text_en, j.date)
                               : std::make_shared<const ArticleAnalysis>(
                                     analyse_article(article.text_zh, article.text_en, j.date));
        }
      });
    for (auto& w : workers) w.join();
    if (cache_) {
      stats_.articles_reused = cache_->hits() - hits_before;
      stats_.articles_analysed = jobs.size() - stats_.articles_reused;
    } else {
      stats_.articles_analysed = jobs.size();
    }
    std::vector<std::reference_wrapper<const ArticleAnalysis>> results;
    results.reserve(analyses.size());
    for (const auto& a : analyses) results.emplace_back(*a);

    // Per version: the chapter's party for the obligations that name none.
    const std::vector<std::vector<ChapterBearer>> inferred = chapter_bearers(jobs, results);
    std::map<std::string, std::vector<std::pair<size_t, size_t>>>
        org_mentions;  // name -> (job, pos)
    for (size_t i = 0; i < jobs.size(); ++i) {
      on_behalf_of(jobs[i].file);
      apply_obligations(jobs[i], results[i], inferred[i]);
      apply_citations(jobs[i], results[i]);
      apply_dates(jobs[i], results[i]);
      for (const auto& [name, pos] : results[i].get().organisations)
        org_mentions[name].push_back({i, pos});
    }
    // Sanctions after every article's obligations exist (they link to the obligations enforced).
    for (size_t i = 0; i < jobs.size(); ++i) {
      on_behalf_of(jobs[i].file);
      apply_sanctions(jobs[i], results[i]);
    }
    apply_candidates(jobs, org_mentions);
    link_news();
    return stats_;
  }

  // Only the news links and dates (the news patch).
  ExtractionStats run_news() {
    link_news();
    return stats_;
  }

 private:
  // Names the contributor of the writes that follow, when they are recorded
  // (source_contributions.h).
  void on_behalf_of(graph::Symbol who) {
    if (auto* o = g_.write_observer()) o->contributor(who);
  }

  // ---- instruments by title, versions by date ---------------------------------------------------
  void index_instruments() {
    const auto& bg = g_.boost_graph();
    for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
      const NodeData& n = bg[*it];
      if (n.kind == NodeKind::instrument) {
        for (const char* key : {"short_title", "title_zh", "title_original"})
          if (const std::string* t = n.attr(key)) add_title(text::normalize_cn_title(*t), n.id);
        add_title(text::normalize_cn_title(n.label), n.id);
      } else if (n.kind == NodeKind::version) {
        // A draft known from facts is never what a citation means.
        if (attr_of(n, graph::attr::kStatus) == "draft") continue;
        std::string inst = attr_of(n, graph::attr::kInstrument);
        std::string effective = attr_of(n, graph::attr::kEffective);
        versions_[inst].push_back({n.date, n.id});
        (void)effective;
      }
    }
    for (auto& [inst, list] : versions_) std::sort(list.begin(), list.end());
  }

  void add_title(const std::string& key, const std::string& id) {
    if (key.empty()) return;
    auto& ids = by_title_[key];
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }

  // The version of `instrument` in force at `date`: the latest dated on or before it, else the
  // earliest (a text citing a law before its first version in the corpus).
  std::string version_at(const std::string& instrument, const std::string& date) {
    auto it = versions_.find(instrument);
    if (it == versions_.end() || it->second.empty()) return {};
    std::string best;
    for (const auto& [d, id] : it->second)
      if (!d.empty() && (date.empty() || d <= date)) best = id;
    return best.empty() ? it->second.front().second : best;
  }

  // ---- collection and analysis (threads)
  // ----------------------------------------------------------
  std::vector<ArticleJob> collect_articles() {
    std::vector<ArticleJob> jobs;
    const auto& bg = g_.boost_graph();
    for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
      const NodeData& n = bg[*it];
      if (n.kind != NodeKind::article || (n.text_zh.empty() && n.text_en.empty())) continue;
      ArticleJob j;
      j.v = *it;
      j.id = n.id;
      j.version = attr_of(n, graph::attr::kVersion);
      j.instrument = attr_of(n, graph::attr::kInstrument);
      j.date = n.date;
      j.file = n.source.file;
      j.line = n.source.line;
      j.json_path = n.source.json_path;
      jobs.push_back(std::move(j));
    }
    return jobs;
  }

  Provenance prov(const ArticleJob& j, graph::Symbol rule, float confidence, size_t begin,
                  size_t end) {
    Provenance p;
    p.file = j.file;
    p.line = j.line;
    p.json_path = j.json_path;
    p.rule = rule;
    p.confidence = confidence;
    p.span = span_of(begin, end);
    return p;
  }

  void edge(Vertex from, Vertex to, std::string_view type, Provenance p, std::string note = {}) {
    EdgeData e;
    e.type = std::string(type);
    e.provenance = std::move(p);
    e.note = std::move(note);
    g_.add_edge(from, to, std::move(e));
  }

  // ---- obligations
  // -------------------------------------------------------------------------------

  // The chapter a statute article is in (its heading, or the section's chapter), or none.
  std::optional<Vertex> chapter_of(Vertex article) const {
    std::optional<Vertex> h = g_.out_neighbor(article, graph::edge::kPartOf);
    for (int depth = 0; h && depth < 4; ++depth) {
      const NodeKind k = g_.node(*h).kind;
      if (k == NodeKind::chapter) return h;
      if (k != NodeKind::section) return std::nullopt;
      h = g_.out_neighbor(*h, graph::edge::kPartOf);
    }
    return std::nullopt;
  }

  // chapter_bearers_zh over each version's articles (chapter_bearer.h): per job, the bearers its
  // subjectless Chinese obligations take from their chapter or instrument.
  std::vector<std::vector<ChapterBearer>> chapter_bearers(
      const std::vector<ArticleJob>& jobs,
      const std::vector<std::reference_wrapper<const ArticleAnalysis>>& results) const {
    std::vector<std::vector<ChapterBearer>> out(jobs.size());
    std::map<std::string, std::vector<size_t>> by_version;  // version -> jobs
    for (size_t i = 0; i < jobs.size(); ++i)
      if (!jobs[i].version.empty()) by_version[jobs[i].version].push_back(i);
    for (const auto& [version, members] : by_version) {
      std::vector<ChapterArticle> articles;
      articles.reserve(members.size());
      std::map<Vertex, int> chapters;
      for (size_t i : members) {
        ChapterArticle a;
        a.text = g_.node(jobs[i].v).text_zh;
        a.obligations = &results[i].get().obligations_zh;
        if (std::optional<Vertex> c = chapter_of(jobs[i].v)) {
          a.chapter = chapters.emplace(*c, static_cast<int>(chapters.size())).first->second;
          a.chapter_title = g_.node(*c).label;
        }
        articles.push_back(a);
      }
      for (ChapterBearer& b : chapter_bearers_zh(articles))
        out[members[b.article]].push_back(std::move(b));
    }
    return out;
  }

  void apply_obligations(const ArticleJob& j, const ArticleAnalysis& r,
                         const std::vector<ChapterBearer>& inferred) {
    // Chinese obligations are the nodes; an English list of the same length is aligned by order.
    bool aligned = !r.obligations_zh.empty() && r.obligations_zh.size() == r.obligations_en.size();
    auto add = [&](const Obligation& extracted, const std::string& lang, size_t k,
                   const Obligation* en) {
      // A bearer from the chapter (or instrument) for a Chinese obligation that names none: its
      // own rule and a lower confidence on the binds edges, and that rule as bearer_rule (else
      // bearer_rule is the per-article rule that found the bearer).
      const ChapterBearer* from_chapter = nullptr;
      if (lang == "zh")
        for (const ChapterBearer& b : inferred)
          if (b.obligation + 1 == k) from_chapter = &b;
      Obligation inferred_copy;
      if (from_chapter) {
        inferred_copy = extracted;
        inferred_copy.bearer = from_chapter->bearer;
      }
      const Obligation& o = from_chapter ? inferred_copy : extracted;
      std::string id = j.id + "/obl-" + (lang == "en" && !aligned ? "en-" : "") + std::to_string(k);
      NodeData n;
      n.id = id;
      n.kind = NodeKind::obligation;
      n.label = o.modality + ": " + (o.bearer.empty() ? std::string("(implicit)") : o.bearer) +
                " — " + clip(o.action, 60);
      {
        // (The article is read before the graph grows: adding a vertex may move it.)
        const NodeData& article = g_.node(j.v);
        const std::string& text = lang == "zh" ? article.text_zh : article.text_en;
        (lang == "zh" ? n.text_zh : n.text_en) = text.substr(o.begin, o.end - o.begin);
        if (en) n.text_en = article.text_en.substr(en->begin, en->end - en->begin);
      }
      n.date = j.date;
      n.source = prov(j, o.rule, o.confidence, o.begin, o.end);
      // The attributes in key order (what set_attr would make), appended without searching.
      auto& a = n.attrs;
      a.reserve(15);
      a.emplace_back(graph::attr::kAction, o.action);
      a.emplace_back(graph::attr::kArticle, j.id);
      a.emplace_back(graph::attr::kBearer, o.bearer);
      if (en) a.emplace_back(graph::attr::kBearerEn, en->bearer);
      if (!o.bearer_role.empty()) a.emplace_back(graph::attr::kBearerRole, o.bearer_role);
      if (from_chapter)
        a.emplace_back(graph::attr::kBearerRule, from_chapter->rule);
      else if (!o.bearer_rule.empty())
        a.emplace_back(graph::attr::kBearerRule, o.bearer_rule);
      if (!o.condition.empty()) a.emplace_back(graph::attr::kCondition, o.condition);
      a.emplace_back(graph::attr::kInstrument, j.instrument);
      a.emplace_back(graph::attr::kLanguage, lang);
      a.emplace_back(graph::attr::kModality, o.modality);
      if (en) a.emplace_back(graph::attr::kModalityEn, en->modality);
      a.emplace_back(graph::attr::kOrdinal, std::to_string(k));
      a.emplace_back(graph::attr::kParagraph, std::to_string(o.paragraph));
      a.emplace_back(graph::attr::kTrigger, o.trigger);
      a.emplace_back(graph::attr::kVersion, j.version);
      Vertex ov = g_.upsert_node(std::move(n));
      ++stats_.obligations;
      if (from_chapter) ++stats_.bearers_inferred;
      edge(ov, j.v, graph::edge::kObligationOf, prov(j, o.rule, o.confidence, o.begin, o.end));
      // Bearers: roles (提供者, providers) and named organisations (国家网信部门 -> CAC).
      std::vector<const ActorEntry*> bound;
      auto bind = [&](const std::string& bearer, bool roles, size_t offset) {
        for (const AliasMatch& m : actors_.find_all(bearer, roles)) {
          if (std::find(bound.begin(), bound.end(), m.actor) != bound.end()) continue;
          bound.push_back(m.actor);
          auto av = actor_vertex(*m.actor);
          if (!av) continue;
          if (from_chapter) {
            // Not in the article's text: the span is the obligation's clause.
            edge(ov, *av, graph::edge::kBinds,
                 prov(j, from_chapter->rule, from_chapter->confidence, o.begin, o.end),
                 "bearer '" + bearer + "' (from the chapter or instrument) matched '" + m.alias +
                     "'");
          } else {
            edge(ov, *av, graph::edge::kBinds,
                 prov(j, "bearer.alias_match", o.confidence, offset, offset + bearer.size()),
                 "bearer '" + bearer + "' matched '" + m.alias + "'");
          }
          ++stats_.bearer_links;
        }
      };
      bind(o.bearer, false, o.begin);
      bind(o.bearer, true, o.begin);
      // A 的-clause bearer links through the role noun it stands for.
      if (!o.bearer_role.empty()) bind(o.bearer_role, true, o.begin);
      if (en) {
        bind(en->bearer, false, en->begin);
        bind(en->bearer, true, en->begin);
      }
    };
    for (size_t k = 0; k < r.obligations_zh.size(); ++k)
      add(r.obligations_zh[k], "zh", k + 1, aligned ? &r.obligations_en[k] : nullptr);
    if (!aligned)
      for (size_t k = 0; k < r.obligations_en.size(); ++k)
        add(r.obligations_en[k], "en", k + 1, nullptr);
  }

  // ---- sanctions (sanction_linker.h)
  void apply_sanctions(const ArticleJob& j, const ArticleAnalysis& r) {
    if (r.sanctions.empty()) return;
    SanctionSite site;
    site.article = j.v;
    site.article_id = j.id;
    site.version = j.version;
    site.instrument = j.instrument;
    site.date = j.date;
    site.json_path = j.json_path;
    site.file = j.file;
    site.line = j.line;
    SanctionLinkStats s;
    link_sanctions(g_, actors_, site, r.sanctions, s);
    stats_.sanctions += s.sanctions;
    stats_.sanction_links += s.enforced_links + s.obligation_links + s.authority_links;
  }

  // The vertex of a dictionary actor ("actor/" + id), looked up once per actor.
  std::optional<Vertex> actor_vertex(const ActorEntry& a) {
    auto [it, fresh] = actor_vertices_.try_emplace(&a);
    if (fresh) it->second = g_.find("actor/" + a.id);
    return it->second;
  }

  // ---- citations
  // ---------------------------------------------------------------------------------
  void apply_citations(const ArticleJob& j, const ArticleAnalysis& r) {
    for (const TitleCitation& c : r.titles) {
      std::string key = text::normalize_cn_title(c.title);
      auto it = by_title_.find(key);
      std::string rule = c.legal_basis ? "zh.legal_basis" : "zh.title_citation";
      if (it == by_title_.end()) {
        // Unresolved: a record, never a guess.
        std::string cid = "citation/" + id_segment(key);
        NodeData n;
        n.id = cid;
        n.kind = NodeKind::citation;
        n.label = c.title;
        n.source = prov(j, rule, 0.5f, c.begin, c.end);
        n.set_attr(graph::attr::kStatus, "unresolved");
        Vertex cv = g_.upsert_node(std::move(n));
        edge(j.v, cv, graph::edge::kCites, prov(j, rule + ".unresolved", 0.5f, c.begin, c.end),
             "《" + c.title + "》 resolves to no instrument in the corpus");
        ++stats_.citations_unresolved;
        continue;
      }
      if (it->second.size() > 1)
        diags_.warn(j.file, j.line,
                    "title 《" + c.title + "》 matches " + std::to_string(it->second.size()) +
                        " instruments; citing the first (" + it->second.front() + ")");
      const std::string& inst = it->second.front();
      if (inst == j.instrument) continue;  // a text naming itself
      std::string version = version_at(inst, j.date);
      std::optional<Vertex> target;
      if (c.article > 0)
        target = g_.find(version + "/art-" + std::to_string(c.article) +
                         (c.sub_article ? "-" + std::to_string(c.sub_article) : ""));
      if (!target) target = g_.find(version);
      if (!target) continue;
      float conf = it->second.size() > 1 ? 0.6f : 0.95f;
      edge(j.v, *target, graph::edge::kCites, prov(j, rule, conf, c.begin, c.end),
           "《" + c.title + "》" + (c.article ? " Article " + std::to_string(c.article) : ""));
      ++stats_.citations_resolved;
      if (c.legal_basis) {
        auto from = g_.find(j.instrument);
        auto to = g_.find(inst);
        if (from && to) {
          edge(*from, *to, graph::edge::kLegalBasis, prov(j, rule, conf, c.begin, c.end),
               "根据《" + c.title + "》 in " + j.id);
          ++stats_.legal_basis;
        }
      }
    }
    for (const ArticleReference& ref : r.references) {
      if (ref.kind == ArticleReference::Kind::preceding_paragraph || ref.article <= 0) continue;
      auto target = g_.find(j.version + "/art-" + std::to_string(ref.article) +
                            (ref.sub_article ? "-" + std::to_string(ref.sub_article) : ""));
      if (!target || *target == j.v) continue;
      edge(j.v, *target, graph::edge::kCites,
           prov(j, g_.node(j.v).text_zh.empty() ? "en.article_reference" : "zh.internal_reference",
                0.9f, ref.begin, ref.end),
           ref.text);
      ++stats_.internal_references;
    }
  }

  // ---- dates
  // ---------------------------------------------------------------------------------------
  void add_event(Vertex owner, const std::string& owner_id, const std::string& type,
                 const DateMention& d, Provenance p) {
    if (d.precision != "day" && type != "target_year") return;
    std::string id = owner_id + "/event/" + type + "-" + d.date;
    NodeData n;
    n.id = id;
    n.kind = NodeKind::event;
    n.label = type + " " + d.date;
    n.date = d.date.size() == 4 ? d.date + "-01-01" : d.date;
    n.source = p;
    n.set_attr(graph::attr::kEventType, type);
    n.set_attr(graph::attr::kText, d.text);
    n.set_attr(graph::attr::kPrecision, d.precision);
    if (d.year_inferred) n.set_attr(graph::attr::kYearInferred, "yes");
    Vertex ev = g_.upsert_node(std::move(n));
    edge(owner, ev, graph::edge::kHasEvent, std::move(p));
    ++stats_.events;
  }

  void apply_dates(const ArticleJob& j, const ArticleAnalysis& r) {
    // Impossible dates are reported like any bad input, never turned into events.
    for (const DateProblem& p : r.date_problems)
      diags_.warn(j.file, j.line, j.id + ": impossible date '" + p.text + "': " + p.message);
    auto version = g_.find(j.version);
    if (!version) return;
    for (const DateMention& d : r.dates) {
      if (d.type_hint.empty()) continue;  // a date in a rule's text without a role is not an event
      // A text that says something is repealed repeals another instrument ("Directive 95/46/EC is
      // repealed with effect from 25 May 2018" in the GDPR, "…同时废止"): never its own version,
      // which would then count as not in force from that date.
      if (d.type_hint == "repealed") continue;
      add_event(*version, j.version, d.type_hint, d,
                prov(j, "text.date." + d.type_hint, d.year_inferred ? 0.7f : 0.9f, d.begin, d.end));
    }
  }

  // ---- candidate organisations
  // --------------------------------------------------------------------
  void apply_candidates(
      const std::vector<ArticleJob>& jobs,
      const std::map<std::string, std::vector<std::pair<size_t, size_t>>>& mentions) {
    on_behalf_of(graph::Symbol(pass::kCandidateActors));
    for (const auto& [name, where] : mentions) {
      if (actors_.find_name(name)) continue;          // known: not a candidate
      if (!actors_.find_all(name).empty()) continue;  // contains a known name: a sub-body
      if (where.size() < 2) continue;                 // seen once: too weak to keep
      std::string id = "actor/candidate-" + id_segment(name);
      const ArticleJob& first = jobs[where.front().first];
      NodeData n;
      n.id = id;
      n.kind = NodeKind::actor;
      n.label = name;
      n.source = prov(first, "zh.organisation_pattern", 0.5f, where.front().second,
                      where.front().second + name.size());
      n.set_attr(graph::attr::kActorType, "organisation");
      n.set_attr(graph::attr::kDictionary, "no");
      n.set_attr(graph::attr::kCandidate, "yes");
      n.set_attr(graph::attr::kMentions, std::to_string(where.size()));
      Vertex av = g_.upsert_node(std::move(n));
      ++stats_.candidate_actors;
      size_t linked = 0;
      for (const auto& [job, pos] : where) {
        if (++linked > 200) break;  // the evidence, not an index
        edge(jobs[job].v, av, graph::edge::kMentions,
             prov(jobs[job], "zh.organisation_pattern", 0.5f, pos, pos + name.size()),
             "candidate organisation '" + name + "' (not in the dictionary)");
      }
    }
  }

  // ---- news
  // ----------------------------------------------------------------------------------------
  void link_news() {
    std::vector<Vertex> news;
    const auto& bg = g_.boost_graph();
    for (auto [it, end] = boost::vertices(bg); it != end; ++it)
      if (bg[*it].kind == NodeKind::news) news.push_back(*it);
    for (Vertex v : news) {
      const std::string id = g_.node(v).id;
      const std::string title = g_.node(v).label;
      const std::string text = g_.node(v).text_en;
      const std::string date = g_.node(v).date;
      Provenance base = g_.node(v).source;
      on_behalf_of(base.file);
      for (const NewsLink& l : linker_.link(title, text)) {
        Provenance p = base;
        p.rule = l.dangling ? "news.pattern.dangling" : "news.pattern";
        p.confidence = l.dangling ? 0.5f : l.confidence;
        if (l.dangling) {
          NodeData n;
          n.id = "citation/" + id_segment(text::normalize_cn_title(l.instrument));
          n.kind = NodeKind::citation;
          n.label = l.instrument;
          n.source = p;
          n.set_attr(graph::attr::kStatus, "unresolved");
          Vertex cv = g_.upsert_node(std::move(n));
          edge(v, cv, graph::edge::kAbout, p, l.evidence + "; the rule is not in the corpus");
          continue;
        }
        auto inst = g_.find(l.instrument);
        if (!inst) continue;
        edge(v, *inst, graph::edge::kAbout, p, l.evidence);
        ++stats_.news_links;
      }
      // Dates in the item: its publication, and the dates it reports.
      if (!date.empty()) {
        DateMention published;
        published.date = date;
        published.precision = "day";
        published.text = date;
        Provenance p = base;
        p.rule = "news.published";
        add_event(v, id, "news_published", published, p);
      }
      for (const DateMention& d : extract_dates(text, date)) {
        Provenance p = base;
        p.rule = "news.text.date";
        p.confidence = d.year_inferred ? 0.7f : 0.85f;
        p.span = span_of(d.begin, d.end);
        add_event(v, id, d.type_hint.empty() ? "mentioned" : d.type_hint, d, p);
      }
    }
  }

  KnowledgeGraph& g_;
  const AliasDictionary& actors_;
  const NewsLinker& linker_;
  Diagnostics& diags_;
  ArticleAnalysisCache* cache_;
  ExtractionStats stats_;
  std::unordered_map<const ActorEntry*, std::optional<Vertex>> actor_vertices_;
  std::unordered_map<std::string, std::vector<std::string>> by_title_;
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> versions_;
};

}  // namespace

ExtractionStats link_news_into(KnowledgeGraph& graph, const AliasDictionary& actors,
                               const NewsLinker& news_linker, Diagnostics& diags) {
  return Extractor(graph, actors, news_linker, diags, nullptr).run_news();
}

ExtractionStats extract_knowledge(KnowledgeGraph& graph, const AliasDictionary& actors,
                                  const NewsLinker& news_linker, Diagnostics& diags,
                                  unsigned threads, ArticleAnalysisCache* cache) {
  return Extractor(graph, actors, news_linker, diags, cache).run(threads);
}

}  // namespace regkg::ingest
