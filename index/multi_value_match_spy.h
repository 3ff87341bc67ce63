// A Xapian MatchSpy that counts every value of a multi-valued slot: the slot holds values joined
// by '|' ("obligation|prohibition"), and each distinct value counts once per document. Xapian's
// ValueCountMatchSpy counts whole slot contents, which would turn every combination into its own
// facet value. One instance per search (not thread-safe, like Xapian's own spies).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

namespace regkg::index {

class MultiValueCountMatchSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountMatchSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  Xapian::MatchSpy* clone() const override { return new MultiValueCountMatchSpy(slot_); }
  std::string name() const override { return "regkg.MultiValueCountMatchSpy"; }
  // Values by count (descending, then value), at most `max_values`.
  std::vector<std::pair<std::string, size_t>> top_values(size_t max_values) const;

 private:
  Xapian::valueno slot_;
  std::map<std::string, size_t> counts_;
};

// Joins values for a multi-valued slot ('|' separated, duplicates and '|' inside values removed).
std::string join_slot_values(const std::vector<std::string>& values);

}  // namespace regkg::index
