// Test helpers for tests that run the real `regkg serve` binary: the process on an ephemeral port
// (with any extra options, environment and a stderr log file), a small ingested data directory,
// and raw HTTP over a socket for requests no well-behaved client would send.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/small_corpus.h"
#include "tests/test_support.h"

namespace regkg::test {

// `regkg serve --port 0 ARGS…` as a child process; the port is read from its first line.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args,
               const std::vector<std::pair<std::string, std::string>>& env = {},
               const std::filesystem::path& stderr_file = {}) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test process
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      if (!stderr_file.empty()) {
        FILE* err = std::fopen(stderr_file.c_str(), "w");
        if (err) ::dup2(::fileno(err), STDERR_FILENO);
      }
      for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
      std::vector<std::string> all = {REGKG_BINARY, "serve", "--port", "0"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(REGKG_BINARY, argv.data());
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
    const std::string marker = "at http://";
    size_t at = first_line_.find(marker);
    size_t colon = at == std::string::npos ? at : first_line_.find(':', at + marker.size());
    if (colon == std::string::npos) {
      stop();
      throw std::runtime_error("unexpected first line from regkg serve: " + first_line_);
    }
    port_ = std::atoi(first_line_.c_str() + colon + 1);
  }
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& first_line() const { return first_line_; }
  bool alive() const { return pid_ > 0 && ::kill(pid_, 0) == 0; }

  // Sends `sig`; for SIGTERM waits up to 10 s, then SIGKILL. Returns the raw wait status, or -1.
  int stop(int sig = SIGTERM) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = -1;
    for (int i = 0; i < 200; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) break;
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

// A small real corpus ingested by the real binary into `data` (which must not exist yet).
inline void ingest_small_corpus(const std::filesystem::path& corpus,
                                const std::filesystem::path& data) {
  std::filesystem::create_directories(corpus);
  make_small_corpus(corpus, /*with_bad_files=*/false);
  const std::string cmd = std::string("'") + REGKG_BINARY + "' ingest --corpus '" +
                          corpus.string() + "' --data '" + data.string() +
                          "' --threads 2 > /dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("regkg ingest failed: " + cmd);
}

// A TCP connection to 127.0.0.1:port, optionally from another loopback source address.
inline int connect_loopback(int port, const char* source = nullptr) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (source) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      ::close(fd);
      return -1;
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline bool send_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// Everything the peer sends until it closes or `timeout` passes without data.
inline std::string read_until_close(int fd, std::chrono::milliseconds timeout) {
  std::string out;
  char buf[8192];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

struct RawReply {
  int status = -1;   // -1: no response (connection closed or reset)
  std::string head;  // status line and headers
  std::string body;
  std::string raw;
  // The value of header `name` (case-insensitive), "" when absent.
  std::string header(const std::string& name) const {
    size_t pos = 0;
    while ((pos = head.find("\r\n", pos)) != std::string::npos) {
      pos += 2;
      size_t colon = head.find(':', pos);
      size_t end = head.find("\r\n", pos);
      if (colon == std::string::npos || (end != std::string::npos && colon > end)) continue;
      std::string key = head.substr(pos, colon - pos);
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        size_t v = head.find_first_not_of(' ', colon + 1);
        return head.substr(v, (end == std::string::npos ? head.size() : end) - v);
      }
    }
    return {};
  }
};

inline RawReply parse_reply(const std::string& raw) {
  RawReply r;
  r.raw = raw;
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return r;
  r.status = std::atoi(raw.c_str() + 9);
  size_t end = raw.find("\r\n\r\n");
  r.head = raw.substr(0, end);
  if (end != std::string::npos) r.body = raw.substr(end + 4);
  return r;
}

// Sends `request` as is on a fresh connection and reads one answer: until its Content-Length is
// complete, the server closes, or `timeout` passes without data.
inline RawReply raw_request(int port, const std::string& request,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  int fd = connect_loopback(port);
  if (fd < 0) return {};
  send_all(fd, request);
  std::string raw;
  char buf[8192];
  for (;;) {
    size_t head_end = raw.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      RawReply partial = parse_reply(raw);
      std::string length = partial.header("Content-Length");
      if (!length.empty() && raw.size() >= head_end + 4 + std::stoul(length)) break;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return parse_reply(raw);
}

}  // namespace regkg::test
