// Lighthouse on the hosted page (release build, served gzipped on loopback): prints the four
// category scores.   node tests/bench/lighthouse.mjs DIST
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startServer } from '../e2e/support/harness.mjs';

process.env.ASK_EXPERT_DIST = process.argv[2];
const server = await startServer({ gzip: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const result = await lighthouse(server.url('/'), {
    port: chrome.port, output: 'json', logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
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
