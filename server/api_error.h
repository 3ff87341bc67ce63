// The server's one error type and its one JSON shape: {"error": {"code", "message", "details"}}.
// Handlers throw ApiError; HttpServer turns it (and anything else) into a response in one place.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace regkg::server {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message,
           std::map<std::string, std::string> details = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        details_(std::move(details)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::map<std::string, std::string>& details() const { return details_; }

 private:
  int status_;
  std::string code_;
  std::map<std::string, std::string> details_;
};

// The JSON body for an error (built with RapidJSON's Writer; safe for any bytes in the strings).
std::string error_body(const std::string& code, const std::string& message,
                       const std::map<std::string, std::string>& details);

// The error code used for a bare HTTP status (404 -> "not_found", 405 -> "method_not_allowed" …).
std::string code_for_status(int status);

}  // namespace regkg::server
