// Ingest diagnostics: compiler-style `path:line: error: message` records, collected per run.
// A ParseError aborts one file (the file is skipped); warnings are kept and the file still ingests.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace regkg::ingest {

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string path;
  int line = 0;  // 1-based; 0 when the problem concerns the whole file
  std::string message;

  // "path:line: error: message" (line omitted when 0).
  std::string format() const;
};

// Thrown by a parser when a file cannot be used at all. The caller records it and skips the file.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::string path, int line, const std::string& message);
  const std::string& path() const { return path_; }
  int line() const { return line_; }
  const std::string& bare_message() const { return message_; }
  Diagnostic to_diagnostic() const;

 private:
  std::string path_;
  int line_;
  std::string message_;
};

// Not thread-safe; one per parsing thread, merged by the caller.
class Diagnostics {
 public:
  void warn(const std::string& path, int line, const std::string& message);
  void error(const std::string& path, int line, const std::string& message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& items() const { return items_; }
  size_t error_count() const;
  size_t warning_count() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace regkg::ingest
