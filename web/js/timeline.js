// Timeline page: the dated events of an instrument (its versions' adopted/published/effective/
// amended events and the news about it), of an actor (from /api/v1/actors/{id}), of any node, or
// of a search query's dated results, on a time axis (SVG) and as a list grouped by year. Filters
// by event type and date range; the state lives in the URL: timeline.html?id=…|q=…&types=…&from=…&to=….
// Event types are shown in words ('general_application' -> 'Applies generally'), and events of one
// subject on one day (effective, entered into force, general application) are merged into one row.
import { getNode, getActor, search, ApiError } from './api.js';
import { el, append, clear, langOf, itemHref, kindBadge } from './dom.js';
import { initPage, showError } from './page.js';
import { eventKey, eventName } from './labels.js';
import { attachPicker } from './picker.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_VERSIONS = 12;
const GROUP_LIMIT = 200;
// Dot colours by event type (regkg.css .dot-*): several types share one colour and one legend entry.
const DOT_CLASSES = {
  adopted: 'adopted', promulgated: 'adopted', introduced: 'adopted',
  published: 'published', issued: 'published', draft: 'published',
  effective: 'effective', 'entered-into-force': 'effective', 'entry-into-force': 'effective', 'general-application': 'effective', 'amendment-effective': 'effective',
  amended: 'amended', revised: 'amended',
  'comment-deadline': 'deadline', ceased: 'ended', repealed: 'ended',
  news: 'news',
};
const DOT_LEGEND = [
  ['adopted', 'Adopted or promulgated'], ['published', 'Published'], ['effective', 'Takes effect or applies'],
  ['amended', 'Amended or revised'], ['deadline', 'Comment period ends'], ['ended', 'Repealed or ceased'],
  ['news', 'News'], ['other', 'Other dates'],
];
// When one row stands for several same-day events, the first of these names its data-type.
const TYPE_PRIORITY = ['effective', 'entered-into-force', 'general-application', 'published', 'adopted', 'promulgated', 'amended'];

const $ = (id) => document.getElementById(id);
const form = $('timeline-form');
const statusEl = $('timeline-status');
const errorEl = $('timeline-error');
const axisEl = $('timeline-axis');
const listEl = $('timeline-list');
const filtersEl = $('type-filters');
const titleEl = $('timeline-title');

let state = readState();
let events = [];
const idPicker = attachPicker($('tl-id'), { kinds: 'instrument,actor', noun: 'law, regulator or company' });

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    id: (p.get('id') || '').trim(), q: (p.get('q') || '').trim(),
    types: (p.get('types') || '').split(',').filter(Boolean),
    from: (p.get('from') || '').trim(), to: (p.get('to') || '').trim(),
  };
}

function writeState(push) {
  const p = new URLSearchParams();
  if (state.id) p.set('id', state.id);
  else if (state.q) p.set('q', state.q);
  if (state.types.length) p.set('types', state.types.join(','));
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  const url = `timeline.html${p.toString() ? `?${p}` : ''}`;
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
}

/** The event type of an event node: its id ends in /event/<type>-<date> (e.g. effective-2023-08-15). */
function eventType(item) {
  const m = /\/event\/([a-z_-]+?)-\d{4}(-\d\d){0,2}(-\d+)?$/.exec(item.id || '');
  if (m) return eventKey(m[1]);
  return item.kind === 'event' ? 'event' : eventKey(item.kind);
}

function dotClass(type) {
  return DOT_CLASSES[type] || 'other';
}

/**
 * Merge the events of one subject on one day into one row: {date, types, type (the main one),
 * label, id, kind, subject, sources}. News items stay one row each.
 */
function mergeSameDay(list) {
  const rows = [];
  const byKey = new Map();
  for (const e of list) {
    // One instrument's events, whether recorded on the instrument or on one of its versions.
    const key = e.type === 'news' || !e.subject ? null : `${e.date}|${String(e.subject.id).split('@')[0]}`;
    const row = key && byKey.get(key);
    if (row) {
      if (!row.types.includes(e.type)) row.types.push(e.type);
      if (e.provenance) row.sources.push(e.provenance);
      continue;
    }
    const fresh = { ...e, types: [e.type], sources: e.provenance ? [e.provenance] : [] };
    rows.push(fresh);
    if (key) byKey.set(key, fresh);
  }
  for (const r of rows) {
    const rank = (t) => { const i = TYPE_PRIORITY.indexOf(t); return i < 0 ? TYPE_PRIORITY.length : i; };
    r.types.sort((a, b) => rank(a) - rank(b));
    r.type = r.types[0];
  }
  return rows;
}

