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
#include "text/percent_encoding.h"

namespace regkg::test {

namespace fs = std::filesystem;

// Percent-encodes everything except RFC 3986 unreserved characters.
inline std::string pct(const std::string& s) { return text::percent_encode(s); }

// `regkg serve` as a child process on an ephemeral port, serving `web`.
class ServerProcess : public RegkgServer {
 public:
  ServerProcess(const fs::path& data, const fs::path& web) : RegkgServer(data, {}, {}, web) {}
};

}  // namespace regkg::test
