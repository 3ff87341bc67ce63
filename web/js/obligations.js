// Obligations page: a filter form whose state lives in the URL (instrument and bearer picked by name
// in either language, over /api/v1/suggest), a paged table of extracted clauses from
// /api/v1/obligations, and a CSV download link for the same filters.
import { listObligations, obligationsCsvUrl, CSV_MAX_ROWS, ApiError } from './api.js';
import { el, append, clear, langOf, langText, nodeHref, nodeLink, itemLink, modalityBadge, MODALITIES, isModifiedClick } from './dom.js';
import { initPage, showError } from './page.js';
import { attachPicker } from './picker.js';

const PAGE_SIZE = 50;
const FIELDS = ['instrument', 'bearer', 'modality', 'in_force_on', 'q'];

const main = document.getElementById('main');
let inflight = null;

function readState(search) {
  const p = new URLSearchParams(search);
  const s = {};
  for (const key of FIELDS) s[key] = (p.get(key) || '').trim();
  const offset = Number.parseInt(p.get('offset') || '0', 10);
  s.offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
  return s;
}

function stateQuery(s) {
  const p = new URLSearchParams();
  for (const key of FIELDS) if (s[key]) p.set(key, s[key]);
  if (s.offset) p.set('offset', String(s.offset));
  const str = p.toString();
  return str ? `?${str}` : 'obligations.html';
}

let state = readState(location.search);

// --- static layout -------------------------------------------------------------------------

const field = (name, label, input, hint) => el('div', {},
  el('label', { for: `f-${name}` }, label), el('div', {}, input), hint ? el('span', { class: 'visually-hidden', id: `f-${name}-hint` }, hint) : null);
const inputs = {
  instrument: el('input', { id: 'f-instrument', name: 'instrument', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '个人信息保护法, Data Security Law', 'aria-describedby': 'f-instrument-hint' }),
  bearer: el('input', { id: 'f-bearer', name: 'bearer', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '个人信息处理者, providers, CAC', 'aria-describedby': 'f-bearer-hint' }),
  modality: el('select', { id: 'f-modality', name: 'modality' }, el('option', { value: '' }, 'Any'), MODALITIES.map((m) => el('option', { value: m }, m))),
  in_force_on: el('input', { id: 'f-in_force_on', name: 'in_force_on', type: 'date' }),
  q: el('input', { id: 'f-q', name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: '个人信息 / bearer or action text' }),
};
const form = el('form', { class: 'filter-form', role: 'search', 'aria-label': 'Filter obligations' },
  field('instrument', 'Law or regulation', inputs.instrument, 'Type part of its title in Chinese or English and pick it from the list'),
  field('bearer', 'Who is bound', inputs.bearer, 'Type part of a name in Chinese or English (a regulator, a company or a role such as 个人信息处理者) and pick it from the list'),
  field('modality', 'Modality', inputs.modality),
  field('in_force_on', 'In force on', inputs.in_force_on),
  field('q', 'Text', inputs.q),
  el('div', { class: 'actions' },
    el('button', { class: 'button', type: 'submit' }, 'Apply'),
    el('a', { href: 'obligations.html', 'data-nav': '' }, 'Clear')));
const statusEl = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
const tools = el('p', { class: 'section-tools' });
const resultsEl = el('div', { 'aria-busy': 'false' });
const pagerEl = el('nav', { class: 'pager', 'aria-label': 'Result pages' });

append(clear(main), [
  el('header', { class: 'node-header' },
    el('h1', {}, 'Obligations'),
    el('p', { class: 'muted' }, 'Clauses extracted from the regulations: who must, must not, may or is encouraged to do what. ',
      'Each row links to the clause and to its article.')),
  form, tools, statusEl, resultsEl, pagerEl,
]);

