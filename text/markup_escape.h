// Escaping text for HTML and XML (the diff redline page, the Atom feed, the GraphML export): one
// escaper for all, so every markup regkg writes escapes the same characters the same way.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace regkg::text {

// & < > " ' as &amp; &lt; &gt; &quot; &#39; (the numeric form for ', which HTML 4 lacks a name
// for); every other byte unchanged. Safe in element text and in quoted attribute values.
std::string html_escape(std::string_view text);

// `text` reduced to what XML 1.0 allows: bytes that are not well-formed UTF-8 are dropped one by
// one, and so are NUL, the control characters other than tab, LF and CR, U+FFFE and U+FFFF.
std::string xml_characters(std::string_view text);

// For XML 1.0 text and attribute values: xml_characters, then html_escape, and tab, LF and CR as
// &#9; &#10; &#13; (so attribute-value normalisation cannot fold them into spaces, and a CR in
// element text is not read back as LF).
std::string xml_escape(std::string_view text);

}  // namespace regkg::text
