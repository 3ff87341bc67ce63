// The article aligner on real amendments, scored against the hand-checked sample in
// tests/gold/diff_alignment.json (see tests/gold/README.md).
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "diff/article_aligner.h"
#include "diff/version_diff.h"
#include "tests/diff/diff_test_support.h"

using namespace regkg;

TEST_SUITE("diff") {
  TEST_CASE("article alignment: precision on the hand-checked sample") {
    std::string json =
        test::read_file(std::string(REGKG_SOURCE_DIR) + "/tests/gold/diff_alignment.json");
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    REQUIRE_FALSE(doc.HasParseError());
    size_t sampled = 0, aligned = 0, correct = 0;
    for (const auto& pair : doc["pairs"].GetArray()) {
      diff::VersionText from = test::statute_version(pair["old_file"].GetString());
      diff::VersionText to = test::statute_version(pair["new_file"].GetString());
      auto al = diff::align_articles(from.articles, to.articles);
      std::map<std::string, std::set<std::string>> answer;  // old number -> new numbers
      for (const auto& e : al)
        for (size_t i : e.from)
          for (size_t j : e.to) answer[from.articles[i].number].insert(to.articles[j].number);
      for (const auto& item : pair["items"].GetArray()) {
        ++sampled;
        std::string old = item["old"].GetString();
        std::set<std::string> truth;
        for (const auto& n : item["new"].GetArray()) truth.insert(n.GetString());
        const std::set<std::string>& got = answer[old];
        if (got.empty()) continue;  // left unaligned: a coverage miss, not a precision error
        ++aligned;
        bool ok = std::includes(truth.begin(), truth.end(), got.begin(), got.end());
        if (ok)
          ++correct;
        else {
          std::string what = std::string(pair["law"].GetString()) + ": " + old + " aligned to " +
                             *got.begin() + (got.size() > 1 ? " (+more)" : "") +
                             ", not in the gold set";
          MESSAGE(what);
        }
      }
    }
    double precision = aligned ? double(correct) / double(aligned) : 0.0;
    MESSAGE("alignment precision " << correct << "/" << aligned << " = " << precision
                                   << ", coverage " << aligned << "/" << sampled);
    CHECK(sampled >= 20);
    CHECK(precision >= 0.95);
    CHECK(double(aligned) / double(sampled) >= 0.9);
  }

  TEST_CASE("反间谍法 2014 -> 2023: 40 -> 71 articles / what the lawyer would point at") {
    diff::VersionDiff d =
        diff::diff_versions(test::statute_version("statutes-zh/行政法/反间谍法(2014-11-01).md"),
                            test::statute_version("statutes-zh/行政法/反间谍法(2023-04-26).md"));
    REQUIRE(d.from.articles.size() == 40);
    REQUIRE(d.to.articles.size() == 71);
    // Every article appears in exactly one entry on its side.
    std::set<size_t> seen_from, seen_to;
    for (const auto& a : d.articles) {
      for (size_t i : a.alignment.from) CHECK(seen_from.insert(i).second);
      for (size_t j : a.alignment.to) CHECK(seen_to.insert(j).second);
    }
    CHECK(seen_from.size() == 40);
    CHECK(seen_to.size() == 71);
    bool renumbered_6_10 = false, definition_moved = false;
    for (const auto& a : d.articles) {
      const auto& al = a.alignment;
      if (al.from.size() != 1 || al.to.size() != 1) continue;
      const std::string f = d.from.articles[al.from[0]].number, t = d.to.articles[al.to[0]].number;
      // 第六条 became 第十条 word for word.
      if (f == "art-6" && t == "art-10")
        renumbered_6_10 = al.status == diff::AlignStatus::renumbered;
      // The definition of espionage moved from the supplementary provisions (38) to the front (4),
      // and gained the cyber-attack item.
      if (f == "art-38" && t == "art-4") {
        definition_moved = al.status == diff::AlignStatus::modified && al.moved;
        CHECK(a.to_text.find("网络攻击") != std::string::npos);
        bool inserted = false;
        for (const auto& s : a.chars.spans)
          if (s.op == diff::EditOp::insert &&
              a.to_text.substr(s.to_begin, s.to_end - s.to_begin).find("网络攻击") !=
                  std::string::npos)
            inserted = true;
        CHECK(inserted);
      }
    }
    CHECK(renumbered_6_10);
    CHECK(definition_moved);
    CHECK(d.article_counts.at("added") >= 25);
    CHECK(d.obligation_counts.at("added") > 0);
  }
}
