// Browser benchmark: what a visitor waits for, in headless Chromium against the release
// build, for generated archives of several sizes. Prints numbers; asserts nothing.
//   node tests/bench/browser.mjs DIST ARCHIVE_1000.json ARCHIVE_10000.json …
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { launchBrowser, newPage, respond, startServer } from '../e2e/support/harness.mjs';

const [dist, ...archives] = process.argv.slice(2);
process.env.ASK_EXPERT_DIST = dist;

// Queries typed letter by letter; every keystroke is one measurement.
const TYPED = ['acupuncture', 'back pain', 'scoliosys', 'needles', 'sleep', 'migraine', 'hay fever'];
const LOADS = 3;

const median = (values) => percentile(values, 50);
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (value) => value.toFixed(1).padStart(8);

// Runs in the page: helpers that reach into the widget's shadow root and time until the
// results changed and the browser painted them.
function installProbe() {
  window.probe = {
    root: () => document.querySelector('[data-ask-expert]')?.shadowRoot,
    count: () => window.probe.root()?.querySelector('.ae-count')?.textContent ?? '',
    painted: () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))),
    /**
     * Does `action`, then waits for the count or the first result to change and for the
     * browser to paint it. Polls with message tasks, which browsers don't throttle the
     * way they clamp nested timers. Returns null when nothing changed within a second
     * (a keystroke that leaves the results as they were).
     */
    async time(action) {
      const root = window.probe.root();
      const snapshot = () => `${window.probe.count()}|${root.querySelector('.ae-results')?.textContent.slice(0, 400)}`;
      const nextTask = () => new Promise((done) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done();
        channel.port2.postMessage(null);
      });
      const before = snapshot();
      const started = performance.now();
      action();
      while (snapshot() === before) {
        if (performance.now() - started > 1_000) return null;
        await nextTask();
      }
      await window.probe.painted();
      return performance.now() - started;
    },
  };
}

const server = await startServer();
const browser = await launchBrowser();
console.log('| questions | archive (gzip) | load → first results (median of 3) | search ready after that | keystroke → results median | p95 | keystrokes timed | box click → results median | max |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const file of archives) {
  const body = await readFile(file);
  const questions = Number(basename(file).match(/(\d+)/)[1]);
  server.route('/archive.json', (_request, response) => respond(response, 200, 'application/json', body));
  const loads = [];
  let page;
  for (let load = 0; load < LOADS; load += 1) {
    page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.addInitScript(installProbe);
    await page.goto(server.url('/'));
    await page.waitForFunction(() => /^\d[\d,]* questions?$/.test(window.probe?.count()), null, { timeout: 120_000, polling: 'raf' });
    loads.push(await page.evaluate(() => performance.now()));
    if (load < LOADS - 1) await page.close();
  }
  // The index builds after the first results show; searching waits for it.
  const indexReady = await page.evaluate(async () => {
    const input = window.probe.root().querySelector('input[type=search]');
    const started = performance.now();
    input.value = 'acupuncture';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    while (!/^\d[\d,]* questions?$|^No/.test(window.probe.count()) || window.probe.root().querySelector('.ae-search__notes')?.textContent.includes('Preparing')) {
      await new Promise((done) => setTimeout(done, 5));
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await window.probe.painted();
    return performance.now() - started;
  });
  const keystrokes = await page.evaluate(async (typed) => {
    const input = window.probe.root().querySelector('input[type=search]');
    const timings = [];
    for (const query of typed) {
      for (let length = 1; length <= query.length; length += 1) {
        timings.push(await window.probe.time(() => {
          input.value = query.slice(0, length);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }));
      }
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((done) => setTimeout(done, 50));
    }
    return timings.filter((timing) => timing !== null);
  }, TYPED);
  const clicks = await page.evaluate(async () => {
    const boxes = [...window.probe.root().querySelectorAll('input[type=checkbox].ae-box__input')].slice(0, 8);
    const timings = [];
    for (const box of [...boxes, ...boxes]) timings.push(await window.probe.time(() => box.click()));
    return timings.filter((timing) => timing !== null);
  });
  const gzipped = (await import('node:zlib')).gzipSync(body).length;
  console.log(`| ${questions.toLocaleString('en-GB')} | ${(gzipped / 1e6).toFixed(2)} MB | ${ms(median(loads))} ms | ${ms(indexReady)} ms | ${ms(median(keystrokes))} ms | ${ms(percentile(keystrokes, 95))} ms | ${keystrokes.length} | ${ms(median(clicks))} ms | ${ms(Math.max(...clicks))} ms |`);
  await page.close();
}
// One question whose answer is 64 KB: the time from Read more to the whole answer on screen.
{
  const paragraph = 'Acupuncture is *often* used for **chronic** back pain; see [our factsheet](https://example.org/back).\n\n';
  const long = paragraph.repeat(Math.ceil(65_536 / paragraph.length)).slice(0, 65_536);
  const single = { schema: 'ask-expert-archive/1', questions: [{ id: 'long', question: 'A question with a very long answer?', answers: [{ body: long }], asked: '2020-01-01' }] };
  server.route('/archive.json', (_request, response) => respond(response, 200, 'application/json', JSON.stringify(single)));
  const page = await newPage(browser);
  await page.addInitScript(installProbe);
  await page.goto(server.url('/'));
  await page.waitForFunction(() => /^1 question$/.test(window.probe?.count()), null, { polling: 'raf' });
  const timings = [];
  for (let run = 0; run < 5; run += 1) {
    timings.push(await page.evaluate(async () => {
      const button = [...window.probe.root().querySelectorAll('button')].find((b) => /Read more|Show less/.test(b.textContent));
      const started = performance.now();
      button.click();
      await window.probe.painted();
      return performance.now() - started;
    }));
  }
  console.log(`\n64 KB answer, Read more/Show less → painted: median ${median(timings).toFixed(1)} ms, max ${Math.max(...timings).toFixed(1)} ms`);
  await page.close();
}
await browser.close();
await server.close();
