// MultiValueCountMatchSpy: facet counts over '|'-joined slot values.
#include "index/multi_value_match_spy.h"

#include <algorithm>
#include <set>

namespace regkg::index {

void MultiValueCountMatchSpy::operator()(const Xapian::Document& doc, double) {
  std::string value = doc.get_value(slot_);
  size_t start = 0;
  while (start < value.size()) {
    size_t bar = value.find('|', start);
    size_t end = bar == std::string::npos ? value.size() : bar;
    if (end > start) ++counts_[value.substr(start, end - start)];
    start = end + 1;
  }
}

std::vector<std::pair<std::string, size_t>> MultiValueCountMatchSpy::top_values(
    size_t max_values) const {
  std::vector<std::pair<std::string, size_t>> out(counts_.begin(), counts_.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > max_values) out.resize(max_values);
  return out;
}

std::string join_slot_values(const std::vector<std::string>& values) {
  std::set<std::string> unique;
  for (std::string v : values) {
    v.erase(std::remove(v.begin(), v.end(), '|'), v.end());
    if (!v.empty()) unique.insert(v);
  }
  std::string out;
  for (const auto& v : unique) out += (out.empty() ? "" : "|") + v;
  return out;
}

}  // namespace regkg::index
