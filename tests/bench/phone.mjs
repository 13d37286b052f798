// What a visitor on a phone waits for: Lighthouse's mobile profile (Slow 4G: 150 ms round
// trip, 1.6 Mbit/s down, 750 kbit/s up; CPU slowed 4×), a 412 × 823 window, a cold cache,
// every file served gzip-compressed as static hosts and CDNs do. Prints a table; asserts
// nothing.
//   node tests/bench/phone.mjs [--desktop] LABEL=DIR …
// Each DIR is a release build holding an archive, built or not; LABEL names its row.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/support/harness.mjs';

const args = process.argv.slice(2);
const desktop = args.includes('--desktop');
const sites = args.filter((arg) => arg.includes('=')).map((arg) => {
  const [label, dir] = arg.split('=');
  return { label, dir };
});
const LOADS = 3;
const QUERY = 'back pain';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream', '.xml': 'application/xml',
};

/** A static server for one folder, gzip on every file (compressed once, then kept). */
async function serve(dir) {
  const compressed = new Map();
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const relative = normalize(path.endsWith('/') ? `${path}index.html` : path).replace(/^\/+/, '');
    const file = join(dir, relative);
    try {
      if (!compressed.has(file)) compressed.set(file, gzipSync(await readFile(file)));
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-encoding': 'gzip',
        'cache-control': 'no-store',
      });
      response.end(compressed.get(file));
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}

