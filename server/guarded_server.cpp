// GuardedServer: the per-connection loop (keep-alive, deadlines, byte cap, per-client cap).
//
// cpp-httplib 0.11 serves each connection on one worker thread for its whole life and only bounds
// each single read (read_timeout): a client sending one byte every few seconds keeps its worker
// forever, and 64 such clients stop the server; so do 64 idle keep-alive connections for 5 s each.
// Here the connection loop is ours: an accepted connection goes to the ConnectionParker, which
// waits for its request head on one poll thread and hands it to a worker once it is whole; the
// worker answers it (a whole request has a deadline and a byte budget) and parks the connection
// again. Refusals and closes are handed to the parker too, so no worker waits on a client.
// Parsing, routing and writing stay httplib's (Server::process_request).
#include "server/guarded_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "server/api_error.h"

namespace regkg::server {

namespace {

using Clock = std::chrono::steady_clock;

// Waits until `fd` is ready for `events`; false on timeout or error. Retries on EINTR.
bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  auto until = Clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() < 0) left = std::chrono::milliseconds(0);
    pollfd p{fd, events, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
    if (r == 0) return false;
    if (errno != EINTR) return false;
  }
}

std::string address_text(const sockaddr_storage& addr, int* port) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    if (port) *port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    if (port) *port = ntohs(a.sin6_port);
  }
  return text;
}

std::string peer_address(int fd, int* port = nullptr) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
  return address_text(addr, port);
}

std::string local_address(int fd, int* port = nullptr) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
  return address_text(addr, port);
}

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// A response written by the connection loop itself (before or instead of httplib's routing).
std::string raw_error_response(int status, const char* reason, const std::string& code,
                               const std::string& message) {
  std::string body = error_body(code, message, {});
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) +
         "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nCache-Control: "
         "no-store\r\nRetry-After: 1\r\n\r\n" +
         body;
}

void send_all(int fd, const std::string& data, std::chrono::milliseconds timeout) {
  size_t sent = 0;
  while (sent < data.size() && wait_for(fd, POLLOUT, timeout)) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;
    }
    sent += static_cast<size_t>(n);
  }
}

// Closes after a response written without reading the request: half-close, drain what the client
// already sent (so the close does not turn into a reset that loses the response), then close.
void close_gracefully(int fd) {
  ::shutdown(fd, SHUT_WR);
  char sink[4096];
  auto until = Clock::now() + std::chrono::milliseconds(200);
  while (Clock::now() < until && wait_for(fd, POLLIN, std::chrono::milliseconds(50))) {
    ssize_t n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
    if (n <= 0) break;
  }
  ::close(fd);
}

// One request's view of the socket: reads are buffered (httplib reads headers byte by byte) and
// bounded by the per-read timeout, the request's deadline and its byte budget.
class GuardedSocketStream : public httplib::Stream {
 public:
  GuardedSocketStream(int fd, const ConnectionLimits& limits, Clock::time_point deadline,
                      ReadBuffer& buffer)
      : fd_(fd), limits_(limits), deadline_(deadline), buf_(buffer) {}

