// Symbol: an interned string, for the texts that hundreds of thousands of nodes and edges repeat
// (their provenance's source file and ingest rule). Equal texts share one copy, kept for the life
// of the process in a table that only grows (a few thousand paths and rule names); a Symbol is a
// pointer to it, so copying one allocates nothing. Reads like a const std::string.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace regkg::graph {

extern const std::string kEmptySymbolText;

class Symbol {
 public:
  Symbol() = default;  // ""
  // Interning takes a lock and a hash lookup, unless this thread made a Symbol from the same
  // string (same address and bytes) lately; copying a Symbol is free.
  Symbol(std::string_view text);  // NOLINT(google-explicit-constructor): reads like a string
  Symbol(const std::string& text) : Symbol(std::string_view(text)) {}  // NOLINT
  Symbol(const char* text) : Symbol(std::string_view(text)) {}         // NOLINT

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT
  operator std::string_view() const { return *text_; }    // NOLINT
  bool empty() const { return text_->empty(); }
  size_t size() const { return text_->size(); }
  const char* c_str() const { return text_->c_str(); }
  const char* data() const { return text_->data(); }

  // Equal texts are one copy: Symbols compare by address.
  friend bool operator==(const Symbol& a, const Symbol& b) { return a.text_ == b.text_; }
  friend bool operator!=(const Symbol& a, const Symbol& b) { return a.text_ != b.text_; }
  friend bool operator==(const Symbol& a, std::string_view b) { return *a.text_ == b; }
  friend bool operator!=(const Symbol& a, std::string_view b) { return *a.text_ != b; }
  friend bool operator==(const Symbol& a, const std::string& b) { return *a.text_ == b; }
  friend bool operator!=(const Symbol& a, const std::string& b) { return *a.text_ != b; }
  friend bool operator==(const Symbol& a, const char* b) { return *a.text_ == b; }
  friend bool operator!=(const Symbol& a, const char* b) { return *a.text_ != b; }
  friend bool operator<(const Symbol& a, const Symbol& b) { return *a.text_ < *b.text_; }

  // How many distinct texts have been interned (for tests and diagnostics).
  static size_t table_size();

 private:
  const std::string* text_ = &kEmptySymbolText;
};

std::ostream& operator<<(std::ostream& out, const Symbol& s);

}  // namespace regkg::graph
