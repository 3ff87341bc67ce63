// ProgressReporter: terminal status line or periodic log lines.
#include "ingest/progress_reporter.h"

#include <cstdio>

namespace regkg::ingest {

ProgressReporter::ProgressReporter(std::ostream& out, bool terminal, std::uint64_t total_files,
                                   std::uint64_t total_bytes)
    : out_(out),
      terminal_(terminal),
      total_files_(total_files),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressReporter::file_done(std::uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++files_;
  bytes_ += bytes;
  draw(files_ == total_files_);
}

void ProgressReporter::draw(bool force) {
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double mb = static_cast<double>(bytes_) / 1e6;
  double rate = elapsed > 0 ? mb / elapsed : 0;
  double remaining_mb = static_cast<double>(total_bytes_ - std::min(bytes_, total_bytes_)) / 1e6;
  double eta = rate > 0 ? remaining_mb / rate : 0;
  char line[160];
  std::snprintf(line, sizeof line, "parsing: %llu/%llu files, %.1f/%.1f MB, %.1f MB/s, ETA %.0f s",
                static_cast<unsigned long long>(files_),
                static_cast<unsigned long long>(total_files_), mb,
                static_cast<double>(total_bytes_) / 1e6, rate, eta);
  if (terminal_) {
    if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
    out_ << '\r' << line << "\x1b[K" << std::flush;
    line_open_ = true;
  } else {
    int quarter = total_files_ ? static_cast<int>(files_ * 4 / total_files_) : 4;
    if (!force && quarter == last_quarter_) return;
    last_quarter_ = quarter;
    out_ << line << '\n' << std::flush;
  }
  last_draw_ = now;
}

void ProgressReporter::phase(const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (line_open_) {
    out_ << '\n';
    line_open_ = false;
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "[%6.2fs] ", elapsed);
  out_ << prefix << message << '\n' << std::flush;
}

void ProgressReporter::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (line_open_) out_ << '\n' << std::flush;
  line_open_ = false;
}

}  // namespace regkg::ingest
