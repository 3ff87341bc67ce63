// Page load times of the web UI in real Chromium (playwright-core from tests/web/node_modules)
// against a running `regkg serve`: for each page, the time from navigation to its content being
// complete (not just the first paint), first load (server cache cold) and the median of the next
// runs. Usage: node bench/web_page_load.mjs --base http://127.0.0.1:8080/ [--runs 5]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(new URL('../tests/web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const args = { base: 'http://127.0.0.1:8080/', runs: '5' };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const runs = Math.max(2, Number(args.runs) || 5);
const enc = encodeURIComponent;

// [name, url, a function run in the page that is true once the content is complete]
const PAGES = [
  ['search 安全评估', `./?q=${enc('安全评估')}`, () => document.querySelector('li.result') && document.querySelector('#results').getAttribute('aria-busy') === 'false'],
  ['article (GenAI Art. 17) with clauses, citations, versions', `node.html?id=${enc('cn/generative-ai-measures@2023-07-10/art-17')}`,
    () => document.querySelector('.clause') && document.querySelector('section.citations li') && document.querySelector('nav.versions-nav:not([hidden])') && document.querySelector('nav.chapter-nav:not([hidden])')],
  ['article (PIPL Art. 38)', `node.html?id=${enc('cn/pipl@2021-08-20/art-38')}`, () => document.querySelector('.clause') && document.querySelector('nav.versions-nav:not([hidden])')],
  ['instrument (GenAI Measures)', `node.html?id=${enc('cn/generative-ai-measures')}`, () => document.querySelector('section.contents li')],
  ['actor (CAC)', 'actor.html?id=cac', () => document.querySelector('section.actor-issued table') && document.querySelector('section.actor-obligations tbody tr')],
  ['graph (GenAI Measures)', `graph.html?id=${enc('cn/generative-ai-measures')}`, () => document.querySelectorAll('#node-list li').length > 5],
  ['graph (seed news)', `graph.html?id=${enc('news/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only')}`, () => document.querySelectorAll('#node-list li').length > 5],
  ['timeline (GenAI Measures)', `timeline.html?id=${enc('cn/generative-ai-measures')}`, () => document.querySelector('.timeline-event')],
  ['timeline (actor CAC)', `timeline.html?id=${enc('actor/cac')}`, () => document.querySelector('.timeline-event')],
  ['timeline (query 算法推荐)', `timeline.html?q=${enc('算法推荐')}`, () => document.querySelector('.timeline-event')],
];

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.REGKG_CHROMIUM || '/usr/bin/chromium', headless: true, baseURL: args.base,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
console.log('| page | first load (ms) | median of next ' + (runs - 1) + ' (ms) |\n|---|---:|---:|');
for (const [name, url, ready] of PAGES) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(ready, null, { timeout: 30000, polling: 10 });
    times.push(Date.now() - t0);
    await page.close();
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  console.log(`| ${name} | ${times[0]} | ${rest[Math.floor(rest.length / 2)]} |`);
}
await context.close();
fs.rmSync(profile, { recursive: true, force: true });
