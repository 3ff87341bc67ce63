// Judged queries: loading, resolving to node ids, and the three measures (see the header).
#include "bench/relevance_judgements.h"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "graph/vocabulary.h"

namespace regkg::bench {

namespace {

std::string string_member(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  if (it == v.MemberEnd()) return {};
  if (it->value.IsString()) return {it->value.GetString(), it->value.GetStringLength()};
  if (it->value.IsInt()) return std::to_string(it->value.GetInt());
  return {};
}

bool bool_member(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

// "cn/pipl@2021-08-20/art-38/p-2" -> "cn/pipl@2021-08-20/art-38": paragraphs, obligations and
// sanctions of an article stand for their article.
std::string article_of(const std::string& id) {
  const size_t art = id.find("/art-");
  if (art == std::string::npos) return id;
  const size_t end = id.find('/', art + 1);
  return end == std::string::npos ? id : id.substr(0, end);
}

// The last path segment of an article id: "art-38".
std::string last_segment(const std::string& id) {
  const size_t slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

}  // namespace

JudgedSet load_judged_set(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": error: cannot read");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError())
    throw std::runtime_error(path.string() + ": error: offset " +
                             std::to_string(doc.GetErrorOffset()) + ": " +
                             rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject() || !doc.HasMember("queries") || !doc["queries"].IsArray())
    throw std::runtime_error(path.string() + ": error: no \"queries\" array");
  JudgedSet set;
  set.path = path.string();
  for (const auto& q : doc["queries"].GetArray()) {
    if (!q.IsObject()) continue;
    JudgedQuery jq;
    jq.id = string_member(q, "id");
    jq.q = string_member(q, "q");
    jq.lang = string_member(q, "lang");
    jq.type = string_member(q, "type");
    jq.note = string_member(q, "note");
    auto rel = q.FindMember("relevant");
    if (rel != q.MemberEnd() && rel->value.IsArray())
      for (const auto& r : rel->value.GetArray()) {
        if (!r.IsObject()) continue;
        JudgedItem item;
        item.file = string_member(r, "file");
        item.article = string_member(r, "article");
        item.unit = string_member(r, "unit");
        const std::string grade = string_member(r, "grade");
        item.grade = grade.empty() ? 1 : std::stoi(grade);
        item.any_version = bool_member(r, "any_version");
        auto alt = r.FindMember("alt");
        if (alt != r.MemberEnd() && alt->value.IsArray())
          for (const auto& a : alt->value.GetArray()) {
            if (!a.IsObject()) continue;
            JudgedItem copy;
            copy.file = string_member(a, "file");
            copy.article = string_member(a, "article");
            copy.unit = string_member(a, "unit");
            copy.any_version = item.any_version;
            item.alt.push_back(std::move(copy));
          }
        jq.items.push_back(std::move(item));
      }
    if (jq.q.empty() || jq.items.empty())
      throw std::runtime_error(path.string() + ": error: query '" + jq.id +
                               "' has no q or no relevant items");
    set.queries.push_back(std::move(jq));
  }
  return set;
}

void resolve_items(JudgedSet& set, const graph::KnowledgeGraph& g) {
  using graph::NodeKind;
  // Corpus file -> the articles, versions and news items read from it (first or also_from).
  std::unordered_map<std::string, std::vector<graph::KnowledgeGraph::Vertex>> by_file;
  // instrument id + "|" + last segment -> article ids of every version.
  std::unordered_map<std::string, std::vector<std::string>> by_instrument_segment;
  for (graph::KnowledgeGraph::Vertex v = 0; v < g.node_count(); ++v) {
    const graph::NodeData& n = g.node(v);
    if (n.kind != NodeKind::article && n.kind != NodeKind::version && n.kind != NodeKind::news &&
        n.kind != NodeKind::instrument)
      continue;
    by_file[n.source.file.str()].push_back(v);
    if (const std::string* also = n.attr(graph::attr::kAlsoFrom)) {
      by_file[also->substr(0, also->find(' '))].push_back(v);
    }
    if (n.kind == NodeKind::article)
      if (const std::string* inst = n.attr(graph::attr::kInstrument))
        by_instrument_segment[*inst + "|" + last_segment(n.id)].push_back(n.id);
  }
  auto resolve = [&](JudgedItem& item) {
    auto it = by_file.find(item.file);
    if (it == by_file.end()) {
      item.unresolved = "no node read from " + item.file;
      return;
    }
    if (!item.article.empty() || !item.unit.empty()) {
      const std::string segment = item.unit.empty() ? "art-" + item.article : item.unit;
      for (auto v : it->second) {
        const graph::NodeData& n = g.node(v);
        if (n.kind != NodeKind::article) continue;
        const std::string* number = n.attr(graph::attr::kNumber);
        const std::string* compass = n.attr(graph::attr::kCompassId);
        if (last_segment(n.id) == segment || (number && *number == segment) ||
            (compass && *compass == segment))
          item.article_ids.push_back(n.id);
      }
      if (item.article_ids.empty()) {
        item.unresolved = "no article " + segment + " in " + item.file;
        return;
      }
      if (item.any_version) {
        std::set<std::string> all(item.article_ids.begin(), item.article_ids.end());
        for (const auto& id : item.article_ids) {
          auto v = g.find(id);
          const std::string* inst = v ? g.node(*v).attr(graph::attr::kInstrument) : nullptr;
          if (!inst) continue;
          auto same = by_instrument_segment.find(*inst + "|" + last_segment(id));
          if (same != by_instrument_segment.end())
            all.insert(same->second.begin(), same->second.end());
        }
        item.article_ids.assign(all.begin(), all.end());
      }
      return;
    }
    for (auto v : it->second) {
      const graph::NodeData& n = g.node(v);
      if (n.kind == NodeKind::news) {
        item.news_id = n.id;
        break;
      }
      if (const std::string* inst = n.attr(graph::attr::kInstrument)) {
        item.instrument_id = *inst;
        break;
      }
      if (n.kind == NodeKind::instrument) {
        item.instrument_id = n.id;
        break;
      }
    }
    if (item.news_id.empty() && item.instrument_id.empty())
      item.unresolved = "no instrument or news item read from " + item.file;
  };
  for (auto& q : set.queries)
    for (auto& item : q.items) {
      resolve(item);
      // An item resolves when it or any of its copies does; the copies' ids are its ids too.
      for (auto& copy : item.alt) {
        resolve(copy);
        if (!copy.unresolved.empty()) continue;
        item.article_ids.insert(item.article_ids.end(), copy.article_ids.begin(),
                                copy.article_ids.end());
        if (item.instrument_id.empty()) item.instrument_id = copy.instrument_id;
        if (item.news_id.empty()) item.news_id = copy.news_id;
        if (!item.article_ids.empty() || !item.instrument_id.empty() || !item.news_id.empty())
          item.unresolved.clear();
      }
    }
}

int grade_of(const JudgedQuery& query, const RankedHit& hit, int* item_index) {
  const std::string article = article_of(hit.id);
  int best = 0, best_index = -1;
  for (size_t i = 0; i < query.items.size(); ++i) {
    const JudgedItem& item = query.items[i];
    bool match = false;
    for (const auto& id : item.article_ids)
      if (id == article) match = true;
    if (!item.news_id.empty() && hit.id == item.news_id) match = true;
    if (!item.instrument_id.empty() && hit.instrument_id == item.instrument_id &&
        (hit.kind == "version" || hit.kind == "instrument"))
      match = true;
    if (match && item.grade > best) {
      best = item.grade;
      best_index = static_cast<int>(i);
    }
  }
  if (item_index) *item_index = best_index;
  return best;
}

QueryScore score_query(const JudgedQuery& query, const std::vector<RankedHit>& ranked) {
  QueryScore s;
  std::set<int> seen;
  double dcg = 0;
  for (size_t r = 0; r < ranked.size() && r < 10; ++r) {
    int index = -1;
    const int grade = grade_of(query, ranked[r], &index);
    if (grade == 0 || !seen.insert(index).second) continue;
    if (s.first_relevant_rank == 0) s.first_relevant_rank = static_cast<int>(r) + 1;
    dcg += (std::pow(2.0, grade) - 1) / std::log2(static_cast<double>(r) + 2);
  }
  std::vector<int> grades;
  for (const auto& item : query.items)
    if (item.unresolved.empty()) grades.push_back(item.grade);
  std::sort(grades.rbegin(), grades.rend());
  double ideal = 0;
  for (size_t r = 0; r < grades.size() && r < 10; ++r)
    ideal += (std::pow(2.0, grades[r]) - 1) / std::log2(static_cast<double>(r) + 2);
  s.ndcg10 = ideal > 0 ? dcg / ideal : 0;
  s.success5 = s.first_relevant_rank >= 1 && s.first_relevant_rank <= 5 ? 1 : 0;
  s.rr10 = s.first_relevant_rank >= 1 ? 1.0 / s.first_relevant_rank : 0;
  return s;
}

void GroupScore::add(const QueryScore& s) {
  ++queries;
  success5 += s.success5;
  mrr10 += s.rr10;
  ndcg10 += s.ndcg10;
}

void GroupScore::finish() {
  if (queries == 0) return;
  success5 /= queries;
  mrr10 /= queries;
  ndcg10 /= queries;
}

}  // namespace regkg::bench
