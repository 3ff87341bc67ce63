// CSV fields (RFC 4180, as Neo4j admin-import, pandas and spreadsheets read them): the one CSV
// writer of regkg, used by the graph export and the obligations CSV. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace regkg::text {

// `s` as one quoted CSV field: bytes that are not well-formed UTF-8 and NUL dropped (see
// keep_valid_utf8), '"' doubled, the whole in double quotes (so commas and newlines are safe).
std::string csv_field(std::string_view s);

}  // namespace regkg::text
