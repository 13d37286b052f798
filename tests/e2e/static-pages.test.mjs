// The static pages `ask-expert-archive build` writes: a reader with JavaScript disabled
// browses from the archive's listing to a category, its page 2, a question and back; axe
// finds no WCAG 2.2 A/AA violation on a question page or a listing page. The pages are built
// from the demo archive into a temporary folder and served from 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, dist, launchBrowser, newPage, respond } from './support/harness.mjs';

const BINARY = process.env.ASK_EXPERT_ARCHIVE ?? join(ROOT, 'target', 'debug', 'ask-expert-archive');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.xml': 'application/xml', '.txt': 'text/plain' };

let folder;
let server;
let origin;
let browser;

/** Serves `root` as a static host would: a folder's address answers with its index.html. */
async function startStaticServer(root) {
  const server = createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    // The browser asks for the host's icon, which is not the pages' to provide.
    if (path === '/favicon.ico') return respond(response, 204, 'image/x-icon', '');
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, normalize(path).replace(/^([/\\])+/, ''));
    if (!file.startsWith(root)) return respond(response, 403, 'text/plain', 'Forbidden');
    try {
      if ((await stat(file)).isDirectory()) return respond(response, 404, 'text/plain', 'Not found');
      respond(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file), {
        // The README's strict policy: an inline style or script would show as a console error.
        'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
      });
    } catch {
      respond(response, 404, 'text/plain', 'Not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ask-expert-pages-'));
  server = await startStaticServer(folder);
  origin = `http://127.0.0.1:${server.address().port}`;
  // The pages are built into a release folder, as the README's publishing steps do, so the
  // hosted page's own link to them can be followed too.
  await cp(dist(), folder, { recursive: true });
  // Five a page, so the demo archive's categories run to several pages.
  await promisify(execFile)(BINARY, [
    'build', join(ROOT, 'public', 'archive.json'), '--out', folder, '--base-url', `${origin}/`, '--page-size', '5',
  ]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((done) => { server?.closeAllConnections(); server?.close(done); });
  if (folder) await rm(folder, { recursive: true, force: true });
});

const heading = (page) => page.getByRole('heading', { level: 1 });

describe('static pages', () => {
  test('with JavaScript disabled, a reader goes from the archive to a category, its page 2, a question and back', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${origin}/all/`);
    assert.equal(await heading(page).textContent(), 'All questions');

    await page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'Back / spine', exact: true }).click();
    assert.equal(await heading(page).textContent(), 'Back / spine');
    const pages = page.getByRole('navigation', { name: 'Pages' });
    assert.equal(await pages.getByRole('link', { name: 'Page 1', exact: true }).getAttribute('aria-current'), 'page');

    await pages.getByRole('link', { name: 'Page 2', exact: true }).click();
    assert.equal(await heading(page).textContent(), 'Back / spine');
    assert.match(page.url(), /\/topics\/back-spine\/page-2\.html$/);
    assert.equal(await pages.getByRole('link', { name: 'Page 2', exact: true }).getAttribute('aria-current'), 'page');

    const first = page.getByRole('list', { name: 'Questions' }).getByRole('link').first();
    const title = (await first.textContent()).replace(/…$/, '');
    await first.click();
    assert.ok((await heading(page).textContent()).startsWith(title), `the question page for "${title}"`);
    await page.getByRole('heading', { name: /^Answer/ }).first().waitFor();
    await page.getByRole('link', { name: 'Back to all questions' }).waitFor();

    await page.goBack();
    assert.match(page.url(), /\/topics\/back-spine\/page-2\.html$/);
    assert.equal(await heading(page).textContent(), 'Back / spine');
    assert.deepEqual(page.problems, []);
  });

  test('with JavaScript disabled, the hosted page links to the plain pages', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${origin}/`);
    // Playwright's text locators skip <noscript>, so this reads what the reader sees.
    assert.match(await page.locator('body').innerText(), /The searchable archive needs JavaScript/);
    await page.getByRole('link', { name: 'browse all questions' }).click();
    assert.equal(await heading(page).textContent(), 'All questions');
    assert.deepEqual(page.problems, []);
  });

  for (const [kind, path] of [['a listing page', '/topics/back-spine/page-2.html'], ['a question page', '/questions/q-000001.html']]) {
    test(`axe finds no violations on ${kind}`, async () => {
      // axe runs as a script, so this page has JavaScript; the static page itself has none.
      const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
      await page.goto(`${origin}${path}`);
      await heading(page).waitFor();
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
      assert.deepEqual(summary, []);
      assert.ok(results.passes.length > 10);
      assert.deepEqual(page.problems, []);
    });
  }

  test('a page printed from a dark scheme prints dark text, since paper is white', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
    await page.goto(`${origin}/questions/q-000001.html`);
    const color = await heading(page).evaluate((element) => getComputedStyle(element).color);
    const [red, green, blue] = color.match(/\d+/g).map(Number);
    assert.ok(red + green + blue < 200, `printed text ${color} is dark`);
  });
});
