// Charset detection (header, BOM, <meta>) and conversion to UTF-8 with glibc's iconv.
#include "fetch/charset_decoder.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include "text/ascii_case.h"
#include "text/utf8_validation.h"

namespace regkg::fetch {

namespace {

using text::ascii_lower;
using text::ascii_lowercase;
using text::find_ascii_ci;
using text::is_html_space;

// The value after "charset=" in `s` (quotes and spaces stripped), or "".
std::string charset_param(std::string_view s) {
  size_t at = find_ascii_ci(s, "charset");
  while (at != std::string_view::npos) {
    size_t p = at + 7;
    while (p < s.size() && is_html_space(s[p])) ++p;
    if (p < s.size() && s[p] == '=') {
      ++p;
      while (p < s.size() && (is_html_space(s[p]) || s[p] == '"' || s[p] == '\'')) ++p;
      size_t end = p;
      while (end < s.size() && !is_html_space(s[end]) && s[end] != ';' && s[end] != '"' &&
             s[end] != '\'' && s[end] != '>' && s[end] != '/' && s[end] != ',')
        ++end;
      if (end > p) return std::string(s.substr(p, end - p));
    }
    at = find_ascii_ci(s, "charset", at + 7);
  }
  return "";
}

std::string hex_bytes(std::string_view bytes, size_t offset, size_t count) {
  std::string out;
  for (size_t i = offset; i < bytes.size() && i < offset + count; ++i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%s0x%02X", out.empty() ? "" : " ",
                  static_cast<unsigned char>(bytes[i]));
    out += buf;
  }
  return out;
}

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

// Runs iconv over all of `in`; on failure throws CharsetError with `what` and the offset.
std::string run_iconv(std::string_view in, const std::string& to, const std::string& from,
                      const std::string& what) {
  iconv_t raw = iconv_open(to.c_str(), from.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    throw CharsetError("unsupported charset '" + (to == "UTF-8" ? from : to) +
                       "' (iconv cannot convert it)");
  }
  std::unique_ptr<void, IconvCloser> cd(raw);
  std::string out;
  out.resize(in.size() * 2 + 16);
  // iconv takes char** for the input; it never writes through it.
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t produced = 0;
  while (true) {
    char* dst = out.data() + produced;
    size_t dst_left = out.size() - produced;
    const size_t rc = iconv(raw, src_left ? &src : nullptr, &src_left, &dst, &dst_left);
    produced = out.size() - dst_left;
    if (rc != static_cast<size_t>(-1)) {
      if (src_left == 0) break;
      continue;
    }
    const size_t offset = in.size() - src_left;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    if (errno == EILSEQ) {
      throw CharsetError("invalid " + what + " bytes at byte offset " + std::to_string(offset) +
                         " (" + hex_bytes(in, offset, 4) + ")");
    }
    if (errno == EINVAL) {
      throw CharsetError("truncated " + what + " sequence at the end, byte offset " +
                         std::to_string(offset) + " (" + hex_bytes(in, offset, 4) + ")");
    }
    throw CharsetError("cannot convert " + what + " at byte offset " + std::to_string(offset));
  }
  out.resize(produced);
  return out;
}

}  // namespace

std::string charset_from_content_type(std::string_view content_type) {
  return charset_param(content_type);
}

std::string charset_from_meta(std::string_view html) {
  std::string_view head = html.substr(0, 16 * 1024);
  size_t at = find_ascii_ci(head, "<meta");
  while (at != std::string_view::npos) {
    size_t end = head.find('>', at);
    if (end == std::string_view::npos) end = head.size();
    std::string_view tag = head.substr(at, end - at);
    // <meta charset="gb2312"> and <meta http-equiv="Content-Type" content="text/html;
    // charset=gb2312"> both carry "charset" followed by '=' somewhere in the tag.
    std::string cs = charset_param(tag);
    if (!cs.empty()) return cs;
    at = find_ascii_ci(head, "<meta", end);
  }
  return "";
}

std::string canonical_charset(std::string_view name) {
  const std::string n = ascii_lowercase(name);
  if (n == "utf-8" || n == "utf8" || n == "unicode-1-1-utf-8") return "UTF-8";
  if (n == "gb2312" || n == "gbk" || n == "gb18030" || n == "x-gbk" || n == "gb_2312-80" ||
      n == "cp936" || n == "windows-936" || n == "csgb2312" || n == "euc-cn" || n == "chinese" ||
      n == "iso-ir-58" || n == "csiso58gb231280" || n == "gb_2312")
    return "GB18030";
  if (n == "big5" || n == "big5-hkscs" || n == "x-x-big5" || n == "cn-big5") return "BIG5-HKSCS";
  if (n == "iso-8859-1" || n == "latin1" || n == "l1" || n == "us-ascii" || n == "ascii" ||
      n == "windows-1252" || n == "cp1252")
    return "WINDOWS-1252";
  std::string upper(n);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return upper;
}

std::string convert_to_utf8(std::string_view bytes, const std::string& charset) {
  if (charset == "UTF-8") {
    size_t bad = 0;
    if (!text::is_valid_utf8(bytes, &bad)) {
      throw CharsetError("invalid UTF-8 bytes at byte offset " + std::to_string(bad) + " (" +
                         hex_bytes(bytes, bad, 4) + ")");
    }
    return std::string(bytes);
  }
  std::string out = run_iconv(bytes, "UTF-8", charset, charset);
  size_t bad = 0;
  if (!text::is_valid_utf8(out, &bad)) {
    // iconv should never produce this; a clear message beats passing broken text on.
    throw CharsetError("converting from " + charset + " gave invalid UTF-8 at byte offset " +
                       std::to_string(bad));
  }
  return out;
}

std::string convert_from_utf8(std::string_view utf8, const std::string& charset) {
  if (charset == "UTF-8") return std::string(utf8);
  return run_iconv(utf8, charset, "UTF-8", "UTF-8");
}

DecodedText decode_page(std::string_view bytes, std::string_view content_type) {
  DecodedText d;
  static constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  std::string declared = charset_from_content_type(content_type);
  if (!declared.empty()) {
    d.declared_by = "header";
  } else if (bytes.substr(0, 3) == kUtf8Bom) {
    declared = "UTF-8";
    d.declared_by = "bom";
  } else if (declared = charset_from_meta(bytes); !declared.empty()) {
    d.declared_by = "meta";
  }
  if (bytes.substr(0, 3) == kUtf8Bom) bytes.remove_prefix(3);
  if (!declared.empty()) {
    d.declared = declared;
    d.charset = canonical_charset(declared);
    try {
      d.utf8 = convert_to_utf8(bytes, d.charset);
    } catch (const CharsetError& e) {
      throw CharsetError(std::string(e.what()) + "; charset '" + declared + "' declared by the " +
                         (d.declared_by == "header" ? std::string("Content-Type header")
                          : d.declared_by == "bom"  ? std::string("byte-order mark")
                                                    : std::string("page's <meta>")));
    }
    return d;
  }
  d.declared_by = "guess";
  size_t bad = 0;
  if (text::is_valid_utf8(bytes, &bad)) {
    d.charset = "UTF-8";
    d.utf8 = std::string(bytes);
    return d;
  }
  try {
    d.charset = "GB18030";
    d.utf8 = convert_to_utf8(bytes, d.charset);
    return d;
  } catch (const CharsetError& e) {
    throw CharsetError(
        "no charset declared, and the bytes are neither UTF-8 (invalid at byte "
        "offset " +
        std::to_string(bad) + ") nor GB18030 (" + e.what() + ")");
  }
}

}  // namespace regkg::fetch