function findGroup(groups, type, direction) {
  return (groups || []).find((g) => g.type === type && g.direction === direction) || { items: [], total: 0 };
}

/** Events of one node: its own has_event items and the news written about it. */
function eventsOf(data, subject) {
  const out = [];
  for (const e of findGroup(data.edge_groups, 'has_event', 'out').items) {
    if (e.date) out.push({ date: e.date, type: eventType(e), label: e.label || e.id, id: e.id, kind: 'event', subject, provenance: e.provenance });
  }
  for (const n of findGroup(data.edge_groups, 'about', 'in').items) {
    if (n.date) out.push({ date: n.date, type: 'news', label: n.label || n.id, id: n.id, kind: n.kind, subject, provenance: n.provenance });
  }
  return out;
}

async function loadNodeEvents(id) {
  const data = await getNode(id, { limit: GROUP_LIMIT });
  const node = data.node || {};
  const subject = { id: node.id || id, label: node.label || id, kind: node.kind };
  let list = eventsOf(data, subject);
  if (node.kind === 'news' && node.date) list.push({ date: node.date, type: 'news', label: node.label, id: node.id, kind: 'news', subject, provenance: node.source });
  const versions = findGroup(data.edge_groups, 'version_of', 'in').items.slice(0, MAX_VERSIONS);
  const more = await Promise.all(versions.map(async (v) => {
    const vd = await getNode(v.id, { limit: GROUP_LIMIT });
    const vs = { id: v.id, label: v.label || v.id, kind: 'version' };
    return eventsOf(vd, vs);
  }));
  for (const m of more) list = list.concat(m);
  return { title: subject.label, subject, events: list };
}

async function loadActorEvents(id) {
  const data = await getActor(id, { limit: 500 });
  const a = data.actor || {};
  const name = (a.attributes && (a.attributes.name_zh || a.attributes.name_en)) || a.label || id;
  const list = (Array.isArray(data.timeline) ? data.timeline : []).filter((e) => e && e.date).map((e) => ({
    date: e.date, type: eventKey(e.type || 'event'), label: e.label || e.subject, id: e.subject, kind: e.type === 'news' ? 'news' : '',
    subject: e.type === 'news' ? null : { id: e.subject, label: e.label || e.subject, kind: '' },
  }));
  return { title: name, subject: { id: a.id || id, label: name, kind: 'actor' }, events: list };
}

async function loadQueryEvents(q) {
  const data = await search({ q, limit: 100 });
  const list = (Array.isArray(data.results) ? data.results : []).filter((r) => r.date).map((r) => ({
    date: r.date, type: r.kind === 'news' ? 'news' : r.kind, label: r.title || r.article_label || r.id, id: r.id, kind: r.kind,
    subject: r.instrument && r.instrument.id ? { id: r.instrument.id, label: r.instrument.title || r.instrument.id, kind: 'instrument' } : null,
  }));
  return { title: `“${q}”`, subject: null, events: list, total: data.total };
}

function inRange(date) {
  const from = state.from ? state.from.padEnd(10, state.from.length === 4 ? '-01-01' : '') : '';
  const to = state.to ? (state.to.length === 4 ? `${state.to}-12-31` : state.to) : '';
  return (!from || date >= from) && (!to || date <= to);
}

function visible() {
  return mergeSameDay(events.filter((e) => (state.types.length === 0 || state.types.includes(e.type)) && inRange(e.date)));
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  for (const c of children) if (c) node.append(c);
  return node;
}

