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

// `regkg serve` as a child process on an ephemeral port.
class ServerProcess {
 public:
  ServerProcess(const fs::path& data, const fs::path& web) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive a crashed test process
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      const std::string d = data.string(), w = web.string();
      ::execl(REGKG_BINARY, REGKG_BINARY, "serve", "--data", d.c_str(), "--port", "0", "--web",
              w.c_str(), "--threads", "8", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
    char line[1024] = {0};
    if (!out_ || !std::fgets(line, sizeof line, out_)) {
      stop();
      throw std::runtime_error("regkg serve printed nothing (did it fail to start?)");
    }
    first_line_ = line;
    const std::string marker = "at http://127.0.0.1:";
    size_t at = first_line_.find(marker);
    if (at == std::string::npos) {
      stop();
      throw std::runtime_error("unexpected first line from regkg serve: " + first_line_);
    }
    port_ = std::atoi(first_line_.c_str() + at + marker.size());
  }
  ~ServerProcess() { stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }

  // SIGTERM, then wait (up to 10 s, then SIGKILL). Returns the raw wait status, or -1.
  int stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = -1;
    for (int i = 0; i < 200; ++i) {
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (i == 199) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
    pid_ = -1;
    if (out_) std::fclose(out_);
    out_ = nullptr;
    return status;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  int port_ = -1;
  std::string first_line_;
};

}  // namespace regkg::test
