// schema.org Legislation JSON-LD for the reader page (issue 18, point 9): what search engines and
// linked-data tools read from a page. Built from the node answer of the public JSON API only.

const LEGISLATION_KINDS = new Set(['instrument', 'version', 'part', 'chapter', 'section', 'article', 'paragraph']);

/** The page URL of a node: stable, built from its id. */
export function nodeUri(id) {
  return new URL(`node.html?id=${encodeURIComponent(id)}`, document.baseURI).href;
}

function targets(groups, type, direction) {
  const g = groups.find((x) => x.type === type && x.direction === direction);
  return g && Array.isArray(g.items) ? g.items.map((i) => i && i.id).filter(Boolean) : [];
}

/**
 * The JSON-LD object for a node of the law (instrument, version, structure or article), or null
 * for other kinds (actors, news, events …).
 */
export function legislationJsonLd(node, groups) {
  if (!node || !LEGISLATION_KINDS.has(node.kind)) return null;
  const a = node.attributes || {};
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'Legislation',
    '@id': nodeUri(node.id),
    url: nodeUri(node.id),
    name: node.label || node.id,
    legislationIdentifier: node.id,
  };
  const english = a.title_en || a.label_en;
  if (english && english !== ld.name) ld.alternateName = english;
  if (a.jurisdiction) ld.legislationJurisdiction = a.jurisdiction;
  const date = a.published || node.date;
  if (date) ld.legislationDate = date;
  if (a.effective) ld.legislationDateVersion = a.effective;
  if (a.legal_force || a.category) ld.legislationType = a.legal_force || a.category;
  if (a.lifecycle_status || a.status) ld.legislationLegalForce = a.lifecycle_status || a.status;
  const text = node.text && typeof node.text === 'object' ? node.text : {};
  const languages = Object.keys(text).filter((k) => text[k]);
  if (languages.length) ld.inLanguage = languages;
  if (node.kind === 'article' || node.kind === 'paragraph') {
    if (text.zh || text.en) ld.text = text.zh || text.en;
  }
  const link = (ids) => ids.map((id) => ({ '@id': nodeUri(id), legislationIdentifier: id }));
  // The law it rests on, the instrument a version is of, the structure it belongs to.
  const basedOn = targets(groups, 'legal_basis', 'out');
  if (basedOn.length) ld.isBasedOn = link(basedOn);
  const versionOf = targets(groups, 'version_of', 'out');
  if (versionOf.length) ld.legislationConsolidates = link(versionOf);
  const partOf = targets(groups, 'part_of', 'out');
  if (partOf.length) ld.isPartOf = link(partOf);
  const supersedes = targets(groups, 'supersedes', 'out');
  if (supersedes.length) ld.legislationChanges = link(supersedes);
  const issuers = targets(groups, 'issued_by', 'out');
  if (issuers.length) ld.legislationPassedBy = issuers.map((id) => ({ '@type': 'Organization', '@id': nodeUri(id), identifier: id }));
  return ld;
}

/** Puts the node's JSON-LD in the page head (replacing an earlier one), or removes it. */
export function setJsonLd(node, groups) {
  const old = document.getElementById('legislation-jsonld');
  if (old) old.remove();
  const ld = legislationJsonLd(node, groups);
  if (!ld) return;
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  script.id = 'legislation-jsonld';
  // textContent, never innerHTML: "</script>" inside a text cannot end the element this way, and
  // the JSON is escaped so that it cannot either when the page is serialised.
  script.textContent = JSON.stringify(ld).replace(/</g, '\\u003c');
  document.head.append(script);
}
