// Symbol: the process-wide table of interned texts.
#include "graph/symbol.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <ostream>
#include <unordered_map>

namespace regkg::graph {

const std::string kEmptySymbolText;

namespace {

// Keys view the owned texts, so a lookup by string_view copies nothing. Never destroyed: Symbols
// may be used during static destruction.
struct SymbolTable {
  std::mutex mutex;
  std::unordered_map<std::string_view, std::unique_ptr<const std::string>> texts;
};

SymbolTable& table() {
  static auto* t = new SymbolTable;
  return *t;
}

// What this thread interned lately, by the address and size of the text it was given. The ingest
// makes the same Symbols over and over from the same strings (a file's path, a rule's literal), so
// most Symbols are made here without the lock. A hit still compares the bytes: a buffer reused for
// another text is never mistaken for the one it held.
struct Recent {
  const char* data = nullptr;
  size_t size = 0;
  const std::string* text = nullptr;
};
thread_local std::array<Recent, 64> recent;

}  // namespace

Symbol::Symbol(std::string_view text) {
  if (text.empty()) return;
  Recent& r = recent[((reinterpret_cast<std::uintptr_t>(text.data()) >> 3) ^ text.size()) &
                     (recent.size() - 1)];
  if (r.data == text.data() && r.size == text.size() &&
      std::memcmp(r.text->data(), text.data(), text.size()) == 0) {
    text_ = r.text;
    return;
  }
  SymbolTable& t = table();
  {
    std::lock_guard<std::mutex> lock(t.mutex);
    auto it = t.texts.find(text);
    if (it == t.texts.end()) {
      auto owned = std::make_unique<const std::string>(text);
      const std::string_view key = *owned;
      it = t.texts.emplace(key, std::move(owned)).first;
    }
    text_ = it->second.get();
  }
  r = {text.data(), text.size(), text_};
}

size_t Symbol::table_size() {
  SymbolTable& t = table();
  std::lock_guard<std::mutex> lock(t.mutex);
  return t.texts.size();
}

std::ostream& operator<<(std::ostream& out, const Symbol& s) { return out << s.str(); }

}  // namespace regkg::graph
