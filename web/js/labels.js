// People's words for the graph's internal names: node kinds, event types, facet names, and actors'
// names in both languages (fetched from the public API and cached for the page's lifetime).
import { getNode } from './api.js';
import { el, langOf } from './dom.js';

/** Plural names of node kinds, for facet values and headings. */
export const KIND_NAMES = {
  instrument: 'Laws and regulations', version: 'Versions', article: 'Articles', paragraph: 'Paragraphs',
  chapter: 'Chapters', section: 'Sections', part: 'Parts', news: 'News', actor: 'Organisations and roles',
  event: 'Events', obligation: 'Obligations', citation: 'Citations', jurisdiction: 'Jurisdictions',
};

/** The name of a node kind in the plural (unknown kinds: the kind with its dashes as spaces). */
export function kindName(kind) {
  return KIND_NAMES[kind] || String(kind || '').replace(/[-_]+/g, ' ');
}

// Event types as the ingest writes them (Compass dates, the date extractor, facts files).
const EVENT_NAMES = {
  adopted: 'Adopted', promulgated: 'Promulgated', published: 'Published', introduced: 'Introduced',
  issued: 'Issued', effective: 'Takes effect', 'entered-into-force': 'Entered into force',
  'entry-into-force': 'Entered into force', 'in-force': 'In force', 'general-application': 'Applies generally',
  amended: 'Amended', 'amendment-effective': 'Amendment takes effect', revised: 'Revised', ceased: 'Ceased to apply',
  repealed: 'Repealed', 'comment-deadline': 'Comment period ends', 'target-year': 'Target year', draft: 'Draft published',
  news: 'News', version: 'Version', article: 'Article', instrument: 'Law or regulation', event: 'Event',
};

/** A normalised event type key: lower case, words joined by dashes ('comment_deadline' -> 'comment-deadline'). */
export function eventKey(type) {
  return String(type || '').toLowerCase().trim().replace(/[\s_.]+/g, '-');
}

/** A readable name for an event type ('general_application' -> 'Applies generally'). */
export function eventName(type) {
  const key = eventKey(type);
  if (EVENT_NAMES[key]) return EVENT_NAMES[key];
  const words = key.replace(/-/g, ' ');
  return words ? words[0].toUpperCase() + words.slice(1) : 'Event';
}

const actorCache = new Map();

/**
 * An actor's names {id, zh, en, label} from /api/v1/nodes/actor/{id} ('cac' and 'actor/cac' both
 * work). Resolves with the id as the label when the actor cannot be fetched; never rejects.
 */
export function actorNames(id) {
  const key = String(id || '').replace(/^actor\//, '');
  if (!actorCache.has(key)) {
    actorCache.set(key, getNode(`actor/${key}`, { limit: 1 }).then((data) => {
      const n = data.node || {};
      const a = n.attributes || {};
      return { id: key, zh: a.name_zh || '', en: a.name_en || '', label: n.label || key };
    }).catch(() => ({ id: key, zh: '', en: '', label: key })));
  }
  return actorCache.get(key);
}

/** The one-line bilingual name of an actor: 'zh · en', or whichever exists. */
export function bilingualText(names) {
  const parts = [names.zh, names.en].filter(Boolean);
  return parts.length ? parts.join(' · ') : names.label || names.id;
}

/** Elements for a bilingual name: the Chinese name, then the English one in a muted span. */
export function bilingualName(names) {
  if (names.zh && names.en) {
    return [el('span', { lang: 'zh-CN' }, names.zh), el('span', { class: 'name-en', lang: 'en' }, ` · ${names.en}`)];
  }
  const one = names.zh || names.en || names.label || names.id;
  return [el('span', { lang: langOf(one) }, one)];
}
