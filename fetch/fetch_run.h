// `regkg fetch`: for each source of the manifest, GET its publication page (conditionally, from
// the saved validators), decode it, extract the rule, write it as statute Markdown under
// DIR/statutes-zh/<category>/ and report it as new, changed, unchanged or failed (with the
// reason). Sources are fetched one after another; one failing never stops the others.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "fetch/http_fetcher.h"

namespace regkg::fetch {

struct FetchOptions {
  std::filesystem::path manifest;  // corpus/sources.json
  std::filesystem::path into;      // the output folder, also holding .fetch-state.json
  HttpLimits limits;               // time limits, redirects, size cap
};

enum class FetchStatus { added, changed, unchanged, failed };

// "new", "changed", "unchanged", "failed".
const char* to_string(FetchStatus status);

struct SourceOutcome {
  std::string id, url;
  FetchStatus status = FetchStatus::failed;
  std::string reason;        // why it failed, or how it was found unchanged ("304 Not Modified")
  int http_status = 0;       // of the last response (0 when none arrived)
  std::string final_url;     // after redirects
  std::string charset;       // the page's charset: "UTF-8", "GB18030" …
  std::string page_title;    // the title as the page prints it
  std::string version_date;  // the date in the file name
  size_t articles = 0;
  std::string file;  // written (or kept) file, relative to the --into folder
  std::vector<std::string> warnings;
};

struct FetchReport {
  std::vector<SourceOutcome> outcomes;  // in manifest order
  size_t count(FetchStatus status) const;
  bool all_failed() const { return count(FetchStatus::failed) == outcomes.size(); }
};

// Runs a fetch. Throws ManifestError (bad manifest) or std::runtime_error (the --into folder or
// its state file cannot be written); everything about one source is reported in its outcome.
// Warnings go to `log` as "fetch: <id>: warning: …".
FetchReport run_fetch(const FetchOptions& options, std::ostream& log);

// "new        <id>  <title> (<date>): 24 articles -> statutes-zh/…md" and
// "failed     <id>  <reason>".
std::string format_outcome(const SourceOutcome& outcome);
// "regkg fetch: 5 sources: 2 new, 1 changed, 1 unchanged, 1 failed (into DIR)".
std::string format_summary(const FetchReport& report, const std::filesystem::path& into);

}  // namespace regkg::fetch
