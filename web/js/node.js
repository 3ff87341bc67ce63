// Node page: a node's label in both languages, its text first, a few facts in words, obligations,
// contents and edge groups with paging; ids, raw attributes and provenance behind a "Details" toggle.
import { getNode, getCitations, getInstrument, listObligations, ApiError } from './api.js';
import { el, append, clear, langOf, langText, nodeHref, nodeLink, itemLink, itemHref, kindBadge, modalityBadge, MODALITIES } from './dom.js';
import { initPage, showError } from './page.js';
import { setJsonLd } from './jsonld.js';
import { feedHref, setFeedAlternate, subscribeLink } from './feed.js';

const LAW_KINDS = new Set(['instrument', 'version', 'part', 'chapter', 'section', 'article', 'paragraph']);
const GROUP_LIMIT = 20;
const SIBLING_PAGE = 100;
const VIEWS = ['both', 'zh', 'en'];

const main = document.getElementById('main');
const params = new URLSearchParams(location.search);
const id = params.get('id') || '';
let view = VIEWS.includes(params.get('view')) ? params.get('view') : 'both';

// Human names for edge groups by type and direction; unknown types fall back to the raw type.
const GROUP_NAMES = {
  part_of: { out: 'Part of', in: 'Contents' },
  version_of: { out: 'Version of', in: 'Versions' },
  issued_by: { out: 'Issued by', in: 'Issued' },
  mentions: { out: 'Mentions', in: 'Mentioned by' },
  has_event: { out: 'Events', in: 'Event of' },
  in_jurisdiction: { out: 'Jurisdiction', in: 'In this jurisdiction' },
  obligation_of: { out: 'Clause of', in: 'Obligations' },
  binds: { out: 'Binds', in: 'Bound by' },
  cites: { out: 'Cites', in: 'Cited by' },
  legal_basis: { out: 'Legal basis', in: 'Legal basis of' },
  about: { out: 'About', in: 'Written about in' },
};
// Groups shown in their own sections (obligations, citations) rather than among the connections.
const SPECIAL = [['obligation_of', 'in'], ['cites', 'out'], ['legal_basis', 'out']];
const OBLIGATION_DETAIL_MAX = 60; // clauses whose full text is fetched; the rest are listed by label
const CITATION_PAGE = 50;
// Attributes whose values are node ids, shown as links.
const ID_ATTRIBUTES = ['article', 'instrument', 'version'];
const GROUP_ORDER = ['part_of', 'version_of', 'issued_by', 'in_jurisdiction', 'has_event', 'mentions'];
const CONTENTS = [['part_of', 'in'], ['version_of', 'in']];
const TEXT_NAMES = { zh: '中文', en: 'English' };
// Attributes worth showing to a reader, in words, by node kind ('*': any kind). The rest (ordinal,
// unit type, compass ids, also-from sources …) are in the Details toggle.
const FACTS = [
  ['summary', 'Summary', '*'], ['status', 'Status', '*'], ['lifecycle_status', 'Status', '*'], ['legal_force', 'Legal force', '*'],
  ['category', 'Category', '*'], ['published', 'Published', '*'], ['effective', 'Takes effect', '*'], ['effective_from', 'Takes effect', '*'],
  ['applies_from', 'Applies from', '*'], ['comment_deadline', 'Comment period ends', '*'], ['article_count', 'Articles', '*'],
  ['jurisdiction', 'Jurisdiction', 'instrument'], ['source_url', 'Official source', '*'], ['url', 'Source', 'news'],
];
const TEXT_LANGS = { zh: 'zh-CN', en: 'en' };

function groupName(type, direction) {
  const known = GROUP_NAMES[type];
  if (known) return known[direction] || type;
  const words = String(type).replace(/[-_]+/g, ' ');
  return direction === 'in' ? `${words} (incoming)` : words;
}

function isSpecial(g) {
  return SPECIAL.some(([t, d]) => g.type === t && g.direction === d);
}

function isContents(g) {
  return CONTENTS.some(([t, d]) => g.type === t && g.direction === d);
}

