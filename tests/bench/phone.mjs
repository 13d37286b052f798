// What a visitor on a phone waits for: Lighthouse's mobile profile (Slow 4G: 150 ms round
// trip, 1.6 Mbit/s down, 750 kbit/s up; CPU slowed 4×), a 412 × 823 window, a cold cache,
// every file served gzip-compressed as static hosts and CDNs do (ranges as they are). Each
// load is two visits: one types a search as soon as the first results show, one once the
// page is ready (what search itself costs); on the desktop, the second also times each
// keystroke and reads the memory the page holds. Prints a table; asserts nothing.
//   node tests/bench/phone.mjs [--desktop] LABEL=DIR …
// Each DIR is a release build holding an archive, built or not; LABEL names its row.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sendRange } from '../../scripts/byte-range.mjs';
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

/** A static server for one folder, gzip on every file (compressed once, then kept), ranges as they are. */
async function serve(dir) {
  const compressed = new Map();
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const relative = normalize(path.endsWith('/') ? `${path}index.html` : path).replace(/^\/+/, '');
    const file = join(dir, relative);
    try {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (request.headers.range) {
        sendRange(request, response, await readFile(file), { 'content-type': type, 'cache-control': 'no-store' });
        return;
      }
      if (!compressed.has(file)) compressed.set(file, gzipSync(await readFile(file)));
      response.writeHead(200, {
        'content-type': type,
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
  // Main-thread tasks over 50 ms (input waits behind them), from the start; and the wasm
  // memories the bundles instantiate, for what the page holds.
  await page.addInitScript(() => {
    window.wasmMemories = [];
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = async (...args) => {
        const result = await original.apply(WebAssembly, args);
        const memory = (result.instance ?? result).exports?.memory;
        if (memory) window.wasmMemories.push(memory);
        return result;
      };
    }
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

/**
 * A visitor taps the search box and types QUERY; the time is from the last key to its
 * results, with the bytes fetched meanwhile and the longest main-thread task so far.
 */
async function search(page, fetched) {
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
  } catch {
    return { ms: Infinity, bytes: fetched.bytes - before.bytes };
  }
  const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
  return { ms: Date.now() - typed, bytes: fetched.bytes - before.bytes, longest };
}

// Runs in the page: resolves when the whole app has taken the first screen's place and the
// boxes work, with the time from the start of navigation.
const boxesWork = () => new Promise((done) => {
  const check = () => {
    const root = document.querySelector('[data-ask-expert]')?.shadowRoot;
    if (root?.querySelector('input[type=checkbox]:enabled')) done(performance.now());
    else setTimeout(check, 50);
  };
  check();
});

/** The wasm memories and the JavaScript heap the page holds, in bytes. */
async function memoryHeld(page, context) {
  const wasm = await page.evaluate(() => window.wasmMemories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return wasm + metrics.find((metric) => metric.name === 'JSHeapTotalSize').value;
}

const median = (values, key = (value) => value) =>
  values.length ? [...values].sort((a, b) => key(a) - key(b))[Math.floor(values.length / 2)] : null;
const show = (ms) => (Number.isFinite(ms) ? seconds(ms) : 'not within 120 s');

const browser = await launchBrowser();
console.log(`${desktop ? 'Desktop, loopback' : 'Phone profile (Slow 4G, CPU ×4)'}, gzip, cold cache; median of ${LOADS} loads`);
console.log(`"at once": "${QUERY}" typed as soon as the first results show; "once ready": typed once the boxes work.`);
console.log(`| archive | first results | bytes before first results | files | boxes work | typed at once → results | bytes for it | typed once ready → results | bytes for it | longest task | then each keystroke, median / worst | memory held |`);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { label, dir } of sites) {
  const server = await serve(dir);
  const loads = [];
  const atOnce = [];
  const onceReady = [];
  for (let load = 0; load < LOADS; load += 1) {
    // A visitor who types as soon as the first results show.
    {
      const { page, context, fetched } = await phonePage(browser);
      const started = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      try {
        await page.waitForFunction(firstResults, null, { timeout: 120_000, polling: 50 });
      } catch {
        loads.push({ ms: Infinity, bytes: fetched.bytes, files: fetched.files, wholeApp: Infinity });
        await context.close();
        continue;
      }
      const firstShown = Date.now() - started;
      const wholeApp = page.evaluate(boxesWork).catch(() => Infinity);
      loads.push({ ms: firstShown, bytes: fetched.bytes, files: fetched.files });
      atOnce.push(await search(page, fetched));
      loads.at(-1).wholeApp = await Promise.race([wholeApp, new Promise((done) => setTimeout(() => done(Infinity), 60_000))]);
      await context.close();
    }
    // A visitor who starts once the page is ready: what search itself costs.
    {
      const { page, context, fetched } = await phonePage(browser);
      await page.goto(server.url, { waitUntil: 'commit' });
      try {
        await page.waitForFunction(boxesWork, null, { timeout: 120_000 });
        const result = await search(page, fetched);
        if (desktop && Number.isFinite(result.ms)) {
          result.keystrokes = await keystrokes(page);
          result.memory = await memoryHeld(page, context);
        }
        onceReady.push(result);
      } catch {
        onceReady.push({ ms: Infinity, bytes: 0 });
      }
      await context.close();
    }
  }
  const load = median(loads, (each) => each.ms);
  const ready = median(loads.map((each) => each.wholeApp ?? Infinity));
  const first = median(atOnce, (each) => each.ms);
  const later = median(onceReady, (each) => each.ms);
  const longest = Math.max(first?.longest ?? 0, later?.longest ?? 0);
  console.log(`| ${label} | ${show(load.ms)} | ${megabytes(load.bytes)} | ${load.files} | ${show(ready)} | ${first ? show(first.ms) : '–'} | ${first ? megabytes(first.bytes) : '–'} | ${later ? show(later.ms) : '–'} | ${later ? megabytes(later.bytes) : '–'} | ${longest ? `${Math.round(longest)} ms` : '–'} | ${later?.keystrokes ? `${later.keystrokes.median.toFixed(1)} / ${Math.round(later.keystrokes.worst)} ms` : '–'} | ${later?.memory ? megabytes(later.memory) : '–'} |`);
  await server.close();
}
await browser.close();
