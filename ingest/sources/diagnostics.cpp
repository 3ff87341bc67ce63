// Compiler-style ingest diagnostics: formatting and per-run collection (see diagnostics.h).
#include "ingest/sources/diagnostics.h"

#include <algorithm>

namespace regkg::ingest {

namespace {

const char* severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::string format_diagnostic(const std::string& path, int line, Severity severity,
                              const std::string& message) {
  std::string out = path;
  // Line 0 means "the whole file"; printing ":0:" would send editors to a line that does not exist.
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
  }
  out += ": ";
  out += severity_name(severity);
  out += ": ";
  out += message;
  return out;
}

}  // namespace

std::string Diagnostic::format() const { return format_diagnostic(path, line, severity, message); }

ParseError::ParseError(std::string path, int line, const std::string& message)
    : std::runtime_error(format_diagnostic(path, line, Severity::error, message)),
      path_(std::move(path)),
      line_(line),
      message_(message) {}

Diagnostic ParseError::to_diagnostic() const {
  Diagnostic d;
  d.severity = Severity::error;
  d.path = path_;
  d.line = line_;
  d.message = message_;
  return d;
}

void Diagnostics::warn(const std::string& path, int line, const std::string& message) {
  items_.push_back(Diagnostic{Severity::warning, path, line, message});
}

void Diagnostics::error(const std::string& path, int line, const std::string& message) {
  items_.push_back(Diagnostic{Severity::error, path, line, message});
}

size_t Diagnostics::error_count() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

size_t Diagnostics::warning_count() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::warning;
  }));
}

}  // namespace regkg::ingest
