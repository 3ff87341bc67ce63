// DOM helpers for the regkg web UI: HTML escaping, element construction, safe snippet insertion, links.

/** Escape text for inclusion in HTML (element content or a quoted attribute). */
export function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Build an element. attrs: {class, text, dataset:{}, on:{event: fn}, hidden, ...other attributes}.
 * Children may be nodes, strings (inserted as text, so never parsed as HTML), arrays, or null/false.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Append children (see el) to a node. */
export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Remove every child of a node. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the character references that an HTML-escaped server string may contain. */
export function decodeEntities(text) {
  return String(text).replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Insert a server snippet: escaped text whose only markup is <mark>…</mark>. It is never given to
 * the HTML parser: the string is split on the mark tags, any other tag is dropped, and the text is
 * decoded and inserted as text nodes, so nothing in it can run or load.
 */
export function setSnippet(node, html) {
  clear(node);
  let target = node;
  // Adjacent marks (the server may mark each CJK character) are merged into one highlight.
  const merged = String(html ?? '').replace(/<\/mark\s*>(\s*)<mark\s*>/gi, '$1');
  for (const part of merged.split(/(<\/?mark\s*>)/i)) {
    if (/^<mark\s*>$/i.test(part)) {
      if (target === node) { target = document.createElement('mark'); node.append(target); }
    } else if (/^<\/mark\s*>$/i.test(part)) {
      target = node;
    } else if (part) {
      target.append(decodeEntities(part.replace(/<[^>]*>/g, '')));
    }
  }
  return node;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** 'zh-CN' when the text contains Han characters (so the CJK font and line breaking apply), else null. */
export function langOf(text) {
  return HAN.test(String(text ?? '')) ? 'zh-CN' : null;
}

/** A span with the right lang attribute for a piece of mixed-language text. */
export function langText(text, attrs = {}) {
  return el('span', { lang: langOf(text), ...attrs }, String(text ?? ''));
}

/** URL of the node page for an id (percent-encoded as one query value). */
export function nodeHref(id) {
  return `node.html?id=${encodeURIComponent(id)}`;
}

/** URL of the actor page for an actor id ('actor/cac' and 'cac' both give actor.html?id=cac). */
export function actorHref(id) {
  return `actor.html?id=${encodeURIComponent(String(id ?? '').replace(/^actor\//, ''))}`;
}

/** The page for a graph item: the actor page for actors, the node page for everything else. */
export function itemHref(item) {
  return item && item.kind === 'actor' ? actorHref(item.id) : nodeHref(item && item.id);
}

/** A link to an item's page ({id, kind, label}) showing its label (falls back to the id). */
export function itemLink(item, attrs = {}) {
  const text = (item && (item.label || item.id)) || '';
  return el('a', { href: itemHref(item), lang: langOf(text), ...attrs }, text);
}

export const MODALITIES = ['obligation', 'prohibition', 'permission', 'encouragement'];

/** A coloured badge naming a clause's modality; the word is always shown, so colour is never the only cue. */
export function modalityBadge(modality) {
  const m = String(modality || 'unknown');
  return el('span', { class: `badge modality modality-${m.replace(/[^a-z0-9-]/gi, '')}` }, m);
}

/** A small badge naming a node kind. */
export function kindBadge(kind) {
  const k = String(kind || 'unknown');
  return el('span', { class: `badge kind-${k.replace(/[^a-z0-9-]/gi, '')}` }, k);
}

/** A link to a node page showing its label (falls back to the id). */
export function nodeLink(id, label, attrs = {}) {
  const text = label || id;
  return el('a', { href: nodeHref(id), lang: langOf(text), ...attrs }, text);
}

/** True when a click should be left to the browser (new tab, new window, download...). */
export function isModifiedClick(event) {
  return event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}
