// Tests fold_chinese's shortcut (text t2s would not change is not converted) against OpenCC's own
// t2s conversion, on phrase-only conversions and on every line of the embedded corpus.
#include <doctest/doctest.h>

#include <opencc/Config.hpp>
#include <opencc/Converter.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "index/script_folding.h"
#include "text/whole_file.h"

using regkg::index::fold_chinese;

namespace {

std::string opencc_t2s(const std::string& text) {
  static const opencc::ConverterPtr t2s = opencc::Config().NewFromFile("t2s.json");
  return t2s->Convert(text);
}

}  // namespace

TEST_SUITE("index") {
  TEST_CASE("fold_chinese converts phrases whose characters alone stay as they are") {
    // 覆 and 沈 are not converted alone; 回覆 and 沈船 are phrases t2s converts.
    CHECK(fold_chinese("规定回覆的") == "规定回复的");
    CHECK(fold_chinese("沈船打捞") == "沉船打捞");
    CHECK(fold_chinese("個人資料保護法") == "个人资料保护法");
    // Simplified text and text without Chinese come back as they are.
    CHECK(fold_chinese("个人信息处理者应当采取必要措施") == "个人信息处理者应当采取必要措施");
    CHECK(fold_chinese("覆盖") == opencc_t2s("覆盖"));
    CHECK(fold_chinese("GDPR Article 17") == "GDPR Article 17");
    CHECK(fold_chinese("") == "");
  }

  TEST_CASE("fold_chinese equals OpenCC t2s on every line of the embedded corpus") {
    size_t lines = 0, converted_differently = 0, changed = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(REGKG_SOURCE_DIR) / "corpus")) {
      if (!entry.is_regular_file()) continue;
      const auto ext = entry.path().extension();
      if (ext != ".md" && ext != ".json") continue;
      std::istringstream in(regkg::text::read_whole_file(entry.path()).value_or(""));
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        ++lines;
        const std::string expected = opencc_t2s(line);
        if (expected != line) ++changed;
        if (fold_chinese(line) != expected) {
          ++converted_differently;
          MESSAGE(entry.path().string() << ": " << line.substr(0, 120));
        }
      }
    }
    CHECK(lines > 10000);
    CHECK(changed > 100);  // the corpus holds traditional text (Taiwan, Hong Kong)
    CHECK(converted_differently == 0);
  }
}
