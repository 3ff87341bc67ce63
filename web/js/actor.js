// Actor page: names, aliases, type and provenance of an actor; what it issued, the obligations
// binding it (with CSV download), news and articles mentioning it, and a timeline grouped by year.
import { getActor, listObligations, obligationsCsvUrl, ApiError } from './api.js';
import { el, append, clear, langOf, langText, nodeLink, itemLink, kindBadge, modalityBadge } from './dom.js';
import { initPage, showError } from './page.js';
import { eventName } from './labels.js';
import { feedHref, setFeedAlternate, subscribeLink } from './feed.js';

const LIST_LIMIT = 100;     // issued / news / mentioned-in items requested with the actor
const OBLIGATION_PAGE = 25; // obligations per "show more"

const main = document.getElementById('main');
const rawId = (new URLSearchParams(location.search).get('id') || '').trim();

async function load() {
  main.setAttribute('aria-busy', 'true');
  if (!rawId) {
    document.title = 'No actor selected — regkg';
    showError(main, new ApiError({ code: 'missing_id', message: 'No actor id was given. Add ?id=… (for example ?id=cac) to the address.' }), { title: 'No actor selected' });
    main.append(el('p', {}, el('a', { href: 'actor.html?id=cac' }, 'Open the Cyberspace Administration of China'), ' · ', el('a', { href: './' }, 'Go to search')));
    main.setAttribute('aria-busy', 'false');
    return;
  }
  try {
    const data = await getActor(rawId, { limit: LIST_LIMIT });
    render(data);
  } catch (err) {
    document.title = 'Error — regkg';
    showError(main, err, { onRetry: load, title: err.status === 404 && err.code !== 'http_error' ? `No actor with id “${rawId}”` : undefined });
    main.append(el('p', {}, el('a', { href: './' }, 'Go to search')));
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

function section(idSuffix, title, ...content) {
  const h = `actor-${idSuffix}-h`;
  return el('section', { class: `actor-${idSuffix}`, 'aria-labelledby': h }, el('h2', { id: h }, title), content);
}

function countText(group) {
  const total = Number(group && group.total) || 0;
  const shown = Array.isArray(group && group.items) ? group.items.length : 0;
  return shown < total ? ` (${shown} of ${total})` : ` (${total})`;
}

function render(data) {
  const actor = data.actor || {};
  const attrs = actor.attributes || {};
  const id = actor.id || rawId;
  const nameZh = attrs.name_zh || '';
  const nameEn = attrs.name_en || '';
  const title = nameZh || nameEn || actor.label || id;
  document.title = `${nameEn && nameZh ? `${nameZh} (${nameEn})` : title} — regkg`;
  const candidate = attrs.candidate === 'yes';

  const facts = el('dl', { class: 'attributes' });
  const row = (name, value) => { if (value) facts.append(el('dt', {}, name), el('dd', {}, value)); };
  row('Type', attrs.actor_type ? String(attrs.actor_type) : '');
  row('Jurisdiction', attrs.jurisdiction ? el('span', {}, String(attrs.jurisdiction).toUpperCase()) : '');
  row('In the actor dictionary', attrs.dictionary ? (attrs.dictionary === 'yes' ? 'yes' : 'no') : '');
  const shownKeys = new Set(['actor_type', 'jurisdiction', 'dictionary', 'candidate', 'name_zh', 'name_en', 'aliases']);
  for (const [k, v] of Object.entries(attrs)) {
    if (!shownKeys.has(k) && v !== '' && v !== null && v !== undefined) row(k.replace(/_/g, ' '), langText(typeof v === 'object' ? JSON.stringify(v) : String(v)));
  }

  // The actor's feed: instruments it issued, obligations binding it, texts and news naming it.
  const feed = feedHref({ actor: id });
  const feedTitle = `regkg: ${nameEn && nameZh ? `${nameZh} (${nameEn})` : title} — what names it`;
  setFeedAlternate(feed, feedTitle);

  const aliases = Array.isArray(actor.aliases) ? actor.aliases.filter((a) => a && a !== nameZh && a !== nameEn) : [];

  append(clear(main), [
    el('header', { class: 'node-header' },
      el('p', { class: 'node-kind' }, kindBadge('actor'),
        candidate ? el('span', { class: 'badge candidate', title: 'Found by a pattern in the text; not an entry of the actor dictionary' }, 'candidate (not in the dictionary)') : null),
      el('h1', { lang: langOf(title) }, title),
      nameZh && nameEn ? el('p', { class: 'name-alt', lang: 'en' }, nameEn) : null,
      el('p', { class: 'node-id' }, 'id ', el('code', {}, id), ' · ', el('a', { href: `node.html?id=${encodeURIComponent(id)}` }, 'graph node page'),
        ' · ', el('a', { href: `graph.html?id=${encodeURIComponent(id)}` }, 'explore in the graph'),
        ' · ', el('a', { href: `timeline.html?id=${encodeURIComponent(id)}` }, 'timeline'))),
    el('section', { class: 'attributes-section', 'aria-label': 'Facts' }, facts),
    el('p', { class: 'section-tools' }, el('a', { href: `obligations.html?bearer=${encodeURIComponent(String(id).replace(/^actor\//, ''))}` }, 'Obligations binding it'),
      subscribeLink(feed, feedTitle)),
    aliases.length ? section('aliases', 'Also known as', el('ul', { class: 'aliases' }, aliases.map((a) => el('li', { lang: langOf(a) }, a)))) : null,
    renderProvenance(actor.source),
    renderIssued(data.issued),
    renderObligations(id, data.obligations),
    renderNews(data.news),
    renderMentioned(data.mentioned_in_articles),
    renderTimeline(data.timeline),
  ]);
}

function renderProvenance(source) {
  const body = [];
  if (!source || (!source.file && !source.rule)) {
    body.push(el('p', { class: 'muted' }, 'No provenance is recorded for this actor.'));
  } else {
    const dl = el('dl', { class: 'attributes' });
    const row = (name, value) => { if (value !== '' && value !== null && value !== undefined) dl.append(el('dt', {}, name), el('dd', {}, value)); };
    row('Source file', source.file ? el('code', {}, source.file) : '');
    const loc = [source.line ? `line ${source.line}` : '', source.json_path || '', source.span ? `span ${source.span}` : ''].filter(Boolean).join(', ');
    row('Location', loc ? el('code', {}, loc) : '');
    row('Rule', source.rule ? el('code', {}, source.rule) : '');
    row('Confidence', typeof source.confidence === 'number'
      ? el('span', { class: source.confidence < 0.8 ? 'confidence low' : 'confidence' }, `confidence ${source.confidence.toFixed(2)}`) : '');
    body.push(dl);
  }
  return el('section', { class: 'provenance', 'aria-labelledby': 'prov-h' }, el('h2', { id: 'prov-h' }, 'Provenance'), body);
}

function table(caption, headers, rows) {
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'data' },
      caption ? el('caption', {}, caption) : null,
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)));
}

