// Search page: URL-backed state, debounced as-you-type search, results, facet filters and paging.
import { search, suggest, getActor, getInstrument, listObligations, ApiError } from './api.js';
import { el, append, clear, setSnippet, langOf, langText, nodeHref, actorHref, itemHref, kindBadge, modalityBadge, isModifiedClick } from './dom.js';
import { initPage, showError } from './page.js';
import { kindName, actorNames, bilingualText, bilingualName } from './labels.js';
import { feedHref, setFeedAlternate, subscribeLink } from './feed.js';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 250;
const FILTER_KEYS = ['kind', 'instrument', 'jurisdiction', 'issuer', 'modality', 'actor', 'year', 'lang', 'from', 'to'];
const FACETS = [
  { key: 'kind', title: 'Kind' },
  { key: 'instrument', title: 'Instrument' },
  { key: 'jurisdiction', title: 'Jurisdiction' },
  { key: 'issuer', title: 'Issuer' },
  { key: 'modality', title: 'Modality' },
  { key: 'actor', title: 'Organisations and roles' }, // renamed by what the results are: see actorFacetTitle
  { key: 'year', title: 'Year' },
];
const FACET_PREVIEW = 8;
const EXAMPLES = ['安全评估', 'security assessment', '个人信息 AND 跨境', 'issuer:cac'];

const $ = (id) => document.getElementById(id);
const form = $('search-form');
const box = $('q');
const langSelect = $('lang');
const statusEl = $('status');
const resultsEl = $('results');
const pagerEl = $('pager');
const facetsEl = $('facets');
const activeEl = $('active-filters');
const facetsPanel = $('facets-panel');
const fromInput = $('from');
const toInput = $('to');
const suggestionsEl = $('suggestions');
const feedLinkEl = $('feed-link');
const SUGGEST_LIMIT = 6;
const SUGGEST_MAX_CHARS = 60;

let state = readState(location.search);
let debounceTimer = 0;
let typingEntry = false; // the current history entry was made by as-you-type search: replace it
let inflight = null;
let entityShown = null;   // the suggestion drawn as a card above the results, if any
let lastEmpty = null;     // {total, offset} of an empty answer, so the status can mention the card
// Labels of filter values as the server named them, so chips show titles rather than ids.
const valueLabels = new Map();
// What the actor facet lists depends on the results: companies a news item mentions, or the
// organisations and roles an article's obligations bind.
let actorTitle = 'Organisations and roles';

/** Parse a query string into the page state (offset clamped to a non-negative integer). */
function readState(search) {
  const p = new URLSearchParams(search);
  const s = { q: (p.get('q') || '').trim() };
  for (const key of FILTER_KEYS) s[key] = p.get(key) || '';
  const offset = Number.parseInt(p.get('offset') || '0', 10);
  s.offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
  return s;
}

/** The query string for a state; empty values and offset 0 are left out. */
function stateQuery(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const key of FILTER_KEYS) if (s[key]) p.set(key, s[key]);
  if (s.offset) p.set('offset', String(s.offset));
  const str = p.toString();
  return str ? `?${str}` : './';
}

function hasFilters(s) {
  return FILTER_KEYS.some((key) => s[key]);
}

/** Move to a new state: update history (push, or replace while typing) and run the search. */
function navigate(next, { replace = false } = {}) {
  const url = stateQuery(next);
  if (url !== stateQuery(state) || replace) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  state = next;
  run();
}

function syncControls() {
  if (document.activeElement !== box || box.value.trim() !== state.q) box.value = state.q;
  langSelect.value = state.lang;
  fromInput.value = /^\d{4}-\d\d-\d\d$/.test(state.from) ? state.from : '';
  toInput.value = /^\d{4}-\d\d-\d\d$/.test(state.to) ? state.to : '';
}

/**
 * Instruments and actors whose names contain the query (/api/v1/suggest), shown above the results:
 * when the best one is named by the query (an exact or prefix match, or most of its name), its page
 * comes first as a card with its key facts and links; the others follow as "did you mean" links.
 * Skipped for queries with operators or prefixes, where names cannot match.
 */