  bool is_readable() const override {
    return buffered() > 0 || wait_for(fd_, POLLIN, limits_.read_timeout);
  }
  bool is_writable() const override { return wait_for(fd_, POLLOUT, limits_.write_timeout); }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0 && !fill()) return -1;
    size_t n = std::min(size, buffered());
    if (!head_done_) {
      // httplib reads the head a byte at a time: count it and find the empty line that ends it.
      n = count_head(buf_.bytes(), n);
      if (head_bytes_ > limits_.max_header_bytes) over_budget_ = true;
      if (over_budget_ || malformed_) return -1;
    }
    std::memcpy(ptr, buf_.bytes(), n);
    buf_.begin += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    // httplib answers a head it could not read with 400; the connection loop answers those cut
    // short by the deadline or the byte cap itself (408, 431).
    if (timed_out_ || over_budget_ || malformed_) return -1;
    if (!head_sent_) {
      size_t take = std::min(size, size_t{8192} - std::min(response_head_.size(), size_t{8192}));
      response_head_.append(ptr, take);
      head_sent_ = response_head_.find("\r\n\r\n") != std::string::npos || take < size;
    }
    if (!wait_for(fd_, POLLOUT, limits_.write_timeout)) return -1;
    ssize_t n;
    do {
      n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n > 0) written_ += static_cast<size_t>(n);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_address(fd_, &port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_address(fd_, &port);
  }
  socket_t socket() const override { return fd_; }

  // True when the connection must not carry another request after this response: the response
  // says Connection: close, or it is a framing-level error (400, 408, 413, 414, 431) after which
  // the rest of the byte stream cannot be trusted to start a request (an unread body, a line
  // httplib gave up on).
  bool must_close() const {
    if (response_head_.find("\r\nConnection: close\r\n") != std::string::npos) return true;
    if (response_head_.size() < 12) return false;
    const std::string status = response_head_.substr(9, 3);
    return status == "400" || status == "408" || status == "413" || status == "414" ||
           status == "431";
  }
  bool timed_out() const { return timed_out_; }
  bool malformed() const { return malformed_; }
  bool over_budget() const { return over_budget_; }
  size_t written() const { return written_; }

 private:
  size_t buffered() const { return buf_.size(); }

  // Counts head bytes among the `n` about to be consumed and checks the header lines httplib
  // would let through (a line without a colon, a folded line, a bare CR, a NUL: all refused with
  // 400, since proxies may read such heads differently). Returns how many bytes to hand over,
  // stopping at the end of the head so body bytes are never taken for head bytes.
  size_t count_head(const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      const char c = p[i];
      ++head_bytes_;
      if (pending_cr_ && c != '\n') malformed_ = true;
      pending_cr_ = false;
      if (c == '\n') {
        if (line_bytes_ == 0) {
          head_done_ = true;
          return i + 1;
        }
        if (lines_ > 0 && !line_has_colon_) malformed_ = true;
        ++lines_;
        line_bytes_ = 0;
        line_has_colon_ = false;
      } else if (c == '\r') {
        pending_cr_ = true;
      } else {
        if (c == '\0' || (line_bytes_ == 0 && lines_ > 0 && (c == ' ' || c == '\t')))
          malformed_ = true;
        if (c == ':') line_has_colon_ = true;
        ++line_bytes_;
      }
    }
    return n;
  }

  bool fill() {
    if (received_ >= limits_.max_request_bytes) {
      over_budget_ = true;
      return false;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    if (left.count() <= 0) {
      timed_out_ = true;
      return false;
    }
    // Silence past the read timeout, or the deadline: either way the request is late (408).
    if (!wait_for(fd_, POLLIN, std::min(left, limits_.read_timeout))) {
      timed_out_ = true;
      return false;
    }
    size_t want = std::min(size_t{4096}, limits_.max_request_bytes - received_);
    buf_.data.resize(want);
    buf_.begin = 0;
    ssize_t n;
    do {
      n = ::recv(fd_, &buf_.data[0], want, 0);
    } while (n < 0 && errno == EINTR);
    buf_.data.resize(n > 0 ? static_cast<size_t>(n) : 0);
    if (n <= 0) return false;
    received_ += static_cast<size_t>(n);
    return true;
  }

  int fd_;
  const ConnectionLimits& limits_;
  Clock::time_point deadline_;
  ReadBuffer& buf_;
  size_t received_ = 0, written_ = 0;
  size_t head_bytes_ = 0, line_bytes_ = 0, lines_ = 0;
  bool head_done_ = false, line_has_colon_ = false, pending_cr_ = false, malformed_ = false;
  std::string response_head_;
  bool head_sent_ = false;
  bool timed_out_ = false, over_budget_ = false;
};

