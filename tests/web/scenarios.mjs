// The browser scenarios of issue 6, run by run.mjs against the real server. Each scenario gets a
// fresh page and throws on the first failed check; run.mjs adds the console-error check and the
// screenshot. Assertions are on content (titles, links, counts), not on layout.

const ART17 = 'cn/generative-ai-measures@2023-07-10/art-17';
const GENAI = 'cn/generative-ai-measures';
const ALGO = 'cn/algorithmic-recommendation-provisions';
const SEED = 'news/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only';
// Chromium logs every 4xx fetch as a console error; only the bad-query scenario expects one.
const EXPECTED_400 = /Failed to load resource: the server responded with a status of 400.*api\/v1\/search/;

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
];