async function showSuggestions(q, signal) {
  clear(suggestionsEl);
  suggestionsEl.hidden = true;
  entityShown = null;
  if (!q || q.length > SUGGEST_MAX_CHARS || /[:"()]|\b(AND|OR|NOT)\b/.test(q)) return;
  let data;
  try {
    data = await suggest({ q, kinds: 'instrument,actor', limit: SUGGEST_LIMIT }, { signal });
  } catch {
    return; // suggestions are a convenience: the results (and their errors) are what matter
  }
  const items = Array.isArray(data.results) ? data.results : [];
  if (signal.aborted || items.length === 0) return;
  const top = namedBy(q, items[0]) ? items[0] : null;
  const rest = top ? items.slice(1) : items;
  if (top) {
    entityShown = top;
    suggestionsEl.append(entityCard(top, signal));
    updateEmptyStatus();
  }
  if (rest.length) {
    suggestionsEl.append(el('h2', { id: 'suggestions-h', class: 'suggestions-h' }, top ? 'Also matching by name' : 'Laws, regulators and companies by name'),
      el('ul', { class: 'suggestion-list' }, rest.map((s) => el('li', {},
        el('a', { href: itemHref(s), lang: langOf(s.label) }, s.label || s.id), ' ', kindBadge(s.kind),
        s.matched ? el('span', { class: 'muted', lang: langOf(s.matched) }, ` (${s.matched})`) : null))));
  }
  suggestionsEl.hidden = false;
}

/** True when the query names the item: an exact or prefix match, or at least half of the name that matched. */
function namedBy(q, item) {
  if (!item) return false;
  if (item.match === 'exact' || item.match === 'prefix') return true;
  const name = String(item.matched || item.label || '');
  return name.length > 0 && [...q].length * 2 >= [...name].length;
}

const ACTOR_TYPES = { company: 'Company', regulator: 'Regulator', role: 'Role in the law', body: 'Public body', court: 'Court', product: 'Product' };

/**
 * The knowledge-panel card of an instrument or actor: its name (in both languages for actors),
 * what it is, a few counts fetched from the API, and links to its page, its obligations, its
 * timeline and the graph. The card is drawn at once from the suggestion; the facts fill in later.
 */
function entityCard(item, signal) {
  const label = item.label || item.id;
  const isActor = item.kind === 'actor';
  const href = itemHref(item);
  const facts = el('ul', { class: 'entity-facts' });
  const links = el('p', { class: 'entity-links' });
  const titleLink = el('a', { href, lang: langOf(label) }, label);
  const alt = el('p', { class: 'entity-alt' });
  const kindLine = el('p', { class: 'entity-kind' }, isActor ? 'Organisation or role' : 'Law or regulation',
    item.date ? [' · ', el('time', { datetime: item.date }, item.date)] : null);
  const card = el('article', { class: 'entity-card', 'aria-labelledby': 'entity-title' },
    kindLine,
    el('h2', { id: 'entity-title', class: 'entity-title' }, titleLink),
    alt,
    item.matched && !label.includes(item.matched) ? el('p', { class: 'entity-matched muted' }, 'Matched the name ', el('span', { lang: langOf(item.matched) }, `“${item.matched}”`)) : null,
    facts, links);
  const bareId = String(item.id).replace(/^actor\//, '');
  append(links, [
    el('a', { href: `obligations.html?${isActor ? 'bearer' : 'instrument'}=${encodeURIComponent(isActor ? bareId : item.id)}` }, isActor ? 'Obligations binding it' : 'Its obligations'),
    el('a', { href: `timeline.html?id=${encodeURIComponent(item.id)}` }, 'Timeline'),
    el('a', { href: `graph.html?id=${encodeURIComponent(item.id)}` }, 'Graph'),
  ]);
  const fact = (text) => facts.append(el('li', {}, text));
  if (isActor) {
    getActor(item.id, { limit: 1, signal }).then((data) => {
      const a = (data.actor && data.actor.attributes) || {};
      const names = { zh: a.name_zh || '', en: a.name_en || '', label, id: item.id };
      clear(titleLink).append(...bilingualName(names));
      titleLink.removeAttribute('lang');
      const aliases = (Array.isArray(data.actor && data.actor.aliases) ? data.actor.aliases : []).filter((x) => x && x !== names.zh && x !== names.en);
      if (aliases.length) append(alt, ['Also known as ', aliases.slice(0, 6).map((x, i) => [i ? ', ' : '', el('span', { lang: langOf(x) }, x)])]);
      const type = ACTOR_TYPES[a.actor_type] || (a.actor_type ? String(a.actor_type).replace(/[-_]+/g, ' ') : '');
      if (type) kindLine.textContent = [type, a.jurisdiction ? String(a.jurisdiction).toUpperCase() : ''].filter(Boolean).join(' · ');
      const n = (g) => Number(g && g.total) || 0;
      if (n(data.issued)) fact(`Issued ${n(data.issued)} law${n(data.issued) === 1 ? '' : 's'} or regulation${n(data.issued) === 1 ? '' : 's'}`);
      fact(`${n(data.obligations)} obligation${n(data.obligations) === 1 ? '' : 's'} bind it`);
      if (n(data.news)) fact(`Mentioned in ${n(data.news)} news item${n(data.news) === 1 ? '' : 's'}`);
    }).catch(() => {});
  } else {
    getInstrument(item.id, { signal }).then((data) => {
      const inst = data.instrument || {};
      const attrs = inst.attributes || {};
      const en = attrs.title_en || attrs.label_en || attrs.name_en || '';
      if (en && en !== label) alt.append(el('span', { lang: 'en' }, en));
      const versions = Array.isArray(data.versions) ? data.versions : [];
      const finals = versions.filter((v) => v.status !== 'draft');
      const latest = (finals.length ? finals : versions)[(finals.length ? finals : versions).length - 1];
      if (versions.length) fact(`${versions.length} version${versions.length === 1 ? '' : 's'}${latest && latest.date ? `, latest ${latest.date}` : ''}`);
      if (latest && latest.effective) fact(`In effect from ${latest.effective}`);
      if (latest && latest.article_count) fact(`${latest.article_count} articles`);
      if (versions.length >= 2) links.append(el('a', { href: `diff.html?instrument=${encodeURIComponent(item.id)}` }, 'Compare versions'));
    }).catch(() => {});
    listObligations({ instrument: item.id, limit: 1 }, { signal }).then((data) => {
      const total = Number(data.total) || 0;
      fact(`${total} obligation${total === 1 ? '' : 's'} extracted`);
    }).catch(() => {});
  }
  return card;
}
/** A query's feed: the newest of its best matches (the filters are not part of a feed). */
function showFeedLink() {
  const href = feedHref({ q: state.q });
  const title = state.q ? `regkg: search “${state.q}”` : 'regkg: new and changed regulations';
  setFeedAlternate(href, title);
  clear(feedLinkEl);
  feedLinkEl.hidden = !state.q;
  if (state.q) feedLinkEl.append(subscribeLink(href, `New documents matching “${state.q}”, as an Atom feed`));
}

async function run() {
  syncControls();
  document.title = state.q ? `${state.q} — regkg search` : 'regkg — search';
  if (inflight) inflight.abort();
  inflight = null;
  renderActiveFilters();
  showFeedLink();

  if (!state.q && !hasFilters(state)) {
    clear(suggestionsEl);
    suggestionsEl.hidden = true;
    statusEl.textContent = '';
    clear(pagerEl);
    renderFacets({});
    renderExamples();
    return;
  }

  const controller = new AbortController();
  inflight = controller;
  lastEmpty = null;
  showSuggestions(state.offset ? '' : state.q, controller.signal);
  resultsEl.setAttribute('aria-busy', 'true');
  resultsEl.classList.add('loading');
  try {
    const params = { q: state.q, limit: PAGE_SIZE, offset: state.offset };
    for (const key of FILTER_KEYS) params[key] = state[key];
    const data = await search(params, { signal: controller.signal });
    if (controller !== inflight) return;
    renderResults(data);
    renderFacets(data.facets || {});
    renderActiveFilters();
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    if (controller !== inflight) return;
    statusEl.textContent = err instanceof ApiError && err.status === 400 ? 'The query was not accepted.' : 'Search failed.';
    clear(pagerEl);
    renderFacets({});
    showError(resultsEl, err, { onRetry: run });
  } finally {
    if (controller === inflight) {
      resultsEl.setAttribute('aria-busy', 'false');
      resultsEl.classList.remove('loading');
      inflight = null;
    }
  }
}

function renderExamples() {
  clear(resultsEl).append(
    el('div', { class: 'examples' },
      el('h2', {}, 'Search Chinese regulations, their English translations, and news'),
      el('p', {}, 'Type in Chinese or English. Try:'),
      el('ul', { class: 'example-list' },
        EXAMPLES.map((q) => el('li', {}, el('a', { href: stateQuery({ ...emptyState(), q }), lang: langOf(q), 'data-nav': '' }, q)))),
      el('p', { class: 'hint' },
        'Operators: AND, OR, NOT, "exact phrase"; prefixes such as ', el('code', {}, 'issuer:'), '. Press ',
        el('kbd', {}, '/'), ' to jump to the search box.')));
}

function emptyState() {
  const s = { q: '', offset: 0 };
  for (const key of FILTER_KEYS) s[key] = '';
  return s;
}

function renderResults(data) {
  const results = Array.isArray(data.results) ? data.results : [];
  const total = Number(data.total) || 0;
  const offset = Number(data.offset) || 0;
  const limit = Number(data.limit) || PAGE_SIZE;
  const forQuery = state.q ? ` for “${state.q}”` : '';

  if (results.length === 0) {
    // The status line says there is nothing; the box below only says what to try (never both
    // "No results" and "Nothing matched").
    lastEmpty = { total, offset };
    updateEmptyStatus();
    const tips = [
      hasFilters(state) ? el('li', {}, 'Remove a filter: ', el('a', { href: stateQuery({ ...emptyState(), q: state.q }), 'data-nav': '' }, 'clear all filters'), '.') : null,
      total > 0 && offset > 0 ? el('li', {}, el('a', { href: stateQuery({ ...state, offset: 0 }), 'data-nav': '' }, 'Go to the first page'), '.') : null,
      state.q && !hasFilters(state) ? el('li', {}, 'Use fewer or other words; Chinese and English both work.') : null,
    ].filter(Boolean);
    clear(resultsEl).append(el('div', { class: 'empty' }, tips.length ? el('ul', { class: 'empty-tips' }, tips) : null));
    renderPager(total, offset, limit, 0);
    return;
  }
  lastEmpty = null;

  const first = offset + 1;
  const last = offset + results.length;
  const about = data.total_exact === false ? 'about ' : ''; // the server may estimate large totals
  statusEl.textContent = `Results ${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${about}${total.toLocaleString('en')}${forQuery}`;
  // Plain words that matched too little together: the server ranked the matches of any of them.
  if (data.relaxed) {
    statusEl.textContent += '. Few texts have every word, so these have some of them, best first.';
  }

  const list = el('ol', { class: 'results', start: first });
  for (const r of results) list.append(renderResult(r));
  clear(resultsEl).append(list);
  renderPager(total, offset, limit, results.length, data.total_exact);
}

/** The status line of an empty answer; it points at the card when a name matched the query. */
function updateEmptyStatus() {
  if (!lastEmpty) return;
  const { total, offset } = lastEmpty;
  const forQuery = state.q ? ` for “${state.q}”` : '';
  if (total > 0 && offset >= total) {
    statusEl.textContent = `No results on this page: ${total.toLocaleString('en')} results in all${forQuery}.`;
  } else if (entityShown) {
    statusEl.textContent = `No results${forQuery}${hasFilters(state) ? ' with these filters' : ''} in the texts; its page is above.`;
  } else {
    statusEl.textContent = `No results${forQuery}${hasFilters(state) ? ' with these filters' : ''}.`;
  }
}

function renderResult(r) {
  const meta = el('p', { class: 'result-meta' }, kindBadge(r.kind));
  const inst = r.instrument && typeof r.instrument === 'object' ? r.instrument : null;
  if (inst && inst.id) {
    meta.append(' ', el('a', { href: nodeHref(inst.id), class: 'instrument', lang: langOf(inst.title) }, inst.title || inst.id));
  }
  if (r.article_label) meta.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), langText(r.article_label, { class: 'article-label' }));
  if (r.date) meta.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), el('time', { datetime: r.date }, r.date));
  if (r.jurisdiction) meta.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), el('span', { class: 'jurisdiction', title: 'Jurisdiction' }, String(r.jurisdiction).toUpperCase()));

  const title = r.title || r.article_label || r.id;
  const snippet = el('p', { class: 'snippet' });
  if (r.snippet) {
    setSnippet(snippet, r.snippet);
    const lang = langOf(snippet.textContent);
    if (lang) snippet.lang = lang;
  }
  return el('li', { class: 'result' },
    el('h2', { class: 'result-title' }, el('a', { href: nodeHref(r.id), lang: langOf(title) }, title)),
    meta,
    r.snippet ? snippet : null,
    el('p', { class: 'result-id' }, el('code', {}, r.id)));
}

