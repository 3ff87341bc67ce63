// Graph explorer: a node's neighbourhood drawn with cytoscape.js (web/vendor), expanded by clicking,
// with a path finder, edge provenance, and a keyboard-usable node list. State lives in the URL:
// graph.html?id=<start>&expand=<id>,<id>…  (the nodes expanded so far, in order).
// Layout: the first drawing is cytoscape's concentric layout, one ring per node kind around the
// start node; later nodes (expansions, paths) are placed beside the node they hang off, and nothing
// already drawn moves. Labels show when zoomed in far enough to read them, and always on hover,
// on the selection, the start, expanded nodes and paths.
import cytoscape from '../vendor/cytoscape.esm.min.js';
import { getNeighborhood, getPaths, ApiError } from './api.js';
import { el, append, clear, langOf, itemHref, kindBadge } from './dom.js';
import { initPage, showError } from './page.js';
import { attachPicker } from './picker.js';

const EXPAND_LIMIT = 80;   // nodes asked for per expansion (the neighbourhood route caps and says truncated)
const MAX_NODES = 800;     // beyond this the drawing stops being readable; further expansions are refused
const LABEL_CHARS = 22;
const PATH_COLOR = '#c2001b'; // 5.9:1 on white; paths are also drawn thicker and the rest faded
// Concentric rings, innermost first (the start node is always the centre).
const KIND_RING = ['jurisdiction', 'instrument', 'actor', 'version', 'event', 'news', 'part', 'chapter', 'section',
  'article', 'paragraph', 'obligation', 'citation'];
const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
// One colour per node kind (the kind is also written in the legend, the list and the details).
export const KIND_COLORS = {
  jurisdiction: '#37474f', instrument: '#6b3fa0', version: '#2f6b3a', part: '#8d6e00', chapter: '#a07800',
  section: '#b38f00', article: '#0b5cad', paragraph: '#4f8fd0', news: '#c0561f', actor: '#a3306f',
  event: '#00796b', obligation: '#5c6166', citation: '#9aa1a8',
};
const EXAMPLES = [
  ['news/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only', 'the seed news item (Generative AI rules)'],
  ['cn/generative-ai-measures', '生成式人工智能服务管理暂行办法'],
  ['actor/cac', 'the Cyberspace Administration of China'],
];

const $ = (id) => document.getElementById(id);
const statusEl = $('graph-status');
const errorEl = $('graph-error');
const detailsEl = $('details');
const listEl = $('node-list');
const countEl = $('node-count');
const pathsEl = $('paths');
const startInput = $('start-id');

const params = new URLSearchParams(location.search);
let startId = (params.get('id') || '').trim();
const expanded = [];          // ids in the order they were expanded (kept in the URL)
const nodeData = new Map();   // id -> {id, kind, label, date}
const edgeData = new Map();   // key -> {from, to, type, note, provenance}

