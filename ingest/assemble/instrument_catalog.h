// Instrument identity: stable ids for instruments from both sources, matched by normalised title
// (text/chinese_title.h) so that one law from statutes-zh/ and compass/ is the same instrument.
// Reads corpus/instruments.json. Immutable after loading; thread-safe to query.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace regkg::ingest {

struct CuratedInstrument {
  std::string id;  // "cn/data-security-law"
  std::string zh;  // "数据安全法" (normalised title)
  std::string en;  // "Data Security Law"
};

class InstrumentCatalog {
 public:
  InstrumentCatalog() = default;
  // Throws std::runtime_error naming the file for unreadable or malformed JSON.
  static InstrumentCatalog load(const std::filesystem::path& path);
  static InstrumentCatalog from_json(std::string_view json, const std::string& source_name);
  const CuratedInstrument* find_zh(std::string_view normalized_title) const;
  const std::vector<CuratedInstrument>& entries() const { return entries_; }
  // The instruments.json id for a Compass instrumentId used under another name, or "".
  std::string compass_alias(const std::string& compass_id) const;

 private:
  std::unordered_map<std::string, std::string> compass_aliases_;
  std::vector<CuratedInstrument> entries_;
  std::unordered_map<std::string, size_t> by_zh_;
};

// Compass ids to regkg ids: ("cn-pipl", "cn") -> "cn/pipl"; ("us-ca-sb-1047-2024", "us-ca") ->
// "us-ca/sb-1047-2024"; an id without the jurisdiction prefix keeps it whole: "int/<id>".
std::string compass_instrument_id(std::string_view compass_id, std::string_view jurisdiction);

// A path segment safe in ids and URLs: spaces -> '-', '/', '?', '#', '%' and '@' removed.
std::string id_segment(std::string_view text);

}  // namespace regkg::ingest