function renderPager(total, offset, limit, shown, exact) {
  clear(pagerEl);
  if (total <= limit && offset === 0) return;
  const prevOffset = Math.max(0, offset - limit);
  const hasPrev = offset > 0;
  const hasNext = offset + Math.max(shown, 1) < total && shown > 0;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const about = exact === false ? 'about ' : '';
  pagerEl.append(
    hasPrev
      ? el('a', { class: 'button', href: stateQuery({ ...state, offset: prevOffset }), rel: 'prev', 'data-nav': '', 'data-focus': 'status' }, '← Previous')
      : el('span', { class: 'button disabled', 'aria-disabled': 'true' }, '← Previous'),
    el('span', { class: 'page-count' }, `Page ${page} of ${about}${pages}`),
    hasNext
      ? el('a', { class: 'button', href: stateQuery({ ...state, offset: offset + limit }), rel: 'next', 'data-nav': '', 'data-focus': 'status' }, 'Next →')
      : el('span', { class: 'button disabled', 'aria-disabled': 'true' }, 'Next →'));
}

/** The actor facet's title: what its values are for the kinds of text in the results. */
function actorFacetTitle(facets) {
  const kinds = state.kind ? [state.kind] : (Array.isArray(facets.kind) ? facets.kind.map((v) => String(v.value)) : []);
  if (kinds.length && kinds.every((k) => k === 'news')) return 'Companies and bodies mentioned';
  if (kinds.length && !kinds.includes('news')) return 'Who the obligations bind';
  return 'Organisations and roles';
}

