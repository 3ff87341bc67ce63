// A loopback "publisher" for the fetch tests: a real cpp-httplib server on 127.0.0.1 and an
// ephemeral port serving fixture pages with ETag / Last-Modified (answering 304 when they match),
// redirects, slow pages, error statuses and 404 for anything unknown. Counts requests and 304s.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>

#include "tests/test_support.h"

namespace regkg::test {

// A fixture page under tests/fetch/fixtures/.
inline std::string fetch_fixture(const std::string& name) {
  return read_file(std::filesystem::path(REGKG_SOURCE_DIR) / "tests" / "fetch" / "fixtures" / name);
}

class FixturePublisher {
 public:
  struct Page {
    Page() = default;
    Page(std::string body_, std::string content_type_ = "text/html; charset=utf-8",
         std::string etag_ = "", std::string last_modified_ = "", int status_ = 200,
         double delay_seconds_ = 0)
        : body(std::move(body_)),
          content_type(std::move(content_type_)),
          etag(std::move(etag_)),
          last_modified(std::move(last_modified_)),
          status(status_),
          delay_seconds(delay_seconds_) {}
    std::string body;
    std::string content_type = "text/html; charset=utf-8";
    std::string etag;           // sent as ETag when not empty
    std::string last_modified;  // sent as Last-Modified when not empty
    int status = 200;
    double delay_seconds = 0;  // wait before answering (a slow publisher)
  };

  FixturePublisher() {
    server_.Get(".*",
                [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("fixture publisher: cannot bind 127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }

  ~FixturePublisher() {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  FixturePublisher(const FixturePublisher&) = delete;
  FixturePublisher& operator=(const FixturePublisher&) = delete;

  void publish(const std::string& path, Page page) {
    std::lock_guard<std::mutex> lock(mu_);
    pages_[path] = std::move(page);
  }
  void redirect(const std::string& from, const std::string& to, int status = 301) {
    std::lock_guard<std::mutex> lock(mu_);
    redirects_[from] = {to, status};
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int port() const { return port_; }
  int requests(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = requests_.find(path);
    return it == requests_.end() ? 0 : it->second;
  }
  int not_modified(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = not_modified_.find(path);
    return it == not_modified_.end() ? 0 : it->second;
  }

 private:
  void handle(const httplib::Request& req, httplib::Response& res) {
    Page page;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++requests_[req.path];
      if (auto r = redirects_.find(req.path); r != redirects_.end()) {
        res.status = r->second.second;
        res.set_header("Location", r->second.first);
        return;
      }
      auto it = pages_.find(req.path);
      if (it == pages_.end()) {
        res.status = 404;
        res.set_content("<html><body><h1>404 Not Found</h1></body></html>",
                        "text/html; charset=utf-8");
        return;
      }
      page = it->second;
    }
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(static_cast<int>(page.delay_seconds * 1000));
    while (!stopping_ && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!page.etag.empty()) res.set_header("ETag", page.etag);
    if (!page.last_modified.empty()) res.set_header("Last-Modified", page.last_modified);
    // RFC 9110: If-None-Match decides when present; If-Modified-Since only without it.
    const std::string inm = req.get_header_value("If-None-Match");
    const std::string ims = req.get_header_value("If-Modified-Since");
    const bool fresh = !inm.empty() ? (!page.etag.empty() && inm == page.etag)
                                    : (!ims.empty() && ims == page.last_modified);
    if (page.status == 200 && fresh) {
      std::lock_guard<std::mutex> lock(mu_);
      ++not_modified_[req.path];
      res.status = 304;
      return;
    }
    res.status = page.status;
    res.set_content(page.body, page.content_type.c_str());
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = -1;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::map<std::string, Page> pages_;
  std::map<std::string, std::pair<std::string, int>> redirects_;
  std::map<std::string, int> requests_, not_modified_;
};

}  // namespace regkg::test
