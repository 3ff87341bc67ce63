// Diff page: two versions of one instrument compared through /api/v1/diff, with version pickers
// from /api/v1/instruments/{id} and an instrument picker by name. A summary with jump links comes
// first, then the articles, then the obligations. Text is inserted as text nodes only.
import { getDiff, getInstrument, diffHtmlUrl } from './api.js';
import { el, append, clear, langOf, nodeLink } from './dom.js';
import { initPage, showError } from './page.js';
import { attachPicker } from './picker.js';

const main = document.getElementById('main');
const params = new URLSearchParams(location.search);
let from = params.get('from') || '';
let to = params.get('to') || '';
let showUnchanged = params.get('unchanged') === '1';

const STATUS_NAMES = {
  unchanged: 'Unchanged', renumbered: 'Renumbered', modified: 'Modified', split: 'Split',
  merged: 'Merged', added: 'Added', removed: 'Removed',
};

initPage();
load();

function instrumentOf(versionId) {
  const at = versionId.indexOf('@');
  return at > 0 ? versionId.slice(0, at) : versionId;
}

async function load() {
  main.setAttribute('aria-busy', 'true');
  const instrumentId = params.get('instrument') || instrumentOf(to || from);
  if (!instrumentId) {
    append(clear(main), [el('h1', {}, 'Compare versions'),
      el('p', {}, 'What changed between two versions of a law or regulation, article by article and obligation by obligation.'),
      instrumentForm()]);
    main.setAttribute('aria-busy', 'false');
    return;
  }
  try {
    const inst = await getInstrument(instrumentId);
    const versions = inst.versions || [];
    if ((!from || !to) && versions.length >= 2) {
      from = from || versions[versions.length - 2].id;
      to = to || versions[versions.length - 1].id;
    }
    const header = renderHeader(inst, versions);
    if (!from || !to) {
      append(clear(main), [header, el('p', { class: 'muted' }, 'This instrument has only one version in the corpus.')]);
      return;
    }
    const data = await getDiff({ from, to });
    if (data.comparable === false) {
      // A version without text (a draft known from facts): no counts, which would all read 0.
      append(clear(main), [header, el('section', { class: 'diff-summary', 'aria-label': 'Summary' },
        el('p', {}, nodeLink(data.from.id, data.from.label), ' → ', nodeLink(data.to.id, data.to.label)),
        el('p', { class: 'warn' }, data.message || 'These versions cannot be compared: one of them has no text in the corpus.'))]);
      return;
    }
    const articles = renderArticles(data);
    const obligations = renderObligations(data);
    append(clear(main), [header, renderSummary(data, articles, obligations), articles, obligations]);
  } catch (err) {
    document.title = 'Error — regkg';
    showError(main, err, { onRetry: load });
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

function renderHeader(inst, versions) {
  const label = (inst.instrument && inst.instrument.label) || '';
  document.title = `${label} — compare versions — regkg`;
  const pick = (name, value) => el('select', { name, 'aria-label': name === 'from' ? 'Old version' : 'New version' },
    versions.map((v) => el('option', { value: v.id, selected: v.id === value },
      `${v.date || 'undated'} · ${v.status === 'draft' ? 'draft' : `${v.article_count} articles`}`)));
  const form = el('form', { class: 'diff-pick', method: 'get', action: 'diff.html' },
    el('label', {}, 'From ', pick('from', from)), ' ',
    el('label', {}, 'to ', pick('to', to)), ' ',
    el('label', {}, el('input', { type: 'checkbox', name: 'unchanged', value: '1', checked: showUnchanged }), ' show unchanged'), ' ',
    el('button', { class: 'button', type: 'submit' }, 'Compare'));
  return el('header', { class: 'node-header' },
    el('p', { class: 'node-kind' }, 'Compare versions'),
    el('h1', { lang: langOf(label) }, nodeLink(inst.instrument.id, label)),
    form,
    from && to ? el('p', {}, el('a', { href: diffHtmlUrl({ from, to }) }, 'Printable redline (HTML)')) : null);
}

/** An instrument picker (by name, both languages) for the page opened without parameters. */
function instrumentForm() {
  const input = el('input', { id: 'diff-instrument', type: 'text', spellcheck: 'false', placeholder: '生成式人工智能服务管理暂行办法, Data Security Law' });
  const errorSlot = el('div');
  const form = el('form', { class: 'filter-form diff-instrument-form', role: 'search', 'aria-label': 'Choose a law or regulation' },
    el('div', {}, el('label', { for: 'diff-instrument' }, 'Law or regulation'), el('div', {}, input)),
    el('div', { class: 'actions' }, el('button', { class: 'button', type: 'submit' }, 'Compare its versions')));
  const picker = attachPicker(input, { kinds: 'instrument', noun: 'law or regulation' });
  const go = async () => {
    clear(errorSlot);
    try {
      const id = await picker.resolve();
      if (id) location.assign(`diff.html?instrument=${encodeURIComponent(id)}`);
    } catch (err) {
      showError(errorSlot, err, { title: 'Nothing by that name' });
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); go(); });
  input.addEventListener('regkg-picked', go);
  return [form, errorSlot];
}

/**
 * The summary: what is compared, then counts that are jump links (each article status to its
 * first entry, the obligations to their section); zero counts are left out.
 */
function renderSummary(data, articles, obligations) {
  const a = (data.summary && data.summary.articles) || {};
  const o = (data.summary && data.summary.obligations) || {};
  const jumps = Object.keys(STATUS_NAMES).filter((k) => a[k] && (k !== 'unchanged' || showUnchanged)).map((k) => {
    const first = articles.querySelector(`.diff-${k}`);
    return first ? el('a', { href: `#${first.id}` }, `${STATUS_NAMES[k]} ${a[k]}`) : el('span', {}, `${STATUS_NAMES[k]} ${a[k]}`);
  });
  if (a.unchanged && !showUnchanged) jumps.push(el('span', { class: 'muted' }, `unchanged ${a.unchanged}`));
  if (a.moved) jumps.push(el('span', {}, `moved ${a.moved}`));
  const oParts = [o.added ? `${o.added} added` : '', o.removed ? `${o.removed} removed` : '', o.changed ? `${o.changed} changed` : '',
    o.softening ? `${o.softening} softened` : '', o.hardening ? `${o.hardening} hardened` : ''].filter(Boolean);
  return el('section', { class: 'diff-summary', 'aria-labelledby': 'summary-h' },
    el('h2', { id: 'summary-h' }, 'Summary'),
    data.message ? el('p', { class: 'warn' }, data.message) : null,
    el('p', {}, nodeLink(data.from.id, data.from.label), ' → ', nodeLink(data.to.id, data.to.label)),
    el('nav', { class: 'diff-jumps', 'aria-label': 'Jump to' },
      el('p', {}, el('a', { href: '#articles-h' }, 'Articles'), ': ', jumps.length ? jumps.map((j, i) => [i ? ' · ' : '', j]) : 'no changes'),
      el('p', {}, obligations ? el('a', { href: '#obl-h' }, 'Obligations') : 'Obligations', ': ', oParts.length ? oParts.join(' · ') : 'no changes')),
    data.summary && data.summary.coarse ? el('p', { class: 'muted' }, 'Some very long articles were compared coarsely (edit budget).') : null);
}

function refs(list) {
  if (!list || !list.length) return '—';
  return list.map((r, i) => [i ? ' + ' : '', nodeLink(r.id, r.label)]);
}

function renderArticles(data) {
  const entries = (data.articles || []).filter((a) => showUnchanged || a.status !== 'unchanged');
  return el('section', { class: 'diff-articles', 'aria-labelledby': 'articles-h' },
    el('h2', { id: 'articles-h' }, 'Articles'),
    entries.length ? entries.map(renderArticle) : el('p', { class: 'muted' }, 'No changed articles.'));
}

function renderArticle(a, i) {
  let body = null;
  if (Array.isArray(a.ops)) {
    body = el('p', { class: 'diff-text', lang: 'zh' }, a.ops.map((op) => {
      if (op.op === 'insert') return el('ins', {}, op.text);
      if (op.op === 'delete') return el('del', {}, op.text);
      return op.text;
    }));
  } else if (a.status === 'added') {
    body = el('p', { class: 'muted' }, 'New article.');
  } else if (a.status === 'removed') {
    body = el('p', { class: 'muted' }, 'Not in the new version.');
  }
  return el('article', { class: `diff-article diff-${a.status}`, id: `art-${i}` },
    el('h3', {}, refs(a.from), ' → ', refs(a.to), ' ',
      el('span', { class: 'badge' }, STATUS_NAMES[a.status] || a.status),
      a.moved ? el('span', { class: 'badge' }, 'moved') : null),
    body);
}

function renderObligations(data) {
  const list = (data.obligations || []).filter((o) => o.change !== 'changed' || o.direction || (o.fields || []).some((f) => f !== 'action'));
  if (!list.length) return null;
  return el('section', { class: 'diff-obligations', 'aria-labelledby': 'obl-h' },
    el('h2', { id: 'obl-h' }, 'Obligations added, removed, or changed in modality, bearer or condition'),
    el('ul', {}, list.map((o) => {
      const side = (x) => x ? `${x.modality}: ${x.bearer || '(implicit)'} — ${x.action}${x.condition ? ` [if ${x.condition}]` : ''}` : '';
      return el('li', {},
        el('span', { class: 'badge' }, o.direction || o.change), ' ',
        o.from ? el('del', { lang: 'zh' }, side(o.from)) : null,
        o.from && o.to ? ' → ' : null,
        o.to ? el('ins', { lang: 'zh' }, side(o.to)) : null,
        o.fields && o.fields.length ? el('span', { class: 'muted' }, ` (${o.fields.join(', ')})`) : null);
    })));
}
