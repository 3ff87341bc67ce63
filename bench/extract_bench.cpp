// extract_bench: the text-analysis cost of an ingest on its own: every article of the statute
// Markdown files under a folder through the obligation and sanction extractors, then (where this
// tree has it) the per-version chapter pass, on one thread, best of N runs. Parsing is done once,
// outside the timing. Built at two commits, it compares their extraction side by side (see
// BENCHMARKS.md, "Extraction cost"). Usage:
//   extract_bench STATUTES_DIR [--runs N]      (e.g. ../shared/corpus/statutes-zh)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/extract/obligation_extractor.h"
#include "ingest/extract/sanction_extractor.h"
#include "ingest/sources/diagnostics.h"
#include "ingest/sources/statute_markdown_parser.h"
#if __has_include("ingest/extract/chapter_bearer.h")
#include "ingest/extract/chapter_bearer.h"
#define REGKG_HAS_CHAPTER_PASS 1
#endif

namespace fs = std::filesystem;
using namespace regkg::ingest;

namespace {

struct Version {
  std::vector<std::string> texts;
  std::vector<int> chapters;
  std::vector<std::string> chapter_titles;
};

struct Counts {
  size_t obligations = 0, sanctions = 0, inferred = 0;
};

Counts one_run(const std::vector<Version>& versions) {
  Counts c;
  for (const Version& v : versions) {
    std::vector<std::vector<Obligation>> obligations;
    obligations.reserve(v.texts.size());
    for (const std::string& t : v.texts) {
      obligations.push_back(extract_obligations_zh(t));
      c.obligations += obligations.back().size();
      c.sanctions += extract_sanctions_zh(t).size();
    }
#ifdef REGKG_HAS_CHAPTER_PASS
    std::vector<ChapterArticle> articles(v.texts.size());
    for (size_t i = 0; i < v.texts.size(); ++i) {
      articles[i].text = v.texts[i];
      articles[i].chapter = v.chapters[i];
      articles[i].chapter_title = v.chapter_titles[i];
      articles[i].obligations = &obligations[i];
    }
    c.inferred += chapter_bearers_zh(articles).size();
#endif
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: extract_bench STATUTES_DIR [--runs N]\n");
    return 2;
  }
  int runs = 3;
  for (int i = 2; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Version> versions;
  size_t articles = 0, bytes = 0;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    Diagnostics diags;
    try {
      const ParsedStatute st = parse_statute_markdown(f.string(), s.str(), diags);
      Version v;
      for (const auto& a : st.articles) {
        std::string t;
        for (const auto& p : a.paragraphs) t += (t.empty() ? "" : "\n") + p.text;
        bytes += t.size();
        v.texts.push_back(std::move(t));
        int chapter = -1;
        for (int h = a.heading; h >= 0; h = st.headings[static_cast<size_t>(h)].parent)
          if (st.headings[static_cast<size_t>(h)].kind == "chapter") {
            chapter = h;
            break;
          }
        v.chapters.push_back(chapter);
        v.chapter_titles.push_back(chapter >= 0 ? st.headings[static_cast<size_t>(chapter)].text
                                                : std::string());
      }
      articles += v.texts.size();
      versions.push_back(std::move(v));
    } catch (const std::exception&) {
      // A file the parser rejects is skipped, as ingest skips it.
    }
  }
  // Wall time, and the process's CPU time (what a loaded machine distorts least).
  std::vector<double> seconds, cpu;
  Counts c;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    c = one_run(versions);
    cpu.push_back(double(std::clock() - c0) / CLOCKS_PER_SEC);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("extract_bench: %zu files, %zu articles, %.1f MB of article text; chapter pass: %s\n",
              versions.size(), articles, bytes / 1e6,
#ifdef REGKG_HAS_CHAPTER_PASS
              "yes"
#else
              "no"
#endif
  );
  std::printf("obligations %zu, sanction clauses %zu, bearers from the chapter %zu\n",
              c.obligations, c.sanctions, c.inferred);
  std::printf("best wall %.3f s; runs:", *std::min_element(seconds.begin(), seconds.end()));
  for (double s : seconds) std::printf(" %.3f", s);
  std::printf("\nbest CPU %.3f s; runs:", *std::min_element(cpu.begin(), cpu.end()));
  for (double s : cpu) std::printf(" %.3f", s);
  std::printf("\n");
  return 0;
}
