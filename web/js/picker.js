// Autocomplete picker: turns a text input into an ARIA combobox over /api/v1/suggest, so people
// pick an instrument or actor by its name in either language instead of typing its id.
import { suggest, getNode, ApiError } from './api.js';
import { el, clear, langOf, kindBadge } from './dom.js';

const DEBOUNCE_MS = 150;
const MAX_CHARS = 200; // the suggest route's limit on q (bytes; CJK is three per character)
let counter = 0;

/** True for text that reads as a graph id (cn/pipl, actor/cac, role-provider), not as a name. */
export function looksLikeId(text) {
  return /^[a-z0-9][a-z0-9._~@/-]*$/.test(text) && /[/-]/.test(text);
}

/**
 * Attach a picker to `input` (which must sit in its own wrapper element; the option list is added
 * after it). Options:
 *  - kinds: the suggest route's kinds ('instrument', 'actor', 'instrument,actor');
 *  - noun: what is picked, for messages ('instrument', 'actor');
 *  - idOf(item): the value a picked item stands for (default: its id);
 *  - nodeIdOf(value): the graph id to fetch a label for a value from the URL (default: the value);
 *  - onPick(choice): called with {id, label, item} after a choice from the list (the input also
 *    fires a 'regkg-picked' event with the same detail).
 * Returns {resolve, show, set, clear}: resolve() gives the id the box stands for (a picked item, an id
 * typed by hand, or the best match for a typed name; rejects with ApiError when nothing matches),
 * show(value) fills the box for a value from the URL, showing its name once fetched.
 * Not thread-related; one picker per input.
 */
export function attachPicker(input, { kinds = 'instrument,actor', noun = 'item', idOf = (item) => item.id, nodeIdOf = (v) => v, onPick } = {}) {
  const listId = `${input.id || `picker-${++counter}`}-options`;
  const list = el('ul', { id: listId, role: 'listbox', class: 'picker-options', hidden: true, 'aria-label': `Matching ${noun}s` });
  const host = input.parentNode;
  host.classList.add('picker-host');
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('autocomplete', 'off');

  let items = [];
  let active = -1;
  let chosen = null;     // {id, label}: what the box stands for while its text is that label
  let timer = 0;
  let inflight = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const pick = (item, { silent = false } = {}) => {
    chosen = { id: idOf(item), label: item.label || item.id };
    input.value = chosen.label;
    input.title = `${chosen.label} (${item.id})`;
    close();
    if (silent) return;
    if (onPick) onPick({ ...chosen, item });
    input.dispatchEvent(new CustomEvent('regkg-picked', { detail: { ...chosen, item } }));
  };

  const render = (q) => {
    clear(list);
    if (items.length === 0) {
      list.append(el('li', { class: 'picker-empty', role: 'option', 'aria-disabled': 'true', id: `${listId}-none` }, `No ${noun} named “${q}”`));
    }
    items.forEach((s, i) => {
      const label = s.label || s.id;
      list.append(el('li', { id: `${listId}-${i}`, role: 'option', 'aria-selected': 'false', class: 'picker-option', dataset: { index: String(i) } },
        el('span', { class: 'picker-label', lang: langOf(label) }, label), ' ', kindBadge(s.kind),
        s.matched ? el('span', { class: 'picker-matched', lang: langOf(s.matched) }, ` “${s.matched}”`) : null,
        s.date ? el('span', { class: 'picker-date' }, ` ${s.date}`) : null,
        el('span', { class: 'picker-id' }, s.id)));
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(items.length ? 0 : -1);
  };

  const lookup = async () => {
    const q = input.value.trim();
    if (inflight) inflight.abort();
    if (!q || new TextEncoder().encode(q).length > MAX_CHARS || (chosen && q === chosen.label)) { close(); return; }
    const controller = new AbortController();
    inflight = controller;
    try {
      const data = await suggest({ q, kinds, limit: 8 }, { signal: controller.signal });
      if (controller !== inflight || document.activeElement !== input) return;
      items = Array.isArray(data.results) ? data.results : [];
      if (items.length === 0 && looksLikeId(q)) { close(); return; } // an id typed by hand: nothing to say
      render(q);
    } catch {
      if (controller === inflight) close(); // suggestions are a convenience; resolve() reports errors
    }
  };

  input.addEventListener('input', () => {
    if (chosen && input.value.trim() !== chosen.label) { chosen = null; input.removeAttribute('title'); }
    clearTimeout(timer);
    timer = setTimeout(lookup, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && items.length > 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!open) { if (event.key === 'ArrowDown') lookup(); return; }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + items.length) % items.length);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault(); // the choice fills the box; a second Enter submits the form
      pick(items[active]);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  // mousedown would move the focus away (and close the list) before the click lands.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const li = event.target.closest && event.target.closest('li.picker-option');
    if (li) pick(items[Number(li.dataset.index)]);
  });

  return {
    /** The id the box stands for: '' when empty; rejects with ApiError when a typed name matches nothing. */
    async resolve() {
      const text = input.value.trim();
      if (!text) return '';
      if (chosen && text === chosen.label) return chosen.id;
      let found = [];
      try {
        const data = await suggest({ q: text, kinds, limit: 10 });
        found = Array.isArray(data.results) ? data.results : [];
      } catch (err) {
        if (looksLikeId(text)) return text;
        throw err;
      }
      const exactId = found.find((s) => s.id === text || s.id === `actor/${text}` || idOf(s) === text);
      if (exactId) { pick(exactId, { silent: true }); return chosen.id; }
      if (looksLikeId(text) || found.length === 0) {
        if (looksLikeId(text) || /^[a-z0-9][a-z0-9._-]*$/.test(text)) return text; // an id the suggest route does not cover
        throw new ApiError({ code: 'no_match', message: `No ${noun} is named “${text}”. Type part of its name in Chinese or English and pick it from the list.`, details: { [noun]: text } });
      }
      pick(found[0], { silent: true });
      return chosen.id;
    },
    /** Fill the box for a value from the URL: the value at once, its name when fetched. */
    async show(value) {
      if (chosen && chosen.id === value) return;
      chosen = null;
      input.value = value || '';
      input.removeAttribute('title');
      if (!value) return;
      try {
        const data = await getNode(nodeIdOf(value), { limit: 1 });
        const label = data.node && data.node.label;
        if (label && input.value === value && document.activeElement !== input) {
          chosen = { id: value, label };
          input.value = label;
          input.title = `${label} (${value})`;
        }
      } catch {
        // an unknown id stays as typed; the page's own request reports it
      }
    },
    /** Fill the box with a known id and its name (no request). */
    set(id, label) {
      chosen = label ? { id, label } : null;
      input.value = label || id || '';
      if (label) input.title = `${label} (${id})`; else input.removeAttribute('title');
      close();
    },
    clear() { chosen = null; input.value = ''; input.removeAttribute('title'); close(); },
  };
}
