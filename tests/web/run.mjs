// Browser tests of the regkg web UI in real Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): ingests a small real subset of the corpus with the real `regkg` binary, serves
// it on an ephemeral loopback port, runs the scenarios of issue 6, saves a screenshot of every
// page, and fails on any failed check, uncaught JavaScript error or unexpected console error.
// The accessibility scenario also writes axe-core's findings to <out>/axe-report.json.
//
// Usage: node tests/web/run.mjs --regkg build/cli/regkg --corpus ../shared/corpus
//                               [--web web] [--out build/web-artifacts] [--only NAME]
// Chromium missing is a failure, never a skip. Exit status 0 only when every scenario passed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { scenarios } from './scenarios.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function parseArgs(argv) {
  const args = { web: path.join(repo, 'web'), out: path.join(repo, 'build', 'web-artifacts'), only: '' };
  for (let i = 2; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    args[key] = argv[++i];
  }
  if (process.env.REGKG_CORPUS) args.corpus = process.env.REGKG_CORPUS; // as for the doctest suites
  if (!args.regkg || !args.corpus) {
    console.error('usage: node tests/web/run.mjs --regkg PATH --corpus DIR [--web DIR] [--out DIR] [--only NAME]');
    process.exit(2);
  }
  return args;
}

// The subset: the seed news item and the Reuters item it rewrites, the Generative AI Measures
// (Compass) with the four laws its Article 1 names, the Algorithmic Recommendation Provisions its
// Article 17 cites, the Compass instrument and relation tables, and two versions of the Internet
// café regulations (a diff between texts). The CAC and JD.com come from
// the project's actor dictionary (corpus/dictionaries), which ingest always reads.
const CORPUS_FILES = [
  'statutes-zh/行政法/数据安全法(2021-06-10).md',
  'statutes-zh/行政法/个人信息保护法(2021-08-20).md',
  'statutes-zh/行政法/网络安全法(2016-11-07).md',
  'statutes-zh/行政法/科学技术进步法(2021-12-24).md',
  'statutes-zh/行政法规/互联网信息服务算法推荐管理规定(2021-11-16).md',
  'statutes-zh/行政法规/互联网上网服务营业场所管理条例(2019-03-24).md',
  'statutes-zh/行政法规/互联网上网服务营业场所管理条例(2022-03-29).md',
  'compass/instruments.json',
  'compass/jurisdictions.json',
  'compass/relations.json',
  'compass/cn-generative-ai-measures-articles.json',
  'news/seed/2024-01-08-chinas-generative-ai-rules-target-public-facing-products-only.md',
  'news/feed/2023-07-14-china-says-generative-ai-rules-to-apply-only-to-products-for-the-public.md',
];

function makeCorpus(corpus, root) {
  for (const rel of CORPUS_FILES) {
    const source = path.join(corpus, rel);
    if (!fs.existsSync(source)) throw new Error(`corpus file missing: ${source}`);
    const link = path.join(root, rel);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(source, link);
  }
}

function ingest(regkg, corpusDir, dataDir) {
  const r = spawnSync(regkg, ['ingest', '--corpus', corpusDir, '--data', dataDir, '--threads', '2'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`regkg ingest failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Start `regkg serve --port 0` and resolve with {proc, base} once it prints its address. */
function serve(regkg, dataDir, webDir) {
  return new Promise((resolve, reject) => {
    const proc = spawn(regkg, ['serve', '--data', dataDir, '--port', '0', '--web', webDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`regkg serve did not start in 30 s:\n${out}\n${err}`)), 30000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, base: `${m[1]}/` }); }
    });
    proc.stderr.on('data', (chunk) => { err += chunk; });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`regkg serve exited (${code}):\n${out}\n${err}`)); });
  });
}

const CHROMIUM = process.env.REGKG_CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function main() {
  const args = parseArgs(process.argv);
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`FAIL: no Chromium at ${CHROMIUM}; install the Debian package (scripts/setup.sh installs chromium and fonts-wqy-microhei)`);
    process.exit(1);
  }
  const regkg = path.resolve(args.regkg);
  fs.mkdirSync(args.out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'regkg-web-'));
  let server = null;
  let context = null;
  const started = Date.now();
  let failures = 0;
  try {
    const corpusDir = path.join(tmp, 'corpus');
    makeCorpus(path.resolve(args.corpus), corpusDir);
    ingest(regkg, corpusDir, path.join(tmp, 'data'));
    const ingested = Date.now();
    server = await serve(regkg, path.join(tmp, 'data'), path.resolve(args.web));
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, viewport: { width: 1280, height: 900 },
      baseURL: server.base, locale: 'en-GB',
    });
    context.setDefaultTimeout(20000);
    console.log(`ingest ${((ingested - started) / 1000).toFixed(1)} s; server at ${server.base}`);
    for (const scenario of scenarios) {
      if (args.only && !scenario.name.includes(args.only)) continue;
      const t0 = Date.now();
      const page = await context.newPage();
      const problems = [];
      const allowed = scenario.allowConsoleErrors || [];
      page.on('pageerror', (e) => problems.push(`uncaught JavaScript error: ${e.message}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const where = msg.location() && msg.location().url ? ` (${msg.location().url})` : '';
        const text = `${msg.text()}${where}`;
        if (!allowed.some((re) => re.test(text))) problems.push(`console error: ${text}`);
      });
      let error = null;
      try {
        // Scenarios may save extra screenshots of pages they pass through.
        const shotOf = (name) => page.screenshot({ path: path.join(args.out, `${scenario.name}-${name}.png`), fullPage: true });
        await scenario.run(page, { base: server.base, shot: shotOf, out: args.out });
      } catch (e) {
        error = e;
      }
      const shot = path.join(args.out, `${scenario.name}.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      await page.close();
      const ms = Date.now() - t0;
      if (error || problems.length) {
        failures++;
        console.log(`FAIL ${scenario.name} (${ms} ms) screenshot ${shot}`);
        if (error) console.log(`  ${String(error.stack || error).split('\n').slice(0, 6).join('\n  ')}`);
        for (const p of problems) console.log(`  ${p}`);
      } else {
        console.log(`ok   ${scenario.name} (${ms} ms)`);
      }
    }
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) { server.proc.removeAllListeners('exit'); server.proc.kill('SIGTERM'); }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`${failures ? 'FAILED' : 'passed'}: ${failures} failing scenario(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${args.out}`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
