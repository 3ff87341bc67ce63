// Reading and validating query parameters: a malformed value is a 400 naming the parameter,
// never a silent default. Each function throws ApiError.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace httplib {
struct Request;
}

namespace regkg::server {

// The parameter as given ("" when absent); rejects invalid UTF-8 and values over `max_bytes`.
std::string text_param(const httplib::Request& req, const std::string& name,
                       size_t max_bytes = 256);
// An unsigned integer in [min, max]; `fallback` when absent. Above max: 400 naming the cap.
std::uint64_t uint_param(const httplib::Request& req, const std::string& name,
                         std::uint64_t fallback, std::uint64_t min, std::uint64_t max);
// Throws the 400 of uint_param for a value over `max` ("parameter 'limit' is 5000; the maximum
// is 1000"), `given` being the value as the request wrote it.
void check_maximum(const std::string& name, const std::string& given, std::uint64_t value,
                   std::uint64_t max);
// A real calendar date YYYY-MM-DD (years 1000-2999), or "" when absent.
std::string date_param(const httplib::Request& req, const std::string& name);
// One of a fixed set of values (given as "a|b|c"), or "" when absent.
std::string choice_param(const httplib::Request& req, const std::string& name,
                         const std::string& choices);

// Throws a 400 naming the first query parameter of `req` that is not in `allowed` (and listing
// those, in their order).
void reject_unknown_params(const httplib::Request& req, const std::vector<const char*>& allowed);

bool is_valid_date(const std::string& date);

}  // namespace regkg::server
