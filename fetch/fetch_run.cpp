// The fetch pipeline: manifest -> conditional GET -> charset -> extraction -> statute Markdown,
// with the fetch state deciding new / changed / unchanged.
#include "fetch/fetch_run.h"

#include <chrono>
#include <ctime>

#include "fetch/charset_decoder.h"
#include "fetch/fetch_state.h"
#include "fetch/publication_html_extractor.h"
#include "fetch/source_manifest.h"
#include "fetch/statute_markdown_writer.h"
#include "text/chinese_title.h"
#include "text/sha256.h"
#include "text/whole_file.h"

namespace regkg::fetch {

namespace fs = std::filesystem;

namespace {

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The file's bytes, or nullopt-like "" with *exists false.
std::string read_if_exists(const fs::path& path, bool* exists) {
  std::error_code ec;
  *exists = fs::is_regular_file(path, ec);
  if (!*exists) return "";
  return text::read_whole_file(path).value_or(std::string());
}

std::string compact(const std::string& s) {
  std::string out;
  for (char c : text::normalize_cn_title(s))
    if (c != ' ') out += c;
  return out;
}

// The statute text and its dates, from what the page says and what the manifest knows.
struct Composed {
  StatuteText text;
  std::string version_date;
  std::string failure;  // non-empty: cannot write this source
};

Composed compose(const PublicationSource& src, const ExtractedPublication& ex,
                 std::vector<std::string>& warnings) {
  Composed c;
  // Title: the manifest's (it names the file and so the instrument); the page's is checked.
  c.text.title = src.title;
  if (ex.title.empty()) {
    warnings.push_back("the page has no title; using the manifest's '" + src.title + "'");
  } else if (compact(ex.title).find(compact(src.title)) == std::string::npos) {
    warnings.push_back("the page's title '" + ex.title + "' differs from the manifest's '" +
                       src.title + "'; the manifest's is used");
  }

  std::string latest_event;
  for (const auto& e : ex.events)
    if (e.date > latest_event) latest_event = e.date;

  // The rule's own publication date: the page first (an amendment is republished with a new one).
  std::string published = ex.published;
  if (published.empty() && src.kind == "law") published = latest_event;
  if (published.empty()) published = src.published;
  if (published.empty() && !ex.page_date.empty()) {
    published = ex.page_date;
    warnings.push_back(
        "no publication date in the page text or the manifest; using the page's "
        "posting date " +
        published);
  }
  if (published.empty()) {
    c.failure =
        "no publication date on the page (成文日期, 公布日期, 发布时间) nor in the manifest";
    return c;
  }
  const bool manifest_version = src.published.empty() || published == src.published;
  if (!manifest_version) {
    warnings.push_back("the page is dated " + published + ", the manifest " + src.published +
                       ": written as a new version");
  }
  if (manifest_version && !src.version_date.empty())
    c.version_date = src.version_date;
  else if (src.kind == "law" && !latest_event.empty())
    c.version_date = latest_event;
  else
    c.version_date = published;

  std::string effective = ex.effective;
  if (effective.empty() && ex.effective_on_publication) effective = published;
  if (effective.empty() && manifest_version) effective = src.effective;

  // Header: the page's adoption and amendment lines, the publication, entry into force.
  for (const auto& e : ex.events) c.text.header.push_back({e.date, e.text});
  if (ex.events.empty() && manifest_version && !src.adopted.empty())
    c.text.header.push_back({src.adopted, "审议通过"});
  const bool law_published_on_adoption = src.kind == "law" && published == latest_event;
  if (!law_published_on_adoption) {
    const std::string issuer = !ex.issuer.empty() ? ex.issuer : src.issuer;
    c.text.header.push_back({published, issuer + "公布"});
  }
  if (!effective.empty()) c.text.header.push_back({effective, "施行"});
  std::string number = ex.document_number;
  if (number.empty() && manifest_version) number = src.document_number;
  if (!number.empty()) c.text.header.push_back({"", number});

  c.text.headings = ex.headings;
  c.text.articles = ex.articles;
  return c;
}

SourceOutcome fetch_one(const PublicationSource& src, const FetchOptions& options,
                        const HttpFetcher& fetcher, FetchState& state) {
  SourceOutcome o;
  o.id = src.id;
  o.url = src.url;
  const SourceState* prev = state.find(src.id);

  // Validators only when the last good result is still on disk as written.
  bool conditional = false;
  if (prev && prev->url == src.url && !prev->file.empty()) {
    bool exists = false;
    const std::string bytes = read_if_exists(options.into / fs::u8path(prev->file), &exists);
    conditional = exists && text::sha256_hex(bytes) == prev->file_sha256;
  }
  const HttpResult r =
      fetcher.get(src.url, conditional ? prev->etag : "", conditional ? prev->last_modified : "");
  o.final_url = r.final_url;
  if (!r.ok) {
    o.reason = r.error;
    return o;
  }
  o.http_status = r.status;
  if (r.status == 304) {
    if (!conditional) {
      o.reason = "304 Not Modified from " + r.final_url + " without a conditional request";
      return o;
    }
    o.status = FetchStatus::unchanged;
    o.reason = "304 Not Modified";
    o.file = prev->file;
    o.page_title = prev->title;
    o.version_date = prev->version_date;
    return o;
  }
  if (r.status < 200 || r.status > 299) {
    o.reason = "HTTP " + status_text(r.status) + " from " + r.final_url;
    return o;
  }
  const std::string body_sha = text::sha256_hex(r.body);
  if (conditional && body_sha == prev->body_sha256) {
    o.status = FetchStatus::unchanged;
    o.reason = "same content (SHA-256) as the last fetch";
    o.file = prev->file;
    o.page_title = prev->title;
    o.version_date = prev->version_date;
    SourceState s = *prev;
    s.etag = r.etag;
    s.last_modified = r.last_modified;
    s.final_url = r.final_url;
    state.put(src.id, std::move(s));
    return o;
  }

  DecodedText text;
  try {
    text = decode_page(r.body, r.content_type);
  } catch (const CharsetError& e) {
    o.reason = std::string(e.what()) + " in " + r.final_url;
    return o;
  }
  o.charset = text.charset;
  if (text.declared_by == "guess" && text.charset != "UTF-8")
    o.warnings.push_back("no charset declared; the bytes decode as " + text.charset);

  const ExtractedPublication ex = extract_publication(text.utf8);
  o.page_title = ex.title;
  for (const auto& w : ex.warnings) o.warnings.push_back(w);
  if (ex.articles.empty()) {
    o.reason = "no articles (第…条) in the page" +
               (ex.title.empty() ? std::string() : " '" + ex.title + "'") + " at " + r.final_url;
    return o;
  }
  o.articles = ex.articles.size();

  Composed c = compose(src, ex, o.warnings);
  if (!c.failure.empty()) {
    o.reason = c.failure + " (" + r.final_url + ")";
    return o;
  }
  o.version_date = c.version_date;
  const std::string markdown = write_statute_markdown(c.text);
  const std::string relative =
      "statutes-zh/" + src.category + "/" + statute_file_name(src.short_title, c.version_date);
  const fs::path target = options.into / fs::u8path(relative);
  bool exists = false;
  const std::string current = read_if_exists(target, &exists);
  o.file = relative;
  if (exists && current == markdown) {
    o.status = FetchStatus::unchanged;
    o.reason = "the page changed but the rule's text did not";
  } else {
    write_file_atomically(target, markdown);
    o.status = prev ? FetchStatus::changed : FetchStatus::added;
    if (prev && !prev->file.empty() && prev->file != relative)
      o.warnings.push_back("previous version kept: " + prev->file);
  }
  SourceState s;
  s.url = src.url;
  s.final_url = r.final_url;
  s.etag = r.etag;
  s.last_modified = r.last_modified;
  s.body_sha256 = body_sha;
  s.file = relative;
  s.file_sha256 = text::sha256_hex(markdown);
  s.title = ex.title;
  s.version_date = c.version_date;
  s.fetched_at = now_utc();
  state.put(src.id, std::move(s));
  return o;
}

}  // namespace

const char* to_string(FetchStatus status) {
  switch (status) {
    case FetchStatus::added:
      return "new";
    case FetchStatus::changed:
      return "changed";
    case FetchStatus::unchanged:
      return "unchanged";
    case FetchStatus::failed:
      return "failed";
  }
  return "failed";
}

size_t FetchReport::count(FetchStatus status) const {
  size_t n = 0;
  for (const auto& o : outcomes) n += o.status == status ? 1 : 0;
  return n;
}

FetchReport run_fetch(const FetchOptions& options, std::ostream& log) {
  const SourceManifest manifest = load_source_manifest(options.manifest);
  std::error_code ec;
  fs::create_directories(options.into, ec);
  if (ec || !fs::is_directory(options.into, ec))
    throw std::runtime_error(options.into.string() + ": error: cannot create the folder");
  const fs::path state_path = options.into / kFetchStateFile;
  std::vector<std::string> state_warnings;
  FetchState state = FetchState::load(state_path, &state_warnings);
  for (const auto& w : state_warnings) log << w << '\n';

  HttpFetcher fetcher(options.limits);
  FetchReport report;
  for (const PublicationSource& src : manifest.sources) {
    SourceOutcome o;
    try {
      o = fetch_one(src, options, fetcher, state);
    } catch (const std::exception& e) {
      // Writing the file failed: report it with the source, keep going.
      o.id = src.id;
      o.url = src.url;
      o.status = FetchStatus::failed;
      o.reason = e.what();
    }
    for (const auto& w : o.warnings) log << "fetch: " << o.id << ": warning: " << w << '\n';
    report.outcomes.push_back(std::move(o));
  }
  state.save(state_path);
  return report;
}

std::string format_outcome(const SourceOutcome& o) {
  std::string status = to_string(o.status);
  status.resize(10, ' ');
  std::string line = status + o.id + "  ";
  if (o.status == FetchStatus::failed) return line + o.reason;
  if (!o.page_title.empty()) line += o.page_title + " ";
  if (!o.version_date.empty()) line += "(" + o.version_date + ")";
  if (o.status == FetchStatus::unchanged) {
    line += ": " + o.reason;
  } else {
    line += ": " + std::to_string(o.articles) + " articles";
    if (!o.charset.empty() && o.charset != "UTF-8") line += ", " + o.charset;
  }
  if (!o.file.empty()) line += " -> " + o.file;
  return line;
}

std::string format_summary(const FetchReport& report, const fs::path& into) {
  return "regkg fetch: " + std::to_string(report.outcomes.size()) +
         " sources: " + std::to_string(report.count(FetchStatus::added)) + " new, " +
         std::to_string(report.count(FetchStatus::changed)) + " changed, " +
         std::to_string(report.count(FetchStatus::unchanged)) + " unchanged, " +
         std::to_string(report.count(FetchStatus::failed)) + " failed (into " + into.string() + ")";
}

}  // namespace regkg::fetch
