// Tests the query budget: the shape of parsed queries, each limit's refusal and message, the cost
// estimate from term frequencies, and the match deadline on a real (in-memory) Xapian database.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/index_schema.h"
#include "index/query_budget.h"

using namespace regkg::index;

namespace {

Xapian::Query phrase(size_t n, const std::string& term = "t") {
  std::vector<Xapian::Query> terms(n, Xapian::Query(term));
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
}

Xapian::Query any_of(const std::vector<Xapian::Query>& qs) {
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

// The limit a shape breaks ("" when none) and the message it gives.
std::pair<std::string, std::string> refusal(const QueryShape& shape, const QueryLimits& limits) {
  try {
    check_query_shape(shape, limits);
  } catch (const QueryTooComplex& e) {
    return {e.limit(), e.what()};
  }
  return {};
}

// A database of `n` documents; document i holds "common" at every position of a 50-word text,
// every third one "rare" too.
Xapian::WritableDatabase memory_db(unsigned n) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (unsigned i = 1; i <= n; ++i) {
    Xapian::Document d;
    for (unsigned p = 1; p <= 50; ++p) d.add_posting("common", p);
    if (i % 3 == 0) d.add_posting("rare", 51);
    db.add_document(d);
  }
  return db;
}

}  // namespace

TEST_CASE("query budget: the shape counts phrase terms and alternatives and term leaves") {
  QueryShape s = measure_query(phrase(7), 30);
  CHECK(s.longest_phrase == 7);
  CHECK(s.terms == 7);
  CHECK(s.branches == 0);
  CHECK(s.query_bytes == 30);

  // Ten OR'd phrases of 12 terms: 10 alternatives, 120 terms, the longest phrase 12.
  std::vector<Xapian::Query> ten(10, phrase(12));
  s = measure_query(any_of(ten), 0);
  CHECK(s.longest_phrase == 12);
  CHECK(s.branches == 10);
  CHECK(s.terms == 120);

  // Synonyms count as alternatives; a NEAR group as a phrase; AND adds no alternatives.
  Xapian::Query syn(Xapian::Query::OP_SYNONYM, Xapian::Query("a"), Xapian::Query("b"));
  Xapian::Query near(Xapian::Query::OP_NEAR, Xapian::Query("x"), Xapian::Query("y"));
  s = measure_query(Xapian::Query(Xapian::Query::OP_AND, syn, near), 0);
  CHECK(s.branches == 2);
  CHECK(s.longest_phrase == 2);
  CHECK(s.terms == 4);
  // The empty query (stop words only) and the match-all query have no terms.
  CHECK(measure_query(Xapian::Query(), 0).terms == 0);
}

TEST_CASE("query budget: a quoted run of 的 parses to one phrase of one term per character") {
  // With the Searcher's parser flags (index_schema.h): one OP_PHRASE of the run's characters, so
  // its length is the run's: 70 characters break the 64 of phrase_terms.
  Xapian::QueryParser qp;
  std::string run;
  for (int i = 0; i < 70; ++i) run += "的";
  Xapian::Query q = qp.parse_query("\"" + run + "\"", kQueryParserFlags);
  QueryShape s = measure_query(q, run.size() + 2);
  CHECK(s.longest_phrase == 70);
  CHECK(s.terms == 70);
  CHECK(refusal(s, QueryLimits{}).first == "phrase_terms");
  // 10 x 的 stays inside the default limits.
  Xapian::Query short_q = qp.parse_query("\"的的的的的的的的的的\"", kQueryParserFlags);
  CHECK(refusal(measure_query(short_q, 32), QueryLimits{}).first.empty());
}

TEST_CASE("query budget: each limit refuses with its name and the limit and the value") {
  QueryLimits limits;
  limits.query_bytes = 100;
  limits.phrase_terms = 8;
  limits.branches = 5;
  limits.terms = 20;
  struct Case {
    QueryShape shape;
    const char* limit;  // "" = accepted
    const char* message;
  };
  const Case cases[] = {
      {{100, 8, 5, 20}, "", ""},  // every value at its limit is accepted
      {{101, 0, 0, 0}, "query_bytes", "query too complex: query_bytes is 101, the limit is 100"},
      {{10, 9, 0, 9}, "phrase_terms", "query too complex: phrase_terms is 9, the limit is 8"},
      {{10, 2, 6, 12}, "branches", "query too complex: branches is 6, the limit is 5"},
      {{10, 2, 1, 21}, "terms", "query too complex: terms is 21, the limit is 20"},
      // Several broken: bytes are named first (checked before anything is parsed), then phrases.
      {{500, 90, 90, 90}, "query_bytes", "query too complex: query_bytes is 500, the limit is 100"},
      {{50, 90, 90, 90}, "phrase_terms", "query too complex: phrase_terms is 90, the limit is 8"},
  };
  for (const Case& c : cases) {
    auto [limit, message] = refusal(c.shape, limits);
    CHECK(limit == c.limit);
    CHECK(message == c.message);
  }
  try {
    check_query_shape({0, 9, 0, 0}, limits);
    FAIL("not refused");
  } catch (const QueryTooComplex& e) {
    CHECK(e.max() == 8);
    CHECK(e.got() == 9);
  }
}

TEST_CASE("query budget: the cost of a phrase is its length times its rarest term's documents") {
  Xapian::WritableDatabase db = memory_db(300);
  // 100 documents have "rare": a phrase of it and "common" costs 2 x 100.
  Xapian::Query mixed(Xapian::Query::OP_PHRASE, Xapian::Query("common"), Xapian::Query("rare"));
  CHECK(estimate_query_cost(mixed, db) == doctest::Approx(200));
  // 30 x "common" (300 documents each): 9,000, growing with the phrase.
  CHECK(estimate_query_cost(phrase(30, "common"), db) == doctest::Approx(9000));
  CHECK(estimate_query_cost(phrase(60, "common"), db) == doctest::Approx(18000));
  // Ten of them OR'd: ten times one.
  std::vector<Xapian::Query> ten(10, phrase(30, "common"));
  CHECK(estimate_query_cost(any_of(ten), db) == doctest::Approx(90000));
  // Terms outside phrases: a sixteenth of their postings; unknown terms cost nothing.
  CHECK(estimate_query_cost(Xapian::Query("common"), db) == doctest::Approx(300.0 / 16));
  CHECK(estimate_query_cost(Xapian::Query("absent"), db) == 0);
  CHECK(estimate_query_cost(Xapian::Query(), db) == 0);
}

TEST_CASE("query budget: the match deadline ends a match once it has passed and only then") {
  Xapian::WritableDatabase db = memory_db(3000);
  auto run = [&](std::chrono::steady_clock::time_point deadline, bool& hit) {
    auto* source = new MatchDeadline(deadline);
    auto flag = source;  // the source lives as long as the query holds it
    Xapian::Enquire enquire(db);
    Xapian::Query q(Xapian::Query::OP_FILTER, Xapian::Query("rare"),
                    Xapian::Query(source->release()));
    enquire.set_query(q);
    Xapian::MSet m = enquire.get_mset(0, 10, 3000);
    hit = flag->hit();
    return m.get_matches_lower_bound();
  };
  bool hit = true;
  // A minute away: every match of "rare" (1,000) counted, weights untouched.
  CHECK(run(std::chrono::steady_clock::now() + std::chrono::minutes(1), hit) == 1000);
  CHECK_FALSE(hit);
  // Already passed: the match stops at the source's first look at the clock (64 calls).
  CHECK(run(std::chrono::steady_clock::now() - std::chrono::seconds(1), hit) < 100);
  CHECK(hit);
}
