// Raw HTTP over a loopback socket for requests no well-behaved client would send (hostile-request,
// slowloris and crash tests), and a small ingested data directory for them. The server process
// itself is tests/server_process.h (RegkgServer).
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
