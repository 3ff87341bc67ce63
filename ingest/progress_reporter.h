// Progress display for long ingests: a redrawn status line on a terminal (files, MB, rate, ETA),
// plain log lines otherwise. Thread-safe (updates come from the parser threads).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace regkg::ingest {

class ProgressReporter {
 public:
  ProgressReporter(std::ostream& out, bool terminal, std::uint64_t total_files,
                   std::uint64_t total_bytes);
  // Adds one finished file.
  void file_done(std::uint64_t bytes);
  // Announces a phase ("building graph", "indexing 80,123 documents").
  void phase(const std::string& message);
  // Ends the status line.
  void finish();

 private:
  void draw(bool force);
  std::ostream& out_;
  bool terminal_;
  std::uint64_t total_files_, total_bytes_;
  std::uint64_t files_ = 0, bytes_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  int last_quarter_ = -1;
  bool line_open_ = false;
  std::mutex mutex_;
};

}  // namespace regkg::ingest
