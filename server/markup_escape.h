// Escaping text for HTML and XML answers (the diff redline page, the Atom feed): one escaper for
// both, so every markup the server writes escapes the same five characters the same way.
#pragma once

#include <string>
#include <string_view>

namespace regkg::server {

// & < > " ' as entities; everything else unchanged.
std::string html_escape(std::string_view text);

// For XML 1.0 text and attribute values: html_escape, minus the control characters XML forbids,
// and U+FFFD for text that is not valid UTF-8.
std::string xml_escape(std::string_view text);

}  // namespace regkg::server
