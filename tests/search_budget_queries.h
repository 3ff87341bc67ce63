// Expensive search queries for the search budget tests and bench: long phrases of 的 (the most
// common character: a phrase of them reads the positions of nearly every document) and many of
// them OR'd, as the attack review sent them (issue 22, point 4).
#pragma once

#include <string>

namespace regkg::test {

// "的的…的", `n` characters, quoted (one phrase).
inline std::string phrase_of_de(int n) {
  std::string q = "\"";
  for (int i = 0; i < n; ++i) q += "的";
  return q + "\"";
}

// `k` such phrases of `n` characters each, OR'd.
inline std::string phrases_of_de_ored(int k, int n) {
  std::string q;
  for (int i = 0; i < k; ++i) q += (i ? " OR " : "") + phrase_of_de(n);
  return q;
}

}  // namespace regkg::test
