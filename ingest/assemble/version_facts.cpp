// Version facts: drafts from corpus/facts/versions.json as version nodes, and the news about them.
#include "ingest/assemble/version_facts.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <rapidjson/document.h>

#include "graph/vocabulary.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/sources/json_config_file.h"

namespace regkg::ingest {

namespace {

using graph::EdgeData;
using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;
using graph::Provenance;
using Vertex = KnowledgeGraph::Vertex;

bool is_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  return true;
}

Provenance facts_provenance(const VersionFact& f, const std::string& rule,
                            float confidence = 1.0f) {
  Provenance p;
  p.file = kVersionFactsFile;
  p.json_path = f.json_path;
  p.rule = rule;
  p.confidence = confidence;
  return p;
}

void add_edge(KnowledgeGraph& g, Vertex from, Vertex to, std::string_view type, Provenance p,
              std::string note = {}) {
  EdgeData e;
  e.type = std::string(type);
  e.provenance = std::move(p);
  e.note = std::move(note);
  g.add_edge(from, to, std::move(e));
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// `word` (lowercase) as a whole word in `text` (lowercase): "draft" matches "draft" and "draft's",
// not "drafted" or "redraft".
bool has_word(const std::string& text, const std::string& word) {
  auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (size_t pos = text.find(word); pos != std::string::npos; pos = text.find(word, pos + 1)) {
    bool left = pos == 0 || !is_letter(text[pos - 1]);
    size_t end = pos + word.size();
    bool right = end >= text.size() || !is_letter(text[end]);
    if (left && right) return true;
  }
  return false;
}

}  // namespace

std::vector<VersionFact> version_facts_from_json(std::string_view json,
                                                 const std::string& source_name) {
  rapidjson::Document doc;
  parse_config_json(doc, json, source_name);
  if (!doc.IsObject() || !doc.HasMember("versions") || !doc["versions"].IsArray())
    throw std::runtime_error(source_name + ": error: expected an object with a 'versions' array");
  std::vector<VersionFact> out;
  size_t index = 0;
  for (const auto& v : doc["versions"].GetArray()) {
    std::string path = "$.versions[" + std::to_string(index++) + "]";
    if (!v.IsObject())
      throw std::runtime_error(source_name + ": error: " + path + " is not an object");
    VersionFact f;
    f.json_path = path;
    f.instrument = config_string(v, "instrument");
    f.date = config_string(v, "date");
    f.status = config_string(v, "status");
    f.title_zh = config_string(v, "title_zh");
    f.title_en = config_string(v, "title_en");
    f.issuer = config_string(v, "issuer");
    f.published = config_string(v, "published");
    f.comment_deadline = config_string(v, "comment_deadline");
    f.final_version = config_string(v, "final_version");
    f.note = config_string(v, "note");
    if (auto it = v.FindMember("text_in_corpus"); it != v.MemberEnd() && it->value.IsBool())
      f.text_in_corpus = it->value.GetBool();
    if (auto it = v.FindMember("news_words"); it != v.MemberEnd() && it->value.IsArray())
      for (const auto& w : it->value.GetArray())
        if (w.IsString()) f.news_words.push_back(lower(w.GetString()));
    if (f.instrument.empty() || !is_date(f.date) || f.status.empty())
      throw std::runtime_error(source_name + ": error: " + path +
                               " needs 'instrument', 'date' (YYYY-MM-DD) and 'status'");
    for (const std::string* d : {&f.published, &f.comment_deadline})
      if (!d->empty() && !is_date(*d))
        throw std::runtime_error(source_name + ": error: " + path + ": '" + *d +
                                 "' is not a date (YYYY-MM-DD)");
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<VersionFact> load_version_facts(const std::filesystem::path& path) {
  return version_facts_from_json(read_config_file(path, "version facts"), path.string());
}

size_t add_version_facts(KnowledgeGraph& g, const std::vector<VersionFact>& facts,
                         Diagnostics& diags) {
  size_t added = 0;
  if (auto* o = g.write_observer()) o->contributor(graph::Symbol(kVersionFactsFile));
  for (const VersionFact& f : facts) {
    auto inst = g.find(f.instrument);
    if (!inst || g.node(*inst).kind != NodeKind::instrument) {
      diags.warn(kVersionFactsFile, 0,
                 f.json_path + ": instrument '" + f.instrument + "' is not in the graph; skipped");
      continue;
    }
    std::optional<Vertex> final_version;
    if (!f.final_version.empty()) {
      final_version = g.find(f.final_version);
      if (!final_version || g.node(*final_version).kind != NodeKind::version) {
        diags.warn(
            kVersionFactsFile, 0,
            f.json_path + ": final version '" + f.final_version + "' is not in the graph; skipped");
        continue;
      }
    }
    const std::string id = f.instrument + "@" + f.date;
    if (auto existing = g.find(id);
        existing && g.node(*existing).source.file != kVersionFactsFile) {
      // The corpus has a text for this date: the facts describe it, they do not replace it.
      diags.warn(
          kVersionFactsFile, 0,
          f.json_path + ": version '" + id + "' is already in the corpus; facts not applied");
      continue;
    }
    NodeData n;
    n.id = id;
    n.kind = NodeKind::version;
    n.label = (f.title_zh.empty() ? g.node(*inst).label : f.title_zh) + " (" + f.date + ")";
    n.date = f.date;
    n.text_en = f.note;
    n.source = facts_provenance(f, "facts.version");
    n.set_attr(graph::attr::kInstrument, f.instrument);
    if (const std::string* j = g.node(*inst).attr(graph::attr::kJurisdiction))
      n.set_attr(graph::attr::kJurisdiction, *j);
    n.set_attr(graph::attr::kStatus, f.status);
    n.set_attr(graph::attr::kSourceFormat, "facts");
    n.set_attr(graph::attr::kTextInCorpus, f.text_in_corpus ? "yes" : "no");
    n.set_attr(graph::attr::kArticleCount, "0");
    if (!f.title_zh.empty()) n.set_attr(graph::attr::kTitleZh, f.title_zh);
    if (!f.title_en.empty()) n.set_attr(graph::attr::kTitleEn, f.title_en);
    if (!f.published.empty()) n.set_attr(graph::attr::kPublished, f.published);
    if (!f.comment_deadline.empty()) n.set_attr(graph::attr::kCommentDeadline, f.comment_deadline);
    if (!f.final_version.empty()) n.set_attr(graph::attr::kFinalVersion, f.final_version);
    Vertex v = g.upsert_node(std::move(n));
    add_edge(g, v, *inst, graph::edge::kVersionOf, facts_provenance(f, "facts.version"));
    if (final_version) {
      add_edge(g, v, *final_version, graph::edge::kDraftOf,
               facts_provenance(f, "facts.version.draft_of"),
               "the " + f.status + " of " + f.final_version);
      add_edge(g, *final_version, v, graph::edge::kSupersedes,
               facts_provenance(f, "facts.version.draft_of"),
               "final version after the " + f.status);
    }
    if (!f.issuer.empty()) {
      if (auto a = g.find("actor/" + f.issuer))
        add_edge(g, v, *a, graph::edge::kIssuedBy, facts_provenance(f, "facts.version.issuer"));
      else
        diags.warn(kVersionFactsFile, 0,
                   f.json_path + ": issuer 'actor/" + f.issuer + "' is not in actors.json");
    }
    auto event = [&](const std::string& type, const std::string& date, const std::string& text) {
      if (date.empty()) return;
      NodeData e;
      e.id = id + "/event/" + type + "-" + date;
      e.kind = NodeKind::event;
      e.label = type + " " + date;
      e.date = date;
      e.source = facts_provenance(f, "facts.version." + type);
      e.set_attr(graph::attr::kEventType, type);
      e.set_attr(graph::attr::kText, text);
      Vertex ev = g.upsert_node(std::move(e));
      add_edge(g, v, ev, graph::edge::kHasEvent, facts_provenance(f, "facts.version." + type));
    };
    event("published", f.published, "published for comment");
    event("comment_deadline", f.comment_deadline, "end of the comment period");
    ++added;
  }
  return added;
}

size_t link_news_to_version_facts(KnowledgeGraph& g, const std::vector<VersionFact>& facts) {
  size_t links = 0;
  if (auto* o = g.write_observer()) o->contributor(graph::Symbol(pass::kVersionFactNews));
  for (const VersionFact& f : facts) {
    auto inst = g.find(f.instrument);
    auto draft = g.find(f.instrument + "@" + f.date);
    if (!inst || !draft || g.node(*draft).source.file != kVersionFactsFile) continue;
    std::string final_date;
    if (auto fv = g.find(f.final_version)) final_date = g.node(*fv).date;
    std::vector<Vertex> news;
    g.for_each_in_edge(*inst, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex from) {
      if (g.edge(e).type == graph::edge::kAbout && g.node(from).kind == NodeKind::news)
        news.push_back(from);
    });
    for (Vertex nv : news) {
      const NodeData& item = g.node(nv);
      const std::string text = lower(item.label + "\n" + item.text_en);
      std::string matched;
      for (const std::string& w : f.news_words)
        if (has_word(text, w)) matched += (matched.empty() ? "" : "', '") + w;
      bool in_window = !item.date.empty() && item.date >= f.date &&
                       (final_date.empty() || item.date < final_date);
      if (matched.empty() && !in_window) continue;
      Provenance p = item.source;
      p.rule = matched.empty() ? "news.about.draft.by_date" : "news.about.draft.words";
      p.confidence = matched.empty() ? 0.6f : 0.8f;
      std::string note = matched.empty()
                             ? "about " + f.instrument + ", published " + item.date +
                                   " while only the " + f.status + " of " + f.date + " existed"
                             : "about " + f.instrument + " and names '" + matched + "' (" +
                                   kVersionFactsFile + " " + f.json_path + ")";
      EdgeData e;
      e.type = std::string(graph::edge::kAbout);
      e.provenance = std::move(p);
      e.note = std::move(note);
      if (g.add_edge(nv, *draft, std::move(e))) ++links;
    }
  }
  return links;
}

}  // namespace regkg::ingest
