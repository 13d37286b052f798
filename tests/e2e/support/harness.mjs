// What every end-to-end test needs: a local static server for the built app whose routes a
// test can replace (to serve a damaged archive, an error, a stall), and headless Chromium.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { sendRange } from '../../../scripts/byte-range.mjs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** The built app to serve; read when serving, so a script may set it after importing this. */
/** The built app the tests serve. */
export const dist = () => resolve(process.env.ASK_EXPERT_DIST ?? join(ROOT, 'dist'));

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The demo archive as shipped, parsed. */
export async function demoArchive() {
  return JSON.parse(await readFile(join(ROOT, 'public', 'archive.json'), 'utf8'));
}

/**
 * Serves DIST on 127.0.0.1 at a free port. `server.route(path, handler)` replaces what a
 * path answers; `server.reset()` restores plain files.
 */
export async function startServer({ gzip = false } = {}) {
  const routes = new Map();
  const requests = [];
  let hostAttributes = {};
  let rewrites = [];
  let ranges = true;
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    requests.push({ method: request.method, path, range: request.headers.range });
    const handler = routes.get(path);
    if (handler) return handler(request, response);
    // A test that replaces an archive file means that file: the built archive's manifest
    // beside it (when the app was built for publishing) must not answer instead.
    if (path.endsWith('/archive.manifest.json') && routes.has(path.replace(/archive\.manifest\.json$/, 'archive.json'))) {
      return respond(response, 404, 'text/plain', 'Not found');
    }
    if ((path === '/' || path === '/index.html') && Object.keys(hostAttributes).length) {
      const page = await readFile(join(dist(), 'index.html'), 'utf8');
      return respond(response, 200, MIME_TYPES['.html'], withHostAttributes(page, hostAttributes));
    }
    const pageRewrites = rewrites.filter((rewrite) => rewrite.path === path);
    if (pageRewrites.length) {
      let page = await readFile(join(dist(), path), 'utf8');
      for (const { from, to } of pageRewrites) page = page.split(from).join(to);
      return respond(response, 200, MIME_TYPES[extname(path)] ?? 'text/plain', page);
    }
    await serveFile(path, request, response, {
      gzip: gzip && /gzip/.test(request.headers['accept-encoding'] ?? ''),
      ranges,
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (path = '/') => origin + path,
    requests,
    route(path, handler) { routes.set(path, handler); },
    /** Sets data-* attributes of the page's widget element (null removes one). */
    hostAttributes(attributes) { hostAttributes = { ...hostAttributes, ...attributes }; },
    /** Serves the file at `path` with every `from` replaced by `to`. */
    rewrite(path, from, to) { rewrites.push({ path, from, to }); },
    /** Whether files are sent by ranges when asked (some hosts always send them whole). */
    acceptRanges(accepted) { ranges = accepted; },
    reset() { routes.clear(); hostAttributes = {}; rewrites = []; ranges = true; },
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}

/** The page with the widget element's data-* attributes replaced, added or removed. */
function withHostAttributes(page, attributes) {
  return page.replace(/<div data-ask-expert([^>]*)>/, (_whole, existing) => {
    let rest = existing;
    for (const [name, value] of Object.entries(attributes)) {
      rest = rest.replace(new RegExp(`\\s+data-${name}=("[^"]*"|'[^']*')`), '');
      if (value !== null) rest += ` data-${name}="${String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    }
    return `<div data-ask-expert${rest}>`;
  });
}

async function serveFile(path, request, response, { gzip = false, ranges = true } = {}) {
  const relative = normalize(path === '/' ? '/index.html' : path).replace(/^([/\\])+/, '');
  const root = dist();
  const file = join(root, relative);
  if (!file.startsWith(root)) return respond(response, 403, 'text/plain', 'Forbidden');
  try {
    const body = await readFile(file);
    const type = MIME_TYPES[extname(file)] ?? 'application/octet-stream';
    if (ranges && sendRange(request, response, body, { 'content-type': type })) return;
    if (gzip && !type.startsWith('image/png')) {
      return respond(response, 200, type, gzipSync(body), { 'content-encoding': 'gzip', 'cache-control': 'max-age=3600' });
    }
    respond(response, 200, type, body);
  } catch {
    respond(response, 404, 'text/plain', 'Not found');
  }
}

export function respond(response, status, type, body, headers = {}) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

/** A route handler answering with JSON (an object is serialised; a string is sent as is). */
export const json = (body, status = 200) => (_request, response) =>
  respond(response, status, 'application/json', typeof body === 'string' ? body : JSON.stringify(body));

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/**
 * A fresh page in its own context. Uncaught errors and console errors are collected in
 * `page.problems` so a test can assert there were none.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A site published as a single archive.json has no built manifest: the page asks for
    // it, and the browser reports the 404 it expects.
    const missingManifest = /Failed to load resource/.test(message.text()) && /archive\.manifest\.json$/.test(message.location()?.url ?? '');
    if (message.type() === 'error' && !missingManifest) page.problems.push(`console: ${message.text()}`);
  });
  // A built archive's first results come first from a smaller bundle (the first screen),
  // until the whole app takes its place. Tests act on the whole app, as a visitor does a
  // moment later, unless they pass `{ wholeApp: false }` to see the first screen.
  const goto = page.goto.bind(page);
  page.goto = async (url, { wholeApp = true, ...gotoOptions } = {}) => {
    const response = await goto(url, gotoOptions);
    if (wholeApp && options.javaScriptEnabled !== false) await untilWholeApp(page);
    return response;
  };
  return page;
}

/** Waits until the widget's whole app has taken the first screen's place. */
async function untilWholeApp(page) {
  await page.waitForFunction(() => {
    const host = document.querySelector('[data-ask-expert]');
    const root = host?.shadowRoot;
    return !host || (!!root && !root.querySelector('[data-first-screen]'));
  }, null, { timeout: 15_000, polling: 20 }).catch(() => {});
}

/** Waits until `locator` shows `text` (a string to contain, or a RegExp). */
export async function waitForText(locator, text, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.allInnerTexts().catch(() => [])).join(' | ');
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`Timed out waiting for ${text} in ${locator}; last saw: ${JSON.stringify(last)}`);
}

/** The element that has focus, looking inside shadow roots: its tag, role, text, class and id. */
export async function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element && {
      tag: element.tagName, role: element.getAttribute('role'), text: element.innerText,
      className: element.className, id: element.id,
    };
  });
}

/** Waits until `check(focusedElement)` holds. */
export async function waitForFocus(page, check, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await focused(page);
    if (last && check(last)) return last;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`focus never arrived; last focused: ${JSON.stringify(last)}`);
}
