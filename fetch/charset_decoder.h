// Turns the bytes of a fetched page into UTF-8: finds the charset (HTTP header, byte-order mark,
// <meta charset> or <meta http-equiv>), converts with glibc's iconv (GB18030 for GB2312/GBK
// pages) and reports invalid bytes by offset. Thread-safe (no shared state).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace regkg::fetch {

// Thrown when the bytes cannot be decoded; the message names the charset, where it was declared
// and the byte offset and value of the first bad sequence.
class CharsetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DecodedText {
  std::string utf8;         // valid UTF-8, without a byte-order mark
  std::string charset;      // the charset used: "UTF-8", "GB18030", "BIG5", "WINDOWS-1252" …
  std::string declared;     // as written in the page or header: "gb2312"; "" when guessed
  std::string declared_by;  // "header", "bom", "meta" or "guess"
};

// The charset parameter of a Content-Type value ("text/html; charset=GBK" -> "GBK"), or "".
std::string charset_from_content_type(std::string_view content_type);

// The charset named by the first <meta charset=…> or <meta http-equiv="Content-Type"
// content="…; charset=…"> in the first 16 KiB of `html`, or "". Reads ASCII only, so it works
// on the undecoded bytes of any ASCII-compatible charset.
std::string charset_from_meta(std::string_view html);

// The name iconv is given for a declared charset: GB2312, GBK, CP936 and friends become GB18030
// (their superset, as browsers do); UTF8 becomes UTF-8; ISO-8859-1 and US-ASCII become
// WINDOWS-1252. Others are upper-cased.
std::string canonical_charset(std::string_view name);

// Decodes a page. Order: the Content-Type header's charset, a byte-order mark, <meta>; with none,
// UTF-8 when the bytes are valid UTF-8, else GB18030 (the usual charset of Chinese government
// pages that declare nothing). Throws CharsetError for invalid bytes or an unknown charset.
DecodedText decode_page(std::string_view bytes, std::string_view content_type);

// Converts `bytes` from `charset` (a canonical name) to UTF-8; throws CharsetError naming the
// offset and the bytes of the first invalid or truncated sequence.
std::string convert_to_utf8(std::string_view bytes, const std::string& charset);

// Converts UTF-8 text to `charset` (for tests that serve GB18030 pages); throws CharsetError.
std::string convert_from_utf8(std::string_view utf8, const std::string& charset);

}  // namespace regkg::fetch
