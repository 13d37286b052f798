// Lighthouse's SEO (and accessibility) score for a static question page: builds the pages of
// the demo archive into DIST with the local server's address as the base URL, then audits
// the first question's page.   node tests/bench/lighthouse-pages.mjs DIST
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { ROOT, startServer } from '../e2e/support/harness.mjs';

const DIST = process.argv[2];
const BINARY = process.env.ASK_EXPERT_ARCHIVE ?? join(ROOT, 'target', 'debug', 'ask-expert-archive');
process.env.ASK_EXPERT_DIST = DIST;
const server = await startServer({ gzip: true });
await promisify(execFile)(BINARY, ['build', join(ROOT, 'public', 'archive.json'), '--out', DIST, '--base-url', server.url('/')]);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const result = await lighthouse(server.url('/questions/q-000001.html'), {
    port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['seo', 'accessibility'],
  }, {
    extends: 'lighthouse:default',
    settings: { formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }, throttlingMethod: 'provided' },
  });
  for (const category of Object.values(result.lhr.categories)) {
    console.log(`${category.title.padEnd(16)} ${Math.round(category.score * 100)}`);
  }
  const failing = Object.values(result.lhr.audits).filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary');
  for (const audit of failing) console.log(`  below par: ${audit.id}: ${audit.title}`);
} finally {
  await chrome.kill();
  await server.close();
}