const pickers = {
  instrument: attachPicker(inputs.instrument, { kinds: 'instrument', noun: 'law or regulation' }),
  bearer: attachPicker(inputs.bearer, {
    kinds: 'actor', noun: 'organisation or role',
    idOf: (item) => String(item.id).replace(/^actor\//, ''), nodeIdOf: (v) => `actor/${String(v).replace(/^actor\//, '')}`,
  }),
};
// A choice from a picker's list applies at once, like the modality select.
for (const key of Object.keys(pickers)) inputs[key].addEventListener('regkg-picked', () => form.requestSubmit());

// --- running a query ---------------------------------------------------------------------

function syncControls() {
  for (const key of FIELDS) {
    if (pickers[key]) pickers[key].show(state[key]);
    else if (inputs[key].value !== state[key]) inputs[key].value = state[key];
  }
}

function apiParams(s) {
  const params = {};
  for (const key of FIELDS) params[key] = s[key];
  return params;
}

async function run() {
  syncControls();
  const active = FIELDS.filter((k) => state[k]).map((k) => `${k.replace(/_/g, ' ')}: ${state[k]}`);
  document.title = `${active.length ? `${active.join(', ')} — ` : ''}Obligations — regkg`;
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  resultsEl.setAttribute('aria-busy', 'true');
  main.setAttribute('aria-busy', 'true');
  statusEl.textContent = 'Loading…';
  try {
    const data = await listObligations({ ...apiParams(state), limit: PAGE_SIZE, offset: state.offset }, { signal: controller.signal });
    if (controller !== inflight) return;
    render(data);
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    if (controller !== inflight) return;
    statusEl.textContent = err instanceof ApiError && err.status >= 400 && err.status < 500 ? 'The filters were not accepted.' : 'Loading obligations failed.';
    clear(tools);
    clear(pagerEl);
    showError(resultsEl, err, { onRetry: run });
  } finally {
    if (controller === inflight) {
      resultsEl.setAttribute('aria-busy', 'false');
      main.setAttribute('aria-busy', 'false');
      inflight = null;
    }
  }
}

function render(data) {
  const rows = Array.isArray(data.results) ? data.results : [];
  const total = Number(data.total) || 0;
  const offset = Number(data.offset) || 0;
  const limit = Number(data.limit) || PAGE_SIZE;
  const inForce = data.in_force_on ? ` in force on ${data.in_force_on}` : '';

  clear(tools);
  if (total > 0) {
    tools.append(el('a', { href: obligationsCsvUrl(apiParams(state)), download: 'obligations.csv' }, 'Download CSV'),
      el('span', { class: 'muted' }, total > CSV_MAX_ROWS ? `the first ${CSV_MAX_ROWS.toLocaleString('en')} of ${total.toLocaleString('en')} rows; narrow the filters for the rest` : `${total.toLocaleString('en')} rows`));
  }
  if (rows.length === 0) {
    statusEl.textContent = total > 0 && offset >= total ? `No results on this page: ${total.toLocaleString('en')} in all.` : `No clauses match${inForce}.`;
    clear(resultsEl).append(el('p', { class: 'empty' }, total > 0 && offset > 0
      ? el('a', { href: stateQuery({ ...state, offset: 0 }), 'data-nav': '' }, 'Go to the first page')
      : 'Try fewer filters.'));
    renderPager(total, offset, limit, 0);
    return;
  }
  statusEl.textContent = `Clauses ${(offset + 1).toLocaleString('en')}–${(offset + rows.length).toLocaleString('en')} of ${total.toLocaleString('en')}${inForce}`;
  clear(resultsEl).append(el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
    el('thead', {}, el('tr', {}, ['Modality', 'Bearer', 'Clause', 'Article'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map(row)))));
  renderPager(total, offset, limit, rows.length);
}

function row(o) {
  const text = (o.text && (o.text.zh || o.text.en)) || o.action || '';
  const actors = Array.isArray(o.bearer_actors) ? o.bearer_actors : [];
  const art = o.article || {};
  const inst = o.instrument || {};
  const versionDate = typeof o.version === 'string' && o.version.includes('@') ? o.version.split('@').pop() : '';
  return el('tr', {},
    el('td', {}, modalityBadge(o.modality)),
    el('td', {}, langText(o.bearer || '—'),
      actors.length ? el('div', { class: 'clause-meta' }, actors.map((a, i) => [i ? ', ' : '', itemLink(a)])) : null),
    el('td', {}, el('a', { href: nodeHref(o.id), lang: langOf(text) }, text || o.id),
      o.condition ? el('div', { class: 'clause-meta' }, 'Condition: ', langText(o.condition)) : null,
      o.text && o.text.zh && o.text.en ? el('div', { class: 'clause-meta', lang: 'en' }, o.text.en) : null),
    el('td', { class: 'article-cell' }, art.id ? nodeLink(art.id, art.label) : '—',
      inst.id ? el('div', { class: 'clause-meta' }, nodeLink(inst.id, inst.label)) : null,
      versionDate ? el('div', { class: 'clause-meta' }, o.version ? nodeLink(o.version, `version ${versionDate}`) : versionDate) : null));
}

function renderPager(total, offset, limit, shown) {
  clear(pagerEl);
  if (total <= limit && offset === 0) return;
  const hasPrev = offset > 0;
  const hasNext = shown > 0 && offset + shown < total;
  const pages = Math.max(1, Math.ceil(total / limit));
  pagerEl.append(
    hasPrev ? el('a', { class: 'button', href: stateQuery({ ...state, offset: Math.max(0, offset - limit) }), rel: 'prev', 'data-nav': '' }, '← Previous')
      : el('span', { class: 'button disabled', 'aria-disabled': 'true' }, '← Previous'),
    el('span', { class: 'page-count' }, `Page ${Math.floor(offset / limit) + 1} of ${pages.toLocaleString('en')}`),
    hasNext ? el('a', { class: 'button', href: stateQuery({ ...state, offset: offset + limit }), rel: 'next', 'data-nav': '' }, 'Next →')
      : el('span', { class: 'button disabled', 'aria-disabled': 'true' }, 'Next →'));
}

function navigate(next) {
  const url = stateQuery(next);
  if (url !== stateQuery(state)) history.pushState(null, '', url);
  state = next;
  run();
}

// --- events ----------------------------------------------------------------------------------

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const next = { offset: 0 };
  try {
    for (const key of FIELDS) next[key] = pickers[key] ? await pickers[key].resolve() : inputs[key].value.trim();
  } catch (err) {
    statusEl.textContent = 'Pick a name from the list.';
    clear(tools);
    clear(pagerEl);
    showError(resultsEl, err, { title: 'Nothing by that name' });
    return;
  }
  navigate(next);
});
inputs.modality.addEventListener('change', () => form.requestSubmit());

document.addEventListener('click', (event) => {
  const a = event.target.closest && event.target.closest('a[data-nav]');
  if (!a || isModifiedClick(event)) return;
  event.preventDefault();
  navigate(readState(new URL(a.href).search));
  if (a.rel === 'next' || a.rel === 'prev') {
    window.scrollTo(0, 0);
    statusEl.focus({ preventScroll: true });
  }
});

window.addEventListener('popstate', () => {
  state = readState(location.search);
  run();
});

initPage();
run();
