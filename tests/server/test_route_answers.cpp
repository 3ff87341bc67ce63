// The answers of every route held byte for byte: a table of requests (good ones, and 400s and
// 404s for unknown, malformed, missing and out-of-range parameters) against the golden file
// tests/server/route_answers.golden.tsv (status, content type and the body, or its hash when long).
// Taken before the route table was described once (issue 20) so that moving validation into the
// table could not change an answer. Bodies are compared with the snapshot id, cursors and feed
// times masked (they change with every ingest).
// REGKG_GOLDEN_WRITE=1 rewrites the golden file from the running code; REGKG_GOLDEN_DUMP=DIR
// writes each masked body to DIR for diffing.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>

#include "tests/server/server_process.h"
#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using regkg::test::pct;

namespace {

const char* kGoldenToken = "golden-admin-token";

struct GoldenServer {
  regkg::test::IngestedCorpus ingested{regkg::test::small_corpus_files()};
  std::string snapshot_id = ingested.snapshot_id();
  regkg::test::RegkgServer server{
      ingested.data(), {}, {std::string("REGKG_ADMIN_TOKEN=") + kGoldenToken}};
};

GoldenServer& golden_server() {
  static GoldenServer s;
  return s;
}

struct Request {
  std::string method;  // GET or POST
  std::string url;
  bool with_token = false;
  bool status_only = false;  // the body changes between ingests (file sizes, times)
};

std::vector<Request> requests() {
  const std::string genai = pct("cn/generative-ai-measures");
  const std::vector<std::string> gets = {
      // Search.
      "/api/v1/search?q=" + pct("安全评估"),
      "/api/v1/search?limit=100&q=" + pct("security assessment"),
      "/api/v1/search?q=" + pct("安全评估") + "&instrument=" + genai,
      "/api/v1/search?kind=news&q=generative",
      "/api/v1/search?jurisdiction=cn&from=2023-01-01&to=2023-12-31&kind=version",
      "/api/v1/search?jurisdiction=cn&year=2021&lang=zh&offset=3&limit=7",
      "/api/v1/search?kind=version&instrument=cn/counter-espionage-law&in_force_on=2020-01-01",
      "/api/v1/search?modality=prohibition&actor=actor/role-provider",
      "/api/v1/search?issuer=cac&kind=instrument",
      "/api/v1/search",
      "/api/v1/search?q=%20%20",
      "/api/v1/search?q=a&q=b",
      "/api/v1/search?q=" + pct("AND AND ("),
      "/api/v1/search?q=x&limit=101",
      "/api/v1/search?q=x&limit=-1",
      "/api/v1/search?q=x&limit=",
      "/api/v1/search?q=x&limit=abc",
      "/api/v1/search?q=x&offset=10001",
      "/api/v1/search?q=x&kind=law",
      "/api/v1/search?q=x&lang=fr",
      "/api/v1/search?q=x&modality=must",
      "/api/v1/search?q=x&year=20x3",
      "/api/v1/search?q=x&from=2023-13-45",
      "/api/v1/search?q=x&to=2023-02-29",
      "/api/v1/search?q=x&from=2024-01-01&to=2023-01-01",
      "/api/v1/search?q=x&in_force_on=",
      "/api/v1/search?q=x&colour=red",
      "/api/v1/search?q=%FF%FE",
      "/api/v1/search?q=" + std::string(1001, 'a'),
      // Nodes.
      "/api/v1/nodes/cn/generative-ai-measures@2023-07-10/art-17",
      "/api/v1/nodes/cn%2Fpipl",
      "/api/v1/nodes/cn/pipl@2021-08-20?limit=1&offset=1",
      "/api/v1/nodes/cn/counter-espionage-law?group_type=version_of&in_force_on=2020-01-01",
      "/api/v1/nodes/actor/cac?group_direction=in&limit=3",
      "/api/v1/nodes/nope",
      "/api/v1/nodes/actor/cac?limit=501",
      "/api/v1/nodes/actor/cac?group_direction=up",
      "/api/v1/nodes/actor/cac?in_force_on=2023-02-30",
      "/api/v1/nodes/actor/cac?colour=red",
      "/api/v1/nodes/%FF%FE",
      // Neighbours: the templated route that must not be swallowed by /nodes/{id}.
      "/api/v1/nodes/actor/cac/neighbors?direction=in&type=issued_by",
      "/api/v1/nodes/cn/counter-espionage-law/neighbors?direction=in&type=version_of"
      "&in_force_on=2020-01-01",
      "/api/v1/nodes/cn/pipl@2021-08-20/neighbors?direction=in&limit=5",
      "/api/v1/nodes/cn/pipl@2021-08-20/neighbors?direction=both&kind=article,chapter&limit=3"
      "&offset=2",
      "/api/v1/nodes/nope/neighbors",
      "/api/v1/nodes/cn/pipl/neighbors?limit=99999999999",
      "/api/v1/nodes/cn/pipl/neighbors?limit=0",
      "/api/v1/nodes/cn/pipl/neighbors?direction=sideways",
      "/api/v1/nodes/cn/pipl/neighbors?kind=dragon",
      "/api/v1/nodes/cn/pipl/neighbors?cursor=nonsense",
      "/api/v1/nodes/cn/pipl/neighbors?colour=red",
      // Neighbourhood, paths, citation network, rankings.
      "/api/v1/neighborhood?id=cn/generative-ai-measures&depth=2&limit=30",
      "/api/v1/neighborhood?id=cn/pipl&depth=1&types=cites&kinds=instrument,version",
      "/api/v1/neighborhood?id=cn/pipl&in_force_on=2024-01-01&limit=50",
      "/api/v1/neighborhood",
      "/api/v1/neighborhood?id=nope",
      "/api/v1/neighborhood?id=cn/pipl&depth=50",
      "/api/v1/neighborhood?id=cn/pipl&depth=0",
      "/api/v1/neighborhood?id=cn/pipl&limit=99999999",
      "/api/v1/neighborhood?id=cn/pipl&kinds=dragon",
      "/api/v1/neighborhood?id=cn/pipl&colour=red",
      "/api/v1/paths?from=actor/jd-com&to=actor/cac&k=3",
      "/api/v1/paths?from=actor/cac&to=actor/cac",
      "/api/v1/paths?from=actor/cac&to=actor/nist&max_length=1",
      "/api/v1/paths?from=cn/pipl&to=actor/cac&types=cites,issued_by&in_force_on=2024-01-01",
      "/api/v1/paths",
      "/api/v1/paths?from=actor/cac",
      "/api/v1/paths?from=nope&to=actor/cac",
      "/api/v1/paths?from=actor/cac&to=nope",
      "/api/v1/paths?from=actor/cac&to=actor/cac&max_length=100",
      "/api/v1/paths?from=actor/cac&to=actor/cac&k=-1",
      "/api/v1/paths?from=actor/cac&to=actor/cac&k=6",
      "/api/v1/paths?from=actor/cac&to=actor/cac&in_force_on=2023-13-45",
      "/api/v1/paths?from=actor/cac&to=actor/cac&colour=red",
      "/api/v1/citations/graph?id=cn/generative-ai-measures&depth=1",
      "/api/v1/citations/graph?id=cn/pipl&direction=in&in_force_on=2024-01-01",
      "/api/v1/citations/graph",
      "/api/v1/citations/graph?id=nope",
      "/api/v1/citations/graph?id=cn/pipl&depth=9",
      "/api/v1/citations/graph?id=cn/pipl&direction=both",
      "/api/v1/citations/graph?id=cn/pipl&colour=red",
      "/api/v1/rankings/cited?limit=5",
      "/api/v1/rankings/cited?limit=3&offset=2&in_force_on=2024-01-01",
      "/api/v1/rankings/cited?kind=instrument",
      "/api/v1/rankings/cited?kind=article",
      "/api/v1/rankings/cited?limit=5000",
      "/api/v1/rankings/cited?limit=0",
      "/api/v1/rankings/cited?offset=999&limit=2",
      "/api/v1/rankings/cited?colour=red",
      // Obligations.
      "/api/v1/obligations?instrument=cn/generative-ai-measures&modality=prohibition",
      "/api/v1/obligations?instrument=cn/generative-ai-measures&format=csv",
      "/api/v1/obligations?bearer=role-provider&instrument=cn/generative-ai-measures",
      "/api/v1/obligations?instrument=cn/generative-ai-measures&in_force_on=2020-01-01",
      "/api/v1/obligations?instrument=cn/generative-ai-measures&limit=2&offset=2",
      "/api/v1/obligations?q=" + pct("个人信息") + "&limit=3",
      "/api/v1/obligations?bearer=nope",
      "/api/v1/obligations?instrument=nope",
      "/api/v1/obligations?modality=must",
      "/api/v1/obligations?in_force_on=2023-02-30",
      "/api/v1/obligations?limit=100000",
      "/api/v1/obligations?format=csv&limit=200001",
      "/api/v1/obligations?format=xml",
      "/api/v1/obligations?cursor=nonsense",
      "/api/v1/obligations?cursor=c1.&offset=2",
      "/api/v1/obligations?colour=red",
      // Sanctions.
      "/api/v1/sanctions?instrument=cn/pipl",
      "/api/v1/sanctions?min_fine=1000000&limit=3&offset=1",
      "/api/v1/sanctions?authority=role-competent-departments&measure=licence_revocation",
      "/api/v1/sanctions?measure=criminal_liability&format=csv",
      "/api/v1/sanctions?in_force_on=2000-01-01",
      "/api/v1/sanctions?measure=death",
      "/api/v1/sanctions?authority=nope",
      "/api/v1/sanctions?instrument=nope",
      "/api/v1/sanctions?min_fine=abc",
      "/api/v1/sanctions?limit=100000",
      "/api/v1/sanctions?colour=red",
      // Actors.
      "/api/v1/actors/cac",
      "/api/v1/actors/actor/jd-com",
      "/api/v1/actors/cac?limit=2&offset=1&in_force_on=2024-01-01",
      "/api/v1/actors/nope",
      "/api/v1/actors/cac?limit=100000",
      "/api/v1/actors/cac?in_force_on=yesterday",
      "/api/v1/actors/cac?colour=red",
      // Citations.
      "/api/v1/citations?id=cn/generative-ai-measures&direction=out&limit=1000",
      "/api/v1/citations?id=cn/generative-ai-measures&in_force_on=2024-01-01",
      "/api/v1/citations?id=cn/pipl&direction=in&limit=3&offset=1",
      "/api/v1/citations",
      "/api/v1/citations?id=nope",
      "/api/v1/citations?id=cn/pipl&direction=sideways",
      "/api/v1/citations?id=cn/pipl&limit=1001",
      "/api/v1/citations?id=cn/pipl&colour=red",
      "/api/v1/citations/unresolved",
      "/api/v1/citations/unresolved?limit=2&offset=1&in_force_on=2024-01-01",
      "/api/v1/citations/unresolved?limit=1001",
      "/api/v1/citations/unresolved?cursor=nonsense",
      "/api/v1/citations/unresolved?colour=red",
      // Suggest.
      "/api/v1/suggest?q=" + pct("个人信息"),
      "/api/v1/suggest?q=cac&kinds=actor&limit=3",
      "/api/v1/suggest?q=%20pipl%20",
      "/api/v1/suggest",
      "/api/v1/suggest?q=%20",
      "/api/v1/suggest?q=x&kinds=dragon",
      "/api/v1/suggest?q=x&limit=0",
      "/api/v1/suggest?q=x&limit=51",
      "/api/v1/suggest?q=" + std::string(201, 'x'),
      "/api/v1/suggest?q=x&colour=red",
      // Instruments and diffs.
      "/api/v1/instruments/cn/counter-espionage-law",
      "/api/v1/instruments/cn/counter-espionage-law?as_of=2020-01-01",
      "/api/v1/instruments/cn/generative-ai-measures?as_of=2023-05-01",
      "/api/v1/instruments/cn/no-such-law",
      "/api/v1/instruments/cn/pipl@2021-08-20",
      "/api/v1/instruments/cn/counter-espionage-law?as_of=2023-13-01",
      "/api/v1/instruments/cn/counter-espionage-law?colour=red",
      "/api/v1/diff?from=cn/counter-espionage-law@2014-11-01&to=cn/counter-espionage-law"
      "@2023-04-26",
      "/api/v1/diff?from=cn/counter-espionage-law@2014-11-01&to=cn/counter-espionage-law"
      "@2023-04-26&format=html",
      "/api/v1/diff?from=cn/pipl@2021-08-20&to=cn/pipl@2021-08-20",
      "/api/v1/diff?from=cn/pipl@2021-08-20&to=cn/counter-espionage-law@2023-04-26",
      "/api/v1/diff?from=cn/pipl&to=cn/pipl@2021-08-20",
      "/api/v1/diff",
      "/api/v1/diff?from=cn/pipl@2021-08-20",
      "/api/v1/diff?from=nope&to=cn/pipl@2021-08-20",
      "/api/v1/diff?from=cn/pipl@2021-08-20&to=cn/pipl@2021-08-20&format=xml",
      "/api/v1/diff?from=cn/pipl@2021-08-20&to=cn/pipl@2021-08-20&colour=red",
      // Export.
      "/api/v1/export?format=jsonl&kinds=instrument&types=legal_basis",
      "/api/v1/export?format=csv&part=nodes&kinds=actor",
      "/api/v1/export?format=csv&part=edges&types=cites",
      "/api/v1/export?format=graphml&kinds=instrument",
      "/api/v1/export?format=jsonl&around=cn%2Fdata-security-law&depth=1",
      "/api/v1/export?format=jsonl&kinds=version&in_force_on=2024-01-01",
      "/api/v1/export",
      "/api/v1/export?format=xml",
      "/api/v1/export?format=csv",
      "/api/v1/export?format=graphml&part=nodes",
      "/api/v1/export?format=jsonl&depth=2",
      "/api/v1/export?format=jsonl&around=nope",
      "/api/v1/export?format=jsonl&around=cn/pipl&depth=50",
      "/api/v1/export?format=jsonl&kinds=dragon",
      "/api/v1/export?format=jsonl&colour=red",
      // Feed.
      "/feed.atom",
      "/feed.atom?instrument=cn/generative-ai-measures&limit=2",
      "/feed.atom?actor=cac",
      "/feed.atom?q=data",
      "/feed.atom?instrument=nope",
      "/feed.atom?limit=0",
      "/feed.atom?limit=501",
      "/feed.atom?colour=red",
      // Health and the document itself (its body is regenerated by design: status only).
      "/healthz?colour=red",
      "/api/v1/openapi.json?colour=red",
      // Not routes.
      "/api/v1/nothing-here",
      "/api/v1/nodes/",
  };
  std::vector<Request> out;
  for (const auto& url : gets) out.push_back({"GET", url});
  out.push_back({"GET", "/healthz", false, true});
  out.push_back({"GET", "/api/v1/openapi.json", false, true});
  // Admin routes: without the token, with it, and with bad parameters.
  out.push_back({"POST", "/api/v1/admin/reload"});
  out.push_back({"GET", "/api/v1/admin/snapshot"});
  out.push_back({"GET", "/api/v1/admin/snapshot", true, true});
  out.push_back({"GET", "/api/v1/admin/snapshot?colour=red", true});
  out.push_back({"GET", "/api/v1/admin/snapshot/file?path=manifest.json", true, true});
  out.push_back({"GET", "/api/v1/admin/snapshot/file", true});
  out.push_back({"GET", "/api/v1/admin/snapshot/file?path=../../etc/passwd", true});
  out.push_back({"GET", "/api/v1/admin/snapshot/file?path=graph.bin&snapshot=other", true});
  out.push_back({"GET", "/api/v1/admin/snapshot/file?path=manifest.json&colour=red", true});
  out.push_back({"POST", "/api/v1/admin/reload?force=maybe", true});
  out.push_back({"POST", "/api/v1/admin/reload?colour=red", true});
  out.push_back({"POST", "/api/v1/admin/reload", true});
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// What changes between two ingests of the same corpus: the snapshot id, cursors (they carry it),
// and the feed's times (when each version entered regkg).
std::string masked(const std::string& body, const std::string& snapshot_id) {
  std::string s = replace_all(body, snapshot_id, "<snapshot>");
  static const std::regex cursor(R"(c1\.[A-Za-z0-9_-]+)");
  static const std::regex time(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)");
  s = std::regex_replace(s, cursor, "c1.<cursor>");
  return std::regex_replace(s, time, "<time>");
}

std::string fnv_hex(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// One golden line: METHOD URL \t status \t content type \t body (or "#hash bytes" when long, not
// one line, or holding a tab; "-" when only the status is held).
std::string golden_line(const Request& rq, int status, const std::string& type,
                        const std::string& body) {
  std::string shown;
  if (rq.status_only)
    shown = "-";
  else if (body.size() <= 600 && body.find_first_of("\t\r\n") == std::string::npos)
    shown = body;
  else
    shown = "#" + fnv_hex(body) + " " + std::to_string(body.size());
  return rq.method + " " + rq.url + "\t" + std::to_string(status) + "\t" + type + "\t" + shown;
}

fs::path golden_path() {
  return fs::path(REGKG_SOURCE_DIR) / "tests" / "server" / "route_answers.golden.tsv";
}

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("every route answers as the golden file says (status / content type / body)") {
    REGKG_NEEDS_FULL_CORPUS(
        "the golden answers were taken on the full corpus's news files (publisher excerpts)");
    auto& gs = golden_server();
    httplib::Client client("127.0.0.1", gs.server.port());
    client.set_read_timeout(60, 0);
    const char* dump = std::getenv("REGKG_GOLDEN_DUMP");
    std::vector<std::string> lines;
    int n = 0;
    for (const Request& rq : requests()) {
      httplib::Headers headers;
      if (rq.with_token) headers.emplace("Authorization", std::string("Bearer ") + kGoldenToken);
      auto res = rq.method == "POST" ? client.Post(rq.url.c_str(), headers, "", "text/plain")
                                     : client.Get(rq.url.c_str(), headers);
      REQUIRE_MESSAGE(res, rq.url);
      // Feeds and JSON-LD carry absolute links under the request's host (an ephemeral port).
      std::string body =
          masked(replace_all(res->body, "//127.0.0.1:" + std::to_string(gs.server.port()) + "/",
                             "//<host>/"),
                 gs.snapshot_id);
      lines.push_back(golden_line(rq, res->status, res->get_header_value("Content-Type"), body));
      if (dump) {
        fs::create_directories(dump);
        std::ofstream(fs::path(dump) / (std::to_string(n) + ".txt"))
            << rq.method << ' ' << rq.url << '\n'
            << body;
      }
      ++n;
    }
    if (const char* w = std::getenv("REGKG_GOLDEN_WRITE"); w && std::string(w) == "1") {
      std::ofstream out(golden_path());
      for (const auto& l : lines) out << l << '\n';
      MESSAGE("wrote " << golden_path() << " (" << lines.size() << " answers)");
      return;
    }
    std::ifstream in(golden_path());
    REQUIRE_MESSAGE(in, golden_path());
    std::vector<std::string> expected;
    for (std::string l; std::getline(in, l);) expected.push_back(l);
    CHECK(expected.size() == lines.size());
    for (size_t i = 0; i < lines.size() && i < expected.size(); ++i) CHECK(lines[i] == expected[i]);
  }
}