/** The names the server gave a facet value (label_zh, label_en), as labels.js's names object. */
function facetNames(value, v) {
  return { id: value, zh: v.label_zh || '', en: v.label_en || '', label: v.label || value };
}

/** The words shown for a facet value: bilingual names for actors, plural names for kinds. */
function facetLabel(key, value, label) {
  if (key === 'kind') return kindName(value);
  if (key === 'jurisdiction' && label === value) return value.toUpperCase();
  if (key === 'lang') return value === 'zh' ? '中文' : value === 'en' ? 'English' : value;
  return label;
}

function renderFacets(facets) {
  clear(facetsEl);
  actorTitle = actorFacetTitle(facets);
  facetsPanel.hidden = !FACETS.some(({ key }) => (Array.isArray(facets[key]) && facets[key].length) || state[key]);
  for (const { key, title: fixedTitle } of FACETS) {
    const title = key === 'actor' ? actorTitle : fixedTitle;
    const values = Array.isArray(facets[key]) ? facets[key] : [];
    if (values.length === 0 && !state[key]) continue;
    const headingId = `facet-${key}`;
    const list = el('ul', { class: 'facet-values' });
    values.forEach((v, i) => {
      const value = String(v.value);
      const isActor = key === 'actor' || key === 'issuer';
      // Actors: their names in both languages as the answer gives them (label_zh, label_en).
      const names = facetNames(value, v);
      const label = isActor && (names.zh || names.en) ? bilingualText(names) : facetLabel(key, value, v.label || value);
      valueLabels.set(`${key}=${value}`, label);
      const selected = state[key] === value;
      const next = { ...state, [key]: selected ? '' : value, offset: 0 };
      const overflow = i >= FACET_PREVIEW && !selected;
      const liClass = [overflow ? 'overflow' : '', key === 'actor' ? 'with-aside' : ''].filter(Boolean).join(' ') || null;
      list.append(el('li', { class: liClass, hidden: overflow },
        el('a', {
          href: stateQuery(next), class: selected ? 'facet selected' : 'facet', 'data-nav': '',
          'aria-current': selected ? 'true' : null, title: selected ? 'Remove this filter' : `Filter by ${title.toLowerCase()}`,
        },
        isActor && (names.zh || names.en)
          ? el('span', { class: 'facet-label' }, ...bilingualName(names))
          : el('span', { class: 'facet-label', lang: langOf(label) }, key === 'modality' ? modalityBadge(value) : label),
        selected ? el('span', { class: 'visually-hidden' }, ' (selected; activate to remove)') : null,
        el('span', { class: 'count' }, Number(v.count || 0).toLocaleString('en'))),
        // Actor values also get a plain link to the actor page (a link cannot sit inside the facet link).
        key === 'actor' ? el('a', { href: actorHref(value), class: 'facet-aside', title: 'Open its page', 'aria-label': `Page of ${label}`, dataset: { actor: value } }, '↗') : null));
    });
    const section = el('section', { class: 'facet', 'aria-labelledby': headingId },
      el('h2', { id: headingId }, title), list);
    const hiddenCount = list.querySelectorAll('li.overflow').length;
    if (hiddenCount > 0) {
      const more = el('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false' }, `Show ${hiddenCount} more`);
      more.addEventListener('click', () => {
        const expand = more.getAttribute('aria-expanded') !== 'true';
        for (const li of list.querySelectorAll('li.overflow')) li.hidden = !expand;
        more.setAttribute('aria-expanded', String(expand));
        more.textContent = expand ? 'Show fewer' : `Show ${hiddenCount} more`;
      });
      section.append(more);
    }
    facetsEl.append(section);
  }
  nameActors();
}