function moreNote(group, what) {
  const total = Number(group && group.total) || 0;
  const shown = Array.isArray(group && group.items) ? group.items.length : 0;
  return shown < total ? `Showing the first ${shown} of ${total} ${what}.` : null;
}

function renderIssued(group) {
  const items = (group && Array.isArray(group.items)) ? group.items : [];
  return section('issued', ['Instruments issued', el('span', { class: 'group-count' }, countText(group))],
    items.length === 0 ? el('p', { class: 'muted' }, 'No instruments in this snapshot name this actor as issuer.')
      : table(moreNote(group, 'instruments'), ['Instrument', 'Date', 'Evidence'], items.map((it) => el('tr', {},
        el('td', {}, itemLink(it), ' ', kindBadge(it.kind)),
        el('td', { class: 'nowrap' }, it.date ? el('time', { datetime: it.date }, it.date) : '—'),
        el('td', {}, it.note ? langText(it.note, { class: 'muted' }) : '')))));
}

function renderObligations(actorId, group) {
  const total = Number(group && group.total) || 0;
  const count = el('span', { class: 'group-count' }, ` (${total})`);
  if (total === 0) {
    return section('obligations', ['Obligations binding it', count], el('p', { class: 'muted' }, 'No extracted clause in this snapshot names this actor as its bearer.'));
  }
  const tbody = el('tbody');
  const status = el('p', { class: 'muted', role: 'status' });
  const errorSlot = el('div');
  const more = el('button', { type: 'button', class: 'button small' });
  let loaded = 0;
  const update = () => {
    status.textContent = loaded < total ? `Showing ${loaded} of ${total}.` : `All ${total} shown.`;
    more.hidden = loaded >= total;
    more.textContent = `Show more (${Math.min(OBLIGATION_PAGE, total - loaded)} of ${total - loaded} remaining)`;
  };
  const page = async () => {
    more.disabled = true;
    clear(errorSlot);
    try {
      const data = await listObligations({ bearer: actorId, limit: OBLIGATION_PAGE, offset: loaded });
      const rows = Array.isArray(data.results) ? data.results : [];
      if (rows.length === 0 && loaded < total) throw new ApiError({ code: 'empty_page', message: `The server returned no more obligations (${loaded} of ${total} shown).` });
      for (const o of rows) tbody.append(obligationRow(o));
      loaded += rows.length;
    } catch (err) {
      showError(errorSlot, err, { onRetry: page });
    } finally {
      more.disabled = false;
      update();
    }
  };
  more.addEventListener('click', page);
  update();
  status.textContent = 'Loading…';
  page();
  return section('obligations', ['Obligations binding it', count],
    el('p', { class: 'section-tools' },
      el('a', { href: obligationsCsvUrl({ bearer: actorId }), download: 'obligations.csv' }, 'Download CSV'),
      el('a', { href: `obligations.html?bearer=${encodeURIComponent(actorId)}` }, 'Open in the obligations table')),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, ['Modality', 'Bearer', 'Action', 'Article'].map((h) => el('th', { scope: 'col' }, h)))),
      tbody)),
    status, errorSlot, more);
}

