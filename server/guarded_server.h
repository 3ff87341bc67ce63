// The cpp-httplib server with regkg's connection handling: a deadline for each whole request, a
// byte cap on it, and a cap on the connections one client address may hold, so slow or greedy
// clients (slowloris) cannot hold every worker. Also answers raw requests held in memory through
// the same parsing and routing (for the request-layer fuzz target).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <httplib.h>

namespace regkg::server {

struct ConnectionLimits {
  // Longest wait for any one read or write on the socket.
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds write_timeout{10000};
  // A request (line, headers and body) must arrive whole within this time of its first byte being
  // awaited; a client trickling bytes is answered 408 and disconnected.
  std::chrono::milliseconds request_timeout{20000};
  // Bytes of the request line and headers together (more: 431), and of a whole request with its
  // body (more: the connection is dropped; httplib answers bodies over its payload cap with 413).
  size_t max_header_bytes = 32 * 1024;
  size_t max_request_bytes = 192 * 1024;
  // Connections one client address may hold at once; more are answered 503 and closed. Loopback
  // clients (127.0.0.0/8, ::1) have their own cap: on the default loopback bind every client, a
  // load test or a local reverse proxy, is one address, so by default they are not capped.
  unsigned max_connections_per_client = 48;
  unsigned max_connections_per_loopback_client = ~0u;
  // How long an idle keep-alive connection is held.
  std::chrono::milliseconds keep_alive_timeout{5000};
  size_t keep_alive_max_count = 1000;
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {}

  // Parses `request` (request line, headers, body) as if it had arrived on a connection, routes it
  // and returns the raw response bytes. Thread-safe like a socket request.
  std::string answer_in_memory(std::string_view request);

  // httplib listens with a backlog of 5: a burst of connections (a browser, a load test) then
  // waits a second for SYN retries. Call after binding; listen() again only resizes the queue.
  void set_listen_backlog(int backlog);

 private:
  // Called by httplib's accept loop, in a worker thread, for every accepted socket.
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
  mutable std::mutex clients_mutex_;
  std::unordered_map<std::string, unsigned> clients_;  // peer address -> open connections
};

}  // namespace regkg::server
