// Corpus scanning and format detection.
#include "ingest/sources/corpus_scanner.h"

#include <algorithm>
#include <fstream>
#include <set>

namespace regkg::ingest {

namespace fs = std::filesystem;

const char* to_string(SourceFormat format) {
  switch (format) {
    case SourceFormat::statute_markdown:
      return "statute-markdown";
    case SourceFormat::compass_json:
      return "compass-json";
    case SourceFormat::news_markdown:
      return "news-markdown";
    case SourceFormat::unknown:
      break;
  }
  return "unknown";
}

namespace {

SourceFormat sniff_markdown(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  // An empty file cannot be told apart: hand it to the statute parser, which reports it.
  if (head.empty()) return SourceFormat::statute_markdown;
  if (head.rfind("---", 0) == 0) return SourceFormat::news_markdown;
  if (head.find("<!-- INFO END -->") != std::string::npos) return SourceFormat::statute_markdown;
  // Long cover letters push the marker past 4 KiB: look at the rest too.
  std::string line;
  while (std::getline(in, line))
    if (line.find("<!-- INFO END -->") != std::string::npos) return SourceFormat::statute_markdown;
  return SourceFormat::unknown;
}

// Why a file that is not a source is left out, or "" for a candidate source. Documentation keeps
// its usual names (README.md, LICENSE, DATA-LICENSE.md …); a README that quotes a statute's
// "<!-- INFO END -->" marker must not become the instrument cn/README.
std::string ignore_reason(const std::string& name, bool at_root) {
  std::string upper;
  for (char c : name) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  const std::string stem = upper.substr(0, upper.find('.'));
  for (const char* doc : {"README", "LICENSE", "LICENCE", "NOTICE", "CHANGELOG", "CHANGES",
                          "CONTRIBUTING", "COPYING", "AUTHORS"}) {
    const std::string d = doc;
    if (stem == d ||
        (stem.size() > d.size() && stem.compare(stem.size() - d.size(), d.size(), d) == 0 &&
         stem[stem.size() - d.size() - 1] == '-'))
      return "documentation, not a rule";
  }
  if (at_root && name == "sources.json") return "the regkg fetch manifest, not a rule";
  if (name == "_index.md") return "a Hugo section index (LawRefBook), not a rule";
  return "";
}

}  // namespace

std::vector<SourceFile> scan_corpora(const std::vector<fs::path>& corpora, Diagnostics& diags) {
  std::vector<SourceFile> files;
  for (const fs::path& root : corpora) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      diags.error(root.string(), 0, "corpus directory does not exist or is not a directory");
      continue;
    }
    // Linked folders are followed (scripts/get-corpus.sh links the law folders of a checkout into
    // statutes-zh/); a folder reached twice (a link loop, or two links to one folder) is read once.
    std::set<fs::path> folders_seen;
    folders_seen.insert(fs::weakly_canonical(root, ec));
    fs::recursive_directory_iterator it(root,
                                        fs::directory_options::skip_permission_denied |
                                            fs::directory_options::follow_directory_symlink,
                                        ec);
    if (ec) {
      diags.error(root.string(), 0, "cannot read corpus directory: " + ec.message());
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        diags.error(root.string(), 0, "error while walking the corpus: " + ec.message());
        break;
      }
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec) && (name == "dictionaries" || name == "facts")) {
        // regkg's own dictionaries and facts (corpus/dictionaries, corpus/facts) configure
        // ingest; they are not sources.
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        if (it->is_symlink(ec) && !folders_seen.insert(fs::canonical(p, ec)).second) {
          diags.warn(p.lexically_relative(root).generic_string(), 0,
                     "linked folder already read (a link loop or a second link); skipped");
          it.disable_recursion_pending();
        } else if (!it->is_symlink(ec)) {
          folders_seen.insert(fs::weakly_canonical(p, ec));
        }
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      SourceFile f;
      f.absolute = p;
      // Lexical, so a symlinked file keeps its path inside the corpus.
      f.relative = p.lexically_relative(root).generic_string();
      f.corpus = root.string();
      f.bytes = it->file_size(ec);
      std::string ext = p.extension().string();
      f.ignore_reason = ignore_reason(name, it.depth() == 0);
      if (!f.ignore_reason.empty())
        f.format = SourceFormat::unknown;
      else if (ext == ".json")
        f.format = SourceFormat::compass_json;
      else if (ext == ".md")
        f.format = sniff_markdown(p);
      if (f.format == SourceFormat::unknown && f.ignore_reason.empty())
        f.ignore_reason =
            ext == ".md" ? "Markdown that is neither a statute nor news"
                         : "not a source format (" + (ext.empty() ? "no extension" : ext) + ")";
      files.push_back(std::move(f));
    }
  }
  std::sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) {
    return a.corpus != b.corpus ? a.corpus < b.corpus : a.relative < b.relative;
  });
  return files;
}

}  // namespace regkg::ingest