function obligationRow(o) {
  const art = o.article || {};
  const inst = o.instrument || {};
  return el('tr', {},
    el('td', {}, modalityBadge(o.modality)),
    el('td', {}, langText(o.bearer || '—')),
    el('td', {}, el('a', { href: `node.html?id=${encodeURIComponent(o.id)}`, lang: langOf(o.action) }, o.action || o.id),
      o.condition ? el('div', { class: 'muted' }, 'if ', langText(o.condition)) : null),
    el('td', { class: 'article-cell' }, art.id ? nodeLink(art.id, art.label) : '—',
      inst.id ? el('div', {}, nodeLink(inst.id, inst.label, { class: 'muted' })) : null));
}

function renderNews(group) {
  const items = (group && Array.isArray(group.items)) ? [...group.items] : [];
  items.sort((a, b) => String(b.date || '').localeCompare(String(a.date || '')));
  return section('news', ['News mentioning it', el('span', { class: 'group-count' }, countText(group))],
    items.length === 0 ? el('p', { class: 'muted' }, 'No news in this snapshot mentions this actor.')
      : table(moreNote(group, 'news items'), ['Date', 'Title', 'Matched'], items.map((it) => el('tr', {},
        el('td', { class: 'nowrap' }, it.date ? el('time', { datetime: it.date }, it.date) : '—'),
        el('td', {}, itemLink(it)),
        el('td', {}, it.note ? langText(it.note, { class: 'muted' }) : '')))));
}

function renderMentioned(group) {
  const items = (group && Array.isArray(group.items)) ? group.items : [];
  if (items.length === 0) return null;
  return section('mentioned', ['Mentioned in articles', el('span', { class: 'group-count' }, countText(group))],
    table(moreNote(group, 'articles'), ['Article', 'Date', 'Evidence'], items.map((it) => el('tr', {},
      el('td', {}, itemLink(it)),
      el('td', { class: 'nowrap' }, it.date ? el('time', { datetime: it.date }, it.date) : '—'),
      el('td', {}, it.note ? langText(it.note, { class: 'muted' }) : '')))));
}

function renderTimeline(timeline) {
  const events = (Array.isArray(timeline) ? timeline : []).filter((e) => e && e.date);
  if (events.length === 0) return section('timeline', 'Timeline', el('p', { class: 'muted' }, 'No dated events in this snapshot.'));
  events.sort((a, b) => String(a.date).localeCompare(String(b.date)));
  const years = new Map();
  for (const e of events) {
    const y = String(e.date).slice(0, 4);
    if (!years.has(y)) years.set(y, []);
    years.get(y).push(e);
  }
  const parts = [];
  for (const [year, list] of years) {
    parts.push(el('h3', { class: 'timeline-year' }, year),
      el('ol', { class: 'timeline' }, list.map((e) => el('li', {},
        el('time', { datetime: e.date }, e.date),
        el('span', { class: 'event-types' }, eventName(e.type || 'event')), ' ',
        e.subject ? el('a', { href: `node.html?id=${encodeURIComponent(e.subject)}`, lang: langOf(e.label) }, e.label || e.subject) : langText(e.label || ''),
        e.subject && e.type !== 'news' && e.label !== e.subject ? el('span', { class: 'muted' }, ' · ', el('code', {}, e.subject)) : null))));
  }
  return section('timeline', 'Timeline', parts);
}

initPage();
load();
