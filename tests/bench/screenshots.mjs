// Screenshots of the hosted page for the README:   node tests/bench/screenshots.mjs DIST OUT_DIR
import { launchBrowser, newPage, startServer, waitForText } from '../e2e/support/harness.mjs';

const [dist, out] = process.argv.slice(2);
process.env.ASK_EXPERT_DIST = dist;
const server = await startServer();
const browser = await launchBrowser();
for (const [width, height] of [[375, 812], [768, 1024], [1280, 900]]) {
  const page = await newPage(browser, { viewport: { width, height } });
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), 'questions');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/hosted-${width}.png` });
  await page.close();
}
await browser.close();
await server.close();
