// libFuzzer target: the request layer's query-string handling: httplib's query parsing and URL
// decoding, then every validator of server/request_params.h and reject_unknown_params on the
// result. A malformed value must become an ApiError (a 4xx), never another exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include <httplib.h>

#include "server/api_error.h"
#include "server/handlers.h"
#include "server/request_params.h"

namespace {

template <typename F>
void expect_api_error_or_value(F f) {
  try {
    f();
  } catch (const regkg::server::ApiError& e) {
    if (e.status() < 400 || e.status() > 499) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string query(reinterpret_cast<const char*>(data), size);
  httplib::Request req;
  httplib::detail::parse_query_text(query, req.params);
  (void)httplib::detail::decode_url(query, true);
  (void)httplib::detail::decode_url(query, false);
  using namespace regkg::server;
  expect_api_error_or_value([&] { text_param(req, "q", kQueryMaxBytes); });
  expect_api_error_or_value([&] {
    auto n = uint_param(req, "limit", kSearchDefaultLimit, 1, kSearchMaxLimit);
    if (n < 1 || n > kSearchMaxLimit) __builtin_trap();
  });
  expect_api_error_or_value([&] {
    auto n = uint_param(req, "offset", 0, 0, kSearchMaxOffset);
    if (n > kSearchMaxOffset) __builtin_trap();
  });
  expect_api_error_or_value([&] {
    auto d = date_param(req, "from");
    if (!d.empty() && !is_valid_date(d)) __builtin_trap();
  });
  expect_api_error_or_value([&] {
    auto c = choice_param(req, "direction", "out|in|both");
    if (!c.empty() && c != "out" && c != "in" && c != "both") __builtin_trap();
  });
  expect_api_error_or_value([&] {
    reject_unknown_params(req, {"q", "limit", "offset", "from", "direction"});
  });
  return 0;
}