function toTime(date) {
  const [y, m = '01', d = '01'] = String(date).split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

/** Dots on a horizontal axis, one lane per overlap; each dot links to its list entry. */
function renderAxis(list) {
  clear(axisEl);
  if (list.length === 0) return;
  const width = 1000;
  const left = 30;
  const right = width - 30;
  let min = toTime(list[0].date);
  let max = toTime(list[list.length - 1].date);
  const y0 = new Date(min).getUTCFullYear();
  const y1 = new Date(max).getUTCFullYear() + 1;
  min = Date.UTC(y0, 0, 1);
  max = Date.UTC(y1, 0, 1);
  const x = (t) => left + ((t - min) / Math.max(max - min, 1)) * (right - left);
  const lanes = [];
  const placed = list.map((e, i) => {
    const px = x(toTime(e.date));
    let lane = lanes.findIndex((last) => px - last > 12);
    if (lane < 0) { lane = lanes.length; lanes.push(px); } else lanes[lane] = px;
    return { e, i, px, lane };
  });
  const laneCount = Math.min(lanes.length, 12);
  const height = 40 + laneCount * 14 + 20;
  const axisY = height - 24;
  // A group, not an image: its dots are links to the rows below (an image may not hold links).
  const root = svg('svg', { class: 'timeline-axis', viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': `Time axis: ${list.length} events from ${list[0].date} to ${list[list.length - 1].date}` });
  root.append(svg('line', { class: 'axis-line', x1: left, x2: right, y1: axisY, y2: axisY }));
  const step = Math.max(1, Math.ceil((y1 - y0) / 12));
  for (let y = y0; y <= y1; y += step) {
    const px = x(Date.UTC(y, 0, 1));
    root.append(svg('line', { class: 'tick', x1: px, x2: px, y1: axisY, y2: axisY + 5 }),
      svg('text', { class: 'tick-label', x: px, y: axisY + 17, 'text-anchor': 'middle' }, document.createTextNode(String(y))));
  }
  if (y1 - y0 <= 2) {
    // A short span: quarter ticks too, so a few weeks' difference is readable.
    for (let y = y0; y < y1; y++) {
      for (const [m, name] of [[3, 'Apr'], [6, 'Jul'], [9, 'Oct']]) {
        const px = x(Date.UTC(y, m, 1));
        root.append(svg('line', { class: 'tick', x1: px, x2: px, y1: axisY, y2: axisY + 3 }),
          svg('text', { class: 'tick-label minor', x: px, y: axisY + 15, 'text-anchor': 'middle' }, document.createTextNode(name)));
      }
    }
  }
  for (const p of placed) {
    const text = `${p.e.date} · ${p.e.types.map(eventName).join(', ')} · ${p.e.label}`;
    const title = svg('title', {}, document.createTextNode(text));
    root.append(svg('a', { href: `#ev-${p.i}`, 'aria-label': text }, svg('circle', { class: `dot dot-${dotClass(p.e.type)}`, cx: p.px, cy: axisY - 10 - Math.min(p.lane, laneCount - 1) * 14, r: 5 }, title)));
  }
  axisEl.append(root, renderLegend(list));
}

/** What the dot colours mean, for the colours on the axis. */
function renderLegend(list) {
  const used = new Set(list.map((e) => dotClass(e.type)));
  return el('ul', { class: 'dot-legend', 'aria-label': 'Dot colours' }, DOT_LEGEND.filter(([c]) => used.has(c)).map(([c, name]) =>
    el('li', {}, el('span', { class: `legend-dot dot-${c}`, 'aria-hidden': 'true' }), name)));
}

function renderList(list) {
  clear(listEl);
  const years = new Map();
  list.forEach((e, i) => {
    const y = String(e.date).slice(0, 4);
    if (!years.has(y)) years.set(y, []);
    years.get(y).push([e, i]);
  });
  for (const [year, items] of years) {
    listEl.append(el('h2', { class: 'timeline-year' }, year),
      el('ol', { class: 'timeline' }, items.map(([e, i]) => el('li', {
        id: `ev-${i}`, class: 'timeline-event', dataset: { type: e.type, types: e.types.join(' ') },
        // Where the dates came from stays available on hover, not as rule names in the row.
        title: sourcesTitle(e.sources),
      },
        el('span', { class: `legend-dot dot-${dotClass(e.type)}`, 'aria-hidden': 'true' }),
        el('time', { datetime: e.date }, e.date),
        el('span', { class: 'event-types' }, e.types.map(eventName).join(' · ')), ' ',
        e.kind === 'event' && e.subject ? el('a', { href: itemHref(e.subject), lang: langOf(e.subject.label) }, e.subject.label)
          : e.id ? el('a', { href: itemHref({ id: e.id, kind: e.kind }), lang: langOf(e.label) }, e.label) : el('span', { lang: langOf(e.label) }, e.label),
        e.kind !== 'event' && e.subject && e.subject.id !== state.id ? el('span', { class: 'muted' }, ' · ', el('a', { href: itemHref(e.subject), lang: langOf(e.subject.label) }, e.subject.label)) : null))));
  }
}

function sourcesTitle(sources) {
  const files = [...new Set((sources || []).map((p) => p && p.file).filter(Boolean))];
  return files.length ? `Source: ${files.join(', ')}` : null;
}

function renderFilters() {
  const types = [...new Set(events.map((e) => e.type))].sort((a, b) => eventName(a).localeCompare(eventName(b)));
  clear(filtersEl).append(el('legend', {}, 'Show'));
  filtersEl.hidden = types.length === 0;
  for (const t of types) {
    const n = events.filter((e) => e.type === t).length;
    const box = el('input', { type: 'checkbox', value: t, id: `type-${t.replace(/[^a-z0-9]/gi, '_')}`, checked: state.types.length === 0 || state.types.includes(t) });
    filtersEl.append(el('label', {}, box, ` ${eventName(t)} (${n})`));
  }
}

function render() {
  const list = visible();
  renderAxis(list);
  renderList(list);
  const hidden = events.filter((e) => !((state.types.length === 0 || state.types.includes(e.type)) && inRange(e.date))).length;
  const shown = events.length - hidden;
  statusEl.textContent = events.length === 0
    ? 'No dated events in this snapshot.'
    : `${shown} dated event${shown === 1 ? '' : 's'}${list.length < shown ? ` on ${list.length} rows (same-day events merged)` : ''}${list.length ? `, ${list[0].date} to ${list[list.length - 1].date}` : ''}${hidden ? ` (${hidden} hidden by the filters)` : ''}.`;
}

async function load() {
  clear(errorEl);
  clear(axisEl);
  clear(listEl);
  idPicker.show(state.id);
  $('tl-q').value = state.id ? '' : state.q;
  $('tl-from').value = state.from;
  $('tl-to').value = state.to;
  if (!state.id && !state.q) {
    titleEl.textContent = 'Timeline';
    statusEl.textContent = '';
    append(listEl, [el('p', {}, 'Show the dated events of an instrument, an actor or a search. Try: '),
      el('ul', {}, [['cn/generative-ai-measures', '生成式人工智能服务管理暂行办法'], ['actor/cac', 'the Cyberspace Administration of China']]
        .map(([id, label]) => el('li', {}, el('a', { href: `timeline.html?id=${encodeURIComponent(id)}`, lang: langOf(label) }, label))))]);
    filtersEl.hidden = true;
    return;
  }
  statusEl.textContent = 'Loading…';
  listEl.setAttribute('aria-busy', 'true');
  try {
    const result = state.id
      ? (state.id.startsWith('actor/') ? await loadActorEvents(state.id) : await loadNodeEvents(state.id))
      : await loadQueryEvents(state.q);
    const seen = new Set();
    events = result.events.filter((e) => {
      const key = `${e.date}|${e.type}|${e.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type));
    titleEl.textContent = `Timeline: ${result.title}`;
    titleEl.lang = langOf(result.title) || 'en';
    document.title = `Timeline: ${result.title} — regkg`;
    if (result.subject) {
      titleEl.append(' ', el('a', { class: 'title-link', href: itemHref(result.subject) }, result.subject.kind === 'actor' ? 'actor page' : 'page'),
        ' ', el('a', { class: 'title-link', href: `graph.html?id=${encodeURIComponent(result.subject.id)}` }, 'graph'));
    }
    renderFilters();
    render();
  } catch (err) {
    events = [];
    statusEl.textContent = '';
    filtersEl.hidden = true;
    showError(errorEl, err, { title: err.status === 404 ? `Nothing with id “${state.id}”` : undefined });
  } finally {
    listEl.setAttribute('aria-busy', 'false');
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  let id;
  try {
    id = await idPicker.resolve();
  } catch (err) {
    showError(clear(errorEl), err, { title: 'Nothing by that name' });
    return;
  }
  const q = $('tl-q').value.trim();
  const from = $('tl-from').value.trim();
  const to = $('tl-to').value.trim();
  const bad = [from, to].find((v) => v && !/^\d{4}(-\d\d-\d\d)?$/.test(v));
  if (bad) {
    showError(clear(errorEl), new ApiError({ code: 'bad_date', message: `“${bad}” is not a year (2023) or a date (2023-08-15).` }), { title: 'Check the date range' });
    return;
  }
  const sameSource = id === state.id && (id || q === state.q);
  state = { ...state, id, q: id ? '' : q, from, to, types: sameSource ? state.types : [] };
  writeState(true);
  if (sameSource && events.length) { clear(errorEl); render(); } else load();
});

filtersEl.addEventListener('change', () => {
  const boxes = [...filtersEl.querySelectorAll('input[type=checkbox]')];
  const on = boxes.filter((b) => b.checked).map((b) => b.value);
  state.types = on.length === boxes.length ? [] : on.length ? on : ['none']; // 'none' matches no type
  writeState(false);
  render();
});

window.addEventListener('popstate', () => { state = readState(); load(); });

initPage();
load();
