// Tests Symbol: equal texts share one copy, a reused buffer is never taken for the text it held,
// comparisons against strings, and interning from several threads at once.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "graph/symbol.h"

using regkg::graph::Symbol;

TEST_SUITE("graph") {
  TEST_CASE("equal texts are one copy and different texts are not") {
    std::string a = "statutes-zh/行政法/数据安全法(2021-06-10).md";
    std::string b = a;  // another buffer, the same text
    Symbol sa = a, sb = b, sc = "statutes-zh/行政法/网络安全法(2016-11-07).md";
    CHECK(&sa.str() == &sb.str());
    CHECK(sa == sb);
    CHECK(sa != sc);
    CHECK(sa.str() == a);
    CHECK(sa == a);
    CHECK(sa == "statutes-zh/行政法/数据安全法(2021-06-10).md");
    CHECK(sa == std::string_view(a));
    CHECK(sa < sc);  // by their bytes: 数 is E6 95 B0, 网 E7 BD 91
    CHECK_FALSE(sc < sa);
  }

  TEST_CASE("the empty symbol") {
    Symbol empty;
    CHECK(empty.empty());
    CHECK(empty.size() == 0);
    CHECK(empty == "");
    CHECK(empty == Symbol(std::string()));
    CHECK(std::string(empty.c_str()).empty());
  }

  TEST_CASE("a buffer reused for another text gives that text's symbol") {
    // The per-thread memo is keyed by a text's address and size: the same buffer, rewritten with
    // text of the same length, must not give back the old symbol.
    std::string buffer = "statute.structure";
    Symbol first = buffer;
    buffer.replace(0, buffer.size(), "compass.structur");
    buffer += "e";  // same length as before, likely the same address
    REQUIRE(buffer.size() == std::string("statute.structure").size());
    Symbol second = buffer;
    CHECK(second == "compass.structure");
    CHECK(first == "statute.structure");
    CHECK(first != second);
    char raw[] = "rule.one";
    Symbol r1 = static_cast<const char*>(raw);
    raw[5] = 't';
    raw[6] = 'w';
    raw[7] = 'o';
    Symbol r2 = static_cast<const char*>(raw);
    CHECK(r1 == "rule.one");
    CHECK(r2 == "rule.two");
  }

  TEST_CASE("symbols print and convert like strings") {
    Symbol s = "news.front_matter";
    std::ostringstream out;
    out << s << "|" << s.str().size();
    CHECK(out.str() == "news.front_matter|17");
    const std::string& as_string = s;
    std::string_view as_view = s;
    CHECK(as_string == "news.front_matter");
    CHECK(as_view == "news.front_matter");
    CHECK(std::string(s.data(), s.size()) == "news.front_matter");
  }

  TEST_CASE("threads interning the same texts get the same copies") {
    const size_t before = Symbol::table_size();
    std::vector<std::vector<const std::string*>> seen(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < seen.size(); ++t)
      threads.emplace_back([&seen, t] {
        for (int round = 0; round < 50; ++round)
          for (int i = 0; i < 200; ++i)
            seen[t].push_back(&Symbol("symbol-test/file-" + std::to_string(i) + ".md").str());
      });
    for (auto& th : threads) th.join();
    for (size_t t = 1; t < seen.size(); ++t) CHECK(seen[t] == seen[0]);
    CHECK(std::set<const std::string*>(seen[0].begin(), seen[0].end()).size() == 200);
    CHECK(Symbol::table_size() == before + 200);
  }
}
