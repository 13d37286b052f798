// One Lighthouse audit, as both quality scripts run it: desktop, loopback, no throttling;
// prints each category's score and the binary audits below par.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

export async function audit(url, categories) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories,
    }, {
      extends: 'lighthouse:default',
      settings: {
        formFactor: 'desktop',
        screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
        throttlingMethod: 'provided',
      },
    });
    for (const category of Object.values(result.lhr.categories)) {
      console.log(`${category.title.padEnd(16)} ${Math.round(category.score * 100)}`);
    }
    const failing = Object.values(result.lhr.audits).filter((audit) =>
      audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary');
    for (const audit of failing) console.log(`  below par: ${audit.id}: ${audit.title}`);
  } finally {
    await chrome.kill();
  }
}
