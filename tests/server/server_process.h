// `regkg serve` as a child process on an ephemeral port, and percent-encoding for URLs: shared by
// the HTTP integration tests.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/server_process.h"

namespace regkg::test {

namespace fs = std::filesystem;

// Percent-encodes everything except RFC 3986 unreserved characters.
inline std::string pct(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// `regkg serve` as a child process on an ephemeral port, serving `web`.
class ServerProcess : public RegkgServer {
 public:
  ServerProcess(const fs::path& data, const fs::path& web) : RegkgServer(data, {}, {}, web) {}
};

}  // namespace regkg::test
