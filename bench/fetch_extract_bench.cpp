// fetch_extract_bench: times regkg fetch's page path (charset decoding, block reader, publication
// extractor, Markdown writer) on each HTML page given, and on the page repeated 4, 16 and 64 times,
// so the per-KB figures show whether the path stays linear in the page size. Usage:
//   fetch_extract_bench PAGE.html... [--runs N]     (e.g. tests/fetch/fixtures/*.html)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "fetch/charset_decoder.h"
#include "fetch/publication_html_extractor.h"
#include "fetch/statute_markdown_writer.h"

namespace {

// One pass over `html`; returns the Markdown's size so the work is not optimised away.
size_t one_pass(const std::string& html) {
  auto decoded = regkg::fetch::decode_page(html, "text/html; charset=utf-8");
  auto page = regkg::fetch::extract_publication(decoded.utf8);
  regkg::fetch::StatuteText text;
  text.title = page.title.empty() ? "标题" : page.title;
  for (const auto& e : page.events) text.header.push_back({e.date, e.text});
  text.headings = page.headings;
  text.articles = page.articles;
  return regkg::fetch::write_statute_markdown(text).size();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> pages;
  int runs = 50;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc)
      runs = std::atoi(argv[++i]);
    else
      pages.push_back(a);
  }
  if (pages.empty() || runs < 1) {
    std::cerr << "usage: fetch_extract_bench PAGE.html... [--runs N]\n";
    return 2;
  }
  std::printf("%-40s %6s %10s %12s %10s\n", "page", "copies", "bytes", "us/pass", "us/KB");
  for (const std::string& path : pages) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string page = ss.str();
    for (int copies : {1, 4, 16, 64}) {
      std::string html;
      for (int k = 0; k < copies; ++k) html += page;
      size_t sink = 0;
      const int n = std::max(1, runs / copies);
      const auto t0 = std::chrono::steady_clock::now();
      for (int r = 0; r < n; ++r) sink += one_pass(html);
      const double us =
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() /
          n;
      const std::string name = path.substr(path.find_last_of('/') + 1);
      std::printf("%-40s %6d %10zu %12.1f %10.2f%s\n", name.c_str(), copies, html.size(), us,
                  us / (html.size() / 1024.0), sink ? "" : " ");
    }
  }
  return 0;
}