const cy = cytoscape({
  container: $('cy'),
  minZoom: 0.15,
  maxZoom: 3,
  wheelSensitivity: 0.4,
  style: [
    // Labels are drawn only where they can be read: below 8 px on screen they are hidden
    // (min-zoomed-font-size), except on the nodes marked .labelled (hover, selection, start, paths).
    { selector: 'node', style: {
      'background-color': 'data(color)', label: 'data(short)', 'font-size': 11, 'font-family': FONT,
      'min-zoomed-font-size': 7, 'text-valign': 'bottom', 'text-margin-y': 3, color: '#1d1f21', width: 18, height: 18,
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2,
      'text-max-width': 140, 'text-wrap': 'ellipsis' } },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1d1f21', width: 24, height: 24 } },
    { selector: 'node.start', style: { shape: 'round-rectangle', width: 28, height: 28 } },
    { selector: 'node.start, node.expanded, node.hover, node:selected, node.on-path', style: {
      'min-zoomed-font-size': 0, 'font-weight': 'bold', 'z-index': 20, 'text-background-opacity': 1 } },
    { selector: 'node.hover', style: { 'font-size': 13, 'z-index': 30 } },
    { selector: 'edge', style: {
      width: 1.4, 'line-color': '#a3aab0', 'target-arrow-color': '#a3aab0', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', 'font-size': 10, 'font-family': FONT, 'text-rotation': 'autorotate',
      color: '#1d1f21', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-background-padding': 2 } },
    { selector: 'edge.hover, edge:selected, edge.on-path', style: { label: 'data(type)' } },
    { selector: '.faded', style: { opacity: 0.25 } },
    { selector: 'edge.on-path', style: {
      'line-color': PATH_COLOR, 'target-arrow-color': PATH_COLOR, width: 6, 'arrow-scale': 1.4, 'z-index': 50, opacity: 1,
      color: PATH_COLOR, 'font-weight': 'bold' } },
    { selector: 'node.on-path', style: { 'border-color': PATH_COLOR, 'border-width': 5, opacity: 1, 'z-index': 50 } },
    { selector: ':selected', style: { 'line-color': '#f0a500', 'target-arrow-color': '#f0a500', 'border-color': '#b36b00', 'border-width': 4, width: 3 } },
    { selector: 'node:selected', style: { width: 26, height: 26 } },
  ],
});

function shortLabel(text) {
  const s = String(text || '');
  return s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s;
}

function edgeKey(e) {
  return `${e.from}\u0001${e.type}\u0001${e.to}`;
}

/**
 * Add nodes and edges not drawn yet. New nodes are placed on arcs beside `near` (facing away from
 * the rest of the drawing), so nothing already drawn moves; returns the number of items added.
 */
function addElements(nodes, edges, near) {
  const fresh = [];
  for (const n of nodes) {
    if (!n || !n.id || nodeData.has(n.id)) continue;
    if (nodeData.size >= MAX_NODES) break;
    nodeData.set(n.id, { id: n.id, kind: n.kind, label: n.label || n.id, date: n.date || '' });
    fresh.push({ group: 'nodes', data: { id: n.id, kind: n.kind, short: shortLabel(n.label || n.id), color: KIND_COLORS[n.kind] || '#777' } });
  }
  const before = cy.nodes();
  const added = cy.add(fresh);
  placeBeside(near, added, before);
  const freshEdges = [];
  for (const e of edges) {
    const key = edgeKey(e);
    if (edgeData.has(key) || !nodeData.has(e.from) || !nodeData.has(e.to)) continue;
    edgeData.set(key, e);
    freshEdges.push({ group: 'edges', data: { id: `e${edgeData.size}`, key, source: e.from, target: e.to, type: e.type } });
  }
  cy.add(freshEdges);
  return fresh.length + freshEdges.length;
}

/**
 * Put `added` nodes on arcs around the node `near`, facing away from the centre of the nodes drawn
 * `before` (a full circle when `near` is that centre), ring after ring, sorted by kind so that kinds
 * stay together. Without `near`, around the origin.
 */
function placeBeside(near, added, before) {
  if (added.empty()) return;
  const anchor = near && cy.getElementById(near).nonempty() && !added.contains(cy.getElementById(near)) ? cy.getElementById(near).position() : null;
  const c = anchor || { x: 0, y: 0 };
  let direction = 0;
  let spread = 2 * Math.PI;
  if (anchor && before.length > 1) {
    const bb = before.boundingBox();
    const dx = c.x - (bb.x1 + bb.x2) / 2;
    const dy = c.y - (bb.y1 + bb.y2) / 2;
    if (Math.hypot(dx, dy) > 40) { direction = Math.atan2(dy, dx); spread = Math.PI * 1.1; }
  }
  const order = added.sort((a, b) => KIND_RING.indexOf(a.data('kind')) - KIND_RING.indexOf(b.data('kind')) || a.id().localeCompare(b.id()));
  const SPACING = 70; // px between neighbours on an arc: room for a label's width at zoom 1 after ellipsis
  let radius = 130;
  let i = 0;
  while (i < order.length) {
    const capacity = Math.max(1, Math.floor((spread * radius) / SPACING));
    const ring = order.slice(i, i + capacity);
    ring.forEach((node, k) => {
      const t = spread >= 2 * Math.PI ? (2 * Math.PI * k) / ring.length
        : direction - spread / 2 + (spread * (k + 0.5)) / ring.length;
      node.position({ x: c.x + radius * Math.cos(t), y: c.y + radius * Math.sin(t) });
    });
    i += ring.length;
    radius += 80;
  }
}

/**
 * The first drawing (cytoscape's concentric layout): the start node in the centre, one ring per
 * number of steps from it, and on each ring the nodes grouped by kind, so kinds sit together.
 */
function layoutAll() {
  const depth = new Map();
  const root = cy.getElementById(startId);
  if (root.nonempty()) {
    cy.elements().bfs({ roots: root, directed: false, visit: (v, e, u, i, d) => { depth.set(v.id(), d); } });
  }
  const maxDepth = Math.max(0, ...depth.values()) + 1;
  const STEP = 100; // one ring per STEP of value; the kind (below STEP) orders the nodes on a ring
  const value = (node) => {
    const d = depth.has(node.id()) ? depth.get(node.id()) : maxDepth;
    const k = KIND_RING.indexOf(node.data('kind'));
    return (maxDepth + 1 - d) * STEP + (KIND_RING.length - (k < 0 ? KIND_RING.length : k));
  };
  cy.layout({ name: 'concentric', concentric: value, levelWidth: () => KIND_RING.length + 1, minNodeSpacing: 24, spacingFactor: 1,
    nodeDimensionsIncludeLabels: true, avoidOverlap: true, startAngle: -Math.PI / 2, animate: false, fit: true, padding: 30 }).run();
}

/** Fit the view to everything, without zooming in past the point where labels get large. */
function fitView() {
  cy.fit(undefined, 30);
  if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(); }
}

function updateUrl() {
  const p = new URLSearchParams();
  if (startId) p.set('id', startId);
  const more = expanded.filter((x) => x !== startId);
  if (more.length) p.set('expand', more.join(','));
  history.replaceState(null, '', `graph.html?${p.toString()}`);
}

/** Fetch a node's neighbourhood (depth 1) and draw what is new. Returns false on failure. */
async function expand(id, { quiet = false } = {}) {
  if (expanded.includes(id)) return true;
  if (nodeData.size >= MAX_NODES) {
    statusEl.textContent = `The drawing already holds ${MAX_NODES} nodes; start over from another node to explore further.`;
    return false;
  }
  statusEl.textContent = `Expanding ${nodeData.get(id)?.label || id}…`;
  try {
    const data = await getNeighborhood({ id, depth: 1, limit: EXPAND_LIMIT });
    const nodes = Array.isArray(data.nodes) ? data.nodes : [];
    const edges = Array.isArray(data.edges) ? data.edges : [];
    const added = addElements(nodes, edges, id);
    expanded.push(id);
    cy.getElementById(id).addClass('expanded');
    if (!quiet) {
      fitView();
      renderList();
      updateUrl();
    }
    const label = nodeData.get(id)?.label || id;
    statusEl.textContent = `${label}: ${nodes.length - 1} neighbour${nodes.length === 2 ? '' : 's'}${data.truncated ? ` (the first ${EXPAND_LIMIT} only)` : ''}, ${added} new item${added === 1 ? '' : 's'} drawn. ${nodeData.size} nodes, ${edgeData.size} edges.`;
    return true;
  } catch (err) {
    statusEl.textContent = '';
    showError(errorEl, err, { title: err.status === 404 ? `No node with id “${id}”` : undefined });
    return false;
  }
}

function renderLegend() {
  const ul = $('legend');
  clear(ul);
  for (const [kind, color] of Object.entries(KIND_COLORS)) {
    ul.append(el('li', {}, el('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }), ' ', kind));
  }
}

function renderList() {
  clear(listEl);
  const nodes = [...nodeData.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label));
  countEl.textContent = `(${nodes.length} nodes, ${edgeData.size} edges)`;
  for (const n of nodes) {
    const isExpanded = expanded.includes(n.id);
    // The colour dot sits inside the button, so it never wraps onto a line of its own.
    listEl.append(el('li', { dataset: { id: n.id } },
      el('button', { type: 'button', class: 'link-button node-button', 'data-id': n.id,
        title: isExpanded ? 'Select' : 'Select and expand' },
      el('span', { class: `swatch swatch-${n.kind}`, 'aria-hidden': 'true' }), el('span', { lang: langOf(n.label) }, n.label)),
      ' ', kindBadge(n.kind), isExpanded ? el('span', { class: 'muted' }, ' · expanded') : null));
  }
}

function provenanceList(p) {
  const dl = el('dl', { class: 'attributes' });
  const row = (k, v) => { if (v !== '' && v !== null && v !== undefined && v !== 0) dl.append(el('dt', {}, k), el('dd', {}, v)); };
  if (!p || (!p.file && !p.rule)) return el('p', { class: 'muted' }, 'No provenance is recorded for this edge.');
  row('Source file', p.file ? el('code', {}, p.file) : '');
  row('Line', p.line ? String(p.line) : '');
  row('JSON path', p.json_path ? el('code', {}, p.json_path) : '');
  row('Rule', p.rule ? el('code', {}, p.rule) : '');
  row('Confidence', typeof p.confidence === 'number' ? p.confidence.toFixed(2) : '');
  row('Span', p.span ? el('code', {}, p.span) : '');
  return dl;
}

function nodeRef(id) {
  const n = nodeData.get(id) || { id, kind: '', label: id };
  return el('a', { href: itemHref(n), lang: langOf(n.label) }, n.label);
}

function showNode(id) {
  const n = nodeData.get(id);
  if (!n) return;
  const isExpanded = expanded.includes(id);
  append(clear(detailsEl), [
    el('p', {}, kindBadge(n.kind), n.date ? el('time', { class: 'item-date', datetime: n.date }, n.date) : null),
    el('h3', { class: 'selection-title', lang: langOf(n.label) }, n.label),
    el('p', { class: 'node-id' }, el('code', {}, n.id)),
    el('p', { class: 'section-tools' },
      el('a', { href: itemHref(n) }, n.kind === 'actor' ? 'Actor page' : 'Open its page'),
      el('a', { href: `timeline.html?id=${encodeURIComponent(n.id)}` }, 'Timeline'),
      isExpanded ? el('span', { class: 'muted' }, 'expanded') : el('button', { type: 'button', class: 'button small', on: { click: () => select(id, { expand: true }) } }, 'Expand'),
      el('button', { type: 'button', class: 'link-button', on: { click: () => { fromPicker.set(id, n.label); } } }, 'path from here'),
      el('button', { type: 'button', class: 'link-button', on: { click: () => { toPicker.set(id, n.label); } } }, 'path to here')),
  ]);
}

function showEdge(key) {
  const e = edgeData.get(key);
  if (!e) return;
  append(clear(detailsEl), [
    el('p', {}, el('span', { class: 'badge' }, 'edge'), ' ', el('code', { class: 'edge-type' }, e.type)),
    el('p', { class: 'edge-ends' }, nodeRef(e.from), el('span', { class: 'muted' }, ` —${e.type}→ `), nodeRef(e.to)),
    e.note ? el('p', { class: 'edge-note', lang: langOf(e.note) }, e.note) : null,
    el('h3', { class: 'provenance-title' }, 'Provenance'),
    provenanceList(e.provenance),
  ]);
}

async function select(id, { expand: doExpand = true } = {}) {
  cy.elements().unselect();
  const node = cy.getElementById(id);
  node.select();
  showNode(id);
  if (doExpand && !expanded.includes(id)) {
    await expand(id);
    showNode(id);
    cy.getElementById(id).select();
  }
}

cy.on('tap', 'node', (evt) => { select(evt.target.id()); });
cy.on('mouseover', 'node', (evt) => { evt.target.addClass('hover'); });
cy.on('mouseout', 'node', (evt) => { evt.target.removeClass('hover'); });
cy.on('mouseout', 'edge', (evt) => { evt.target.removeClass('hover'); });
cy.on('tap', 'edge', (evt) => { cy.elements().unselect(); evt.target.select(); showEdge(evt.target.data('key')); });
// Hovering an edge names its source in the status line; a click shows the whole provenance.
cy.on('mouseover', 'edge', (evt) => {
  evt.target.addClass('hover');
  const e = edgeData.get(evt.target.data('key'));
  if (!e) return;
  const p = e.provenance || {};
  statusEl.textContent = `${e.type}: ${[p.file, p.rule && `rule ${p.rule}`, typeof p.confidence === 'number' && `confidence ${p.confidence.toFixed(2)}`].filter(Boolean).join(' · ') || 'no provenance recorded'} (click for details)`;
});

listEl.addEventListener('click', (event) => {
  const b = event.target.closest && event.target.closest('button.node-button');
  if (!b) return;
  select(b.dataset.id).then(() => {
    const again = listEl.querySelector(`button[data-id="${CSS.escape(b.dataset.id)}"]`);
    if (again) again.focus();
  });
});

const startPicker = attachPicker(startInput, { kinds: 'instrument,actor', noun: 'law, regulator or company' });
const fromPicker = attachPicker($('path-from'), { kinds: 'instrument,actor', noun: 'law, regulator or company' });
const toPicker = attachPicker($('path-to'), { kinds: 'instrument,actor', noun: 'law, regulator or company' });

$('path-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const k = Number($('path-k').value) || 3;
  clear(pathsEl);
  pathsEl.append(el('p', { class: 'muted', role: 'status' }, 'Searching…'));
  try {
    const from = await fromPicker.resolve();
    const to = await toPicker.resolve();
    if (!from || !to) {
      showError(clear(pathsEl), new ApiError({ code: 'missing_parameter', message: 'Give both ends of the path: pick a name (or give a node id) in “From” and in “To”.' }), { title: 'Both ends are needed' });
      return;
    }
    const data = await getPaths({ from, to, k });
    renderPaths(data);
  } catch (err) {
    showError(clear(pathsEl), err);
  }
});

function clearPaths() {
  cy.elements().removeClass('on-path faded');
}

function renderPaths(data) {
  const paths = Array.isArray(data.paths) ? data.paths : [];
  clearPaths();
  clear(pathsEl);
  if (paths.length === 0) {
    pathsEl.append(el('p', { class: 'muted', role: 'status' }, `No path of up to 4 edges between these nodes${data.truncated ? ' within the search budget' : ''}.`));
    return;
  }
  const ol = el('ol', { class: 'path-list' });
  for (const p of paths) {
    const hops = Array.isArray(p.hops) ? p.hops : [];
    const nodes = [];
    const edges = [];
    for (const h of hops) {
      nodes.push(h.from, h.to);
      const forward = h.direction !== 'backward';
      edges.push({ from: forward ? h.from.id : h.to.id, to: forward ? h.to.id : h.from.id, type: h.type, note: h.note, provenance: h.provenance });
    }
    // Nodes new to the drawing go beside the path node they hang off, hop by hop.
    for (const h of hops) {
      const known = nodeData.has(h.from.id) ? h.from : h.to;
      addElements([h.from, h.to], [], known.id);
    }
    addElements([], edges, null);
    for (const h of hops) {
      cy.getElementById(h.from.id).addClass('on-path');
      cy.getElementById(h.to.id).addClass('on-path');
      const forward = h.direction !== 'backward';
      const key = edgeKey({ from: forward ? h.from.id : h.to.id, to: forward ? h.to.id : h.from.id, type: h.type });
      cy.edges().filter((e) => e.data('key') === key).addClass('on-path');
    }
    const li = el('li', { class: 'path' });
    hops.forEach((h, i) => {
      if (i === 0) li.append(el('a', { href: itemHref(h.from), lang: langOf(h.from.label) }, h.from.label || h.from.id));
      li.append(el('span', { class: 'hop', title: provenanceTitle(h.provenance) }, h.direction === 'backward' ? ` ←${h.type}— ` : ` —${h.type}→ `),
        el('a', { href: itemHref(h.to), lang: langOf(h.to.label) }, h.to.label || h.to.id));
    });
    ol.append(li);
  }
  cy.elements().not('.on-path').addClass('faded');
  const showAll = el('button', { type: 'button', class: 'link-button', on: { click: () => { cy.elements().removeClass('faded'); showAll.remove(); } } }, 'show everything again');
  pathsEl.append(el('p', { class: 'muted', role: 'status' }, `${paths.length} path${paths.length === 1 ? '' : 's'} (shortest first), drawn thick in red, the rest faded; `, showAll, '.'), ol);
  renderList();
}

function provenanceTitle(p) {
  if (!p || (!p.file && !p.rule)) return 'No provenance recorded';
  return [p.file, p.rule && `rule ${p.rule}`, typeof p.confidence === 'number' && `confidence ${p.confidence.toFixed(2)}`].filter(Boolean).join(' · ');
}

function reset() {
  cy.elements().remove();
  $('graph-title').textContent = 'Graph explorer';
  nodeData.clear();
  edgeData.clear();
  expanded.length = 0;
  clear(errorEl);
  clear(pathsEl);
  clear(detailsEl).append(el('p', { class: 'muted' }, 'Click a node to expand it and see its details; click an edge to see where it came from.'));
}

function showExamples() {
  statusEl.textContent = '';
  clear(listEl);
  countEl.textContent = '';
  append(clear(detailsEl), [
    el('p', {}, 'Enter a node id above, or start from:'),
    el('ul', {}, EXAMPLES.map(([id, label]) => el('li', {}, el('a', { href: `graph.html?id=${encodeURIComponent(id)}`, lang: langOf(label) }, label)))),
  ]);
}

async function start() {
  reset();
  startInput.value = startId;
  if (!startId) {
    document.title = 'regkg — graph explorer';
    showExamples();
    return;
  }
  document.title = `${startId} — regkg graph`;
  fromPicker.set(startId);
  const ok = await expand(startId, { quiet: true });
  if (!ok) return;
  cy.getElementById(startId).addClass('start');
  const n = nodeData.get(startId);
  if (n) {
    document.title = `${n.label} — regkg graph`;
    fromPicker.set(startId, n.label);
    startPicker.set(startId, n.label);
    $('graph-title').textContent = 'Graph: ';
    $('graph-title').append(el('span', { lang: langOf(n.label) }, n.label));
  }
  for (const id of (params.get('expand') || '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (nodeData.has(id)) await expand(id, { quiet: true });
  }
  layoutAll();
  fitView();
  renderList();
  updateUrl();
  showNode(startId);
}

$('start-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    startId = await startPicker.resolve();
  } catch (err) {
    showError(errorEl, err, { title: 'Nothing by that name' });
    return;
  }
  params.delete('expand');
  history.pushState(null, '', startId ? `graph.html?id=${encodeURIComponent(startId)}` : 'graph.html');
  start();
});
$('fit').addEventListener('click', fitView);
$('reset').addEventListener('click', () => { params.delete('expand'); start(); });
window.addEventListener('popstate', () => {
  const p = new URLSearchParams(location.search);
  startId = (p.get('id') || '').trim();
  params.set('expand', p.get('expand') || '');
  start();
});

initPage();
renderLegend();
start();
