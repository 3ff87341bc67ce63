// libFuzzer target: the date extractor (ingest/extract/date_extractor.h). The first byte picks a
// context date (including none and a malformed one); every date returned must be a real date in its
// precision's form and every span must lie inside the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/extract/date_extractor.h"

namespace {

bool digits(const std::string& s, size_t from, size_t n) {
  for (size_t i = from; i < from + n; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool well_formed(const regkg::ingest::DateMention& d) {
  if (d.precision == "year") return d.date.size() == 4 && digits(d.date, 0, 4);
  if (d.precision == "month")
    return d.date.size() == 7 && digits(d.date, 0, 4) && d.date[4] == '-' && digits(d.date, 5, 2);
  if (d.precision == "day")
    return d.date.size() == 10 && digits(d.date, 0, 4) && d.date[4] == '-' &&
           digits(d.date, 5, 2) && d.date[7] == '-' && digits(d.date, 8, 2);
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kContexts[] = {"",           "2023-07-10", "2024-01-08", "1999-12-31",
                                          "2023-13-45", "20",         "abcd-ef-gh"};
  if (size == 0) return 0;
  const char* context = kContexts[data[0] % (sizeof kContexts / sizeof kContexts[0])];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<regkg::ingest::DateProblem> problems;
  for (const auto& d : regkg::ingest::extract_dates(text, context, &problems)) {
    if (!well_formed(d) || d.begin > d.end || d.end > text.size()) __builtin_trap();
    if (d.precision != "year") {
      int month = std::stoi(d.date.substr(5, 2));
      if (month < 1 || month > 12) __builtin_trap();
    }
    if (d.precision == "day") {
      int day = std::stoi(d.date.substr(8, 2));
      if (day < 1 || day > 31) __builtin_trap();
    }
  }
  for (const auto& p : problems)
    if (p.begin > text.size()) __builtin_trap();
  return 0;
}
