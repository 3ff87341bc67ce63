// Bearer-token check in constant time; loading the token.
#include "server/admin_auth.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace regkg::server {

bool bearer_token_matches(const std::string& expected, const std::string& authorization) {
  static const std::string scheme = "Bearer ";
  if (expected.empty()) return false;
  if (authorization.size() < scheme.size() || authorization.compare(0, scheme.size(), scheme) != 0)
    return false;
  const char* presented = authorization.data() + scheme.size();
  const size_t presented_len = authorization.size() - scheme.size();
  // Fold every byte of the presented token against the expected one (cycled), so the time
  // depends only on the presented length, never on where a mismatch is.
  unsigned char diff = static_cast<unsigned char>(presented_len != expected.size());
  for (size_t i = 0; i < presented_len; ++i)
    diff |= static_cast<unsigned char>(presented[i] ^ expected[i % expected.size()]);
  return diff == 0;
}

std::string load_admin_token(const std::filesystem::path& file) {
  auto trim = [](std::string s) {
    const char* ws = " \t\r\n";
    s.erase(0, s.find_first_not_of(ws));
    s.erase(s.find_last_not_of(ws) + 1);
    return s;
  };
  if (file.empty()) {
    const char* env = std::getenv("REGKG_ADMIN_TOKEN");
    return env ? trim(env) : std::string();
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0)
    throw std::runtime_error(file.string() + ": error: cannot read the admin token file");
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    throw std::runtime_error(file.string() +
                             ": error: the admin token file is readable by others (chmod 600 it)");
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  line = trim(line);
  if (line.empty())
    throw std::runtime_error(file.string() + ": error: the admin token file is empty");
  return line;
}

AdminFailureLimiter::AdminFailureLimiter(unsigned max_failures, std::chrono::seconds window)
    : max_failures_(max_failures), window_(window) {}

void AdminFailureLimiter::forget_old(Clock::time_point now) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    auto& times = it->second;
    while (!times.empty() && times.front() + window_ <= now) times.pop_front();
    it = times.empty() ? failures_.erase(it) : std::next(it);
  }
}

std::chrono::seconds AdminFailureLimiter::retry_after(const std::string& address,
                                                      Clock::time_point now) {
  if (max_failures_ == 0) return std::chrono::seconds(0);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return std::chrono::seconds(0);
  auto& times = it->second;
  while (!times.empty() && times.front() + window_ <= now) times.pop_front();
  if (times.size() < max_failures_) return std::chrono::seconds(0);
  // Until enough failures have left the window for one more attempt; at least one second.
  const auto until = times[times.size() - max_failures_] + window_;
  auto wait = std::chrono::ceil<std::chrono::seconds>(until - now);
  return std::max(wait, std::chrono::seconds(1));
}

void AdminFailureLimiter::record_failure(const std::string& address, Clock::time_point now) {
  if (max_failures_ == 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  // Many addresses (a spoofing-free attacker still has many): drop the expired ones first, and
  // when all are live, the whole table rather than grow without bound.
  if (failures_.size() >= kMaxAddresses && !failures_.count(address)) {
    forget_old(now);
    if (failures_.size() >= kMaxAddresses) failures_.clear();
  }
  auto& times = failures_[address];
  times.push_back(now);
  while (times.size() > max_failures_) times.pop_front();  // only the newest ones matter
}

}  // namespace regkg::server
