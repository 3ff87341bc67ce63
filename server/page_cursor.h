// Opaque paging cursors for list endpoints. A cursor names the snapshot it was made on, a
// fingerprint of the request's other parameters (route and filters, not limit/offset/cursor) and
// the offset of the next page. Given back with the same filters on the same snapshot it resumes
// there; from another snapshot (after a reload) it is refused with 400 "cursor_expired" — restart
// from the first page; with other filters, or malformed, 400 "bad_parameter" naming "cursor".
#pragma once

#include <cstdint>
#include <string>

namespace httplib {
struct Request;
}

namespace regkg::server {

// Where a page starts: the cursor's offset, else the `offset` parameter (default 0, at most
// `max_offset`). Both given: 400. Throws ApiError.
std::uint64_t page_start(const httplib::Request& req, const std::string& snapshot_id,
                         std::uint64_t max_offset);
// The cursor of the page after one that ended at `next_offset`, or "" when `next_offset` >= total.
std::string next_cursor(const httplib::Request& req, const std::string& snapshot_id,
                        std::uint64_t next_offset, std::uint64_t total);

}  // namespace regkg::server
