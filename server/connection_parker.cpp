// ConnectionParker: one epoll thread for every connection between requests.
//
// cpp-httplib gives each connection a worker thread for its whole life, so an idle keep-alive
// connection, a client that connects and sends nothing, or one that sends its head a byte at a
// time each hold a worker; a few hundred of them stop the server (issue 22: 2,000 idle, 500
// keep-alive or 500 slowloris connections left /healthz unanswered for a minute). Here a worker
// only ever runs a request whose head has arrived whole; the waiting is done by this thread,
// which holds a connection for a few hundred bytes of memory and its descriptor.
//
// Ownership: a Connection belongs to the parker from park() until it is handed to `ready` (then
// to the worker that runs it) or closed. Only the poll thread touches `entries_`; other threads
// hand sockets over through `incoming_` and wake it with an eventfd.
#include "server/connection_parker.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <string_view>

namespace regkg::server {

bool ReadBuffer::has_head() const {
  std::string_view view(bytes(), size());
  return view.find("\n\n") != std::string_view::npos ||
         view.find("\n\r\n") != std::string_view::npos;
}

struct ConnectionParker::Entry {
  std::unique_ptr<Connection> connection;  // null while draining
  int fd = -1;
  bool draining = false;
  Clock::time_point last_activity{};  // parked, or a byte received (least recently active first)
  Clock::time_point drain_until{};
  std::list<std::unique_ptr<Entry>>::iterator self;
};

namespace {

constexpr auto kScanInterval = std::chrono::milliseconds(100);
constexpr auto kDrainTime = std::chrono::milliseconds(1000);

}  // namespace

ConnectionParker::ConnectionParker(Settings settings, Ready ready, Closed closed)
    : settings_(std::move(settings)), ready_(std::move(ready)), closed_(std::move(closed)) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) {
    if (epoll_fd_ >= 0) ::close(epoll_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
    throw std::runtime_error("error: cannot create the connection poller (epoll/eventfd)");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr;  // the wake-up descriptor
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  thread_ = std::thread([this] { run(); });
}

ConnectionParker::~ConnectionParker() {
  stop();
  ::close(epoll_fd_);
  ::close(wake_fd_);
}

void ConnectionParker::park(std::unique_ptr<Connection> connection) {
  auto entry = std::make_unique<Entry>();
  entry->fd = connection->fd;
  entry->connection = std::move(connection);
  {
    std::lock_guard<std::mutex> lock(incoming_mutex_);
    if (!stopping_) {
      incoming_.push_back(std::move(entry));
      entry = nullptr;
    }
  }
  if (entry) {  // stopped: nobody will serve it
    ::close(entry->fd);
    closed_(entry->connection->client);
    return;
  }
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void ConnectionParker::close_gracefully(int fd) {
  ::shutdown(fd, SHUT_WR);
  auto entry = std::make_unique<Entry>();
  entry->fd = fd;
  entry->draining = true;
  {
    std::lock_guard<std::mutex> lock(incoming_mutex_);
    if (!stopping_) {
      incoming_.push_back(std::move(entry));
      entry = nullptr;
    }
  }
  if (entry) {
    ::close(fd);
    return;
  }
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void ConnectionParker::stop() {
  {
    std::lock_guard<std::mutex> lock(incoming_mutex_);
    stopping_ = true;
  }
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

void ConnectionParker::run() {
  epoll_event events[256];
  auto next_scan = Clock::now() + kScanInterval;
  while (!stopping_) {
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_scan - Clock::now());
    int n = ::epoll_wait(epoll_fd_, events, 256, static_cast<int>(std::max<long>(0, wait.count())));
    const auto now = Clock::now();
    bool woken = false;
    // Sockets first: each appears once in a batch and may only remove itself. New entries (which
    // may evict others) are added after, so no pointer of this batch is left dangling.
    for (int i = 0; i < n; ++i) {
      if (events[i].data.ptr == nullptr) {
        woken = true;
        continue;
      }
      auto it = static_cast<Entry*>(events[i].data.ptr)->self;
      if ((*it)->draining)
        drain(it, now);
      else
        on_readable(it, now);
    }
    if (woken) {
      std::uint64_t count;
      [[maybe_unused]] ssize_t r = ::read(wake_fd_, &count, sizeof count);
      std::vector<std::unique_ptr<Entry>> taken;
      {
        std::lock_guard<std::mutex> lock(incoming_mutex_);
        taken.swap(incoming_);
      }
      for (auto& entry : taken) add(std::move(entry), now);
    }
    if (now >= next_scan) {
      expire(now);
      next_scan = now + kScanInterval;
    }
  }
  // Stopping: nothing held is served any more.
  std::vector<std::unique_ptr<Entry>> taken;
  {
    std::lock_guard<std::mutex> lock(incoming_mutex_);
    taken.swap(incoming_);
  }
  for (auto& entry : taken) {
    ::close(entry->fd);
    if (entry->connection) closed_(entry->connection->client);
  }
  while (!entries_.empty()) erase(entries_.begin(), true);
}

void ConnectionParker::add(std::unique_ptr<Entry> entry, Clock::time_point now) {
  entry->last_activity = now;
  entry->drain_until = now + kDrainTime;
  if (entry->connection && entry->connection->buffer.size() == 0)
    entry->connection->first_byte = Clock::time_point{};
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.ptr = entry.get();
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, entry->fd, &ev) != 0) {
    ::close(entry->fd);
    if (entry->connection) closed_(entry->connection->client);
    return;
  }
  if (!entry->draining) ++held_;
  entries_.push_back(std::move(entry));
  entries_.back()->self = std::prev(entries_.end());
  // Full: the least recently active connection makes room (an idle flood cannot lock new
  // clients out; each of its connections is the oldest in turn).
  while (entries_.size() > settings_.max_held) erase(entries_.begin(), true);
}

void ConnectionParker::on_readable(std::list<std::unique_ptr<Entry>>::iterator it,
                                   Clock::time_point now) {
  Entry& entry = **it;
  ReadBuffer& buffer = entry.connection->buffer;
  if (buffer.begin > 0) {
    buffer.data.erase(0, buffer.begin);
    buffer.begin = 0;
  }
  const size_t had = buffer.data.size();
  buffer.data.resize(had + 4096);
  ssize_t n = ::recv(entry.fd, &buffer.data[had], 4096, MSG_DONTWAIT);
  buffer.data.resize(had + (n > 0 ? static_cast<size_t>(n) : 0));
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n <= 0) {  // the client left (or reset) before sending a whole request
    erase(it, true);
    return;
  }
  if (had == 0) entry.connection->first_byte = now;
  entry.last_activity = now;
  entries_.splice(entries_.end(), entries_, it);
  if (!buffer.has_head() && buffer.size() <= settings_.max_head_bytes) return;
  // A whole head (or more than a head may be, for the worker to refuse): to a worker.
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, entry.fd, nullptr);
  std::unique_ptr<Connection> ready = std::move(entry.connection);
  entries_.erase(it);
  --held_;
  ready_(std::move(ready));
}

