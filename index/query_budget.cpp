// QueryLimits checks, the cost estimate and the match deadline.
#include "index/query_budget.h"

#include <algorithm>
#include <map>

namespace regkg::index {

namespace {

bool is_alternative(Xapian::Query::op op) {
  return op == Xapian::Query::OP_OR || op == Xapian::Query::OP_SYNONYM ||
         op == Xapian::Query::OP_ELITE_SET || op == Xapian::Query::OP_MAX ||
         op == Xapian::Query::OP_XOR;
}

bool is_positional(Xapian::Query::op op) {
  return op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR;
}

size_t count_terms(const Xapian::Query& q) {
  if (q.get_type() == Xapian::Query::LEAF_TERM) return q.empty() ? 0 : 1;
  size_t n = 0;
  for (size_t i = 0; i < q.get_num_subqueries(); ++i) n += count_terms(q.get_subquery(i));
  return n;
}

void measure(const Xapian::Query& q, QueryShape& shape) {
  const auto op = q.get_type();
  if (op == Xapian::Query::LEAF_TERM) {
    if (!q.empty()) ++shape.terms;
    return;
  }
  if (is_positional(op)) shape.longest_phrase = std::max(shape.longest_phrase, count_terms(q));
  if (is_alternative(op)) shape.branches += q.get_num_subqueries();
  for (size_t i = 0; i < q.get_num_subqueries(); ++i) measure(q.get_subquery(i), shape);
}

// Leaf terms under `q`, each once.
void collect_terms(const Xapian::Query& q, std::vector<std::string>& out) {
  if (q.get_type() == Xapian::Query::LEAF_TERM) {
    for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) out.push_back(*t);
    return;
  }
  for (size_t i = 0; i < q.get_num_subqueries(); ++i) collect_terms(q.get_subquery(i), out);
}

struct CostWalk {
  const Xapian::Database& db;
  std::map<std::string, Xapian::doccount> freq;
  Xapian::doccount termfreq(const std::string& term) {
    auto [it, added] = freq.try_emplace(term, 0);
    if (added) it->second = db.get_termfreq(term);
    return it->second;
  }
  double cost(const Xapian::Query& q) {
    const auto op = q.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
      double c = 0;
      for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) c += termfreq(*t);
      return c / 16;
    }
    if (is_positional(op)) {
      std::vector<std::string> terms;
      collect_terms(q, terms);
      if (terms.empty()) return 0;
      Xapian::doccount rarest = termfreq(terms.front());
      for (const auto& t : terms) rarest = std::min(rarest, termfreq(t));
      return static_cast<double>(rarest) * static_cast<double>(terms.size());
    }
    double c = 0;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) c += cost(q.get_subquery(i));
    return c;
  }
};

}  // namespace

QueryTooComplex::QueryTooComplex(std::string limit, size_t max, size_t got)
    : std::runtime_error("query too complex: " + limit + " is " + std::to_string(got) +
                         ", the limit is " + std::to_string(max)),
      limit_(std::move(limit)),
      max_(max),
      got_(got) {}

QueryShape measure_query(const Xapian::Query& query, size_t query_bytes) {
  QueryShape shape;
  shape.query_bytes = query_bytes;
  measure(query, shape);
  return shape;
}

void check_query_shape(const QueryShape& shape, const QueryLimits& limits) {
  if (shape.query_bytes > limits.query_bytes)
    throw QueryTooComplex("query_bytes", limits.query_bytes, shape.query_bytes);
  if (shape.longest_phrase > limits.phrase_terms)
    throw QueryTooComplex("phrase_terms", limits.phrase_terms, shape.longest_phrase);
  if (shape.branches > limits.branches)
    throw QueryTooComplex("branches", limits.branches, shape.branches);
  if (shape.terms > limits.terms) throw QueryTooComplex("terms", limits.terms, shape.terms);
}

double estimate_query_cost(const Xapian::Query& query, const Xapian::Database& db) {
  CostWalk walk{db, {}};
  return walk.cost(query);
}

MatchDeadline::MatchDeadline(std::chrono::steady_clock::time_point deadline,
                             std::shared_ptr<std::atomic<bool>> hit)
    : deadline_(deadline), hit_(hit ? std::move(hit) : std::make_shared<std::atomic<bool>>()) {}

void MatchDeadline::init(const Xapian::Database& db) {
  current_ = 0;
  last_ = db.get_lastdocid();
  size_ = db.get_doccount();
  calls_ = 0;
  // Weightless: it filters, it does not score.
  set_maxweight(0);
}

void MatchDeadline::check_clock() {
  if (++calls_ % 64 != 0 && !hit_->load(std::memory_order_relaxed)) return;
  if (hit_->load(std::memory_order_relaxed) || std::chrono::steady_clock::now() >= deadline_) {
    hit_->store(true);
    current_ = last_ + 1;
  }
}

void MatchDeadline::next(double) {
  ++current_;
  check_clock();
}

void MatchDeadline::skip_to(Xapian::docid did, double) {
  if (did > current_) current_ = did;
  check_clock();
}

MatchDeadline* MatchDeadline::clone() const { return new MatchDeadline(deadline_, hit_); }

}  // namespace regkg::index
