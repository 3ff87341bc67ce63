// The method of a raw HTTP request as cpp-httplib reads it, for fuzz_http_request and the replay
// of its findings (tests/server/test_fuzz_regressions.cpp): whether an answer may have a body.
#pragma once

#include <string>

namespace regkg::fuzz {

// The request line's first word: the line is split on ' ', each piece trimmed of spaces and tabs,
// empty pieces skipped, so "\t\tHEAD @ …" is a HEAD request.
inline std::string request_method(const std::string& request) {
  std::string line = request.substr(0, request.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  size_t b = 0;
  while (b < line.size() && (line[b] == ' ' || line[b] == '\t')) ++b;
  size_t e = line.find(' ', b);
  if (e == std::string::npos) e = line.size();
  while (e > b && line[e - 1] == '\t') --e;
  return line.substr(b, e - b);
}

}  // namespace regkg::fuzz
