// libFuzzer target: the whole request layer. Each input is an HTTP request answered by the real
// HttpServer (httplib's request parsing, the route table, every handler, the error mapping, the
// static files) against a small real snapshot opened once. The first byte chooses the form:
// even = the rest is a request target ("/api/v1/search?q=..") sent as a GET, odd = the rest is a
// raw request. Promises checked on every answer: never a 500, every error is the JSON error shape,
// every JSON body parses as valid UTF-8 JSON.
//
// Needs REGKG_FUZZ_DATA: a data directory with a current snapshot (scripts/fuzz.sh makes one).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "fuzz/http_request_method.h"
#include "server/http_server.h"
#include "snapshot/snapshot.h"

namespace {

using regkg::fuzz::request_method;

regkg::server::HttpServer* g_server = nullptr;
std::ostringstream* g_log = nullptr;

[[noreturn]] void fail(const std::string& why, const std::string& response) {
  std::fprintf(stderr, "fuzz_http_request: %s\n--- response ---\n%.2000s\n", why.c_str(),
               response.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* data = std::getenv("REGKG_FUZZ_DATA");
  if (!data) {
    std::fprintf(stderr, "fuzz_http_request: set REGKG_FUZZ_DATA to a data directory\n");
    std::exit(2);
  }
  regkg::server::ServerConfig config;
  config.port = 0;
  config.web_dir = std::string(REGKG_SOURCE_DIR) + "/web";
  config.cache_bytes = 0;  // every input reaches its handler
  g_log = new std::ostringstream;
  config.log = g_log;
  g_server = new regkg::server::HttpServer(config, regkg::snapshot::open_current_snapshot(data, 1));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string request = (data[0] & 1) ? rest
                                      : "GET " + rest +
                                            " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            "Connection: close\r\n\r\n";
  std::string response = g_server->answer_in_memory(request);
  if (response.empty()) return 0;  // httplib dropped a request it could not read
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) fail("no status line", response);
  int status = std::atoi(response.c_str() + 9);
  if (status >= 500) fail("server error " + std::to_string(status), response);
  size_t head_end = response.find("\r\n\r\n");
  if (head_end == std::string::npos) fail("no end of headers", response);
  std::string head = response.substr(0, head_end), body = response.substr(head_end + 4);
  bool json = head.find("Content-Type: application/json") != std::string::npos;
  // httplib answers a request whose method is HEAD without a body, even when the line is
  // malformed ("HEAD\r\n…" or "\tHEAD @ HTTP/1.\x7f" get a 400 with Content-Length and no body,
  // as HEAD requires).
  const bool head_request = request_method(request) == "HEAD";
  if (status >= 400 && !head_request) {
    if (!json) fail("error without a JSON body", response);
    rapidjson::Document d;
    d.Parse(body.c_str(), body.size());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("error") || !d["error"].IsObject() ||
        !d["error"].HasMember("code"))
      fail("error body is not {\"error\": {\"code\" ...}}", response);
  }
  if (json && status == 200 && !head_request) {
    rapidjson::Document d;
    d.Parse<rapidjson::kParseValidateEncodingFlag>(body.c_str(), body.size());
    if (d.HasParseError())
      fail(std::string("JSON body does not parse: ") +
               rapidjson::GetParseError_En(d.GetParseError()),
           response);
  }
  g_log->str("");
  return 0;
}