/** A page under the profile, counting the bytes that arrive over the network. */
async function phonePage(browser) {
  const context = await browser.newContext(desktop
    ? { viewport: { width: 1280, height: 900 } }
    : { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (!desktop) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  // Main-thread tasks over 50 ms (input waits behind them), from the start.
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const fetched = { bytes: 0, files: 0 };
  cdp.on('Network.loadingFinished', (event) => {
    fetched.bytes += event.encodedDataLength;
    fetched.files += 1;
  });
  return { page, context, fetched };
}

// Runs in the page: the widget's count line, and whether a result card is on screen.
const countText = () =>
  document.querySelector('[data-ask-expert]')?.shadowRoot
    ?.querySelector('[id$="results-count"], .ae-count')?.textContent?.trim() ?? '';
const firstResults = () => {
  const root = document.querySelector('[data-ask-expert]')?.shadowRoot;
  const count = root?.querySelector('[id$="results-count"], .ae-count')?.textContent ?? '';
  return /^\d[\d,]* questions?$/.test(count.trim()) && !!root.querySelector('article h2, article h3, li h3');
};

/**
 * Once the search works (desktop only; on the phone profile the pieces each keystroke
 * fetches dominate): each keystroke of a few queries typed afresh, from the input to
 * the changed results painted (the pieces each needs fetched first). Median and worst, ms.
 */
async function keystrokes(page) {
  const timings = await page.evaluate(async (typed) => {
    const root = document.querySelector('[data-ask-expert]').shadowRoot;
    const input = root.querySelector('input[type=search]');
    const snapshot = () => `${root.querySelector('[id$="results-count"]')?.textContent}|${root.querySelector('article h2')?.textContent}`;
    const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    const type = (value) => { input.value = value; input.dispatchEvent(new Event('input', { bubbles: true })); };
    const found = [];
    for (const query of typed) {
      for (let length = 1; length <= query.length; length += 1) {
        const before = snapshot();
        const started = performance.now();
        type(query.slice(0, length));
        while (snapshot() === before && performance.now() - started < 5_000) {
          await new Promise((done) => setTimeout(done, 0));
        }
        await painted();
        if (snapshot() !== before) found.push(performance.now() - started);
      }
      type('');
      await new Promise((done) => setTimeout(done, 300));
    }
    return found;
  }, ['acupuncture', 'migraine', 'sleep']);
  const sorted = timings.sort((a, b) => a - b);
  return sorted.length ? { median: sorted[Math.floor(sorted.length / 2)], worst: sorted.at(-1) } : null;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(0)} kB`);

const browser = await launchBrowser();
console.log(`${desktop ? 'Desktop, loopback' : 'Phone profile (Slow 4G, CPU ×4)'}, gzip, cold cache; median of ${LOADS} loads`);
console.log(`| archive | first results | bytes before first results | files | boxes work | typed "${QUERY}" → results | bytes for the search | longest task | then each keystroke, median / worst |`);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { label, dir } of sites) {
  const server = await serve(dir);
  const loads = [];
  const searches = [];
  for (let load = 0; load < LOADS; load += 1) {
    const { page, context, fetched } = await phonePage(browser);
    const started = Date.now();
    await page.goto(server.url, { waitUntil: 'commit' });
    let firstShown;
    try {
      await page.waitForFunction(firstResults, null, { timeout: 120_000, polling: 50 });
      firstShown = Date.now() - started;
    } catch {
      loads.push({ ms: Infinity, bytes: fetched.bytes, files: fetched.files });
      await context.close();
      continue;
    }
    // When the whole app has taken the first screen's place and the boxes work (from the
    // start of navigation), while the visitor goes on below.
    const wholeApp = page.evaluate(() => new Promise((done) => {
      const check = () => {
        const root = document.querySelector('[data-ask-expert]')?.shadowRoot;
        if (root?.querySelector('input[type=checkbox]:enabled')) done(performance.now());
        else setTimeout(check, 50);
      };
      check();
    })).catch(() => Infinity);
    loads.push({ ms: firstShown, bytes: fetched.bytes, files: fetched.files, wholeApp });
    // A visitor taps the box and types; the time is from the last key to its results.
    const before = { ...fetched };
    // The count before the search: read after typing, it may already be the results'.
    const total = await page.evaluate(countText);
    const box = page.getByRole('searchbox').first();
    await box.click();
    await box.pressSequentially(QUERY, { delay: 120 });
    const typed = Date.now();
    try {
      await page.waitForFunction(
        ([shownBefore]) => {
          const root = document.querySelector('[data-ask-expert]')?.shadowRoot;
          const count = root?.querySelector('[id$="results-count"], .ae-count')?.textContent?.trim() ?? '';
          const busy = /Searching|Preparing|Loading/.test(root?.textContent ?? '');
          return count !== shownBefore && /question|No /.test(count) && !busy;
        },
        [total],
        { timeout: 120_000, polling: 50 },
      );
      const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
      searches.push({ ms: Date.now() - typed, bytes: fetched.bytes - before.bytes, longest, keystrokes: desktop ? await keystrokes(page) : null });
    } catch {
      searches.push({ ms: Infinity, bytes: fetched.bytes - before.bytes });
    }
    loads.at(-1).wholeApp = await Promise.race([loads.at(-1).wholeApp, new Promise((done) => setTimeout(() => done(Infinity), 60_000))]);
    await context.close();
  }
  const load = loads.sort((a, b) => a.ms - b.ms)[Math.floor(loads.length / 2)];
  const search = searches.length ? searches.sort((a, b) => a.ms - b.ms)[Math.floor(searches.length / 2)] : null;
  const show = (ms) => (Number.isFinite(ms) ? seconds(ms) : 'not within 120 s');
  const ready = loads.map((each) => each.wholeApp ?? Infinity).sort((a, b) => a - b)[Math.floor(loads.length / 2)];
  console.log(`| ${label} | ${show(load.ms)} | ${megabytes(load.bytes)} | ${load.files} | ${show(ready)} | ${search ? show(search.ms) : '–'} | ${search ? megabytes(search.bytes) : '–'} | ${search?.longest ? `${Math.round(search.longest)} ms` : '–'} | ${search?.keystrokes ? `${search.keystrokes.median.toFixed(1)} / ${Math.round(search.keystrokes.worst)} ms` : '–'} |`);
  await server.close();
}
await browser.close();