// A request held in memory; the response is collected into a string.
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : in_(in) {}
  bool is_readable() const override { return pos_ < in_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, in_.size() - pos_);
    if (n == 0) return -1;
    std::memcpy(ptr, in_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  std::string& output() { return out_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  std::string out_;
};

}  // namespace

std::string GuardedServer::answer_in_memory(std::string_view request) {
  MemoryStream stream(request);
  bool closed = false;
  process_request(stream, /*close_connection=*/true, closed, nullptr);
  return std::move(stream.output());
}

void GuardedServer::set_listen_backlog(int backlog) {
  socket_t sock = svr_sock_;
  if (sock != INVALID_SOCKET) ::listen(sock, backlog);
}

// Wraps httplib's worker pool for one listen: starts the parker when the accept loop starts and
// stops it (closing what it holds) before the workers are joined, so the parker never hands a
// connection to a pool that is gone.
class GuardedServer::ParkingTaskQueue : public httplib::TaskQueue {
 public:
  ParkingTaskQueue(httplib::TaskQueue* inner, GuardedServer& server)
      : inner_(inner), server_(server) {
    ConnectionParker::Settings settings;
    const ConnectionLimits& limits = server.limits_;
    settings.idle_timeout = limits.keep_alive_timeout;
    settings.read_timeout = limits.read_timeout;
    settings.request_timeout = limits.request_timeout;
    settings.max_head_bytes = limits.max_header_bytes;
    settings.max_held = limits.max_waiting_connections;
    if (settings.max_held == 0) {
      // Descriptors: raise the soft limit to the hard one (1,024 by default under systemd and in
      // most shells; a descriptor per waiting client is all a parked connection costs), keep 256
      // for the snapshot's files and the workers' sockets.
      rlimit limit{};
      if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        if (limit.rlim_cur < limit.rlim_max) {
          limit.rlim_cur = limit.rlim_max;
          ::setrlimit(RLIMIT_NOFILE, &limit);
          ::getrlimit(RLIMIT_NOFILE, &limit);
        }
        settings.max_held = limit.rlim_cur == RLIM_INFINITY
                                ? 1u << 20
                                : static_cast<size_t>(std::max<rlim_t>(limit.rlim_cur, 512) - 256);
      } else {
        settings.max_held = 768;
      }
    }
    settings.timeout_response =
        raw_error_response(408, "Request Timeout", "request_timeout",
                           "the request did not arrive within " +
                               std::to_string(limits.request_timeout.count()) + " ms");
    server_.workers_ = inner_.get();
    server_.parker_ = std::make_unique<ConnectionParker>(
        std::move(settings),
        [this](std::unique_ptr<Connection> connection) {
          auto held = std::make_shared<std::unique_ptr<Connection>>(std::move(connection));
          inner_->enqueue([this, held] { server_.serve(std::move(*held)); });
        },
        [&server](const std::string& client) { server.forget_client(client); });
  }
  ~ParkingTaskQueue() override { shutdown(); }
  void enqueue(std::function<void()> fn) override { inner_->enqueue(std::move(fn)); }
  void on_idle() override { inner_->on_idle(); }
  void shutdown() override {
    if (done_) return;
    done_ = true;
    server_.parker_->stop();
    inner_->shutdown();
    server_.parker_.reset();
    server_.workers_ = nullptr;
  }

 private:
  std::unique_ptr<httplib::TaskQueue> inner_;
  GuardedServer& server_;
  bool done_ = false;
};

bool GuardedServer::listen_after_bind() {
  auto make_inner = new_task_queue;
  new_task_queue = [this, make_inner] {
    httplib::TaskQueue* inner =
        make_inner ? make_inner() : new httplib::ThreadPool(CPPHTTPLIB_THREAD_POOL_COUNT);
    return new ParkingTaskQueue(inner, *this);
  };
  bool result = httplib::Server::listen_after_bind();
  new_task_queue = make_inner;
  return result;
}