/**
 * Name a selected actor filter that the facets did not list (its chip would show the id): its
 * names in both languages, fetched once.
 */
function nameActors() {
  for (const key of ['actor', 'issuer']) {
    const value = state[key];
    if (value && !valueLabels.has(`${key}=${value}`)) {
      actorNames(value).then((names) => { valueLabels.set(`${key}=${value}`, bilingualText(names)); renderActiveFilters(); });
    }
  }
}

function renderActiveFilters() {
  clear(activeEl);
  const names = { kind: 'kind', instrument: 'instrument', jurisdiction: 'jurisdiction', issuer: 'issuer', modality: 'modality', actor: actorTitle.toLowerCase(), year: 'year', lang: 'language', from: 'from', to: 'to' };
  let any = false;
  for (const key of FILTER_KEYS) {
    if (!state[key]) continue;
    any = true;
    const label = valueLabels.get(`${key}=${state[key]}`) || facetLabel(key, state[key], state[key]);
    activeEl.append(el('a', {
      class: 'chip', href: stateQuery({ ...state, [key]: '', offset: 0 }), 'data-nav': '',
      'aria-label': `Remove filter ${names[key]}: ${label}`,
    }, `${names[key]}: `, el('span', { lang: langOf(label) }, label), el('span', { 'aria-hidden': 'true', class: 'chip-x' }, ' ×')));
  }
  if (any) {
    activeEl.append(el('a', { class: 'link-button', href: stateQuery({ ...emptyState(), q: state.q }), 'data-nav': '' }, 'Clear filters'));
  }
}

