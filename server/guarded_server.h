// The cpp-httplib server with regkg's connection handling: connections waiting for a request are
// held by one poll thread (ConnectionParker), not a worker each; a deadline for each whole request,
// a byte cap on it, and a cap on the connections one client address may hold, so idle, slow or
// greedy clients (slowloris) cannot hold every worker. Also answers raw requests held in memory
// through the same parsing and routing (for the request-layer fuzz target).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <httplib.h>

#include "server/connection_parker.h"

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
  // How long an idle keep-alive connection (or a new one that sends nothing) is held.
  std::chrono::milliseconds keep_alive_timeout{5000};
  size_t keep_alive_max_count = 1000;
  // Connections held while they wait for a request; past it the least recently active one is
  // closed. 0 = the descriptor limit (RLIMIT_NOFILE, raised to its hard limit) less 256.
  size_t max_waiting_connections = 0;
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

  // httplib's listen_after_bind with the connection parker: workers run only requests whose head
  // has arrived. (It hides httplib's non-virtual function: call it on a GuardedServer. Served
  // through httplib's own listen functions, each connection keeps a worker, as httplib does.)
  bool listen_after_bind();

 private:
  class ParkingTaskQueue;
  // Called by httplib's accept loop, in a worker thread, for every accepted socket.
  bool process_and_close_socket(socket_t sock) override;
  // Worker: answers the requests buffered on `connection`, then parks it again or closes it.
  void serve(std::unique_ptr<Connection> connection);
  // Answers one request on `fd` from `buffer` and the socket; false when the connection must
  // close after it.
  bool answer_one(int fd, ReadBuffer& buffer, std::chrono::steady_clock::time_point deadline,
                  bool last);
  // The whole connection in this worker, without a parker (httplib's listen functions).
  bool serve_blocking(socket_t sock);
  void forget_client(const std::string& client);

  ConnectionLimits limits_;
  // Set while listen_after_bind runs (before any worker starts a connection, cleared after they
  // are joined).
  std::unique_ptr<ConnectionParker> parker_;
  httplib::TaskQueue* workers_ = nullptr;
  mutable std::mutex clients_mutex_;
  std::unordered_map<std::string, unsigned> clients_;  // peer address -> open connections
};

}  // namespace regkg::server
