// The readable redline of a version diff (GET /api/v1/diff?format=html): one self-contained HTML
// page, changed articles with <del> and <ins> marks, every text HTML-escaped. No scripts.
#pragma once

#include <string>
#include <string_view>

#include "diff/version_diff.h"

namespace regkg::server {

// `message` (may be empty) is shown above the articles, e.g. that one side has no text.
std::string render_redline_html(const diff::VersionDiff& d, const std::string& instrument_label,
                                const std::string& message);

}  // namespace regkg::server
