// SnapshotStore: staging, atomic commit (rename + fsync) and the CURRENT pointer.
#include "snapshot/snapshot_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <thread>

namespace regkg::snapshot {

namespace fs = std::filesystem;

namespace {

void fsync_path(const fs::path& path, bool directory) {
  int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void fsync_tree(const fs::path& dir) {
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    fsync_path(entry.path(), entry.is_directory());
  fsync_path(dir, true);
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
           c == '_';
  });
}

}  // namespace

std::string utc_now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string make_snapshot_id() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, "%03dZ", static_cast<int>(ms % 1000));
  std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string id = buf;
  id += '-';
  for (int i = 0; i < 6; ++i) id += hex[rd() % 16];
  return id;
}

SnapshotStore::SnapshotStore(fs::path data_dir, bool writable) : data_dir_(std::move(data_dir)) {
  if (!writable) return;
  std::error_code ec;
  fs::create_directories(data_dir_ / "snapshots", ec);
  if (ec)
    throw SnapshotStoreError(data_dir_.string() +
                             ": error: cannot create data directory: " + ec.message());
  if (::access(data_dir_.c_str(), W_OK) != 0)
    throw SnapshotStoreError(data_dir_.string() + ": error: data directory is not writable");
}

SnapshotStore::~SnapshotStore() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

StagedSnapshot SnapshotStore::begin() { return begin_staging(std::nullopt); }

StagedSnapshot SnapshotStore::begin_copy(const std::string& id) {
  if (!valid_id(id)) throw SnapshotStoreError("error: '" + id + "' is not a snapshot id");
  return begin_staging(id);
}

StagedSnapshot SnapshotStore::begin_staging(const std::optional<std::string>& given_id) {
  if (lock_fd_ < 0) {
    fs::path lock = data_dir_ / "ingest.lock";
    lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0)
      throw SnapshotStoreError(lock.string() +
                               ": error: cannot open lock file: " + std::strerror(errno));
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(lock_fd_);
      lock_fd_ = -1;
      throw SnapshotStoreError(lock.string() +
                               ": error: another ingest is running on this data directory");
    }
  }
  // Staging directories left by a crashed ingest are garbage (we hold the lock, so none is live).
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir_ / "snapshots", ec))
    if (entry.path().filename().string().rfind(".staging-", 0) == 0)
      fs::remove_all(entry.path(), ec);

  StagedSnapshot staged;
  // Ids sort by creation time, which garbage collection relies on: never reuse or go back, even
  // for two ingests within a millisecond or a clock set back.
  const std::vector<std::string> existing = list();
  if (given_id) {
    if (std::find(existing.begin(), existing.end(), *given_id) != existing.end())
      throw SnapshotStoreError(snapshot_dir(*given_id).string() + ": error: already present");
    staged.id = *given_id;
    staged.dir = data_dir_ / "snapshots" / (".staging-" + staged.id);
    fs::create_directories(staged.dir, ec);
    if (ec)
      throw SnapshotStoreError(staged.dir.string() +
                               ": error: cannot create staging directory: " + ec.message());
    return staged;
  }
  staged.id = make_snapshot_id();
  for (int attempt = 0; !existing.empty() && staged.id <= existing.back() && attempt < 2000;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    staged.id = make_snapshot_id();
  }
  if (!existing.empty() && staged.id <= existing.back())
    throw SnapshotStoreError(data_dir_.string() + ": error: the newest snapshot '" +
                             existing.back() + "' is dated in the future; check the clock");
  staged.dir = data_dir_ / "snapshots" / (".staging-" + staged.id);
  fs::create_directories(staged.dir, ec);
  if (ec)
    throw SnapshotStoreError(staged.dir.string() +
                             ": error: cannot create staging directory: " + ec.message());
  return staged;
}

void SnapshotStore::commit(const StagedSnapshot& staged) {
  fs::path final_dir = snapshot_dir(staged.id);
  fsync_tree(staged.dir);
  std::error_code ec;
  fs::rename(staged.dir, final_dir, ec);
  if (ec)
    throw SnapshotStoreError(final_dir.string() +
                             ": error: cannot move snapshot into place: " + ec.message());
  fsync_path(data_dir_ / "snapshots", true);

  fs::path tmp = data_dir_ / "CURRENT.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << staged.id << '\n';
    out.flush();
    if (!out) throw SnapshotStoreError(tmp.string() + ": error: cannot write");
  }
  fsync_path(tmp, false);
  fs::rename(tmp, data_dir_ / "CURRENT", ec);
  if (ec)
    throw SnapshotStoreError((data_dir_ / "CURRENT").string() +
                             ": error: cannot switch: " + ec.message());
  fsync_path(data_dir_, true);
}

void SnapshotStore::abandon(const StagedSnapshot& staged) noexcept {
  std::error_code ec;
  fs::remove_all(staged.dir, ec);
}

std::optional<std::string> SnapshotStore::current_id() const {
  std::ifstream in(data_dir_ / "CURRENT");
  if (!in) return std::nullopt;
  std::string id;
  std::getline(in, id);
  if (!valid_id(id)) return std::nullopt;
  return id;
}

fs::path SnapshotStore::snapshot_dir(const std::string& id) const {
  return data_dir_ / "snapshots" / id;
}

std::vector<std::string> SnapshotStore::list() const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir_ / "snapshots", ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && valid_id(name)) ids.push_back(name);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

size_t SnapshotStore::collect_garbage(size_t keep, std::ostream& log) {
  std::vector<std::string> ids = list();
  const std::optional<std::string> current = current_id();
  size_t removed = 0;
  if (keep == 0 || ids.size() <= keep) return 0;
  // Oldest first; the current snapshot is never removed, whatever its age. A server still holding
  // a removed snapshot keeps its open files (and hard-linked index layers stay shared).
  for (size_t i = 0; i + keep < ids.size(); ++i) {
    if (current && ids[i] == *current) continue;
    std::error_code ec;
    fs::remove_all(snapshot_dir(ids[i]), ec);
    if (ec) {
      log << snapshot_dir(ids[i]).string()
          << ": warning: cannot remove old snapshot: " << ec.message() << '\n';
      continue;
    }
    ++removed;
  }
  return removed;
}

}  // namespace regkg::snapshot
