// The browser scenarios of issue 6, run by run.mjs against the real server. Each scenario gets a
// fresh page and throws on the first failed check; run.mjs adds the console-error check and the
// screenshot. Assertions are on content (titles, links, counts), not on layout.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';

const ART17 = 'cn/generative-ai-measures@2023-07-10/art-17';
const GENAI = 'cn/generative-ai-measures';
const ALGO = 'cn/algorithmic-recommendation-provisions';
const SEED = 'news/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only';
const NETBAR = 'cn/互联网上网服务营业场所管理条例'; // two versions with text in the subset (2019, 2022)
// Chromium logs every 4xx fetch as a console error; only the bad-query scenario expects one.
const EXPECTED_400 = /Failed to load resource: the server responded with a status of 400.*api\/v1\/search/;

// The main pages, each with the selector that says it has rendered, checked with axe-core.
const AXE_PAGES = [
  ['home', './', '#results .examples'],
  ['search-results', `./?q=${encodeURIComponent('安全评估')}`, 'li.result'],
  ['article', `node.html?id=${encodeURIComponent(ART17)}`, 'section.citations li'],
  ['instrument', `node.html?id=${encodeURIComponent(GENAI)}`, 'section.edges'],
  ['actor', 'actor.html?id=cac', 'section.actor-issued table'],
  ['obligations', `obligations.html?instrument=${encodeURIComponent(GENAI)}`, 'table.data tbody tr'],
  ['graph', `graph.html?id=${encodeURIComponent(GENAI)}`, '#node-list li'],
  ['timeline', `timeline.html?id=${encodeURIComponent(GENAI)}`, '.timeline-event'],
  ['diff', `diff.html?instrument=${encodeURIComponent(GENAI)}`, '.diff-summary, .node-header p.muted'],
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const AXE_FAIL = ['serious', 'critical'];

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const nodeHref = (id) => `node.html?id=${encodeURIComponent(id)}`;

/** Wait until `selector` matches an element whose text contains `text`. */
async function waitForText(page, selector, text, timeout = 10000) {
  await page.waitForFunction(([sel, t]) => [...document.querySelectorAll(sel)].some((e) => e.textContent.includes(t)),
    [selector, text], { timeout });
}

/** Time from navigation start to the page's `ready` selector, in ms. */
async function timedGoto(page, url, ready) {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector(ready);
  return Date.now() - t0;
}

async function noBlankPage(page) {
  const text = await page.locator('main').innerText();
  check(text.trim().length > 20, 'the page shows something readable');
}

export const scenarios = [
  {
    name: 'static-files-sent-uncompressed',
    // cpp-httplib Brotli-compresses text bodies per request at quality 11 (1.8 s for cytoscape.js);
    // the server hands static files over as sized content providers, which it sends as they are.
    async run(page, { base }) {
      const t0 = Date.now();
      const res = await page.request.get(`${base}vendor/cytoscape.esm.min.js`, { headers: { 'Accept-Encoding': 'br, gzip' } });
      const ms = Date.now() - t0;
      check(res.status() === 200, `vendor file served (${res.status()})`);
      check(!res.headers()['content-encoding'], `no per-request compression (${res.headers()['content-encoding']})`);
      check((await res.body()).length > 400000, 'the whole file arrives');
      check(ms < 1000, `cytoscape.js arrives in ${ms} ms`);
      const css = await page.request.get(`${base}css/regkg.css`, { headers: { Range: 'bytes=0-1' } });
      check(css.status() === 206 && (await css.text()) === '/*', 'byte ranges still work');
      await page.goto('graph.html');
      await page.locator('#details a').first().waitFor();
    },
  },
  {
    name: 'search-as-you-type',
    async run(page, { shot }) {
      await page.goto('./');
      await page.locator('#q').click();
      // Typed key by key: the debounced search runs without pressing Enter.
      await page.keyboard.type('安全评估', { delay: 60 });
      const hit = page.locator(`li.result:has(h2 a[href="${nodeHref(ART17)}"])`);
      await hit.waitFor();
      const title = await hit.locator('h2').innerText();
      check(title.includes('第十七条'), `Article 17's result is titled 第十七条 (got ${title})`);
      const marks = await hit.locator('.snippet mark').allInnerTexts();
      check(marks.some((m) => m.includes('安全评估')), `安全评估 is highlighted in Article 17's snippet (marks: ${marks.join('|')})`);
      check((await hit.locator('.result-meta .instrument').innerText()).includes('生成式人工智能服务管理暂行办法'), 'the result names its instrument');
      check(new URL(page.url()).searchParams.get('q') === '安全评估', `the query is in the URL (${page.url()})`);
      // The suggestion list and the date range controls are there.
      check(await page.locator('#from').isVisible() && await page.locator('#to').isVisible(), 'date range inputs are shown');
      // On a narrow screen the results come first and nothing scrolls sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 400, `no horizontal scrolling on a narrow screen (scrollWidth ${width})`);
      await shot('narrow');
    },
  },
  {
    // Issue 23: a question in plain English finds the article, and the page says when the server
    // relaxed the query (few texts had every word).
    name: 'search-plain-english-question',
    async run(page) {
      await page.goto('./?q=' + encodeURIComponent('which generative AI services with public opinion attributes need a security assessment'));
      const first = page.locator('li.result').first();
      await first.waitFor();
      const href = await first.locator('h2 a').getAttribute('href');
      check(href === nodeHref(ART17), `Article 17 of the Measures comes first (got ${href})`);
      const status = await page.locator('#status').innerText();
      check(/^Results 1–/.test(status), `the status line counts results (${status})`);
      if (status.includes('some of them')) check(status.includes('best first'), 'a relaxed answer says so');
    },
  },
  {
    name: 'search-suggestions',
    async run(page) {
      await page.goto('./');
      await page.locator('#q').fill('网信办');
      // An alias of the CAC: the suggestion links to its actor page (the results need not name it).
      const link = page.locator('#suggestions a[href="actor.html?id=cac"]');
      await link.waitFor();
      check((await page.locator('#suggestions').innerText()).includes('国家互联网信息办公室'), 'the CAC is suggested by its Chinese name');
      await page.locator('#q').fill('算法推荐管理规定');
      await page.locator(`#suggestions a[href="${nodeHref(ALGO)}"]`).waitFor();
      await link.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'search-filter-by-instrument',
    async run(page) {
      await page.goto(`./?q=${encodeURIComponent('安全评估')}`);
      await page.locator('li.result').first().waitFor();
      const before = await page.locator('#status').innerText();
      const facet = page.locator('section[aria-labelledby="facet-instrument"] a.facet', { hasText: '生成式人工智能服务管理暂行办法' });
      await facet.click();
      await page.waitForFunction((id) => new URL(location.href).searchParams.get('instrument') === id, GENAI);
      await page.locator('a.chip', { hasText: 'instrument' }).waitFor();
      await page.waitForFunction((b) => document.querySelector('#status').textContent !== b && !document.querySelector('#results').classList.contains('loading'), before);
      const instruments = await page.locator('li.result .result-meta a.instrument').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      check(instruments.length > 0, 'filtered results are listed');
      check(instruments.every((h) => h === nodeHref(GENAI)), `every result is in the Generative AI Measures (${instruments.join(', ')})`);
      check(await page.locator(`li.result h2 a[href="${nodeHref(ART17)}"]`).count() === 1, 'Article 17 is still among them');
      // Date range: from 2024 on, the 2023 Measures drop out and the page says so.
      await page.locator('#from').fill('2024-01-01');
      await page.locator('#from').dispatchEvent('change');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('from') === '2024-01-01');
      await waitForText(page, '#status', 'No results');
    },
  },
  {
    name: 'reader-article-17',
    async run(page, { shot }) {
      await page.goto(`./?q=${encodeURIComponent('安全评估')}`);
      await page.locator(`li.result h2 a[href="${nodeHref(ART17)}"]`).click();
      await page.waitForURL(/node\.html/);
      await page.locator('h1', { hasText: '第十七条' }).waitFor();
      const english = page.locator('article.text-col[lang="en"] .text-body');
      check((await english.innerText()).includes('security assessment'), 'the English text is shown');
      check((await page.locator('article.text-col[lang="zh-CN"] .text-body').innerText()).includes('安全评估'), 'the Chinese text is shown');
      // The clause is marked in the text by modality, and the cited title in the text is a link.
      check(await page.locator('article.text-col[lang="zh-CN"] mark.clause-mark.modality-obligation').count() >= 1, 'the obligation is marked in the Chinese text');
      check(await page.locator(`article.text-col[lang="zh-CN"] a.text-citation[href*="${encodeURIComponent(ALGO)}"]`).count() === 1, 'the cited title in the text links to the cited provisions');
      // The citations section links to the Algorithmic Recommendation Provisions; the link works.
      const citation = page.locator('section.citations a', { hasText: '互联网信息服务算法推荐管理规定' });
      await citation.waitFor();
      const href = await citation.getAttribute('href');
      check(href.includes(encodeURIComponent(ALGO)), `the citation links to ${ALGO} (${href})`);
      // Reader navigation: chapters of the version and the instrument's versions with dates.
      await page.locator('nav.chapter-nav a[aria-current]').waitFor();
      await waitForText(page, 'nav.versions-nav', '2023-07-10');
      // schema.org Legislation JSON-LD in the head (issue 18, point 9), parsed as a reader would.
      const ld = JSON.parse(await page.locator('script#legislation-jsonld').textContent());
      check(ld['@type'] === 'Legislation' && ld.legislationIdentifier === ART17, `JSON-LD names the article (${ld.legislationIdentifier})`);
      check(ld.legislationJurisdiction === 'cn', `JSON-LD jurisdiction cn (${ld.legislationJurisdiction})`);
      check(Array.isArray(ld.isPartOf) && ld.isPartOf.length >= 1, 'JSON-LD says what the article is part of');
      check(typeof ld.text === 'string' && ld.text.includes('安全评估'), 'JSON-LD carries the article text');
      await shot('article');
      await citation.click();
      await page.waitForURL(/algorithmic-recommendation-provisions/);
      await page.locator('h1', { hasText: '互联网信息服务算法推荐管理规定' }).waitFor();
      check(await page.locator('.error-box').count() === 0, 'the cited provisions open without an error');
    },
  },
  {
    name: 'actor-cac',
    async run(page) {
      const ms = await timedGoto(page, 'actor.html?id=cac', 'section.actor-issued table');
      await page.locator('h1', { hasText: '国家互联网信息办公室' }).waitFor();
      const issued = page.locator(`section.actor-issued a[href="${nodeHref(GENAI)}"]`);
      check(await issued.count() === 1, 'the Generative AI Measures are among the instruments the CAC issued');
      check((await issued.innerText()).includes('生成式人工智能服务管理暂行办法'), 'shown by its Chinese title');
      check(ms < 5000, `actor page ready in ${ms} ms`);
    },
  },
  {
    name: 'graph-explorer-seed-to-jd',
    async run(page) {
      await page.goto(`graph.html?id=${encodeURIComponent(SEED)}`);
      await page.locator('#cy canvas').first().waitFor();
      const jd = page.locator('#node-list button[data-id="actor/jd-com"]');
      await jd.waitFor();
      const count = async () => page.locator('#node-list li').count();
      const before = await count();
      // Expand JD.com by clicking its node on the canvas, at the position cytoscape drew it.
      const pos = await page.evaluate(() => {
        const cy = document.getElementById('cy')._cyreg.cy;
        const p = cy.getElementById('actor/jd-com').renderedPosition();
        const box = document.getElementById('cy').getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      });
      await page.mouse.click(pos.x, pos.y);
      await page.waitForFunction(() => new URL(location.href).searchParams.get('expand') === 'actor/jd-com');
      await waitForText(page, '#details h3', '京东');
      await waitForText(page, '#node-list li[data-id="actor/jd-com"]', 'expanded');
      check(await count() >= before, 'expanding JD.com keeps every node');
      check(await page.locator('#legend li').count() >= 10, 'a legend names the node kinds');
      // An edge's provenance on click: the seed's mentions edge to JD.com.
      const edgePos = await page.evaluate((seed) => {
        const cy = document.getElementById('cy')._cyreg.cy;
        const e = cy.edges().filter((x) => x.data('source') === seed && x.data('target') === 'actor/jd-com')[0];
        const p = e.renderedMidpoint();
        const box = document.getElementById('cy').getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y, type: e.data('type') };
      }, SEED);
      await page.mouse.click(edgePos.x, edgePos.y);
      await waitForText(page, '#details', 'Provenance');
      await waitForText(page, '#details', `news/seed/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md`);
      // Path finder: from the seed news item to the CAC.
      await page.locator('#path-to').fill('actor/cac');
      await page.locator('#path-form button[type=submit]').click();
      await page.locator('#paths ol.path-list li').first().waitFor();
      const path = await page.locator('#paths ol.path-list li').first().innerText();
      check(path.includes('国家互联网信息办公室'), `the path ends at the CAC (${path})`);
      // Deep link after a reload: the expanded node is still expanded.
      await page.reload();
      await page.locator('#node-list li[data-id="actor/jd-com"]', { hasText: 'expanded' }).waitFor();
    },
  },
  {
    name: 'graph-keyboard-and-narrow-screen',
    async run(page) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`graph.html?id=${encodeURIComponent(GENAI)}`);
      const cac = page.locator('#node-list button[data-id="actor/cac"]');
      await cac.waitFor();
      await cac.focus();
      await page.keyboard.press('Enter');
      await page.locator('#node-list li[data-id="actor/cac"]', { hasText: 'expanded' }).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 400, `no horizontal scrolling on a narrow screen (scrollWidth ${width})`);
    },
  },
  {
    name: 'timeline-generative-ai-measures',
    async run(page) {
      await page.goto(`timeline.html?id=${encodeURIComponent(GENAI)}`);
      await page.locator('svg.timeline-axis circle').first().waitFor();
      await waitForText(page, '.timeline-event[data-type="effective"]', '2023-08-15');
      check(await page.locator('.timeline-event[data-type="news"]').count() === 2, 'both news items about the Measures are on the timeline');
      // Filter: hide the news.
      await page.locator('#type-filters input[value="news"]').uncheck();
      await page.waitForFunction(() => document.querySelectorAll('.timeline-event[data-type="news"]').length === 0);
      check(new URL(page.url()).searchParams.get('types') !== null, 'the filter is in the URL');
      await page.reload();
      await page.locator('.timeline-event').first().waitFor();
      check(await page.locator('.timeline-event[data-type="news"]').count() === 0, 'the filter survives a reload');
      check(await page.locator('#type-filters input[value="news"]').isChecked() === false, 'the checkbox shows the filter');
    },
  },
  {
    name: 'deep-link-after-reload',
    async run(page) {
      const url = `./?q=${encodeURIComponent('算法备案')}&instrument=${encodeURIComponent(GENAI)}`;
      await page.goto(url);
      await page.locator(`li.result h2 a[href="${nodeHref(ART17)}"]`).waitFor();
      await page.reload();
      await page.locator(`li.result h2 a[href="${nodeHref(ART17)}"]`).waitFor();
      check(await page.locator('#q').inputValue() === '算法备案', 'the search box holds the query after a reload');
      await page.locator('a.chip', { hasText: 'instrument' }).waitFor();
      await page.goto(`${nodeHref(ART17)}&view=en`);
      await page.locator('article.text-col[lang="en"]').waitFor();
      await page.reload();
      await page.locator('article.text-col[lang="en"]').waitFor();
      check(await page.locator('article.text-col[lang="zh-CN"]').isHidden(), 'view=en shows only the English text after a reload');
      await page.goBack();
      await page.locator(`li.result h2 a[href="${nodeHref(ART17)}"]`).waitFor();
    },
  },
  {
    name: 'bad-query-readable-error',
    allowConsoleErrors: [EXPECTED_400],
    async run(page) {
      await page.goto('./');
      await page.locator('#q').fill('安全 AND');
      await page.locator('#q').press('Enter');
      const box = page.locator('#results .error-box[role="alert"]');
      await box.waitFor();
      const text = await box.innerText();
      check(text.includes('query syntax error'), `the server's message is shown (${text})`);
      check(text.includes('The request was not accepted'), 'with a readable heading');
      check((await page.locator('#status').innerText()).includes('not accepted'), 'the status line says so');
      await noBlankPage(page);
    },
  },
  {
    name: 'unknown-node-readable-error',
    allowConsoleErrors: [/Failed to load resource: the server responded with a status of 404.*api\/v1\/(nodes|neighborhood)/],
    async run(page) {
      await page.goto(nodeHref('cn/no-such-law'));
      await waitForText(page, '.error-box', 'no-such-law');
      await page.goto(`graph.html?id=${encodeURIComponent('cn/no-such-law')}`);
      await waitForText(page, '#graph-error .error-box', 'no-such-law');
      await noBlankPage(page);
    },
  },
  {
    name: 'search-entity-card',
    // Issue 18 point 1: a name puts its page first as a card; an empty answer is said once.
    async run(page, { shot }) {
      await page.goto(`./?q=${encodeURIComponent('京东')}`);
      const card = page.locator('#suggestions .entity-card');
      await card.waitFor();
      const title = await card.locator('.entity-title').innerText();
      check(title.includes('京东') || title.includes('JD.com'), `the card is titled by JD.com's name (${title})`);
      check(await card.locator('.entity-title a[href="actor.html?id=jd-com"]').count() === 1, 'the card links to the actor page');
      await page.waitForFunction(() => document.querySelector('#results').getAttribute('aria-busy') === 'false' && document.querySelector('#status').textContent);
      await waitForText(page, '.entity-facts li', 'obligation');
      const text = await page.locator('main').innerText();
      check(!(text.includes('No results for') && text.includes('Nothing matched')), 'never both "No results for" and "Nothing matched"');
      check(!text.includes('Nothing matched'), `"Nothing matched" is gone (${text.slice(0, 200)})`);
      await shot('jd');
      // A law by its short Chinese name: its card comes first, its articles follow.
      await page.goto(`./?q=${encodeURIComponent('个人信息保护法')}`);
      await card.locator(`.entity-title a[href="${nodeHref('cn/pipl')}"]`).waitFor();
      check((await card.locator('.entity-title').innerText()).includes('个人信息保护法'), 'the card is titled 个人信息保护法');
      await card.locator(`a[href="obligations.html?instrument=${encodeURIComponent('cn/pipl')}"]`).waitFor();
      await page.locator('li.result').first().waitFor();
      const cardFirst = await page.evaluate(() => {
        const c = document.querySelector('.entity-card');
        const r = document.querySelector('li.result');
        return Boolean(c.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      check(cardFirst, 'the card comes before the results');
    },
  },
  {
    name: 'search-facets-in-words',
    // Issue 18 point 3: facet values are names, not ids; the actor facet says what it lists.
    async run(page) {
      // The names come with the search answer (facets' label_zh, label_en): no request per actor.
      const actorFetches = [];
      const onRequest = (rq) => { if (/\/api\/v1\/nodes\/actor(\/|%2F)/i.test(rq.url())) actorFetches.push(rq.url()); };
      page.on('request', onRequest);
      await page.goto(`./?q=${encodeURIComponent('算法推荐服务提供者')}&kind=article`);
      const facet = page.locator('section[aria-labelledby="facet-actor"]');
      await facet.waitFor();
      check((await facet.locator('h2').innerText()).toLowerCase().includes('who the obligations bind'), 'the actor facet of articles says whom obligations bind');
      await waitForText(page, 'section[aria-labelledby="facet-actor"] .facet-label', '算法推荐服务提供者');
      const labels = await facet.locator('.facet-label').allInnerTexts();
      check(!labels.some((l) => /^role-/.test(l.trim())), `no role-… ids among the facet values (${labels.join(' | ')})`);
      check(labels.some((l) => l.includes('algorithmic recommendation service providers')), `values carry the English name too (${labels.join(' | ')})`);
      check(labels.length >= 1 && actorFetches.length === 0, `${labels.length} actor values named by the search answer, no actor fetched (${actorFetches.join(' ')})`);
      page.off('request', onRequest);
      const kinds = await page.locator('section[aria-labelledby="facet-kind"] .facet-label').allInnerTexts();
      check(kinds.includes('Articles'), `kind values are words (${kinds.join(' | ')})`);
      // Selecting the actor: the chip names it too.
      await facet.locator('a.facet', { hasText: '算法推荐服务提供者' }).first().click();
      await waitForText(page, '#active-filters a.chip', '算法推荐服务提供者');
      // News: the same facet lists the companies mentioned.
      await page.goto(`./?q=${encodeURIComponent('generative AI')}&kind=news`);
      await page.locator('section[aria-labelledby="facet-actor"] h2', { hasText: 'Companies and bodies mentioned' }).waitFor();
      const companies = await page.locator('section[aria-labelledby="facet-actor"] .facet-label').allInnerTexts();
      check(companies.length > 0 && !companies.some((l) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(l.trim())), `companies by name, not id (${companies.join(' | ')})`);
      check(!(await page.locator('main').innerText()).toUpperCase().includes('BEARER (ACTOR)'), 'no "Bearer (actor)" label');
    },
  },
  {
    name: 'timeline-merged-rows-in-words',
    // Issue 18 point 3: readable event names, same-day events in one row, a legend for the dots.
    async run(page) {
      await page.goto(`timeline.html?id=${encodeURIComponent(GENAI)}`);
      await page.locator('.timeline-event').first().waitFor();
      const rows = page.locator('.timeline-event', { hasText: '2023-08-15' });
      const texts = (await rows.allInnerTexts()).filter((t) => !/news/i.test(t));
      check(texts.length === 1, `one row for the events of 2023-08-15 (${texts.join(' || ')})`);
      check(texts[0].includes('Takes effect'), `the merged row lists the kinds in words (${texts[0]})`);
      const kinds = (await rows.first().getAttribute('data-types')).split(' ');
      check(kinds.length >= 2, `the row stands for several events (${kinds.join(', ')})`);
      const all = await page.locator('main').innerText();
      for (const raw of ['facts.version.published', 'news.pattern', 'comment_deadline', 'general_application']) {
        check(!all.includes(raw), `no internal name ${raw} on the page`);
      }
      check(await page.locator('.dot-legend li').count() >= 2, 'a legend says what the dot colours mean');
      await waitForText(page, '.dot-legend', 'Takes effect');
      // The subject is picked by name: 网信办 (an alias) gives the CAC's timeline.
      await page.goto('timeline.html');
      await page.locator('#tl-id').click();
      await page.keyboard.type('网信办', { delay: 40 });
      await page.locator('#tl-id-options li.picker-option', { hasText: '国家互联网信息办公室' }).first().click();
      await page.locator('#timeline-form button[type=submit]').click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('id') === 'actor/cac');
      await page.locator('.timeline-event').first().waitFor();
    },
  },
  {
    name: 'article-heading-both-languages',
    // Issue 18 point 3: the article opens with its text under a bilingual heading; internals are folded.
    async run(page) {
      await page.goto(nodeHref(ART17));
      const h1 = page.locator('h1');
      await h1.waitFor();
      const heading = await h1.innerText();
      check(heading.includes('第十七条') && heading.includes('Article 17'), `the heading is in both languages (${heading})`);
      const details = page.locator('details.node-details');
      check(await details.count() === 1, 'a details toggle holds the internals');
      check(!(await details.evaluate((d) => d.open)), 'the toggle starts closed');
      check(!(await page.locator('dl.attributes', { hasText: 'ordinal' }).first().isVisible()), 'ordinal is not shown until asked for');
      const textFirst = await page.evaluate(() => {
        const t = document.querySelector('.text-section');
        const d = document.querySelector('details.node-details');
        return Boolean(t && d && (t.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING));
      });
      check(textFirst, 'the text comes before the details');
      await details.locator('summary').click();
      await waitForText(page, 'details.node-details', 'Provenance');
    },
  },
  {
    name: 'obligations-pickers',
    // Issue 18 point 4: pick the law and the bearer by name, in Chinese; instrument pages link here.
    async run(page, { shot }) {
      await page.goto('obligations.html');
      await page.locator('#f-instrument').click();
      await page.keyboard.type('个人信息保护法', { delay: 40 });
      const option = page.locator('#f-instrument-options li.picker-option', { hasText: '个人信息保护法' }).first();
      await option.waitFor();
      await shot('picker-open');
      await option.click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('instrument') === 'cn/pipl');
      await page.locator('table.data tbody tr').first().waitFor();
      await waitForText(page, '.status', 'Clauses 1–');
      check((await page.locator('#f-instrument').inputValue()).includes('个人信息保护法'), 'the box shows the law by name');
      await page.locator('#f-bearer').click();
      await page.keyboard.type('个人信息处理者', { delay: 40 });
      await page.locator('#f-bearer-options li.picker-option', { hasText: '个人信息处理者' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('bearer') === 'role-pi-processor');
      await page.waitForFunction(() => document.querySelector('main').getAttribute('aria-busy') === 'false');
      await page.locator('table.data tbody tr').first().waitFor();
      check(await page.locator('.error-box').count() === 0, 'no "Not found" error');
      const bearers = await page.locator('table.data tbody tr td:nth-child(2)').allInnerTexts();
      check(bearers.length > 0 && bearers.every((b) => b.includes('个人信息处理者')), `every clause binds 个人信息处理者 (${bearers.slice(0, 3).join(' | ')})`);
      // A name typed without picking is resolved on submit.
      await page.goto('obligations.html');
      await page.locator('#f-instrument').fill('数据安全法');
      await page.locator('#f-instrument').press('Escape');
      await page.locator('form.filter-form button[type=submit]').click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('instrument') === 'cn/data-security-law');
      // The instrument page links to its obligations.
      await page.goto(nodeHref('cn/pipl'));
      const link = page.locator(`a.obligations-link[href="obligations.html?instrument=${encodeURIComponent('cn/pipl')}"]`);
      await link.waitFor();
      await link.click();
      await page.locator('table.data tbody tr').first().waitFor();
    },
  },
  {
    name: 'graph-legible-paths',
    // Issue 18 points 4 and 5: the To box picks by name; a path is drawn thick without moving anything.
    async run(page, { shot }) {
      await page.goto(`graph.html?id=${encodeURIComponent(SEED)}`);
      await page.locator('#node-list button[data-id="actor/jd-com"]').waitFor();
      const positions = () => page.evaluate(() => {
        const cy = document.getElementById('cy')._cyreg.cy;
        return Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()]));
      });
      const before = await positions();
      await page.locator('#path-to').click();
      await page.keyboard.type('国家互联网信息办公室', { delay: 30 });
      const option = page.locator('#path-to-options li.picker-option', { hasText: '国家互联网信息办公室' }).first();
      await option.waitFor();
      await option.click();
      const toText = await page.locator('#path-to').inputValue();
      check(toText.includes('国家互联网信息办公室'), `the To box shows the CAC by name (${toText})`);
      await page.locator('#path-form button[type=submit]').click();
      await page.locator('#paths ol.path-list li').first().waitFor();
      const after = await positions();
      const moved = Object.keys(before).filter((id) => Math.hypot(before[id].x - after[id].x, before[id].y - after[id].y) > 0.5);
      check(moved.length === 0, `no node moved when the path was drawn (${moved.slice(0, 5).join(', ')})`);
      const style = await page.evaluate(() => {
        const cy = document.getElementById('cy')._cyreg.cy;
        const e = cy.edges('.on-path')[0];
        return { width: parseFloat(e.style('width')), color: e.style('line-color'), faded: cy.elements('.faded').length };
      });
      check(style.width >= 5, `path edges are thick (${style.width})`);
      check(style.faded > 0, 'the rest of the drawing is faded');
      // The node list: the colour dot on the same line as the name.
      const inline = await page.evaluate(() => {
        const b = document.querySelector('#node-list button[data-id="actor/jd-com"]');
        const dot = b.querySelector('.swatch').getBoundingClientRect();
        const name = b.lastElementChild.getBoundingClientRect();
        return Math.abs((dot.top + dot.bottom) / 2 - (name.top + name.bottom) / 2) < name.height / 2;
      });
      check(inline, 'the colour dot sits inline with the node name');
      check((await page.locator('h1').innerText()).includes('Graph'), 'the page has a heading');
      await shot('path');
    },
  },
  {
    name: 'diff-nav-and-jump-links',
    // Issue 18 point 7: a Diff link in every page's navigation; the diff page's summary links down.
    async run(page) {
      for (const url of ['./', 'obligations.html', 'graph.html', 'timeline.html', nodeHref(GENAI), 'actor.html?id=cac']) {
        await page.goto(url);
        check(await page.locator('nav.site-nav a[href="diff.html"]', { hasText: 'Diff' }).count() === 1, `${url} links to the diff page`);
      }
      await page.locator('nav.site-nav a[href="diff.html"]').click();
      await page.locator('h1', { hasText: 'Compare versions' }).waitFor();
      await page.locator('#diff-instrument').click();
      await page.keyboard.type('生成式人工智能', { delay: 30 });
      await page.locator('#diff-instrument-options li.picker-option').first().click();
      await page.waitForURL(/diff\.html\?instrument=/);
      await page.locator('.diff-summary').waitFor();
      const summary = await page.locator('.diff-summary').innerText();
      // The Measures' only other version is a draft known from facts, without text: not comparable.
      check(await page.locator('.diff-summary .warn').count() === 1, `the draft is said to be not comparable (${summary})`);
      check(!/Obligations|0 added|removed/.test(summary), `a "not comparable" diff prints no counts (${summary})`);
      // Two texts of the Internet café regulations (2019, 2022): a summary with jump links.
      await page.goto(`diff.html?instrument=${encodeURIComponent(NETBAR)}`);
      const jumps = page.locator('.diff-jumps');
      await jumps.waitFor();
      await page.locator('.diff-jumps a[href="#articles-h"]').waitFor();
      const modified = page.locator('.diff-jumps a', { hasText: 'Modified' });
      check(await modified.count() === 1, `the summary links to the modified articles (${await jumps.innerText()})`);
      const target = (await modified.getAttribute('href')).slice(1);
      check(await page.locator(`#${target}.diff-modified`).count() === 1, `the link leads to a modified article (#${target})`);
      const order = await page.evaluate(() => {
        const a = document.getElementById('articles-h');
        const o = document.getElementById('obl-h');
        return !o || Boolean(a.compareDocumentPosition(o) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      check(order, 'the articles come before the obligations');
      await modified.click();
      check(new URL(page.url()).hash === `#${target}`, 'the jump link moves to the article');
    },
  },
  {
    name: 'subscribe-to-feeds',
    // The feed opened in a tab is an XML document: Chromium asks for /favicon.ico (web/ has an SVG).
    allowConsoleErrors: [/favicon\.ico/],
    // Issue 18 point 6: search results, an instrument and an actor each show a visible
    // "Subscribe" link and a <link rel="alternate"> to their own Atom feed; following the link
    // gives a feed (parsed by Chromium's XML parser) with absolute links and what the page shows.
    async run(page, { shot }) {
      /** Finds the visible link, checks the head's alternate link, follows it, parses the feed. */
      async function follow(expectedQuery) {
        const link = page.locator('a.subscribe-link');
        await link.first().waitFor();
        check(await link.count() === 1, 'one subscribe link');
        check(await link.isVisible(), 'the subscribe link is visible');
        check((await link.innerText()).includes('Subscribe'), 'it says Subscribe');
        const href = await link.getAttribute('href');
        check(href === `feed.atom?${expectedQuery}`, `it points to the page's feed (${href})`);
        const alternate = await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
        check(alternate === href, `the head's alternate link is the same feed (${alternate})`);
        const url = await link.evaluate((a) => a.href); // absolute, as a feed reader takes it
        const res = await page.request.get(url);
        check(res.status() === 200, `the feed answers 200 (${res.status()})`);
        check(res.headers()['content-type'].startsWith('application/atom+xml'), 'served as Atom');
        const xml = await res.text();
        const feed = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          const NS = 'http://www.w3.org/2005/Atom';
          const root = doc.documentElement;
          return {
            error: doc.getElementsByTagName('parsererror').length > 0,
            root: root.localName,
            title: root.getElementsByTagNameNS(NS, 'title')[0]?.textContent || '',
            entries: [...root.getElementsByTagNameNS(NS, 'entry')].map((e) => ({
              id: e.getElementsByTagNameNS(NS, 'id')[0].textContent,
              title: e.getElementsByTagNameNS(NS, 'title')[0].textContent,
              href: e.getElementsByTagNameNS(NS, 'link')[0].getAttribute('href'),
              updated: e.getElementsByTagNameNS(NS, 'updated')[0].textContent,
            })),
          };
        }, xml);
        check(!feed.error && feed.root === 'feed', 'the feed is well-formed Atom');
        check(feed.entries.length > 0, 'the feed has entries');
        const origin = new URL(url).origin;
        for (const e of feed.entries) {
          check(e.href.startsWith(`${origin}/`), `entry links are absolute (${e.href})`);
          check(e.id.startsWith('tag:regkg,2026:'), `entry ids are tag: URIs (${e.id})`);
        }
        const dates = feed.entries.map((e) => e.updated);
        check(dates.every((d, i) => i === 0 || dates[i - 1] >= d), 'newest first');
        return feed;
      }

      await page.goto(`./?q=${encodeURIComponent('生成式人工智能')}`);
      await page.locator('li.result').first().waitFor();
      const search = await follow(`q=${encodeURIComponent('生成式人工智能')}`);
      check(search.title.includes('生成式人工智能'), `the search feed names the query (${search.title})`);
      await shot('search');

      await page.goto(nodeHref(GENAI));
      await page.locator('section.edges').waitFor();
      const instrument = await follow(`instrument=${encodeURIComponent(GENAI)}`);
      check(instrument.entries.some((e) => e.title.includes('takes effect 2023-08-15')), 'the instrument feed says when it takes effect');
      check(instrument.entries.every((e) => (e.title.match(/\d{4}-\d\d-\d\d/g) || []).length <= 1), 'no date twice in a title');
      await shot('instrument');

      await page.goto('actor.html?id=cac');
      await page.locator('section.actor-issued table').waitFor();
      const actor = await follow('actor=cac');
      check(actor.entries.some((e) => e.href.includes(encodeURIComponent(GENAI))), 'the CAC feed lists the measures it issued');
      await shot('actor');
      // Followed as a person would: a click opens the feed (Chromium shows Atom as an XML tree).
      await Promise.all([page.waitForURL(/feed\.atom\?actor=cac$/), page.locator('a.subscribe-link').click()]);
      check((await page.content()).includes('tag:regkg,2026:'), 'the clicked link shows the feed');
    },
  },
  {
    name: 'accessibility-axe',
    // axe-core (WCAG 2.1 A/AA and best practices) on every main page: any serious or critical
    // violation fails; every finding, whatever its impact, goes to <out>/axe-report.json.
    async run(page, { out, shot }) {
      const report = [];
      const serious = [];
      for (const [name, url, ready] of AXE_PAGES) {
        await page.goto(url);
        await page.locator(ready).first().waitFor();
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        const h1 = await page.locator('h1').count();
        if (h1 !== 1) serious.push(`${name}: ${h1} <h1> elements (one expected)`);
        const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        for (const v of result.violations) {
          const targets = v.nodes.map((n) => n.target.join(' '));
          report.push({ page: name, url, id: v.id, impact: v.impact, help: v.help, count: v.nodes.length, targets });
          if (AXE_FAIL.includes(v.impact)) serious.push(`${name}: ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ${targets.slice(0, 3).join(' | ')}`);
        }
        await shot(name);
      }
      if (out) fs.writeFileSync(path.join(out, 'axe-report.json'), `${JSON.stringify(report, null, 1)}\n`);
      const summary = report.map((r) => `${r.page}: ${r.id} ${r.impact} ×${r.count}`).join('\n  ');
      console.log(`  axe: ${report.length} finding(s) on ${AXE_PAGES.length} pages${summary ? `\n  ${summary}` : ''}`);
      check(serious.length === 0, `no serious or critical accessibility violations:\n  ${serious.join('\n  ')}`);
    },
  },
];
