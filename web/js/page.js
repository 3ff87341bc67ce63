// Shared page chrome for every regkg page: snapshot footer, the "/" search shortcut, and error boxes.
import { getHealth, ApiError } from './api.js';
import { el, append, clear } from './dom.js';

/** Fill the footer with the snapshot from /healthz and install page-wide keyboard shortcuts. */
export function initPage() {
  installShortcuts();
  showSnapshot(document.getElementById('snapshot'));
}

function installShortcuts() {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const box = document.getElementById('q');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
}

async function showSnapshot(node) {
  if (!node) return;
  try {
    const health = await getHealth();
    const snap = health.snapshot || {};
    const counts = snap.counts || {};
    const parts = [];
    for (const key of ['nodes', 'edges', 'documents']) {
      if (typeof counts[key] === 'number') parts.push(`${counts[key].toLocaleString('en')} ${key}`);
    }
    append(clear(node), [
      'Snapshot ', el('code', {}, snap.id || 'unknown'),
      snap.created ? el('span', {}, ' · built ', el('time', { datetime: snap.created }, snap.created)) : null,
      parts.length ? ` · ${parts.join(', ')}` : null,
      health.status && health.status !== 'ok' ? el('strong', { class: 'warn' }, ` · status: ${health.status}`) : null,
    ]);
  } catch (err) {
    clear(node).append(el('span', { class: 'warn', title: String(err.message || err) }, `Snapshot unavailable (${err.status ? `HTTP ${err.status}` : err.code || 'error'})`));
  }
}

/**
 * Replace a container's content with a readable error box (role=alert): the message, the HTTP status
 * and code, and the details. onRetry, when given, adds a "Try again" button for failures that a
 * retry could fix (network errors and 5xx), not for a rejected request or an unknown id.
 */
export function showError(container, err, { title, onRetry } = {}) {
  const e = err instanceof ApiError ? err : new ApiError({ code: 'client_error', message: String(err && err.message ? err.message : err) });
  const heading = title || headingFor(e);
  const box = el('div', { class: 'error-box', role: 'alert' },
    el('h2', {}, heading),
    el('p', { class: 'error-message' }, e.message),
    el('p', { class: 'error-meta' },
      e.status ? `HTTP ${e.status} · ` : '',
      'code ', el('code', {}, e.code)),
    detailsList(e.details),
  );
  if (onRetry && (e.status === 0 || e.status >= 500)) {
    box.append(el('p', {}, el('button', { type: 'button', class: 'button', on: { click: onRetry } }, 'Try again')));
  }
  clear(container).append(box);
  return box;
}

function headingFor(e) {
  if (e.code === 'network') return 'Network error';
  if (e.code === 'http_error' || e.code === 'bad_response') return 'The regkg API did not answer';
  if (e.status === 404) return 'Not found';
  if (e.status >= 400 && e.status < 500) return 'The request was not accepted';
  if (e.status >= 500) return 'Server error';
  return 'Something went wrong';
}

function detailsList(details) {
  if (!details || typeof details !== 'object' || Object.keys(details).length === 0) return null;
  const dl = el('dl', { class: 'error-details' });
  for (const [key, value] of Object.entries(details)) {
    dl.append(el('dt', {}, key), el('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value)));
  }
  return dl;
}