void GuardedServer::forget_client(const std::string& client) {
  std::lock_guard<std::mutex> lock(clients_mutex_);
  auto it = clients_.find(client);
  if (it != clients_.end() && --it->second == 0) clients_.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  std::string client = peer_address(sock);
  {
    std::lock_guard<std::mutex> lock(clients_mutex_);
    unsigned& open = clients_[client];
    unsigned cap = is_loopback(client) ? limits_.max_connections_per_loopback_client
                                       : limits_.max_connections_per_client;
    if (open >= cap) {
      if (open == 0) clients_.erase(client);
      send_all(sock,
               raw_error_response(503, "Service Unavailable", "too_many_connections",
                                  "this client holds too many open connections; retry later"),
               limits_.write_timeout);
      // The refusal is written (a few hundred bytes into an empty socket buffer); the parker
      // drains and closes, the worker is free at once.
      if (parker_)
        parker_->close_gracefully(sock);
      else
        close_gracefully(sock);
      return false;
    }
    ++open;
  }
  if (!parker_) return serve_blocking(sock);
  auto connection = std::make_unique<Connection>();
  connection->fd = sock;
  connection->client = std::move(client);
  parker_->park(std::move(connection));
  return true;
}

void GuardedServer::serve(std::unique_ptr<Connection> connection) {
  for (;;) {
    const bool last = connection->served + 1 >= limits_.keep_alive_max_count;
    bool keep = answer_one(connection->fd, connection->buffer,
                           connection->first_byte + limits_.request_timeout, last);
    ++connection->served;
    if (!keep || last || svr_sock_ == INVALID_SOCKET) break;
    // A pipelined request already whole: answer it here; anything else waits in the parker.
    if (!connection->buffer.has_head()) {
      connection->first_byte = Clock::now();
      parker_->park(std::move(connection));
      return;
    }
    connection->first_byte = Clock::now();
  }
  forget_client(connection->client);
  parker_->close_gracefully(connection->fd);
}

bool GuardedServer::answer_one(int fd, ReadBuffer& buffer, Clock::time_point deadline, bool last) {
  GuardedSocketStream stream(fd, limits_, deadline, buffer);
  bool closed = false;
  bool ok = process_request(stream, last, closed, nullptr);
  if (stream.timed_out()) {
    send_all(fd,
             raw_error_response(408, "Request Timeout", "request_timeout",
                                "the request did not arrive within " +
                                    std::to_string(limits_.request_timeout.count()) + " ms"),
             limits_.write_timeout);
    return false;
  }
  if (stream.malformed()) {
    send_all(fd,
             raw_error_response(400, "Bad Request", "bad_request",
                                "malformed request head: a header line without a colon, a "
                                "folded line, a bare CR or a NUL byte"),
             limits_.write_timeout);
    return false;
  }
  if (stream.over_budget()) {
    send_all(fd,
             raw_error_response(431, "Request Header Fields Too Large", "request_too_large",
                                "the request is too large: its head may take " +
                                    std::to_string(limits_.max_header_bytes) + " bytes"),
             limits_.write_timeout);
    return false;
  }
  return ok && !closed && !stream.must_close();
}

bool GuardedServer::serve_blocking(socket_t sock) {
  const std::string client = peer_address(sock);
  bool ok = false;
  ReadBuffer buffer;
  for (size_t served = 0; served < limits_.keep_alive_max_count; ++served) {
    // Idle keep-alive wait, in short slices so a stopping server is noticed.
    bool readable = buffer.size() > 0;
    for (auto until = Clock::now() + limits_.keep_alive_timeout;
         !readable && svr_sock_ != INVALID_SOCKET && Clock::now() < until;) {
      if (wait_for(sock, POLLIN, std::chrono::milliseconds(100))) {
        readable = true;
        break;
      }
    }
    if (!readable || svr_sock_ == INVALID_SOCKET) break;
    ok = answer_one(sock, buffer, Clock::now() + limits_.request_timeout,
                    served + 1 == limits_.keep_alive_max_count);
    if (!ok) break;
  }
  close_gracefully(sock);
  forget_client(client);
  return ok;
}

}  // namespace regkg::server
