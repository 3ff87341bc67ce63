// build_graph: parsed sources -> KnowledgeGraph, with ids, structure, events, actors and
// provenance.
#include "ingest/assemble/graph_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "graph/vocabulary.h"
#include "ingest/assemble/source_contributions.h"
#include "text/chinese_numeral.h"
#include "text/chinese_title.h"

namespace regkg::ingest {

namespace {

using graph::EdgeData;
using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;
using graph::Provenance;
using Vertex = KnowledgeGraph::Vertex;

// Symbols: a file's path and a rule's literal are interned once, then found by address.
Provenance prov(graph::Symbol file, int line, graph::Symbol rule, float confidence = 1.0f,
                const std::string& json_path = {}) {
  Provenance p;
  p.file = file;
  p.line = line;
  p.rule = rule;
  p.confidence = confidence;
  p.json_path = json_path;
  return p;
}

std::string lower_ascii_slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out.push_back(c);
    else if (static_cast<unsigned char>(c) >= 0x80)
      out.push_back(c);
    else if (!out.empty() && out.back() != '-')
      out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

int roman_to_int(std::string_view s) {
  int total = 0, prev = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    int v = 0;
    switch (*it) {
      case 'I':
        v = 1;
        break;
      case 'V':
        v = 5;
        break;
      case 'X':
        v = 10;
        break;
      case 'L':
        v = 50;
        break;
      case 'C':
        v = 100;
        break;
      default:
        return 0;
    }
    total += v < prev ? -v : v;
    prev = std::max(prev, v);
  }
  return total;
}

// "Chapter IV" -> 4, "Chapter 3" -> 3, "第四章" -> 4, otherwise 0.
int chapter_number(std::string_view label) {
  size_t space = label.rfind(' ');
  std::string_view tail = space == std::string_view::npos ? label : label.substr(space + 1);
  if (!tail.empty() &&
      std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::stoi(std::string(tail));
  if (int r = roman_to_int(tail)) return r;
  return 0;
}

std::string unit_prefix(const std::string& unit_type) {
  static const std::map<std::string, std::string> prefixes = {
      {"article", "art"}, {"section", "sec"},   {"rule", "rule"},      {"recital", "rec"},
      {"annex", "annex"}, {"point", "point"},   {"schedule", "sched"}, {"paragraph", "para"},
      {"part", "part"},   {"regulation", "reg"}};
  auto it = prefixes.find(unit_type);
  if (it != prefixes.end()) return it->second;
  std::string slug = lower_ascii_slug(unit_type);
  return slug.empty() ? "art" : slug;
}

std::string compass_event_type(const std::string& key) {
  static const std::map<std::string, std::string> types = {
      {"adoptedOn", "adopted"},       {"publishedOn", "published"},
      {"effectiveFrom", "effective"}, {"generalApplicationFrom", "general_application"},
      {"lastAmendedOn", "amended"},   {"latestAmendmentEffectiveFrom", "amendment_effective"},
      {"ceasedOn", "ceased"},         {"introducedOn", "introduced"}};
  auto it = types.find(key);
  return it == types.end() ? lower_ascii_slug(key) : it->second;
}

bool plausible_date(const std::string& d) { return d.size() == 10 && d[4] == '-' && d[7] == '-'; }

float confidence_of(const std::string& level) {
  if (level == "high") return 0.9f;
  if (level == "medium") return 0.7f;
  if (level == "low") return 0.5f;
  return 0.6f;
}

class Builder {
 public:
  Builder(const ParsedSources& sources, const AliasDictionary& actors,
          const InstrumentCatalog& catalog, Diagnostics& diags, KnowledgeGraph& into)
      : sources_(sources), actors_(actors), catalog_(catalog), diags_(diags), g_(into) {}

  void run() {
    add_dictionary_actors();
    index_compass_instruments();
    add_compass_jurisdictions();
    add_statutes();
    add_compass_instruments();
    add_compass_provisions();
    add_compass_status_events();
    add_compass_relations();
    add_news();
    link_version_chains();
  }

  // Only the news items (a patch that re-makes them on a graph holding everything else).
  void run_news() { add_news(); }

 private:
  // ---- shared helpers -------------------------------------------------------------------------
  // Names the contributor of the writes that follow, when they are recorded
  // (source_contributions.h): the source file being built, or a global pass.
  void on_behalf_of(std::string_view who) {
    if (auto* o = g_.write_observer()) o->contributor(graph::Symbol(who));
  }

  Vertex node(NodeKind kind, const std::string& id, const std::string& label, Provenance source,
              const std::string& date = {}) {
    NodeData n;
    n.id = id;
    n.kind = kind;
    n.label = label;
    n.date = date;
    n.source = std::move(source);
    return g_.upsert_node(std::move(n));
  }

  void edge(Vertex from, Vertex to, std::string_view type, Provenance p,
            const std::string& note = {}) {
    EdgeData e;
    e.type = std::string(type);
    e.provenance = std::move(p);
    e.note = note;
    g_.add_edge(from, to, std::move(e));
  }

  Vertex jurisdiction(const std::string& id) {
    if (auto v = g_.find("jurisdiction/" + id)) return *v;
    return node(NodeKind::jurisdiction, "jurisdiction/" + id, id,
                prov("", 0, "jurisdiction.implied"));
  }

  Vertex actor_vertex(const ActorEntry& a) { return *g_.find("actor/" + a.id); }

  // An issuer named in metadata (English or Chinese). Unknown names become candidate actors.
  Vertex issuer_by_name(const std::string& name, const std::string& jurisdiction_id,
                        const Provenance& p) {
    if (const ActorEntry* a = actors_.find_name(name)) return actor_vertex(*a);
    auto matches = actors_.find_all(name);
    if (matches.size() == 1 && matches[0].end - matches[0].begin == name.size())
      return actor_vertex(*matches[0].actor);
    std::string id = "actor/" + lower_ascii_slug(name);
    Vertex v = node(NodeKind::actor, id, name, p);
    NodeData& n = g_.node(v);
    if (!n.attr(graph::attr::kDictionary)) {
      n.set_attr(graph::attr::kDictionary, "no");
      n.set_attr(graph::attr::kActorType, "organisation");
      if (!jurisdiction_id.empty()) n.set_attr(graph::attr::kJurisdiction, jurisdiction_id);
    }
    return v;
  }

  void add_event(Vertex owner, const std::string& owner_id, const std::string& type,
                 const std::string& date, const std::string& text, const Provenance& p) {
    if (!plausible_date(date)) return;
    std::string id = owner_id + "/event/" + type + "-" + date;
    Vertex ev = node(NodeKind::event, id, type + " " + date, p, date);
    NodeData& n = g_.node(ev);
    n.set_attr(graph::attr::kEventType, type);
    if (!text.empty() && !n.attr(graph::attr::kText)) n.set_attr(graph::attr::kText, text);
    edge(owner, ev, graph::edge::kHasEvent, p);
  }

  // ---- actors and jurisdictions -----------------------------------------------------------------
  void add_dictionary_actors() {
    on_behalf_of("corpus/dictionaries/actors.json");
    for (const ActorEntry& a : actors_.actors()) {
      Vertex v = node(NodeKind::actor, "actor/" + a.id, a.label(),
                      prov("corpus/dictionaries/actors.json", 0, "actors.dictionary"));
      NodeData& n = g_.node(v);
      n.set_attr(graph::attr::kActorType, a.type);
      n.set_attr(graph::attr::kJurisdiction, a.jurisdiction);
      n.set_attr(graph::attr::kDictionary, "yes");
      std::string aliases;
      for (const auto* names : {&a.zh, &a.en})
        for (const auto& name : *names) aliases += (aliases.empty() ? "" : "; ") + name;
      n.set_attr(graph::attr::kAliases, aliases);
      if (!a.zh.empty()) n.set_attr(graph::attr::kNameZh, a.zh.front());
      if (!a.en.empty()) n.set_attr(graph::attr::kNameEn, a.en.front());
    }
    for (const ActorEntry& a : actors_.actors()) {
      if (a.parent.empty()) continue;
      const ActorEntry* parent = actors_.find_id(a.parent);
      if (!parent) {
        diags_.warn("corpus/dictionaries/actors.json", 0,
                    "actor '" + a.id + "' names unknown parent '" + a.parent + "'");
        continue;
      }
      edge(actor_vertex(a), actor_vertex(*parent),
           a.type == "product" ? graph::edge::kProductOf : graph::edge::kPartOf,
           prov("corpus/dictionaries/actors.json", 0, "actors.dictionary.parent"));
    }
  }

  void add_compass_jurisdictions() {
    for (const auto& f : sources_.compass)
      for (const auto& j : f.parsed.jurisdictions) {
        on_behalf_of(f.file.relative);
        Vertex v = node(NodeKind::jurisdiction, "jurisdiction/" + j.id, j.name,
                        prov(f.file.relative, 0, "compass.jurisdiction", 1.0f, j.json_path));
        NodeData& n = g_.node(v);
        n.label = j.name;
        if (!j.short_name.empty()) n.set_attr(graph::attr::kShortName, j.short_name);
        if (!j.type.empty()) n.set_attr(graph::attr::kJurisdictionType, j.type);
        if (!j.parent_id.empty())
          edge(v, jurisdiction(j.parent_id), graph::edge::kPartOf,
               prov(f.file.relative, 0, "compass.jurisdiction.parent", 1.0f, j.json_path));
      }
  }

  // ---- instrument identity ----------------------------------------------------------------------
  struct CompassInstrumentInfo {
    const CompassInstrument* record = nullptr;
    const SourceFile* file = nullptr;
    std::string instrument_id;
    std::string version_id;
  };

  void index_compass_instruments() {
    for (const auto& f : sources_.compass)
      for (const auto& inst : f.parsed.instruments) {
        CompassInstrumentInfo info;
        info.record = &inst;
        info.file = &f.file;
        info.instrument_id = compass_instrument_id(inst.id, inst.jurisdiction_id);
        compass_instruments_[inst.id] = info;
        if (!inst.original_title.empty() && inst.jurisdiction_id == "cn")
          compass_by_cn_title_[text::normalize_cn_title(inst.original_title)] = inst.id;
      }
  }

  std::string statute_instrument_id(const std::string& title_key) {
    if (auto it = compass_by_cn_title_.find(title_key); it != compass_by_cn_title_.end())
      return compass_instruments_[it->second].instrument_id;
    if (const CuratedInstrument* c = catalog_.find_zh(title_key)) return c->id;
    return "cn/" + id_segment(title_key);
  }

  // ---- statutes ---------------------------------------------------------------------------------
  void add_statutes() {
    std::set<std::string> seen_hashes;
    for (const auto& s : sources_.statutes) {
      if (!seen_hashes.insert(s.sha256).second) continue;  // byte-identical copy in another folder
      on_behalf_of(s.file.relative);
      add_statute(s);
    }
  }

  void add_statute(const ParsedSources::Statute& s) {
    const ParsedStatute& st = s.parsed;
    const std::string& file = s.file.relative;
    std::string title_key =
        text::normalize_cn_title(st.file_stem.empty() ? st.title : st.file_stem);
    std::string inst_id = statute_instrument_id(title_key);
    std::string date = st.file_date;
    if (date.empty())
      for (const auto& e : st.events)
        if (e.date > date) date = e.date;
    std::string version_id = inst_id + "@" + (date.empty() ? std::string("undated") : date);
    std::string full_title = st.title + (st.subtitle.empty() ? "" : " " + st.subtitle);

    Vertex inst = node(NodeKind::instrument, inst_id, full_title, prov(file, 1, "statute.title"));
    {
      NodeData& n = g_.node(inst);
      n.set_attr(graph::attr::kJurisdiction, "cn");
      n.set_attr(graph::attr::kTitleZh, full_title);
      n.set_attr(graph::attr::kShortTitle, title_key);
      if (!st.category.empty()) n.set_attr(graph::attr::kCategory, st.category);
      if (const CuratedInstrument* c = catalog_.find_zh(title_key))
        n.set_attr(graph::attr::kTitleEn, c->en);
    }
    edge(inst, jurisdiction("cn"), graph::edge::kInJurisdiction,
         prov(file, 1, "statute.jurisdiction"));

    Vertex ver = node(NodeKind::version, version_id,
                      full_title + " (" + (date.empty() ? "undated" : date) + ")",
                      prov(file, 1, "statute.version"), date);
    {
      NodeData& n = g_.node(ver);
      n.set_attr(graph::attr::kInstrument, inst_id);
      n.set_attr(graph::attr::kJurisdiction, "cn");
      n.set_attr(graph::attr::kSourceFormat, "statute-markdown");
      n.set_attr(graph::attr::kArticleCount, std::to_string(st.articles.size()));
      for (const auto& e : st.events)
        if (e.type == "effective" && !n.attr(graph::attr::kEffective))
          n.set_attr(graph::attr::kEffective, e.date);
    }
    edge(ver, inst, graph::edge::kVersionOf, prov(file, 1, "statute.version"));
    versions_of_[inst_id].insert(version_id);

    // Header: events and issuers.
    for (const auto& e : st.events) {
      add_event(ver, version_id, e.type, e.date, e.text,
                prov(file, e.line, "statute.header." + e.type));
      link_issuers_in_header(e.text, inst, ver, prov(file, e.line, "statute.header.issuer", 0.95f));
    }
    for (const auto& note : st.header_notes)
      link_issuers_in_header(note, inst, ver, prov(file, 0, "statute.header.issuer", 0.9f));

    // Headings: part / chapter / section, ids from their numbered path.
    std::vector<std::string> heading_ids(st.headings.size());
    std::vector<Vertex> heading_vertices(st.headings.size());
    for (size_t i = 0; i < st.headings.size(); ++i) {
      const StatuteHeading& h = st.headings[i];
      std::string seg;
      if (h.kind == "part")
        seg = "part-";
      else if (h.kind == "chapter")
        seg = "ch-";
      else if (h.kind == "section")
        seg = "sec-";
      else
        seg = "h-";
      seg += h.number > 0 ? std::to_string(h.number) : std::to_string(i + 1);
      std::string parent_id =
          h.parent >= 0 ? heading_ids[static_cast<size_t>(h.parent)] : version_id;
      heading_ids[i] = parent_id + "/" + seg;
      NodeKind kind = h.kind == "part"      ? NodeKind::part
                      : h.kind == "section" ? NodeKind::section
                                            : NodeKind::chapter;
      Vertex hv = node(kind, heading_ids[i], h.text, prov(file, h.line, "statute.heading"), date);
      g_.node(hv).set_attr(graph::attr::kNumber, std::to_string(h.number));
      g_.node(hv).set_attr(graph::attr::kVersion, version_id);
      heading_vertices[i] = hv;
      Vertex parent = h.parent >= 0 ? heading_vertices[static_cast<size_t>(h.parent)] : ver;
      edge(hv, parent, graph::edge::kPartOf, prov(file, h.line, "statute.structure"));
    }

    // Articles and paragraphs.
    std::set<std::string> seen_articles;
    int ordinal = 0;
    for (const auto& a : st.articles) {
      std::string seg = "art-" + std::to_string(a.number) +
                        (a.sub_number > 0 ? "-" + std::to_string(a.sub_number) : "");
      std::string art_id = version_id + "/" + seg;
      if (!seen_articles.insert(art_id).second) {
        // Articles quoted inside amendment decisions repeat numbers: keep them apart.
        art_id += "-l" + std::to_string(a.line);
      }
      std::string text;
      for (const auto& p : a.paragraphs) {
        if (!text.empty()) text += '\n';
        text += p.text;
      }
      Vertex av =
          node(NodeKind::article, art_id, a.label, prov(file, a.line, "statute.article"), date);
      {
        NodeData& n = g_.node(av);
        if (n.text_zh.empty()) n.text_zh = std::move(text);
        n.attrs.reserve(n.attrs.size() + 5);  // one allocation, not four as the attributes come
        n.set_attr(
            graph::attr::kNumber,
            std::to_string(a.number) + (a.sub_number ? "-" + std::to_string(a.sub_number) : ""));
        n.set_attr(graph::attr::kOrdinal, std::to_string(++ordinal));
        n.set_attr(graph::attr::kVersion, version_id);
        n.set_attr(graph::attr::kInstrument, inst_id);
        n.set_attr(graph::attr::kJurisdiction, "cn");
      }
      Vertex parent = a.heading >= 0 ? heading_vertices[static_cast<size_t>(a.heading)] : ver;
      edge(av, parent, graph::edge::kPartOf, prov(file, a.line, "statute.structure"));
      int p_ordinal = 0;
      for (const auto& p : a.paragraphs) {
        ++p_ordinal;
        Vertex pv = node(NodeKind::paragraph, art_id + "/p-" + std::to_string(p_ordinal),
                         a.label + (p.item_number ? "（" + std::to_string(p.item_number) + "）"
                                                  : " ¶" + std::to_string(p_ordinal)),
                         prov(file, p.line, "statute.paragraph"), date);
        NodeData& n = g_.node(pv);
        if (n.text_zh.empty()) n.text_zh = p.text;
        n.set_attr(graph::attr::kOrdinal, std::to_string(p_ordinal));
        if (p.item_number) n.set_attr(graph::attr::kItem, std::to_string(p.item_number));
        edge(pv, av, graph::edge::kPartOf, prov(file, p.line, "statute.structure"));
      }
    }
  }

  void link_issuers_in_header(const std::string& line, Vertex inst, Vertex ver,
                              const Provenance& p) {
    // Titles inside 《》 name other instruments (the amending decision), not the issuer.
    std::string text;
    int depth = 0;
    for (size_t i = 0; i < line.size();) {
      if (line.compare(i, 3, "《") == 0) {
        ++depth;
        i += 3;
        continue;
      }
      if (line.compare(i, 3, "》") == 0) {
        depth = std::max(0, depth - 1);
        i += 3;
        continue;
      }
      if (depth == 0) text.push_back(line[i]);
      ++i;
    }
    for (const AliasMatch& m : actors_.find_all(text)) {
      Vertex a = actor_vertex(*m.actor);
      edge(ver, a, graph::edge::kIssuedBy, p, "header names " + m.alias);
      edge(inst, a, graph::edge::kIssuedBy, p, "header names " + m.alias);
    }
  }

  // ---- Compass
  // ------------------------------------------------------------------------------------
  std::string compass_version_date(const CompassInstrument& inst, const std::string& inst_id) {
    auto get = [&inst](const char* key) -> std::string {
      auto it = inst.dates.find(key);
      return it == inst.dates.end() ? std::string() : it->second;
    };
    if (std::string amended = get("lastAmendedOn"); plausible_date(amended)) return amended;
    const auto& existing = versions_of_[inst_id];
    for (const char* key : {"adoptedOn", "publishedOn", "effectiveFrom"}) {
      std::string d = get(key);
      if (plausible_date(d) && existing.count(inst_id + "@" + d)) return d;
    }
    for (const char* key : {"adoptedOn", "publishedOn", "effectiveFrom", "introducedOn"}) {
      std::string d = get(key);
      if (plausible_date(d)) return d;
    }
    return "undated";
  }

  void add_compass_instruments() {
    for (auto& [cid, info] : compass_instruments_) {
      const CompassInstrument& ci = *info.record;
      const std::string& file = info.file->relative;
      on_behalf_of(file);
      Provenance p = prov(file, 0, "compass.instrument", 1.0f, ci.json_path);
      std::string date = compass_version_date(ci, info.instrument_id);
      info.version_id = info.instrument_id + "@" + date;
      std::string label =
          !ci.original_title.empty() && ci.jurisdiction_id == "cn" ? ci.original_title : ci.title;
      Vertex inst = node(NodeKind::instrument, info.instrument_id, label, p);
      {
        NodeData& n = g_.node(inst);
        n.set_attr(graph::attr::kJurisdiction, ci.jurisdiction_id);
        n.set_attr(graph::attr::kTitleEn, ci.title);
        if (!ci.short_title.empty()) n.set_attr(graph::attr::kShortTitleEn, ci.short_title);
        if (!ci.original_title.empty()) n.set_attr(graph::attr::kTitleOriginal, ci.original_title);
        if (!ci.category.empty()) n.set_attr(graph::attr::kCategory, ci.category);
        if (!ci.legal_force.empty()) n.set_attr(graph::attr::kLegalForce, ci.legal_force);
        if (!ci.lifecycle_status.empty())
          n.set_attr(graph::attr::kLifecycleStatus, ci.lifecycle_status);
        if (!ci.source_url.empty()) n.set_attr(graph::attr::kSourceUrl, ci.source_url);
        n.set_attr(graph::attr::kCompassId, cid);
        if (!ci.summary.empty() && !n.attr(graph::attr::kSummary))
          n.set_attr(graph::attr::kSummary, ci.summary);
      }
      if (!ci.jurisdiction_id.empty())
        edge(inst, jurisdiction(ci.jurisdiction_id), graph::edge::kInJurisdiction, p);

      Vertex ver = node(NodeKind::version, info.version_id, label + " (" + date + ")", p,
                        date == "undated" ? std::string() : date);
      {
        NodeData& n = g_.node(ver);
        n.set_attr(graph::attr::kInstrument, info.instrument_id);
        n.set_attr(graph::attr::kJurisdiction, ci.jurisdiction_id);
        if (!n.attr(graph::attr::kSourceFormat))
          n.set_attr(graph::attr::kSourceFormat, "compass-json");
        else if (*n.attr(graph::attr::kSourceFormat) != "compass-json")
          n.set_attr(graph::attr::kAlsoFrom, file);
        if (!ci.version_note.empty()) n.set_attr(graph::attr::kVersionNote, ci.version_note);
        if (auto it = ci.dates.find("effectiveFrom");
            it != ci.dates.end() && !n.attr(graph::attr::kEffective))
          n.set_attr(graph::attr::kEffective, it->second);
        if (auto it = ci.dates.find("latestAmendmentEffectiveFrom");
            it != ci.dates.end() && ci.dates.count("lastAmendedOn"))
          n.set_attr(graph::attr::kEffective, it->second);
      }
      edge(ver, inst, graph::edge::kVersionOf, p);
      versions_of_[info.instrument_id].insert(info.version_id);
      for (const auto& [key, d] : ci.dates)
        add_event(ver, info.version_id, compass_event_type(key), d, key, p);
      for (const auto& body : ci.issuing_bodies) {
        Vertex a = issuer_by_name(body, ci.jurisdiction_id, p);
        edge(inst, a, graph::edge::kIssuedBy, p, "issuingBodies: " + body);
        edge(ver, a, graph::edge::kIssuedBy, p, "issuingBodies: " + body);
      }
    }
  }

  // Provisions with text first (from every file), then the text-less anchors of provisions.json
  // that no article file covers, so relations can point at them.
  void add_compass_provisions() {
    add_compass_provisions(true);
    add_compass_provisions(false);
  }

  void add_compass_provisions(bool with_text) {
    for (const auto& f : sources_.compass) {
      const std::string& file = f.file.relative;
      on_behalf_of(file);
      for (const auto& pr : f.parsed.provisions) {
        if (pr.text_stored != with_text) continue;
        if (!with_text && compass_provision_nodes_.count(pr.id)) continue;
        auto it = compass_instruments_.find(pr.instrument_id);
        if (it == compass_instruments_.end())
          it = compass_instruments_.find(catalog_.compass_alias(pr.instrument_id));
        if (it == compass_instruments_.end()) {
          diags_.warn(file, 0,
                      pr.json_path + ": provision '" + pr.id + "' names unknown instrument '" +
                          pr.instrument_id + "'; skipped");
          continue;
        }
        const CompassInstrumentInfo& info = it->second;
        Provenance p = prov(file, 0, "compass.provision", 1.0f, pr.json_path);
        std::string number = lower_ascii_slug(pr.number);
        std::string art_id = info.version_id + "/" + unit_prefix(pr.unit_type) + "-" +
                             (number.empty() ? lower_ascii_slug(pr.id) : number);
        if (auto prev = compass_provision_nodes_by_node_.find(art_id);
            prev != compass_provision_nodes_by_node_.end() && prev->second != pr.id)
          art_id += "-" + std::to_string(pr.ordinal);
        compass_provision_nodes_by_node_[art_id] = pr.id;
        compass_provision_nodes_[pr.id] = art_id;

        // Parent: section under chapter under version, as far as the record says.
        Vertex parent = *g_.find(info.version_id);
        std::string parent_id = info.version_id;
        if (!pr.chapter_label.empty() || !pr.chapter_id.empty()) {
          int num = chapter_number(pr.chapter_label);
          std::string seg =
              num > 0 ? "ch-" + std::to_string(num) : "ch-" + lower_ascii_slug(pr.chapter_id);
          parent_id += "/" + seg;
          std::string label =
              pr.chapter_label + (pr.chapter_title.empty() ? "" : " " + pr.chapter_title);
          Vertex cv = node(NodeKind::chapter, parent_id, label, p);
          g_.node(cv).set_attr(graph::attr::kVersion, info.version_id);
          if (!pr.chapter_title.empty())
            g_.node(cv).set_attr(graph::attr::kTitleEn, pr.chapter_label + " " + pr.chapter_title);
          edge(cv, parent, graph::edge::kPartOf,
               prov(file, 0, "compass.structure", 1.0f, pr.json_path));
          parent = cv;
        }
        if (!pr.section_label.empty()) {
          int num = chapter_number(pr.section_label);
          parent_id +=
              "/sec-" + (num > 0 ? std::to_string(num) : lower_ascii_slug(pr.section_label));
          Vertex sv =
              node(NodeKind::section, parent_id,
                   pr.section_label + (pr.section_title.empty() ? "" : " " + pr.section_title), p);
          g_.node(sv).set_attr(graph::attr::kVersion, info.version_id);
          edge(sv, parent, graph::edge::kPartOf,
               prov(file, 0, "compass.structure", 1.0f, pr.json_path));
          parent = sv;
        }

        bool chinese = pr.original.language.rfind("zh", 0) == 0;
        std::string label = !pr.original_title.empty() ? pr.original_title : pr.label;
        Vertex av = node(NodeKind::article, art_id, label, p);
        {
          NodeData& n = g_.node(av);
          if (n.date.empty() && info.version_id.find('@') != std::string::npos) {
            std::string d = info.version_id.substr(info.version_id.find('@') + 1);
            if (plausible_date(d)) n.date = d;
          }
          if (chinese) {
            if (n.text_zh.empty()) n.text_zh = pr.original.full_text;
          } else if (pr.original.language.rfind("en", 0) == 0) {
            if (n.text_en.empty()) n.text_en = pr.original.full_text;
          } else {
            n.set_attr(graph::attr::kTextOriginal, pr.original.full_text);
            n.set_attr(graph::attr::kLanguage, pr.original.language);
          }
          if (pr.english && n.text_en.empty()) n.text_en = pr.english->full_text;
          if (!n.attr(graph::attr::kNumber)) n.set_attr(graph::attr::kNumber, pr.number);
          if (!n.attr(graph::attr::kOrdinal))
            n.set_attr(graph::attr::kOrdinal, std::to_string(pr.ordinal + 1));
          n.set_attr(graph::attr::kLabelEn,
                     pr.label + (pr.title.empty() || pr.title == pr.label ? "" : " " + pr.title));
          n.set_attr(graph::attr::kUnitType, pr.unit_type);
          n.set_attr(graph::attr::kCompassId, pr.id);
          if (!pr.text_stored) n.set_attr(graph::attr::kTextStored, "no");
          if (!pr.summary.empty() && !n.attr(graph::attr::kSummary))
            n.set_attr(graph::attr::kSummary, pr.summary);
          n.set_attr(graph::attr::kVersion, info.version_id);
          n.set_attr(graph::attr::kInstrument, info.instrument_id);
          n.set_attr(graph::attr::kJurisdiction, info.record->jurisdiction_id);
          if (!pr.applies_from.empty()) n.set_attr(graph::attr::kAppliesFrom, pr.applies_from);
          if (!pr.source_url.empty()) n.set_attr(graph::attr::kSourceUrl, pr.source_url);
          if (n.source.file != file) n.set_attr(graph::attr::kAlsoFrom, file + " " + pr.json_path);
        }
        // One structural parent per article: a second record of the same provision (provisions.json
        // repeats some articles without their chapter) must not attach it to the version as well.
        if (!g_.out_neighbor(av, graph::edge::kPartOf))
          edge(av, parent, graph::edge::kPartOf,
               prov(file, 0, "compass.structure", 1.0f, pr.json_path));

        // Paragraphs (original language), with the English paragraph of the same position.
        const auto& paras = pr.original.paragraphs;
        bool aligned = pr.english && pr.english->paragraphs.size() == paras.size();
        for (size_t i = 0; i < paras.size(); ++i) {
          std::string pid = art_id + "/p-" + std::to_string(i + 1);
          Vertex pv = node(NodeKind::paragraph, pid, label + " ¶" + std::to_string(i + 1), p);
          NodeData& n = g_.node(pv);
          if (chinese) {
            if (n.text_zh.empty()) n.text_zh = paras[i];
          } else if (n.text_en.empty() && pr.original.language.rfind("en", 0) == 0) {
            n.text_en = paras[i];
          }
          if (aligned && n.text_en.empty()) n.text_en = pr.english->paragraphs[i];
          if (!n.attr(graph::attr::kOrdinal))
            n.set_attr(graph::attr::kOrdinal, std::to_string(i + 1));
          edge(pv, av, graph::edge::kPartOf,
               prov(file, 0, "compass.structure", 1.0f, pr.json_path));
        }
      }
    }
  }

  void add_compass_status_events() {
    for (const auto& f : sources_.compass)
      for (const auto& ev : f.parsed.status_events) {
        on_behalf_of(f.file.relative);
        auto it = compass_instruments_.find(ev.instrument_id);
        if (it == compass_instruments_.end()) {
          diags_.warn(f.file.relative, 0,
                      ev.json_path + ": status event '" + ev.id + "' names unknown instrument '" +
                          ev.instrument_id + "'");
          continue;
        }
        Vertex inst = *g_.find(it->second.instrument_id);
        add_event(inst, it->second.instrument_id, lower_ascii_slug(ev.type), ev.date, ev.label,
                  prov(f.file.relative, 0, "compass.status_event", 1.0f, ev.json_path));
      }
  }

  std::optional<Vertex> compass_endpoint(const std::string& type, const std::string& id) {
    if (type == "instrument") {
      auto it = compass_instruments_.find(id);
      if (it != compass_instruments_.end()) return g_.find(it->second.instrument_id);
      return std::nullopt;
    }
    auto it = compass_provision_nodes_.find(id);
    if (it != compass_provision_nodes_.end()) return g_.find(it->second);
    // Provision anchors without text (provisions.json) may name an instrument we know.
    auto inst = compass_instruments_.find(id);
    if (inst != compass_instruments_.end()) return g_.find(inst->second.instrument_id);
    return std::nullopt;
  }

  void add_compass_relations() {
    for (const auto& f : sources_.compass)
      for (const auto& r : f.parsed.relations) {
        on_behalf_of(f.file.relative);
        auto from = compass_endpoint(r.source_type, r.source_id);
        auto to = compass_endpoint(r.target_type, r.target_id);
        if (!from || !to) {
          diags_.warn(f.file.relative, 0,
                      r.json_path + ": relation '" + r.id + "' (" + r.type +
                          ") has an endpoint without text in the corpus: " +
                          (from ? r.target_id : r.source_id));
          continue;
        }
        Provenance p =
            prov(f.file.relative, 0, "compass.relation", confidence_of(r.confidence), r.json_path);
        edge(*from, *to, r.type, p, r.id + " [" + r.status + "] " + r.rationale);
      }
  }

  // ---- news
  // ---------------------------------------------------------------------------------------
  void add_news() {
    for (const auto& s : sources_.news) {
      const NewsItem& item = s.parsed;
      const std::string& file = s.file.relative;
      on_behalf_of(file);
      std::string id = "news/" + id_segment(item.slug);
      Vertex nv =
          node(NodeKind::news, id, item.title, prov(file, 1, "news.front_matter"), item.date);
      NodeData& n = g_.node(nv);
      // A regkg news record has its own one-sentence summary where the feed has the excerpt.
      std::string text = item.excerpt.empty() ? item.summary : item.excerpt;
      if (!item.body.empty()) text += (text.empty() ? "" : "\n\n") + item.body;
      if (n.text_en.empty()) n.text_en = text;
      if (!item.source.empty()) n.set_attr(graph::attr::kSource, item.source);
      if (!item.url.empty()) n.set_attr(graph::attr::kUrl, item.url);
      if (!item.datetime.empty()) n.set_attr(graph::attr::kPublished, item.datetime);
      n.set_attr(graph::attr::kLanguage, item.language.empty() ? "en" : item.language);

      // Actor mentions in title, excerpt and body; the first match of each actor is the evidence.
      std::set<std::string> linked;
      auto scan = [&](const std::string& t, int base_line, const char* where) {
        for (const AliasMatch& m : actors_.find_all(t)) {
          if (!linked.insert(m.actor->id).second) continue;
          int line = base_line > 0
                         ? base_line + static_cast<int>(std::count(
                                           t.begin(), t.begin() + static_cast<long>(m.begin), '\n'))
                         : 0;
          bool acronym = m.alias.size() <= 4;
          edge(nv, actor_vertex(*m.actor), graph::edge::kMentions,
               prov(file, line, "news.alias_match", acronym ? 0.8f : 0.9f),
               std::string("matched '") + m.alias + "' in " + where);
        }
      };
      scan(item.title, 0, "title");
      scan(item.excerpt, 0, "excerpt");
      scan(item.summary, 0, "summary");
      scan(item.body, item.body_line, "body");
      // The actors and rules a news record names (corpus/news): written by hand, so certain.
      for (const std::string& actor : item.named_actors) {
        const auto* a = actors_.find_id(actor);
        if (!a) {
          diags_.warn(file, 0, "actors: unknown actor id '" + actor + "' (not in actors.json)");
          continue;
        }
        if (!linked.insert(a->id).second) continue;
        edge(nv, actor_vertex(*a), graph::edge::kMentions, prov(file, 0, "news.record", 1.0f),
             "named by the news record");
      }
      for (const std::string& instrument : item.named_instruments) {
        if (auto inst = g_.find(instrument)) {
          if (g_.node(*inst).kind == NodeKind::instrument)
            edge(nv, *inst, graph::edge::kAbout, prov(file, 0, "news.record", 1.0f),
                 "named by the news record");
        }
      }
    }
  }

  // ---- version chains
  // -------------------------------------------------------------------------------
  void link_version_chains() {
    on_behalf_of(pass::kVersionChains);
    for (const auto& [inst_id, versions] : versions_of_) {
      std::vector<std::string> ordered(versions.begin(), versions.end());  // ids sort by date
      for (size_t i = 1; i < ordered.size(); ++i) {
        auto newer = g_.find(ordered[i]);
        auto older = g_.find(ordered[i - 1]);
        bool undated = ordered[i - 1].find("@undated") != std::string::npos ||
                       ordered[i].find("@undated") != std::string::npos;
        if (newer && older && !undated)
          edge(*newer, *older, graph::edge::kSupersedes,
               prov(g_.node(*newer).source.file, g_.node(*newer).source.line,
                    "version.chain.by_date", 0.9f, g_.node(*newer).source.json_path));
      }
    }
  }

  const ParsedSources& sources_;
  const AliasDictionary& actors_;
  const InstrumentCatalog& catalog_;
  Diagnostics& diags_;
  KnowledgeGraph& g_;
  std::map<std::string, CompassInstrumentInfo> compass_instruments_;
  std::unordered_map<std::string, std::string> compass_by_cn_title_;
  std::unordered_map<std::string, std::string> compass_provision_nodes_;  // compass id -> node id
  std::unordered_map<std::string, std::string> compass_provision_nodes_by_node_;
  std::map<std::string, std::set<std::string>> versions_of_;
};

}  // namespace

graph::KnowledgeGraph build_graph(const ParsedSources& sources, const AliasDictionary& actors,
                                  const InstrumentCatalog& catalog, Diagnostics& diags) {
  // Built in place and returned by NRVO: a moved adjacency_list would be deep-copied.
  graph::KnowledgeGraph graph;
  Builder(sources, actors, catalog, diags, graph).run();
  return graph;
}

void add_news_into(graph::KnowledgeGraph& graph, const ParsedSources& sources,
                   const AliasDictionary& actors, const InstrumentCatalog& catalog,
                   Diagnostics& diags) {
  Builder(sources, actors, catalog, diags, graph).run_news();
}

void build_graph_into(graph::KnowledgeGraph& graph, const ParsedSources& sources,
                      const AliasDictionary& actors, const InstrumentCatalog& catalog,
                      Diagnostics& diags) {
  Builder(sources, actors, catalog, diags, graph).run();
}

}  // namespace regkg::ingest