void ConnectionParker::drain(std::list<std::unique_ptr<Entry>>::iterator it, Clock::time_point) {
  char sink[4096];
  ssize_t n = ::recv((*it)->fd, sink, sizeof sink, MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n <= 0) erase(it, false);
}

void ConnectionParker::erase(std::list<std::unique_ptr<Entry>>::iterator it, bool count_closed) {
  Entry& entry = **it;
  ::close(entry.fd);  // also leaves the epoll set
  if (!entry.draining) --held_;
  if (entry.connection && count_closed) closed_(entry.connection->client);
  entries_.erase(it);
}

void ConnectionParker::expire(Clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    Entry& entry = **it;
    if (entry.draining) {
      if (now >= entry.drain_until) erase(it, false);
    } else if (entry.connection->buffer.size() == 0) {
      if (now - entry.last_activity >= settings_.idle_timeout) erase(it, true);
    } else if (now - entry.connection->first_byte >= settings_.request_timeout ||
               now - entry.last_activity >= settings_.read_timeout) {
      // A head that did not arrive in time: 408 (a few hundred bytes: fits the socket buffer),
      // then the socket drains like any finished one.
      [[maybe_unused]] ssize_t sent =
          ::send(entry.fd, settings_.timeout_response.data(), settings_.timeout_response.size(),
                 MSG_DONTWAIT | MSG_NOSIGNAL);
      ::shutdown(entry.fd, SHUT_WR);
      closed_(entry.connection->client);
      entry.connection.reset();
      entry.draining = true;
      entry.drain_until = now + kDrainTime;
      --held_;
    }
    it = next;
  }
}

}  // namespace regkg::server
