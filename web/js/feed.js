// Feed links: the Atom feed (GET /feed.atom) that follows what a page shows — a search, an
// instrument, an actor — as a visible "Subscribe" link and as the page's
// <link rel="alternate" type="application/atom+xml"> (where browsers and feed readers look).
import { el } from './dom.js';

/**
 * The feed URL, relative to the page, for one of {q}, {instrument} or {actor} (an actor by id or
 * slug); none of them gives the feed of every instrument.
 */
export function feedHref({ q = '', instrument = '', actor = '' } = {}) {
  if (q) return `feed.atom?q=${encodeURIComponent(q)}`;
  if (instrument) return `feed.atom?instrument=${encodeURIComponent(instrument)}`;
  if (actor) return `feed.atom?actor=${encodeURIComponent(String(actor).replace(/^actor\//, ''))}`;
  return 'feed.atom';
}

/** Points the page's feed <link rel="alternate"> at `href` (creating it if the page has none). */
export function setFeedAlternate(href, title) {
  let link = document.head.querySelector('link[rel="alternate"][type="application/atom+xml"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    document.head.append(link);
  }
  link.href = href;
  link.title = title;
}

/** The visible link: "Subscribe (Atom feed)", with what it follows in its title. */
export function subscribeLink(href, title) {
  return el('a', { class: 'subscribe-link', href, type: 'application/atom+xml', title },
    el('span', { class: 'feed-icon', 'aria-hidden': 'true' }), 'Subscribe (Atom feed)');
}
