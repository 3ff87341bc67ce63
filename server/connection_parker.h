// Holds the connections that are waiting for a request (idle keep-alive, a new connection, a head
// still arriving) in one poll thread instead of one worker thread each, and hands a connection
// to a worker only when a whole request head has arrived; closes finished connections off the
// workers too. This is what keeps thousands of idle or slow clients from taking every worker.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace regkg::server {

// Bytes received on a connection and not yet consumed; kept across the requests of a keep-alive
// connection (a pipelined request is not lost) and between the poll thread and the workers.
struct ReadBuffer {
  std::string data;
  size_t begin = 0;
  size_t size() const { return data.size() - begin; }
  const char* bytes() const { return data.data() + begin; }
  // True when the buffered bytes hold a whole request head (up to its empty line).
  bool has_head() const;
};

// One client connection between requests. Owned by whoever handles it at the moment: the
// parker while it waits, a worker while a request is answered.
struct Connection {
  int fd = -1;
  std::string client;  // peer address: the per-client connection count
  ReadBuffer buffer;
  size_t served = 0;  // requests answered on it
  // When the first byte of the request now arriving came: its deadline counts from there.
  std::chrono::steady_clock::time_point first_byte{};
};

class ConnectionParker {
 public:
  using Clock = std::chrono::steady_clock;
  struct Settings {
    std::chrono::milliseconds idle_timeout{5000};      // no byte of a next request: closed
    std::chrono::milliseconds read_timeout{10000};     // a started head silent this long: 408
    std::chrono::milliseconds request_timeout{20000};  // a head not whole this long after its
                                                       // first byte: 408
    size_t max_head_bytes = 32 * 1024;  // more buffered without the end of the head: to a worker
                                        // (which answers 431)
    size_t max_held = 4096;  // connections held at once; past it the least recently active goes
    std::string timeout_response;  // the raw 408 answer written to a late head
  };
  // Called on the poll thread with a connection whose request head has arrived; must hand it to
  // a worker quickly. `closed` is called (on any thread) with the client address of a connection
  // the parker closed for good, for the per-client count.
  using Ready = std::function<void(std::unique_ptr<Connection>)>;
  using Closed = std::function<void(const std::string& client)>;

  ConnectionParker(Settings settings, Ready ready, Closed closed);
  ~ConnectionParker();
  ConnectionParker(const ConnectionParker&) = delete;
  ConnectionParker& operator=(const ConnectionParker&) = delete;

  // Takes a connection until its next request head has arrived (then `ready`), or closes it
  // (idle timeout, 408, the client left, eviction). Thread-safe. After stop(): closed at once.
  void park(std::unique_ptr<Connection> connection);
  // Takes a socket whose answer is written: half-closes it, reads and drops what the client
  // still sends (so the close does not become a reset that loses the answer) until the client
  // closes or 1 s has passed, then closes it. The worker returns at once. Thread-safe.
  void close_gracefully(int fd);
  // Closes every socket held and joins the poll thread. Idempotent.
  void stop();
  // Connections waiting for a request now (not those draining).
  size_t held() const { return held_.load(); }

 private:
  struct Entry;
  void run();
  void add(std::unique_ptr<Entry> entry, Clock::time_point now);
  void on_readable(std::list<std::unique_ptr<Entry>>::iterator it, Clock::time_point now);
  void drain(std::list<std::unique_ptr<Entry>>::iterator it, Clock::time_point now);
  void erase(std::list<std::unique_ptr<Entry>>::iterator it, bool count_closed);
  void expire(Clock::time_point now);

  Settings settings_;
  Ready ready_;
  Closed closed_;
  int epoll_fd_ = -1, wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> held_{0};
  std::mutex incoming_mutex_;
  std::vector<std::unique_ptr<Entry>> incoming_;
  // Owned by the poll thread: least recently active first.
  std::list<std::unique_ptr<Entry>> entries_;
  std::thread thread_;
};

}  // namespace regkg::server