async function load() {
  main.setAttribute('aria-busy', 'true');
  if (!id) {
    document.title = 'No node selected — regkg';
    showError(main, new ApiError({ code: 'missing_id', message: 'No node id was given. Open a node from the search results, or add ?id=… to the address.' }), { title: 'No node selected' });
    main.append(el('p', {}, el('a', { href: './' }, 'Go to search')));
    main.setAttribute('aria-busy', 'false');
    return;
  }
  try {
    const data = await getNode(id, { limit: GROUP_LIMIT });
    render(data);
  } catch (err) {
    document.title = 'Error — regkg';
    showError(main, err, { onRetry: load, title: err.status === 404 && err.code !== 'http_error' ? `No node with id “${id}”` : undefined });
    main.append(el('p', {}, el('a', { href: `./?q=${encodeURIComponent(id)}` }, 'Search for this id'), ' · ', el('a', { href: './' }, 'Go to search')));
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

function render(data) {
  const node = data.node || {};
  const groups = (Array.isArray(data.edge_groups) ? data.edge_groups : []).filter((g) => g && g.type);
  const label = node.label || node.id || id;
  document.title = `${label} — regkg`;
  // schema.org Legislation for the laws, their versions and articles (linked-data readers).
  setJsonLd(node, groups);

  const crumbs = el('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb', hidden: true });
  const siblings = el('nav', { class: 'sibling-nav', 'aria-label': 'Previous and next', hidden: true });
  const versionsNav = el('nav', { class: 'versions-nav', 'aria-labelledby': 'versions-h', hidden: true });
  const chapterNav = el('nav', { class: 'chapter-nav', 'aria-labelledby': 'chapters-h', hidden: true });
  const contents = groups.filter(isContents);
  const others = sortGroups(groups.filter((g) => !isContents(g) && !isSpecial(g)));
  const nodeId = node.id || id;
  const obligationGroup = groups.find((g) => g.type === 'obligation_of' && g.direction === 'in');
  const citeGroups = groups.filter((g) => (g.type === 'cites' || g.type === 'legal_basis') && g.direction === 'out');

  const tools = el('p', { class: 'section-tools node-tools' },
    el('a', { href: `graph.html?id=${encodeURIComponent(node.id || id)}` }, 'Explore in the graph'),
    el('a', { href: `timeline.html?id=${encodeURIComponent(node.id || id)}` }, 'Timeline'));
  // The feed that follows the page: its instrument's (for the law and its parts), an actor's, or
  // every instrument's; instruments and versions also show it as a link.
  const feed = nodeFeed(node.kind, nodeId, label);
  setFeedAlternate(feed.href, feed.title);
  if (node.kind === 'instrument' || node.kind === 'version') tools.append(subscribeLink(feed.href, feed.title));
  append(clear(main), [
    crumbs,
    el('header', { class: 'node-header' },
      el('p', { class: 'node-kind' }, kindBadge(node.kind),
        node.date ? el('time', { datetime: node.date, class: 'node-date' }, node.date) : null),
      heading(label, node.attributes || {}),
      tools),
    renderText(node.text, textAnnotations(groups)),
    renderFacts(node.attributes, node.kind),
    chapterNav,
    versionsNav,
    siblings,
    obligationGroup ? renderObligations(nodeId, obligationGroup) : null,
    contents.length ? el('section', { class: 'contents', 'aria-labelledby': 'contents-h' },
      el('h2', { id: 'contents-h' }, node.kind === 'instrument' ? 'Versions and contents' : 'Contents'),
      contents.map((g) => renderGroup(node.id || id, g, { ordered: true }))) : null,
    citeGroups.length ? renderCitations(nodeId, citeGroups) : null,
    el('section', { class: 'edges', 'aria-labelledby': 'edges-h' },
      el('h2', { id: 'edges-h' }, 'Connections'),
      others.length ? others.map((g) => renderGroup(node.id || id, g, { ordered: false })) : el('p', { class: 'muted' }, contents.length ? 'No other connections in this snapshot.' : 'No connections in this snapshot.')),
    // Internals for those who check the data: the id, every attribute, where the node came from.
    el('details', { class: 'node-details' },
      el('summary', {}, 'Details: id, all attributes and provenance'),
      el('p', { class: 'node-id' }, 'id ', el('code', {}, node.id || id)),
      renderAttributes(node.attributes, node.kind),
      renderProvenance(node.source)),
  ]);
  if (node.kind === 'instrument' || node.kind === 'version') addObligationsLink(node, tools).catch(() => {});

  buildBreadcrumb(node, groups, data.ancestors, crumbs).catch(() => {});
  buildSiblings(node, groups, siblings).catch(() => {});
  buildReaderNav(node, data.ancestors, versionsNav, chapterNav).catch(() => {});
  addCompareLink(node).catch(() => {});
}

/** The feed of a node's page: {href, title}. */
function nodeFeed(kind, nodeId, label) {
  const instrument = kind === 'instrument' ? nodeId : String(nodeId).split('@')[0];
  if (LAW_KINDS.has(kind) && (kind === 'instrument' || String(nodeId).includes('@'))) {
    return { href: feedHref({ instrument }), title: `regkg: ${kind === 'instrument' ? label : instrument} — versions and dates` };
  }
  if (kind === 'actor') return { href: feedHref({ actor: nodeId }), title: `regkg: ${label} — what names it` };
  return { href: feedHref(), title: 'regkg: new and changed regulations' };
}

/**
 * The page heading in both languages: the label (第十七条) and, when the node has an English label
 * or title, ' · ' and that ('Article 17 — Security assessment'; the label and title are split).
 */
function heading(label, attrs) {
  const en = String(attrs.label_en || attrs.title_en || attrs.short_title_en || '').trim();
  if (!en || en === label || langOf(label) === null) return el('h1', { lang: langOf(label) }, label);
  const m = /^((?:Article|Art\.|Section|Chapter|Part|Rule|Paragraph|Item|Annex|Schedule|Regulation|§)\s*[\w.()-]+)\s+(.+)$/i.exec(en);
  return el('h1', {}, el('span', { lang: 'zh-CN' }, label), el('span', { class: 'h1-sep', 'aria-hidden': 'true' }, ' · '),
    el('span', { lang: 'en', class: 'h1-en' }, m ? `${m[1]} — ${m[2]}` : en));
}

/** "Obligations (N)" for an instrument or version: the obligations table filtered to it. */
async function addObligationsLink(node, tools) {
  const instrumentId = node.kind === 'instrument' ? node.id : String(node.id).split('@')[0];
  const data = await listObligations({ instrument: instrumentId, limit: 1 });
  const total = Number(data.total) || 0;
  if (total === 0) return;
  tools.prepend(el('a', { href: `obligations.html?instrument=${encodeURIComponent(instrumentId)}`, class: 'obligations-link' },
    `Obligations in it (${total.toLocaleString('en')})`));
}

/** The attributes a reader wants, in words, after the text (internals stay in Details). */
function renderFacts(attributes, kind) {
  const a = attributes || {};
  const dl = el('dl', { class: 'attributes facts' });
  const seen = new Set();
  for (const [key, name, kinds] of FACTS) {
    const v = a[key];
    if (v === undefined || v === null || v === '' || seen.has(name) || (kinds !== '*' && kinds !== kind)) continue;
    seen.add(name);
    dl.append(el('dt', {}, name), el('dd', {}, key === 'jurisdiction' ? String(v).toUpperCase() : attributeValue(v)));
  }
  return dl.children.length ? el('section', { class: 'facts-section', 'aria-label': 'Facts' }, dl) : null;
}

// "Compare versions" for an instrument or version with several versions (diff.html).
async function addCompareLink(node) {
  if (node.kind !== 'instrument' && node.kind !== 'version') return;
  const at = (node.id || '').indexOf('@');
  const instrumentId = node.kind === 'instrument' ? node.id : node.id.slice(0, at);
  if (!instrumentId) return;
  const inst = await getInstrument(instrumentId);
  const versions = inst.versions || [];
  if (versions.length < 2) return;
  let href = `diff.html?instrument=${encodeURIComponent(instrumentId)}`;
  const k = versions.findIndex((v) => v.id === node.id);
  if (node.kind === 'version' && k >= 0) {
    const other = k > 0 ? versions[k - 1] : versions[k + 1];
    const [a, b] = k > 0 ? [other.id, node.id] : [node.id, other.id];
    href = `diff.html?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}`;
  }
  const header = main.querySelector('.node-header');
  if (header) header.append(el('p', { class: 'compare-link' }, el('a', { href }, `Compare versions (${versions.length})`)));
}

function sortGroups(groups) {
  const rank = (g) => {
    const i = GROUP_ORDER.indexOf(g.type);
    return (i < 0 ? GROUP_ORDER.length : i) * 2 + (g.direction === 'in' ? 1 : 0);
  };
  return groups.map((g, i) => [g, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([g]) => g);
}

// --- attributes, text, provenance --------------------------------------------------------------

function renderAttributes(attributes, kind) {
  const entries = Object.entries(attributes || {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (entries.length === 0) return null;
  const dl = el('dl', { class: 'attributes' });
  for (const [key, value] of entries) {
    const isId = ID_ATTRIBUTES.includes(key) && typeof value === 'string' && value.includes('/');
    dl.append(el('dt', {}, key.replace(/_/g, ' ')), el('dd', {},
      key === 'modality' && kind === 'obligation' ? modalityBadge(value) : isId ? nodeLink(value, value) : attributeValue(value)));
  }
  return el('section', { class: 'attributes-section', 'aria-label': 'Attributes' }, dl);
}

function attributeValue(value) {
  if (Array.isArray(value)) return value.map((v, i) => [i ? ', ' : '', attributeValue(v)]);
  if (typeof value === 'object') return el('code', {}, JSON.stringify(value));
  const s = String(value);
  if (/^https?:\/\/\S+$/.test(s)) return el('a', { href: s, rel: 'noopener noreferrer external' }, s);
  return langText(s);
}

/**
 * Spans to mark in the article text, from the edge groups' provenance: each clause (obligation_of
 * in) by its modality, each resolved citation (cites / legal_basis out) as a link to the cited
 * node. Spans are UTF-8 byte offsets "begin-end" into the Chinese text (rules zh.*, clause ids
 * obl-N) or the English text (rules en.*, clause ids obl-en-N).
 */
function textAnnotations(groups) {
  const out = { zh: { marks: [], links: [] }, en: { marks: [], links: [] } };
  const span = (p) => {
    const m = /^(\d+)-(\d+)$/.exec((p && p.span) || '');
    return m && Number(m[2]) > Number(m[1]) ? [Number(m[1]), Number(m[2])] : null;
  };
  for (const g of groups) {
    for (const item of Array.isArray(g.items) ? g.items : []) {
      const s = span(item.provenance);
      if (!s) continue;
      if (g.type === 'obligation_of' && g.direction === 'in') {
        const lang = /\/obl-en-/.test(item.id) ? 'en' : 'zh';
        const modality = parseObligationLabel(item.label).modality || 'obligation';
        out[lang].marks.push({ begin: s[0], end: s[1], modality, title: `${modality}: ${item.label}`, id: item.id });
      } else if ((g.type === 'cites' || g.type === 'legal_basis') && g.direction === 'out' && item.kind !== 'citation') {
        const lang = /^en\./.test(item.provenance.rule || '') ? 'en' : 'zh';
        out[lang].links.push({ begin: s[0], end: s[1], item, title: `${g.type === 'cites' ? 'Cites' : 'Legal basis'}: ${item.label || item.id}` });
      }
    }
  }
  return out;
}

/** Non-overlapping spans, sorted, within `limit` bytes (later overlapping ones are dropped). */
function disjoint(spans, limit) {
  const sorted = spans.filter((x) => x.end <= limit).sort((a, b) => a.begin - b.begin || b.end - a.end);
  const kept = [];
  for (const x of sorted) if (!kept.length || x.begin >= kept[kept.length - 1].end) kept.push(x);
  return kept;
}

/**
 * The text with clause marks (by modality) and citation links, built from byte spans. Spans that
 * do not fall on character boundaries or overrun the text are ignored rather than garbling it.
 */
function annotatedText(text, ann) {
  const bytes = new TextEncoder().encode(text);
  const marks = disjoint(ann ? ann.marks : [], bytes.length);
  const links = disjoint(ann ? ann.links : [], bytes.length);
  if (!marks.length && !links.length) return [text];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const cuts = new Set([0, bytes.length]);
  for (const x of [...marks, ...links]) { cuts.add(x.begin); cuts.add(x.end); }
  const points = [...cuts].sort((a, b) => a - b);
  try {
    for (const p of points) decoder.decode(bytes.slice(0, p)); // throws unless p is a character boundary
  } catch {
    return [text];
  }
  const out = [];
  let openMark = null;
  let markEl = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [b, e] = [points[i], points[i + 1]];
    const piece = decoder.decode(bytes.slice(b, e));
    const mark = marks.find((m) => m.begin <= b && e <= m.end) || null;
    const link = links.find((l) => l.begin <= b && e <= l.end) || null;
    const node = link ? el('a', { href: itemHref(link.item), class: 'text-citation', title: link.title }, piece) : piece;
    if (mark) {
      if (mark !== openMark) {
        markEl = el('mark', { class: `clause-mark modality-${mark.modality.replace(/[^a-z]/g, '')}`, title: mark.title, dataset: { clause: mark.id } });
        out.push(markEl);
        openMark = mark;
      }
      markEl.append(node);
    } else {
      openMark = null;
      out.push(node);
    }
  }
  return out;
}

function renderText(text, annotations) {
  if (!text || typeof text !== 'object') return null;
  const keys = Object.keys(text).filter((k) => typeof text[k] === 'string' && text[k].trim());
  if (keys.length === 0) return null;
  keys.sort((a, b) => (TEXT_NAMES[a] ? Object.keys(TEXT_NAMES).indexOf(a) : 9) - (TEXT_NAMES[b] ? Object.keys(TEXT_NAMES).indexOf(b) : 9));

  const columns = el('div', { class: 'text-columns' });
  const cols = {};
  for (const k of keys) {
    cols[k] = el('article', { class: 'text-col', lang: TEXT_LANGS[k] || k, 'aria-labelledby': `text-${k}` },
      el('h3', { id: `text-${k}`, lang: TEXT_LANGS[k] ? null : 'en' }, TEXT_NAMES[k] || k),
      el('div', { class: 'text-body' }, annotatedText(text[k], annotations && annotations[k])));
    columns.append(cols[k]);
  }
  const section = el('section', { class: 'text-section', 'aria-labelledby': 'text-h' }, el('h2', { id: 'text-h' }, 'Text'));
  const modalities = new Set();
  for (const k of keys) for (const m of (annotations && annotations[k] ? annotations[k].marks : [])) modalities.add(m.modality);
  if (modalities.size) {
    section.append(el('p', { class: 'modality-legend' }, 'Clauses marked in the text by modality: ',
      MODALITIES.filter((m) => modalities.has(m)).map((m) => [modalityBadge(m), ' ']), 'cited texts are links.'));
  }

  const bilingual = cols.zh && cols.en;
  if (bilingual) {
    const buttons = {};
    const apply = () => {
      cols.zh.hidden = view === 'en';
      cols.en.hidden = view === 'zh';
      columns.classList.toggle('single', view !== 'both');
      for (const [v, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(v === view));
    };
    const bar = el('div', { class: 'view-toggle', role: 'group', 'aria-label': 'Languages shown' });
    for (const [v, name] of [['both', 'Side by side'], ['zh', '中文'], ['en', 'English']]) {
      buttons[v] = el('button', { type: 'button', class: 'toggle', lang: v === 'zh' ? 'zh-CN' : null, on: { click: () => {
        view = v;
        apply();
        const p = new URLSearchParams(location.search);
        if (v === 'both') p.delete('view'); else p.set('view', v);
        history.replaceState(null, '', `?${p.toString()}`);
      } } }, name);
      bar.append(buttons[v]);
    }
    section.append(bar);
    apply();
  } else {
    columns.classList.add('single');
    // Only a missing translation of Chinese text is worth saying; English-only sources are normal.
    const missing = cols.zh && !cols.en ? 'No English translation for this node in this snapshot.' : null;
    if (missing) section.append(el('p', { class: 'muted note' }, missing));
  }
  section.append(columns);
  return section;
}

function location_(p) {
  const parts = [];
  if (p.line) parts.push(`line ${p.line}`);
  if (p.json_path) parts.push(p.json_path);
  return parts.join(', ');
}

function confidenceText(c) {
  return typeof c === 'number' ? c.toFixed(2) : '';
}

function renderProvenance(source) {
  const section = el('section', { class: 'provenance', 'aria-labelledby': 'prov-h' }, el('h3', { id: 'prov-h' }, 'Provenance'));
  if (!source || typeof source !== 'object' || (!source.file && !source.rule)) {
    section.append(el('p', { class: 'muted' }, 'No provenance is recorded for this node.'));
    return section;
  }
  const dl = el('dl', { class: 'attributes' });
  const row = (name, value) => { if (value !== '' && value !== null && value !== undefined) dl.append(el('dt', {}, name), el('dd', {}, value)); };
  row('Source file', source.file ? el('code', {}, source.file) : '');
  row('Location', location_(source) ? el('code', {}, location_(source)) : '');
  row('Rule', source.rule ? el('code', {}, source.rule) : '');
  row('Confidence', confidenceBadge(source.confidence, true));
  for (const [k, v] of Object.entries(source)) {
    if (!['file', 'line', 'json_path', 'rule', 'confidence'].includes(k) && v !== '' && v !== null) row(k.replace(/_/g, ' '), typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  section.append(dl);
  return section;
}

function confidenceBadge(c, always = false) {
  if (typeof c !== 'number') return '';
  if (!always && c >= 1) return '';
  return el('span', { class: c < 0.8 ? 'confidence low' : 'confidence', title: 'Extraction confidence' }, `confidence ${confidenceText(c)}`);
}

// --- edge groups ----------------------------------------------------------------------------

function provenanceTitle(p) {
  if (!p || (!p.file && !p.rule)) return 'No provenance recorded';
  return [p.file && `${p.file}${location_(p) ? ` (${location_(p)})` : ''}`, p.rule && `rule ${p.rule}`,
    typeof p.confidence === 'number' && `confidence ${confidenceText(p.confidence)}`].filter(Boolean).join(' · ');
}

const LEAF_KINDS = ['article', 'paragraph', 'item', 'news', 'actor'];

function renderItem(item, { nested = false, expandable = false } = {}) {
  const canExpand = (expandable || nested) && !LEAF_KINDS.includes(item.kind);
  return el('li', { class: 'edge-item' },
    itemLink(item, { title: provenanceTitle(item.provenance) }),
    ' ', kindBadge(item.kind),
    item.date ? el('time', { class: 'item-date', datetime: item.date }, item.date) : null,
    item.provenance && (item.provenance.file || item.provenance.rule) ? confidenceBadge(item.provenance.confidence) : null,
    item.note ? el('span', { class: 'edge-note', lang: langOf(item.note) }, ` — ${item.note}`) : null,
    canExpand ? expander(item) : null);
}

/** Summarise where a group's edges came from: distinct (file, rule) pairs with counts. */
function provenanceSummary(items) {
  const counts = new Map();
  let unknown = 0;
  for (const item of items) {
    const p = item.provenance;
    if (!p || (!p.file && !p.rule)) { unknown++; continue; }  // the server sends empty fields when none is known
    const key = `${p.file || ''}\u0000${p.rule || ''}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const parts = [];
  let i = 0;
  for (const [key, n] of counts) {
    if (i++ === 3) { parts.push(el('span', {}, ` and ${counts.size - 3} more sources`)); break; }
    const [file, rule] = key.split('\u0000');
    parts.push(el('span', { class: 'prov-part' }, i > 1 ? '; ' : '', rule ? el('code', {}, rule) : 'edge', file ? [' from ', el('code', {}, file)] : null,
      counts.size > 1 || unknown ? ` (${n})` : ''));
  }
  if (unknown) parts.push(el('span', {}, `${parts.length ? '; ' : ''}${unknown} without provenance`));
  return ['Source: ', parts];
}

/** A lazily loaded nested list of a contents item's own parts (version > chapters > articles). */
function expander(item) {
  const nested = el('ol', { class: 'edge-list ordered nested', hidden: true });
  const button = el('button', { type: 'button', class: 'link-button expand', 'aria-expanded': 'false' }, 'show parts');
  let loaded = false;
  button.addEventListener('click', async () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'hide parts' : 'show parts';
    nested.hidden = !open;
    if (!open || loaded) return;
    loaded = true;
    nested.append(el('li', { class: 'muted loading-item' }, 'Loading…'));
    try {
      const children = [];
      let total = Infinity;
      for (let pages = 0; pages < 10 && children.length < total; pages++) {
        const data = await getNode(item.id, { limit: SIBLING_PAGE, offset: children.length, groupType: 'part_of', groupDirection: 'in' });
        const g = findGroup(data.edge_groups, 'part_of', 'in');
        if (!g) break;
        total = Number(g.total) || 0;
        children.push(...g.items);
      }
      const kept = children.length < total ? el('li', { class: 'muted' }, nodeLink(item.id, `${total - children.length} more on its own page`)) : null;
      append(clear(nested), [children.length ? children.map((c) => renderItem(c, { nested: true })) : el('li', { class: 'muted' }, 'No parts recorded.'), kept]);
    } catch (err) {
      loaded = false;
      const slot = el('li');
      showError(slot, err);
      clear(nested).append(slot);
    }
  });
  return [' ', button, nested];
}

function renderGroup(nodeId, group, { ordered }) {
  const items = Array.isArray(group.items) ? [...group.items] : [];
  const total = Number(group.total) || items.length;
  const dirWord = group.direction === 'in' ? 'incoming' : 'outgoing';
  const headingId = `g-${group.type}-${group.direction}`.replace(/[^a-z0-9_-]/gi, '_');
  const list = el(ordered ? 'ol' : 'ul', { class: ordered ? 'edge-list ordered' : 'edge-list' });
  for (const item of items) list.append(renderItem(item, { expandable: ordered }));
  const count = el('span', { class: 'group-count' });
  const summary = el('p', { class: 'prov-summary muted' });
  const errorSlot = el('div');
  const more = el('button', { type: 'button', class: 'button small' });

  const update = () => {
    clear(count).append(`${group.type} · ${dirWord} · ${items.length < total ? `${items.length} of ${total}` : total}`);
    append(clear(summary), provenanceSummary(items));
    more.hidden = items.length >= total;
    more.textContent = `Show more (${Math.min(GROUP_LIMIT, total - items.length)} of ${total - items.length} remaining)`;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = 'Loading…';
    clear(errorSlot);
    try {
      const data = await getNode(nodeId, { limit: GROUP_LIMIT, offset: items.length, groupType: group.type, groupDirection: group.direction });
      const gs = Array.isArray(data.edge_groups) ? data.edge_groups : [];
      const page = gs.find((g) => g.type === group.type && g.direction === group.direction);
      const fresh = page && Array.isArray(page.items) ? page.items : [];
      if (fresh.length === 0) {
        throw new ApiError({ code: 'empty_page', message: `The server returned no more items (${items.length} of ${total} shown).` });
      }
      let firstLink = null;
      for (const item of fresh) {
        items.push(item);
        const li = renderItem(item, { expandable: ordered });
        list.append(li);
        firstLink = firstLink || li.querySelector('a');
      }
      update();
      if (firstLink) firstLink.focus();
    } catch (err) {
      showError(errorSlot, err);
      update();
    } finally {
      more.disabled = false;
    }
  });
  update();

  return el('section', { class: 'edge-group', 'aria-labelledby': headingId },
    el('h3', { id: headingId }, ordered && group.type === 'part_of' ? 'Parts, in document order' : groupName(group.type, group.direction), ' ', count),
    items.length ? list : el('p', { class: 'muted' }, 'None.'),
    summary, errorSlot, more);
}

// --- obligations and citations -------------------------------------------------------------

/** Run fn over items with at most `width` calls in flight; results keep the items' order. */
async function mapLimited(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try { out[i] = await fn(items[i]); } catch (err) { out[i] = { error: err }; }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/** Split an obligation label 'modality: bearer — action' (used when its node could not be fetched). */
function parseObligationLabel(label) {
  const m = /^([a-z]+):\s*(.*?)\s+—\s+(.*)$/.exec(String(label || ''));
  return m ? { modality: m[1], bearer: m[2], action: m[3] } : { modality: '', bearer: '', action: String(label || '') };
}

/**
 * The clauses of an article (in-edges obligation_of): modality badge, bearer (linked to its actors)
 * and clause text. Every item of the group is paged in, then each clause node is fetched for its text.
 */
function renderObligations(nodeId, group) {
  const total = Number(group.total) || 0;
  const list = el('ol', { class: 'clause-list' });
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading clauses…');
  const errorSlot = el('div');
  const sectionEl = el('section', { class: 'obligations', 'aria-labelledby': 'obligations-h' },
    el('h2', { id: 'obligations-h' }, 'Obligations', ' ', el('span', { class: 'group-count' }, `${total} clause${total === 1 ? '' : 's'}`)),
    list, status, errorSlot);

  (async () => {
    const items = Array.isArray(group.items) ? [...group.items] : [];
    for (let pages = 0; pages < 20 && items.length < total; pages++) {
      const data = await getNode(nodeId, { limit: SIBLING_PAGE, offset: items.length, groupType: 'obligation_of', groupDirection: 'in' });
      const g = findGroup(data.edge_groups, 'obligation_of', 'in');
      if (!g) break;
      items.push(...g.items);
    }
    const detailed = items.slice(0, OBLIGATION_DETAIL_MAX);
    const details = await mapLimited(detailed, 6, (item) => getNode(item.id, { limit: 20 }));
    items.forEach((item, i) => list.append(renderClause(item, details[i])));
    const failed = details.filter((d) => d && d.error).length;
    status.textContent = [
      items.length < total ? `${items.length} of ${total} clauses listed.` : '',
      items.length > detailed.length ? `Clause text shown for the first ${detailed.length}.` : '',
      failed ? `${failed} clause${failed === 1 ? '' : 's'} could not be loaded; their labels are shown.` : '',
    ].filter(Boolean).join(' ');
    status.hidden = !status.textContent;
  })().catch((err) => {
    status.hidden = true;
    showError(errorSlot, err);
  });
  return sectionEl;
}

function renderClause(item, detail) {
  const n = detail && detail.node ? detail.node : null;
  const a = n && n.attributes ? n.attributes : parseObligationLabel(item.label);
  const text = n && n.text ? (n.text.zh || n.text.en || '') : '';
  const bound = n ? (findGroup(detail.edge_groups, 'binds', 'out') || { items: [] }).items : [];
  const p = item.provenance || (n && n.source) || {};
  return el('li', { class: 'clause' },
    el('p', { class: 'clause-head' },
      modalityBadge(a.modality),
      a.bearer ? el('span', { class: 'clause-bearer' }, el('span', { class: 'visually-hidden' }, 'Bearer: '), langText(a.bearer)) : null,
      bound.length ? el('span', { class: 'muted' }, '(', bound.map((b, i) => [i ? ', ' : '', itemLink(b)]), ')') : null),
    el('p', { class: 'clause-text', lang: langOf(text || a.action) }, text || a.action || item.label),
    a.condition ? el('p', { class: 'clause-meta' }, 'Condition: ', langText(a.condition)) : null,
    el('p', { class: 'clause-meta' },
      el('a', { href: nodeHref(item.id) }, item.id.split('/').pop() || item.id),
      p.rule ? [' · rule ', el('code', {}, p.rule)] : null,
      typeof p.confidence === 'number' ? ` · confidence ${confidenceText(p.confidence)}` : null));
}

/**
 * Out-going citations (cites, legal_basis) from /api/v1/citations: resolved ones link to the cited
 * node; unresolved ones (target kind citation) say the cited text is not in the corpus.
 */
function renderCitations(nodeId, groups) {
  const total = groups.reduce((n, g) => n + (Number(g.total) || 0), 0);
  const list = el('ul', { class: 'citation-list' });
  const status = el('p', { class: 'muted', role: 'status' }, 'Loading citations…');
  const errorSlot = el('div');
  const more = el('button', { type: 'button', class: 'button small', hidden: true });
  let loaded = 0;
  let serverTotal = total;
  const page = async () => {
    more.disabled = true;
    clear(errorSlot);
    try {
      const data = await getCitations({ id: nodeId, direction: 'out', limit: CITATION_PAGE, offset: loaded });
      const rows = Array.isArray(data.results) ? data.results : [];
      serverTotal = Number(data.total) || 0;
      for (const c of rows) list.append(renderCitation(c));
      loaded += rows.length;
      if (rows.length === 0) serverTotal = loaded;
      status.textContent = serverTotal === 0 ? 'No citations recorded.' : loaded < serverTotal ? `${loaded} of ${serverTotal} shown.` : '';
      status.hidden = !status.textContent;
      more.hidden = loaded >= serverTotal;
      more.textContent = `Show more (${serverTotal - loaded} remaining)`;
    } catch (err) {
      status.hidden = true;
      showError(errorSlot, err, { onRetry: page });
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', page);
  page();
  return el('section', { class: 'citations', 'aria-labelledby': 'citations-h' },
    el('h2', { id: 'citations-h' }, 'Citations', ' ', el('span', { class: 'group-count' }, String(total))),
    list, status, errorSlot, more);
}

function renderCitation(c) {
  const to = c.to || {};
  const unresolved = c.resolved === 'no' || to.kind === 'citation';
  const p = c.provenance || {};
  return el('li', { title: provenanceTitle(p) },
    unresolved ? langText(to.label || c.note || to.id) : itemLink(to),
    ' ', unresolved ? el('span', { class: 'badge unresolved' }, 'not in the corpus') : kindBadge(to.kind),
    c.type === 'legal_basis' ? el('span', { class: 'badge' }, 'legal basis') : null,
    !unresolved && to.date ? el('time', { class: 'item-date', datetime: to.date }, to.date) : null,
    c.note && c.note !== to.label ? el('span', { class: 'edge-note', lang: langOf(c.note) }, ` — ${c.note}`) : null,
    confidenceBadge(p.confidence));
}

// --- breadcrumb and previous/next ---------------------------------------------------------------

function findGroup(groups, type, direction) {
  return (groups || []).find((g) => g.type === type && g.direction === direction && Array.isArray(g.items) && g.items.length);
}

function parentOf(groups) {
  const g = findGroup(groups, 'part_of', 'out') || findGroup(groups, 'version_of', 'out');
  return g ? g.items[0] : null;
}

/**
 * Render the trail instrument > version > chapter > … . The server sends it as `ancestors` (root
 * first); without that field the trail is found by walking part_of / version_of upwards.
 */
async function buildBreadcrumb(node, groups, ancestors, nav) {
  const trail = Array.isArray(ancestors) ? ancestors.filter((a) => a && a.id) : [];
  const seen = new Set([node.id]);
  let parent = Array.isArray(ancestors) ? null : parentOf(groups);
  while (parent && trail.length < 6 && !seen.has(parent.id)) {
    trail.unshift(parent);
    seen.add(parent.id);
    try {
      const data = await getNode(parent.id, { limit: 1 });
      parent = parentOf(data.edge_groups);
    } catch {
      break;
    }
  }
  if (trail.length === 0) return;
  const ol = el('ol');
  for (const p of trail) ol.append(el('li', {}, nodeLink(p.id, p.label)));
  ol.append(el('li', {}, el('span', { 'aria-current': 'page', lang: langOf(node.label) }, node.label || node.id)));
  nav.append(ol);
  nav.hidden = false;
}

/** Previous / next links among the parent's part_of children, so a law can be read in order. */
async function buildSiblings(node, groups, nav) {
  const up = findGroup(groups, 'part_of', 'out');
  if (!up) return;
  const parentId = up.items[0].id;
  const children = [];
  let offset = 0;
  let total = Infinity;
  let index = -1;
  for (let pages = 0; pages < 10 && offset < total && index < 0; pages++) {
    const data = await getNode(parentId, { limit: SIBLING_PAGE, offset, groupType: 'part_of', groupDirection: 'in' });
    const g = findGroup(data.edge_groups, 'part_of', 'in');
    if (!g) break;
    total = Number(g.total) || 0;
    children.push(...g.items);
    offset += g.items.length;
    index = children.findIndex((c) => c.id === node.id);
  }
  if (index < 0) return;
  let next = children[index + 1];
  if (!next && offset < total) {
    const data = await getNode(parentId, { limit: 1, offset, groupType: 'part_of', groupDirection: 'in' });
    const g = findGroup(data.edge_groups, 'part_of', 'in');
    next = g ? g.items[0] : null;
  }
  const prev = children[index - 1];
  if (!prev && !next) return;
  nav.append(
    prev ? el('a', { class: 'prev', href: nodeHref(prev.id), rel: 'prev' }, el('span', { class: 'dir' }, '← Previous'), ' ', langText(prev.label || prev.id)) : el('span'),
    el('a', { class: 'up', href: nodeHref(parentId) }, el('span', { class: 'dir' }, '↑ '), langText(up.items[0].label || parentId)),
    next ? el('a', { class: 'next', href: nodeHref(next.id), rel: 'next' }, langText(next.label || next.id), ' ', el('span', { class: 'dir' }, 'Next →')) : el('span'));
  nav.hidden = false;
}

/**
 * Reader navigation for a text inside a version (chapter, section, article, paragraph): the
 * version's chapters (current one marked) and the instrument's versions with their dates.
 */
async function buildReaderNav(node, ancestors, versionsNav, chapterNav) {
  const trail = Array.isArray(ancestors) ? ancestors : [];
  const instrument = node.kind === 'instrument' ? null : trail.find((a) => a.kind === 'instrument');
  const version = trail.find((a) => a.kind === 'version');
  const jobs = [];
  if (instrument) {
    jobs.push(getNode(instrument.id, { limit: 50, groupType: 'version_of', groupDirection: 'in' }).then((data) => {
      const g = findGroup(data.edge_groups, 'version_of', 'in');
      if (!g) return;
      const items = [...g.items].sort((a, b) => String(b.date || '').localeCompare(String(a.date || '')));
      const current = node.kind === 'version' ? node.id : version && version.id;
      versionsNav.append(el('h2', { id: 'versions-h' }, 'Versions of ', langText(instrument.label || instrument.id), ' ', el('span', { class: 'group-count' }, String(g.total))),
        el('ul', { class: 'edge-list' }, items.map((v) => el('li', {},
          el('a', { href: nodeHref(v.id), 'aria-current': v.id === current ? 'page' : null, lang: langOf(v.label) }, v.label || v.id),
          v.date ? el('time', { class: 'item-date', datetime: v.date }, v.date) : null,
          v.id === current ? el('span', { class: 'muted' }, ' · this text') : null))));
      versionsNav.hidden = false;
    }));
  }
  if (version && ['chapter', 'section', 'part', 'article', 'paragraph'].includes(node.kind)) {
    jobs.push(getNode(version.id, { limit: SIBLING_PAGE, groupType: 'part_of', groupDirection: 'in' }).then((data) => {
      const g = findGroup(data.edge_groups, 'part_of', 'in');
      const chapters = g ? g.items.filter((c) => ['part', 'chapter'].includes(c.kind)) : [];
      if (chapters.length < 2) return;
      const inChapter = new Set(trail.map((a) => a.id).concat(node.id));
      chapterNav.append(el('h2', { id: 'chapters-h' }, 'Chapters'),
        el('ol', {}, chapters.map((c) => el('li', {},
          el('a', { href: nodeHref(c.id), 'aria-current': inChapter.has(c.id) ? 'location' : null, lang: langOf(c.label) }, c.label || c.id)))));
      chapterNav.hidden = false;
    }));
  }
  await Promise.all(jobs);
}

initPage();
load();
