// render_redline_html: a version diff as an HTML page with <del>/<ins>.
#include "server/diff_redline_html.h"

#include "text/markup_escape.h"

namespace regkg::server {

using text::html_escape;

namespace {

std::string labels(const diff::VersionText& v, const std::vector<std::size_t>& idx) {
  std::string out;
  for (std::size_t i : idx) out += (out.empty() ? "" : " + ") + v.articles[i].label;
  return out.empty() ? "—" : out;
}

// Newlines in article text are paragraph breaks.
std::string escape_with_breaks(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1)
    out += html_escape(text.substr(start, nl - start)) + "<br>";
  return out + html_escape(text.substr(start));
}

}  // namespace

std::string render_redline_html(const diff::VersionDiff& d, const std::string& instrument_label,
                                const std::string& message) {
  std::string h;
  h.reserve(d.from.articles.size() * 600 + d.to.articles.size() * 600 + 4096);
  h += "<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>";
  h += html_escape(instrument_label) + ": " + html_escape(d.from.id) + " → " + html_escape(d.to.id);
  h += "</title><style>body{font-family:sans-serif;max-width:60em;margin:1em auto;line-height:1.6}"
       "del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}"
       "section{border-top:1px solid #ccc;padding:.3em 0}.st{font-size:.85em;color:#555}"
       "</style></head><body>\n<h1>" +
       html_escape(instrument_label) + "</h1>\n<p>" + html_escape(d.from.label) + " → " +
       html_escape(d.to.label) + "</p>\n<p class=\"st\">";
  for (const auto& [k, v] : d.article_counts) h += html_escape(k) + " " + std::to_string(v) + " · ";
  h += "obligations added " + std::to_string(d.obligation_counts.at("added")) + ", removed " +
       std::to_string(d.obligation_counts.at("removed")) + ", changed " +
       std::to_string(d.obligation_counts.at("changed")) + "</p>\n";
  if (!message.empty()) h += "<p><strong>" + html_escape(message) + "</strong></p>\n";

  for (const diff::ArticleDiff& a : d.articles) {
    const auto& al = a.alignment;
    if (al.status == diff::AlignStatus::unchanged) continue;
    h += "<section><h3>" + html_escape(labels(d.from, al.from)) + " → " +
         html_escape(labels(d.to, al.to)) + " <span class=\"st\">" +
         html_escape(diff::to_string(al.status)) + (al.moved ? ", moved" : "") + "</span></h3><p>";
    switch (al.status) {
      case diff::AlignStatus::added:
        h += "<ins>" + escape_with_breaks(a.to_text) + "</ins>";
        break;
      case diff::AlignStatus::removed:
        h += "<del>" + escape_with_breaks(a.from_text) + "</del>";
        break;
      case diff::AlignStatus::renumbered:
        h += escape_with_breaks(a.to_text);
        break;
      default:
        for (const diff::DiffSpan& s : a.chars.spans) {
          std::string_view from_part =
              std::string_view(a.from_text).substr(s.from_begin, s.from_end - s.from_begin);
          std::string_view to_part =
              std::string_view(a.to_text).substr(s.to_begin, s.to_end - s.to_begin);
          if (s.op == diff::EditOp::equal)
            h += escape_with_breaks(to_part);
          else if (s.op == diff::EditOp::remove)
            h += "<del>" + escape_with_breaks(from_part) + "</del>";
          else
            h += "<ins>" + escape_with_breaks(to_part) + "</ins>";
        }
    }
    h += "</p></section>\n";
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace regkg::server
