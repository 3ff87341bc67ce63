// Builds a new Xapian database from SearchDocuments (one per article, version, instrument or
// news item). Owned by one thread; the database is complete only after commit().
// A snapshot's index may be split into shards written in parallel (index/shard-N), which the
// Searcher opens together as one database.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

#include "index/search_document.h"

namespace regkg::index {

class IndexWriter {
 public:
  // Creates (or overwrites) the database at `dir`; its name is the layer name stored in every
  // document (slot::kLayer). Throws Xapian::Error on failure.
  IndexWriter(const std::filesystem::path& dir, const std::string& snapshot_id);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  void add(const SearchDocument& doc);
  // Writes the schema version and snapshot id as metadata and commits.
  void commit();
  size_t count() const { return count_; }

  // The Xapian document for `doc`, exactly as add() stores it (used by the golden index test).
  static Xapian::Document make_document(const SearchDocument& doc,
                                        Xapian::TermGenerator& generator);
  // A term generator configured as the writer's (CJK n-grams; English stemmed).
  static Xapian::TermGenerator make_term_generator();

 private:
  // Spelling data (Database::get_spelling_suggestion) from the document's English words.
  void add_spellings(const Xapian::Document& xdoc);

  Xapian::WritableDatabase db_;
  Xapian::TermGenerator generator_;
  std::string snapshot_id_;
  std::string layer_;  // the directory's name, stored in slot::kLayer
  size_t count_ = 0;
};

// Indexes `text` with `generator`: CJK runs as unstemmed n-grams, other runs with the English
// stemmer (STEM_SOME), each term with `term_prefix` and within-document frequency `wdf`.
void index_mixed_text(Xapian::TermGenerator& generator, std::string_view text,
                      Xapian::termcount wdf, std::string_view term_prefix);

}  // namespace regkg::index
