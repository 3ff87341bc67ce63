// Integration tests of the graph-facing API on real corpus files over HTTP: the streamed export
// (read back and counted, and a filtered part read by NetworkX), in_force_on on search, actors,
// rankings and citation networks, cursor paging, and bad input (unknown ids, caps, a citation
// cycle, huge limits, malformed dates) that must end in clear errors, never a crash or a hang.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <httplib.h>
#include <rapidjson/document.h>

#include "tests/server/serve_process.h"
#include "tests/server/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using regkg::test::pct;

namespace {

// The small corpus plus the Company Law and the Securities Law, which cite each other (a cycle).
const std::vector<std::string> kCycleFiles = {
    "statutes-zh/民法商法/公司法(2018-10-26).md",
    "statutes-zh/民法商法/公司法(2023-12-29).md",
    "statutes-zh/民法商法/证券法(2019-12-28).md",
};

std::vector<std::string> fixture_files() {
  std::vector<std::string> files = regkg::test::small_corpus_files();
  files.insert(files.end(), kCycleFiles.begin(), kCycleFiles.end());
  return files;
}

struct Fixture {
  regkg::test::IngestedCorpus ingested{fixture_files()};
  std::string snapshot = ingested.snapshot_id();
  // Uncached: every answer is computed.
  std::unique_ptr<regkg::test::ServeProcess> server = std::make_unique<regkg::test::ServeProcess>(
      ingested.data(), std::vector<std::string>{"--cache-mb", "0"});
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

struct Reply {
  int status = -1;
  std::string body;
  httplib::Headers headers;
  rapidjson::Document json;
  std::string header(const char* name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

Reply get(const std::string& url) {
  httplib::Client c("127.0.0.1", fixture().server->port());
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(60, 0);
  Reply r;
  auto res = c.Get(url.c_str());
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.headers = res->headers;
  r.json.Parse(r.body.data(), r.body.size());
  return r;
}

std::string str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString()) return "<missing>";
  return v[key].GetString();
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::set<std::string> result_ids(const Reply& r, const char* array = "results") {
  std::set<std::string> ids;
  if (!r.json.IsObject() || !r.json.HasMember(array)) return ids;
  for (const auto& x : r.json[array].GetArray()) ids.insert(str(x, "id"));
  return ids;
}

void check_error(const Reply& r, int status, const std::string& code, const std::string& part) {
  CAPTURE(r.body);
  CHECK(r.status == status);
  REQUIRE(r.json.IsObject());
  REQUIRE(r.json.HasMember("error"));
  if (!code.empty()) CHECK(str(r.json["error"], "code") == code);
  CHECK(str(r.json["error"], "message").find(part) != std::string::npos);
}

// The snapshot's node and edge counts, from /healthz.
std::pair<uint64_t, uint64_t> snapshot_counts() {
  auto h = get("/healthz");
  REQUIRE(h.status == 200);
  const auto& c = h.json["snapshot"]["counts"];
  return {c["nodes"].GetUint64(), c["edges"].GetUint64()};
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE(
      "export: the whole graph streams in every format and reads back to the snapshot's counts") {
    fixture();
    auto [nodes, edges] = snapshot_counts();
    REQUIRE(nodes > 1000);

    auto jsonl = get("/api/v1/export?format=jsonl");
    REQUIRE(jsonl.status == 200);
    CHECK(jsonl.header("Content-Type").rfind("application/x-ndjson", 0) == 0);
    CHECK(jsonl.header("Transfer-Encoding") == "chunked");  // streamed, length unknown up front
    CHECK(jsonl.header("Content-Disposition") ==
          "attachment; filename=\"regkg-" + fixture().snapshot + ".jsonl\"");
    CHECK(count(jsonl.body, "{\"type\":\"node\"") == nodes);
    CHECK(count(jsonl.body, "{\"type\":\"edge\"") == edges);
    CHECK(count(jsonl.body, "\n") == nodes + edges);

    auto graphml = get("/api/v1/export?format=graphml");
    REQUIRE(graphml.status == 200);
    CHECK(graphml.header("Content-Type").rfind("application/graphml+xml", 0) == 0);
    CHECK(count(graphml.body, "    <node id=") == nodes);
    CHECK(count(graphml.body, "    <edge id=") == edges);
    CHECK(graphml.body.rfind("</graphml>\n") == graphml.body.size() - 11);

    auto csv_nodes = get("/api/v1/export?format=csv&part=nodes");
    auto csv_edges = get("/api/v1/export?format=csv&part=edges");
    REQUIRE(csv_nodes.status == 200);
    REQUIRE(csv_edges.status == 200);
    CHECK(csv_nodes.header("Content-Type").rfind("text/csv", 0) == 0);
    CHECK(csv_nodes.body.rfind("id:ID,kind:LABEL,label,date\n", 0) == 0);
    CHECK(csv_edges.body.rfind(":START_ID,:END_ID,:TYPE,rule,confidence:float,file\n", 0) == 0);
    CHECK(csv_edges.header("Content-Disposition").find("-edges.csv") != std::string::npos);
    // Records are quoted fields; a node record begins at a line start with a quoted id.
    CHECK(count("\n" + csv_nodes.body, "\n\"") == nodes);
    CHECK(count("\n" + csv_edges.body, "\n\"") == edges);

    // Not cached: no ETag, and a second download is complete too.
    CHECK(jsonl.header("ETag").empty());
    CHECK(get("/api/v1/export?format=jsonl").body == jsonl.body);
  }

  TEST_CASE("export: a filtered part as GraphML / read by NetworkX / matches the neighbourhood") {
    fixture();
    const std::string id = "cn/generative-ai-measures";
    auto part = get("/api/v1/export?format=graphml&around=" + pct(id) + "&depth=1");
    REQUIRE(part.status == 200);
    auto nb = get("/api/v1/neighborhood?id=" + pct(id) + "&depth=1&limit=10000");
    REQUIRE(nb.status == 200);
    REQUIRE_FALSE(nb.json["truncated"].GetBool());
    const size_t want_nodes = nb.json["nodes"].Size(), want_edges = nb.json["edges"].Size();
    REQUIRE(want_nodes > 5);
    if (std::system("/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
      MESSAGE("skipped the NetworkX read-back: /usr/bin/python3 has no networkx");
      return;
    }
    regkg::test::TempDir dir;
    regkg::test::write_file(dir.path() / "part.graphml", part.body);
    const std::string cmd =
        "/usr/bin/python3 -c \"import networkx as nx, sys; "
        "g = nx.read_graphml(sys.argv[1]); "
        "print(g.number_of_nodes(), g.number_of_edges(), "
        "g.nodes['" +
        id + "']['kind'])\" '" + (dir.path() / "part.graphml").string() + "' > '" +
        (dir.path() / "out.txt").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(regkg::test::read_file(dir.path() / "out.txt") ==
          std::to_string(want_nodes) + " " + std::to_string(want_edges) + " instrument\n");

    // kinds and types narrow the export: instruments only, legal_basis edges only.
    auto inst = get("/api/v1/export?format=jsonl&kinds=instrument&types=legal_basis");
    REQUIRE(inst.status == 200);
    CHECK(count(inst.body, "\"kind\":\"instrument\"") == count(inst.body, "{\"type\":\"node\""));
    CHECK(count(inst.body, "\"edge_type\":\"legal_basis\"") ==
          count(inst.body, "{\"type\":\"edge\""));
    CHECK(count(inst.body, "\"edge_type\":\"legal_basis\"") >= 4);  // the Measures' four laws
    // in_force_on drops the 2014 Counter-espionage Law text in 2024.
    auto now = get("/api/v1/export?format=jsonl&kinds=version&in_force_on=2024-01-01");
    REQUIRE(now.status == 200);
    CHECK(now.body.find("cn/counter-espionage-law@2023-04-26") != std::string::npos);
    CHECK(now.body.find("cn/counter-espionage-law@2014-11-01") == std::string::npos);
  }

  TEST_CASE("in_force_on on search / actors / rankings and the citation network") {
    fixture();
    // Search: exactly one version of a law with two, none of an instrument before it took effect.
    const std::string espionage =
        "/api/v1/search?kind=version&instrument=cn/counter-espionage-law&in_force_on=";
    CHECK(result_ids(get(espionage + "2020-01-01")) ==
          std::set<std::string>{"cn/counter-espionage-law@2014-11-01"});
    CHECK(result_ids(get(espionage + "2024-01-01")) ==
          std::set<std::string>{"cn/counter-espionage-law@2023-04-26"});
    const std::string genai = "/api/v1/search?instrument=cn/generative-ai-measures&in_force_on=";
    auto before = get(genai + "2023-08-01");
    REQUIRE(before.status == 200);
    CHECK(before.json["total"].GetUint64() == 0);  // took effect on 2023-08-15
    auto after = get(genai + "2023-08-15&kind=article&limit=100");
    CHECK(after.json["total"].GetUint64() == 24);
    CHECK(str(after.json, "in_force_on") == "2023-08-15");
    // The node page's edge groups: one version of the two.
    auto node =
        get("/api/v1/nodes/cn/counter-espionage-law?group_type=version_of&in_force_on=2020-01-01");
    REQUIRE(node.status == 200);
    REQUIRE(node.json["edge_groups"].Size() == 1);
    REQUIRE(node.json["edge_groups"][0]["items"].Size() == 1);
    CHECK(str(node.json["edge_groups"][0]["items"][0], "id") ==
          "cn/counter-espionage-law@2014-11-01");
    // News has no version: it stays.
    CHECK(get("/api/v1/search?kind=news&in_force_on=2000-01-01").json["total"].GetUint64() == 2);

    // Actors: the CAC issued the Measures, which were not in force in 2020.
    auto ids_in = [](const Reply& r, const char* list) {
      std::set<std::string> out;
      for (const auto& x : r.json[list]["items"].GetArray()) out.insert(str(x, "id"));
      return out;
    };
    auto cac_all = get("/api/v1/actors/cac?limit=1000");
    auto cac_2020 = get("/api/v1/actors/cac?limit=1000&in_force_on=2020-01-01");
    REQUIRE(cac_2020.status == 200);
    CHECK(ids_in(cac_all, "issued").count("cn/generative-ai-measures") == 1);
    CHECK(ids_in(cac_2020, "issued").count("cn/generative-ai-measures") == 0);
    CHECK(cac_2020.json["obligations"]["total"].GetUint64() <
          cac_all.json["obligations"]["total"].GetUint64());

    // Rankings: only instruments in force; in 2000 none of the small corpus' laws was.
    auto rank_now = get("/api/v1/rankings/cited?limit=1000&in_force_on=2024-01-01");
    auto rank_2000 = get("/api/v1/rankings/cited?limit=1000&in_force_on=2000-01-01");
    REQUIRE(rank_now.status == 200);
    REQUIRE(rank_2000.status == 200);
    CHECK(result_ids(rank_now).count("cn/pipl") == 1);
    CHECK(result_ids(rank_2000).count("cn/pipl") == 0);
    CHECK(rank_now.json["results"][0]["rank"].GetUint64() == 1);

    // Citation network: the Measures rest on four laws once in force, on nothing before.
    const std::string net = "/api/v1/citations/graph?id=cn/generative-ai-measures&depth=1";
    auto early = get(net + "&in_force_on=2023-01-01");
    auto later = get(net + "&in_force_on=2024-01-01");
    REQUIRE(early.status == 200);
    REQUIRE(later.status == 200);
    CHECK(early.json["links"].Size() == 0);
    std::set<std::string> laws;
    for (const auto& n : later.json["nodes"].GetArray()) laws.insert(str(n, "id"));
    for (const char* law : {"cn/cybersecurity-law", "cn/data-security-law", "cn/pipl",
                            "cn/science-technology-progress-law"})
      CHECK(laws.count(law) == 1);
  }

  TEST_CASE("cursor paging: pages chain to the full list / tied to the filters and the snapshot") {
    fixture();
    for (const std::string base : {"/api/v1/obligations?instrument=cn/generative-ai-measures",
                                   "/api/v1/nodes/cn/pipl@2021-08-20/neighbors?direction=in"}) {
      CAPTURE(base);
      auto all = get(base + "&limit=1000");
      REQUIRE(all.status == 200);
      REQUIRE(all.json["next_cursor"].IsNull());
      std::vector<std::string> want, got;
      for (const auto& x : all.json["results"].GetArray()) want.push_back(str(x, "id"));
      REQUIRE(want.size() > 10);
      std::string url = base + "&limit=3";
      for (int page = 0; page < 1000; ++page) {
        auto r = get(url);
        REQUIRE(r.status == 200);
        for (const auto& x : r.json["results"].GetArray()) got.push_back(str(x, "id"));
        if (r.json["next_cursor"].IsNull()) break;
        url = base + "&limit=3&cursor=" + pct(r.json["next_cursor"].GetString());
      }
      CHECK(got == want);
    }
    auto first = get("/api/v1/obligations?instrument=cn/generative-ai-measures&limit=2");
    REQUIRE(first.json["next_cursor"].IsString());
    const std::string cursor = pct(first.json["next_cursor"].GetString());
    check_error(get("/api/v1/obligations?instrument=cn/pipl&limit=2&cursor=" + cursor), 400,
                "bad_parameter", "other filters");
    check_error(
        get("/api/v1/obligations?instrument=cn/generative-ai-measures&offset=2&cursor=" + cursor),
        400, "bad_parameter", "not both");
    check_error(get("/api/v1/obligations?cursor=nonsense"), 400, "bad_parameter", "cursor");
    // A cursor made on another snapshot (a reload happened): 400 cursor_expired, start again.
    // ("c1." + base64url("20000101T000000Z-000000|0000000000000000|2"))
    check_error(get("/api/v1/obligations?cursor=c1."
                    "MjAwMDAxMDFUMDAwMDAwWi0wMDAwMDB8MDAwMDAwMDAwMDAwMDAwMHwy"),
                400, "cursor_expired", "start again");
  }

  TEST_CASE("bad input on real data: clear errors / never a crash or a hang") {
    fixture();
    // Unknown ids: 404 naming the id.
    for (const std::string url :
         {"/api/v1/nodes/nope/neighbors", "/api/v1/neighborhood?id=nope",
          "/api/v1/paths?from=nope&to=actor/cac", "/api/v1/paths?from=actor/cac&to=nope",
          "/api/v1/citations/graph?id=nope", "/api/v1/export?format=jsonl&around=nope",
          "/api/v1/actors/nope", "/api/v1/citations?id=nope"}) {
      CAPTURE(url);
      check_error(get(url), 404, "unknown_id", "nope");
    }
    // Caps: depth 50, huge limits, offsets past the ranking.
    for (const std::string url :
         {"/api/v1/neighborhood?id=cn/pipl&depth=50", "/api/v1/citations/graph?id=cn/pipl&depth=50",
          "/api/v1/export?format=jsonl&around=cn/pipl&depth=50",
          "/api/v1/paths?from=cn/pipl&to=actor/cac&max_length=50",
          "/api/v1/neighborhood?id=cn/pipl&limit=18446744073709551615",
          "/api/v1/nodes/cn/pipl/neighbors?limit=99999999999",
          "/api/v1/obligations?limit=99999999999999999999", "/api/v1/rankings/cited?limit=5000",
          "/api/v1/rankings/cited?offset=999&limit=2", "/api/v1/actors/cac?limit=100000",
          "/api/v1/paths?from=cn/pipl&to=actor/cac&k=1000"}) {
      CAPTURE(url);
      auto r = get(url);
      CHECK(r.status == 400);
      REQUIRE(r.json.IsObject());
      CHECK(r.json.HasMember("error"));
    }
    // Malformed dates: 400 naming in_force_on, on every route that takes it.
    for (const std::string route :
         {"/api/v1/search?q=x&", "/api/v1/nodes/cn/pipl?", "/api/v1/nodes/cn/pipl/neighbors?",
          "/api/v1/neighborhood?id=cn/pipl&", "/api/v1/paths?from=cn/pipl&to=actor/cac&",
          "/api/v1/citations/graph?id=cn/pipl&", "/api/v1/rankings/cited?", "/api/v1/actors/cac?",
          "/api/v1/obligations?", "/api/v1/citations?id=cn/pipl&", "/api/v1/citations/unresolved?",
          "/api/v1/export?format=jsonl&"}) {
      for (const std::string date : {"2023-02-30", "2023-13-01", "yesterday", "", "2023-1-1"}) {
        CAPTURE(route + date);
        check_error(get(route + "in_force_on=" + pct(date)), 400, "bad_parameter", "in_force_on");
      }
    }
    // Export parameters.
    check_error(get("/api/v1/export"), 400, "missing_parameter", "format");
    check_error(get("/api/v1/export?format=csv"), 400, "missing_parameter", "part");
    check_error(get("/api/v1/export?format=graphml&part=nodes"), 400, "bad_parameter", "part");
    check_error(get("/api/v1/export?format=xml"), 400, "bad_parameter", "format");
    check_error(get("/api/v1/export?format=jsonl&depth=2"), 400, "bad_parameter", "around");
    check_error(get("/api/v1/export?format=jsonl&kinds=dragon"), 400, "bad_parameter", "dragon");

    // from = to: one empty path, not an error.
    auto same = get("/api/v1/paths?from=cn/pipl&to=cn/pipl&k=5");
    REQUIRE(same.status == 200);
    REQUIRE(same.json["paths"].Size() == 1);
    CHECK(same.json["paths"][0]["length"].GetUint64() == 0);

    // A citation cycle (the Company Law and the Securities Law cite each other): the network
    // is finite in both directions, each instrument once, and paths and neighbourhoods end.
    for (const char* dir : {"out", "in"}) {
      auto net = get(std::string("/api/v1/citations/graph?id=") + pct("cn/公司法") +
                     "&depth=5&direction=" + dir);
      REQUIRE(net.status == 200);
      std::vector<std::string> ids;
      for (const auto& n : net.json["nodes"].GetArray()) ids.push_back(str(n, "id"));
      std::set<std::string> unique(ids.begin(), ids.end());
      CHECK(unique.size() == ids.size());
      CHECK(unique.count("cn/证券法") == 1);
      CHECK(ids.front() == "cn/公司法");
    }
    auto out = get(std::string("/api/v1/citations/graph?depth=1&id=") + pct("cn/证券法"));
    std::set<std::string> cited;
    for (const auto& l : out.json["links"].GetArray()) cited.insert(str(l, "to"));
    CHECK(cited.count("cn/公司法") == 1);  // the other half of the cycle
    auto p = get(std::string("/api/v1/paths?k=5&max_length=8&from=") + pct("cn/公司法") +
                 "&to=" + pct("cn/证券法"));
    REQUIRE(p.status == 200);
    CHECK(p.json["paths"].Size() >= 1);
    auto hood = get(std::string("/api/v1/neighborhood?depth=3&limit=10000&id=") + pct("cn/公司法"));
    CHECK(hood.status == 200);
  }
}