// --- events ---------------------------------------------------------------------------------

box.addEventListener('input', () => {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => {
    const q = box.value.trim();
    if (q === state.q) return;
    const replace = typingEntry;
    typingEntry = true;
    navigate({ ...state, q, offset: 0 }, { replace });
  }, DEBOUNCE_MS);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(debounceTimer);
  const q = box.value.trim();
  const replace = typingEntry && q === state.q; // Enter confirms what typing already showed
  typingEntry = false;
  navigate({ ...state, q, offset: q === state.q ? state.offset : 0 }, { replace });
});

for (const [input, key] of [[fromInput, 'from'], [toInput, 'to']]) {
  input.addEventListener('change', () => {
    const value = input.value; // '' or a complete YYYY-MM-DD (the browser's date control)
    if (value === state[key]) return;
    typingEntry = false;
    navigate({ ...state, [key]: value, offset: 0 });
  });
}

langSelect.addEventListener('change', () => {
  typingEntry = false;
  navigate({ ...state, lang: langSelect.value, offset: 0 });
});

// Facets, chips, pager and examples are real links (so they open in new tabs); plain clicks stay here.
document.addEventListener('click', (event) => {
  const a = event.target.closest && event.target.closest('a[data-nav]');
  if (!a || isModifiedClick(event)) return;
  event.preventDefault();
  clearTimeout(debounceTimer);
  typingEntry = false;
  navigate(readState(new URL(a.href).search));
  if (a.dataset.focus === 'status') {
    window.scrollTo(0, 0);
    statusEl.focus({ preventScroll: true });
  }
});

window.addEventListener('popstate', () => {
  clearTimeout(debounceTimer);
  typingEntry = false;
  state = readState(location.search);
  box.value = state.q;
  run();
});

// On narrow screens the filter panel starts closed so results come first.
const narrow = window.matchMedia('(max-width: 760px)');
facetsPanel.open = !narrow.matches;
narrow.addEventListener('change', (e) => { facetsPanel.open = !e.matches; });

initPage();
box.value = state.q;
run();
if (!state.q) box.focus();
