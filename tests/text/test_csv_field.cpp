// Tests for csv_field, the one CSV writer (graph export's nodes.csv and edges.csv).
#include <doctest/doctest.h>

#include <string>

#include "text/csv_field.h"

using regkg::text::csv_field;

TEST_CASE("csv_field quotes every field and doubles quotes") {
  CHECK(csv_field("") == "\"\"");
  CHECK(csv_field("plain") == "\"plain\"");
  CHECK(csv_field("say \"hi\", 中") == "\"say \"\"hi\"\", 中\"");
  CHECK(csv_field("two\nlines,\r\nthree") == "\"two\nlines,\r\nthree\"");  // safe inside quotes
}

TEST_CASE("csv_field drops NUL and bytes that are not well-formed UTF-8") {
  CHECK(csv_field(std::string("a\0b", 3)) == "\"ab\"");
  CHECK(csv_field("ok\xff\xfe中") == "\"ok中\"");
  CHECK(csv_field("\xe4\xb8") == "\"\"");        // truncated sequence
  CHECK(csv_field("\xed\xa0\x80x") == "\"x\"");  // a UTF-16 surrogate is not UTF-8
}
