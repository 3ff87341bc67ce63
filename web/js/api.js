// The only module that calls the regkg JSON API: one function per endpoint, every failure an ApiError.

/** An API or network failure: status (0 for network), code, message and details from the error body. */
export class ApiError extends Error {
  constructor({ status = 0, code = 'error', message = 'Unknown error', details = null, url = '' }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.url = url;
  }
}

async function getJson(url, { signal } = {}) {
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError({
      code: 'network',
      message: 'The server could not be reached. Check your connection and try again.',
      details: { reason: String(err && err.message ? err.message : err) },
      url,
    });
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const e = body && typeof body === 'object' && body.error ? body.error : null;
    throw new ApiError({
      status: response.status,
      code: (e && e.code) || 'http_error',
      message: (e && e.message) || `The server answered HTTP ${response.status} ${response.statusText}`.trim()
        + (e ? '' : ' without a regkg API error body; is the regkg server running at this address?'),
      details: (e && e.details) || null,
      url,
    });
  }
  if (body === null || typeof body !== 'object') {
    throw new ApiError({
      status: response.status,
      code: 'bad_response',
      message: 'The server sent a response that is not JSON.',
      details: { content_type: response.headers.get('Content-Type') || '' },
      url,
    });
  }
  return body;
}

function query(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    qs.set(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/**
 * GET /api/v1/search. params: q, kind, lang, instrument, jurisdiction, issuer, year, modality, actor, from, to,
 * limit, offset
 * (empty values are left out). Resolves to the search response; rejects with ApiError or AbortError.
 */
export function search(params, { signal } = {}) {
  return getJson(`api/v1/search${query(params)}`, { signal });
}

/**
 * GET /api/v1/nodes/{id}. The id is sent as one percent-encoded path segment. Options: limit, offset,
 * groupType and groupDirection (page a single edge group). Rejects with ApiError or AbortError.
 */
export function getNode(id, { limit, offset, groupType, groupDirection, signal } = {}) {
  const qs = query({ limit, offset, group_type: groupType, group_direction: groupDirection });
  return getJson(`api/v1/nodes/${encodeURIComponent(id)}${qs}`, { signal });
}

/**
 * GET /api/v1/actors/{id}: an actor with what it issued, the obligations binding it, news and
 * timeline. id is 'cac' or 'actor/cac', sent as one percent-encoded segment.
 */
export function getActor(id, { limit, signal } = {}) {
  return getJson(`api/v1/actors/${encodeURIComponent(id)}${query({ limit })}`, { signal });
}

/**
 * GET /api/v1/obligations. params: bearer, instrument, modality, in_force_on, q, limit, offset
 * (empty values are left out).
 */
export function listObligations(params, { signal } = {}) {
  return getJson(`api/v1/obligations${query({ ...params, format: null })}`, { signal });
}

/** The most rows a CSV export of the obligations route holds (the server default for format=csv). */
export const CSV_MAX_ROWS = 200000;

/** URL of the CSV download of /api/v1/obligations for the same filters (a link, not a fetch). */
export function obligationsCsvUrl(params) {
  return `api/v1/obligations${query({ ...params, offset: null, limit: null, format: 'csv' })}`;
}

/** GET /api/v1/citations: a node's citations (direction out) or the nodes citing it (in). */
export function getCitations({ id, direction = 'out', limit, offset }, { signal } = {}) {
  return getJson(`api/v1/citations${query({ id, direction, limit, offset })}`, { signal });
}

/** GET /api/v1/citations/unresolved: cited titles that are not in the corpus, most cited first. */
export function getUnresolvedCitations({ limit, offset } = {}, { signal } = {}) {
  return getJson(`api/v1/citations/unresolved${query({ limit, offset })}`, { signal });
}

/** GET /healthz: server status and the snapshot being served. */
export function getHealth({ signal } = {}) {
  return getJson('healthz', { signal });
}

/**
 * GET /api/v1/neighborhood: the nodes within `depth` edges of `id` (both directions) and the edges
 * among them, each with provenance. limit caps the nodes; the answer says `truncated`.
 */
export function getNeighborhood({ id, depth = 1, limit, types, kinds }, { signal } = {}) {
  return getJson(`api/v1/neighborhood${query({ id, depth, limit, types, kinds })}`, { signal });
}

/** GET /api/v1/paths: up to k shortest paths between two nodes, edges walked in either direction. */
export function getPaths({ from, to, k, maxLength }, { signal } = {}) {
  return getJson(`api/v1/paths${query({ from, to, k, max_length: maxLength })}`, { signal });
}

/** GET /api/v1/suggest: instruments and actors whose names contain q, best match first. */
export function suggest({ q, kinds, limit }, { signal } = {}) {
  return getJson(`api/v1/suggest${query({ q, kinds, limit })}`, { signal });
}

/**
 * GET /api/v1/instruments/{id}: an instrument with its versions (dates, status draft or final,
 * lineage) and, with asOf (YYYY-MM-DD), the version in force that day.
 */
export function getInstrument(id, { asOf, signal } = {}) {
  return getJson(`api/v1/instruments/${encodeURIComponent(id)}${query({ as_of: asOf })}`, { signal });
}

/** GET /api/v1/diff: what changed between two versions of one instrument (articles, obligations). */
export function getDiff({ from, to }, { signal } = {}) {
  return getJson(`api/v1/diff${query({ from, to })}`, { signal });
}

/** URL of the printable HTML redline of the same diff (a link, not a fetch). */
export function diffHtmlUrl({ from, to }) {
  return `api/v1/diff${query({ from, to, format: 'html' })}`;
}
