// Checks that web/vendor/cytoscape.esm.min.js is the file of the cytoscape version pinned in
// tests/web/package-lock.json, byte for byte, and that web/vendor/README.md names that version.
// Usage: node tests/web/check_vendor.mjs   (after `npm ci` in tests/web). Exit 1 on any mismatch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const problems = [];
const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
const locked = lock.packages && lock.packages['node_modules/cytoscape'] ? lock.packages['node_modules/cytoscape'].version : null;
const pinned = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).dependencies.cytoscape;
if (!locked) problems.push('package-lock.json has no node_modules/cytoscape entry');
if (pinned !== locked) problems.push(`package.json pins cytoscape ${pinned}, the lock has ${locked}`);
const vendored = fs.readFileSync(path.join(repo, 'web', 'vendor', 'cytoscape.esm.min.js'));
const m = /\.version="([^"]+)"/.exec(vendored.toString('latin1'));
if (!m || m[1] !== locked) problems.push(`web/vendor/cytoscape.esm.min.js is version ${m ? m[1] : 'unknown'}, the lock has ${locked}`);
const readme = fs.readFileSync(path.join(repo, 'web', 'vendor', 'README.md'), 'utf8');
if (!readme.includes(`| ${locked} |`)) problems.push(`web/vendor/README.md does not name version ${locked}`);
if (!fs.existsSync(path.join(repo, 'web', 'vendor', 'cytoscape.LICENSE'))) problems.push('web/vendor/cytoscape.LICENSE is missing');
const installed = path.join(here, 'node_modules', 'cytoscape', 'dist', 'cytoscape.esm.min.mjs');
if (!fs.existsSync(installed)) problems.push(`${installed} is missing: run npm ci in tests/web (scripts/test.sh does)`);
else if (!fs.readFileSync(installed).equals(vendored)) problems.push('web/vendor/cytoscape.esm.min.js differs from the locked package\'s dist/cytoscape.esm.min.mjs');
for (const p of problems) console.error(`FAIL: ${p}`);
if (!problems.length) console.log(`ok: web/vendor/cytoscape.esm.min.js is cytoscape ${locked} as locked`);
process.exit(problems.length ? 1 : 0);
