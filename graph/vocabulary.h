// The graph's vocabulary, written once: the edge types and attribute keys every layer uses
// (ingest writes them, graph/ queries them, the server and exports show them). Node kinds are the
// NodeKind enum of graph/node_kind.h (to_string gives their names). The graph stores edge types
// and attribute keys as strings (EdgeData::type, NodeData::attrs); these constants are the one
// place their names are spelled. Compass relations keep the type their source file gives them
// (partial-overlap, implements …): data, not vocabulary.
#pragma once

#include <string_view>

#include "graph/node_kind.h"

namespace regkg::graph {

// Edge types (EdgeData::type), each read "from <type> to".
namespace edge {
inline constexpr std::string_view kPartOf = "part_of";        // structure: article -> chapter …
inline constexpr std::string_view kProductOf = "product_of";  // product -> its company
inline constexpr std::string_view kVersionOf = "version_of";  // version -> instrument
// instrument -> jurisdiction
inline constexpr std::string_view kInJurisdiction = "in_jurisdiction";
inline constexpr std::string_view kIssuedBy = "issued_by";     // instrument, version -> actor
inline constexpr std::string_view kHasEvent = "has_event";     // version, article, news -> event
inline constexpr std::string_view kSupersedes = "supersedes";  // newer version -> older one
inline constexpr std::string_view kDraftOf = "draft_of";       // draft version -> final version
inline constexpr std::string_view kObligationOf = "obligation_of";  // obligation -> its article
inline constexpr std::string_view kBinds = "binds";                 // obligation -> bearer (actor)
inline constexpr std::string_view kCites = "cites";  // article -> version, article or citation
inline constexpr std::string_view kLegalBasis = "legal_basis";  // instrument -> the law it rests on
inline constexpr std::string_view kMentions = "mentions";       // news, article -> actor
inline constexpr std::string_view kAbout = "about";  // news -> instrument (or unresolved citation)
inline constexpr std::string_view kSanctionOf = "sanction_of";  // sanction -> its article
// sanction -> an article or obligation it enforces, or the version ("本法" as a whole)
inline constexpr std::string_view kSanctions = "sanctions";
inline constexpr std::string_view kImposedBy = "imposed_by";  // sanction -> authority (actor)
}  // namespace edge

// Attribute keys (NodeData::attr / set_attr), by the kinds that carry them: all 71 the full
// corpus's graph holds.
namespace attr {
// Membership: the instrument / version / article a node belongs to (ids), its jurisdiction code.
inline constexpr std::string_view kInstrument = "instrument";
inline constexpr std::string_view kVersion = "version";
inline constexpr std::string_view kArticle = "article";
inline constexpr std::string_view kJurisdiction = "jurisdiction";
// Instruments and versions.
inline constexpr std::string_view kTitleZh = "title_zh";
inline constexpr std::string_view kTitleEn = "title_en";
inline constexpr std::string_view kTitleOriginal = "title_original";
inline constexpr std::string_view kShortTitle = "short_title";
inline constexpr std::string_view kShortTitleEn = "short_title_en";
inline constexpr std::string_view kCategory = "category";
inline constexpr std::string_view kCompassId = "compass_id";
inline constexpr std::string_view kLegalForce = "legal_force";
inline constexpr std::string_view kLifecycleStatus = "lifecycle_status";
inline constexpr std::string_view kSummary = "summary";
inline constexpr std::string_view kSourceFormat = "source_format";
inline constexpr std::string_view kSourceUrl = "source_url";
inline constexpr std::string_view kAlsoFrom = "also_from";
inline constexpr std::string_view kEffective = "effective";  // YYYY-MM-DD the version took effect
inline constexpr std::string_view kEffectiveFrom = "effective_from";
inline constexpr std::string_view kAppliesFrom = "applies_from";
inline constexpr std::string_view kPublished = "published";
inline constexpr std::string_view kStatus = "status";  // "draft" for drafts (never in force)
inline constexpr std::string_view kCommentDeadline = "comment_deadline";
inline constexpr std::string_view kFinalVersion = "final_version";
inline constexpr std::string_view kTextInCorpus = "text_in_corpus";  // "no": known from facts
inline constexpr std::string_view kVersionNote = "version_note";
inline constexpr std::string_view kArticleCount = "article_count";
// Structure: chapters, articles, paragraphs.
inline constexpr std::string_view kNumber = "number";
inline constexpr std::string_view kOrdinal = "ordinal";
inline constexpr std::string_view kItem = "item";
inline constexpr std::string_view kUnitType = "unit_type";
inline constexpr std::string_view kLanguage = "language";
inline constexpr std::string_view kTextOriginal = "text_original";
inline constexpr std::string_view kTextStored = "text_stored";
// Obligations.
inline constexpr std::string_view kModality = "modality";  // obligation | prohibition | …
inline constexpr std::string_view kBearer = "bearer";      // the bearer as the text names it
inline constexpr std::string_view kAction = "action";
inline constexpr std::string_view kCondition = "condition";
inline constexpr std::string_view kBearerEn = "bearer_en";      // from the English counterpart
inline constexpr std::string_view kBearerRole = "bearer_role";  // the role a 的-clause stands for
// Which rule gave the bearer (absent when the bearer is empty): a per-article rule of the
// obligation extractor (zh.bearer.subject, zh.bearer.actor_clause, zh.bearer.liability_authority
// …, en.bearer.*: ingest/extract/obligation_extractor.cpp), or, when the article names no bearer
// and it was taken from the chapter or the instrument (chapter_bearer.h),
// zh.bearer.chapter_title | zh.bearer.chapter_subject | zh.bearer.instrument_party.
inline constexpr std::string_view kBearerRule = "bearer_rule";
inline constexpr std::string_view kModalityEn = "modality_en";
inline constexpr std::string_view kParagraph = "paragraph";  // paragraph number in the article
inline constexpr std::string_view kTrigger = "trigger";      // the modal word: 应当, 不得 …
// Sanctions (besides article, instrument, version, ordinal, paragraph, condition). Amounts are
// whole numbers as decimal text; fine_* is on the violator, fine_persons_* on the responsible
// persons.
inline constexpr std::string_view kMeasures = "measures";    // ","-separated: warning,fine …
inline constexpr std::string_view kAuthority = "authority";  // the authority as the text names it
inline constexpr std::string_view kEnforces = "enforces";    // the provisions enforced, as written
inline constexpr std::string_view kFineMin = "fine_min";     // yuan
inline constexpr std::string_view kFineMax = "fine_max";     // yuan
inline constexpr std::string_view kFineMultipleMin = "fine_multiple_min";  // times fine_of
inline constexpr std::string_view kFineMultipleMax = "fine_multiple_max";
inline constexpr std::string_view kFinePercentMin = "fine_percent_min";  // percent of fine_of
inline constexpr std::string_view kFinePercentMax = "fine_percent_max";
inline constexpr std::string_view kFinePersonsMin = "fine_persons_min";  // yuan
inline constexpr std::string_view kFinePersonsMax = "fine_persons_max";  // yuan
// What the multiples or percents are of: illegal_income, previous_year_turnover …
inline constexpr std::string_view kFineOf = "fine_of";
// Events.
inline constexpr std::string_view kEventType = "event_type";  // adopted, effective, repealed …
inline constexpr std::string_view kText = "text";             // the words the date was read from
inline constexpr std::string_view kPrecision = "precision";   // day, month, year
inline constexpr std::string_view kYearInferred = "year_inferred";
// Actors and jurisdictions.
inline constexpr std::string_view kActorType = "actor_type";
inline constexpr std::string_view kNameZh = "name_zh";
inline constexpr std::string_view kNameEn = "name_en";
inline constexpr std::string_view kShortName = "short_name";
inline constexpr std::string_view kAliases = "aliases";  // "; "-separated
inline constexpr std::string_view kLabelEn = "label_en";
inline constexpr std::string_view kDictionary = "dictionary";
inline constexpr std::string_view kCandidate = "candidate";  // "yes": found in text, not listed
inline constexpr std::string_view kMentions = "mentions";    // candidate actors: mention count
inline constexpr std::string_view kJurisdictionType = "jurisdiction_type";
// News.
inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kUrl = "url";
}  // namespace attr

}  // namespace regkg::graph
