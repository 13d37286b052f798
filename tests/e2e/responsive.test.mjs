// Small screens, zoom, touch and print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, newPage, waitForFocus, waitForText } from './support/harness.mjs';
import { useBrowser } from './support/suite.mjs';
import { questionsIn } from './support/archive.mjs';

let browser;
let server;
let archive;
useBrowser({}, (suite) => ({ server, browser, archive } = suite));

async function open(viewport) {
  const page = await newPage(browser, { viewport });
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), `${archive.questions.length} questions`);
  return page;
}

const horizontalOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('at 320 px (and so at 200% zoom of 640 px) nothing scrolls sideways, and the boxes fold behind Filter (N)', async () => {
  const page = await open({ width: 320, height: 700 });
  assert.equal(await horizontalOverflow(page), 0);
  const toggle = page.getByRole('button', { name: 'Filter (0)' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).isVisible(), false);
  await toggle.click();
  await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
  await page.getByRole('button', { name: 'Filter (1)' }).waitFor();
  await page.getByRole('button', { name: 'Read more' }).first().click();
  await page.getByRole('textbox', { name: 'Your question' }).fill('A long question typed on a small phone screen, '.repeat(8));
  assert.equal(await horizontalOverflow(page), 0);
});

test('every control is at least 24 by 24 pixels', async () => {
  const page = await open({ width: 1280, height: 900 });
  await page.getByRole('button', { name: 'Show subtopics of Back / spine' }).click();
  const small = await page.evaluate(() => {
    const root = document.querySelector('[data-ask-expert]').shadowRoot;
    return [...root.querySelectorAll('button, input:not([tabindex="-1"]), select, textarea')]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ name: element.textContent.trim() || element.id, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ name, box }) => `${name}: ${box.width}×${box.height}`);
  });
  assert.deepEqual(small, []);
});

test('printing shows the questions with their whole answers and none of the controls', async () => {
  const page = await open({ width: 1280, height: 900 });
  await page.emulateMedia({ media: 'print' });
  const article = page.getByRole('article').first();
  assert.equal(await article.getByRole('button', { name: 'Read more' }).isVisible(), false);
  assert.equal(await page.getByRole('searchbox', { name: 'Search questions' }).isVisible(), false);
  assert.equal(await page.getByRole('group', { name: 'Filter by topic' }).isVisible(), false);
  const hiddenParagraphs = await article.evaluate((element) =>
    [...element.querySelectorAll('p')].filter((paragraph) => getComputedStyle(paragraph).display === 'none').length);
  assert.equal(hiddenParagraphs, 0, 'folded paragraphs print');
});

test('on a phone, "Show N questions" closes the open panel and focuses the results', async () => {
  const page = await open({ width: 375, height: 700 });
  const toggle = page.getByRole('button', { name: 'Filter (0)' });
  await toggle.click();
  await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
  const expected = questionsIn(archive, 'digestion').length;
  const show = page.getByRole('button', { name: `Show ${expected} questions` });
  const inView = await show.evaluate((button) => {
    const box = button.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.equal(inView, true, 'the button is in sight right after ticking');
  await show.click();
  await waitForFocus(page, (element) =>
    element.role === 'status' && element.text === `${expected} questions`);
  const filter = page.getByRole('button', { name: 'Filter (1)' });
  assert.equal(await filter.getAttribute('aria-expanded'), 'false');
  const count = page.getByRole('status').filter({ hasText: /questions/ }).first();
  const countInView = await count.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.equal(countInView, true);
});

test('on a wide screen, where the boxes always show, there is no "Show N questions"', async () => {
  const page = await open({ width: 1280, height: 900 });
  await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
  const expected = questionsIn(archive, 'digestion').length;
  await waitForText(page.getByRole('status').first(), `${expected} questions`);
  const show = page.getByRole('button', { name: /^Show \d+ questions?$/ });
  assert.equal(await show.isVisible(), false);
});

test('at 320 px a 60-character label without spaces wraps in its box and its chip', async () => {
  const long = 'Electroacupuncture'.repeat(4).slice(0, 60);
  const withLong = structuredClone(archive);
  const child = { id: 'long-child', label: 'Short' };
  withLong.categories.unshift({ id: 'long', label: long, children: [child] });
  withLong.questions[0].categories.push('long-child');
  server.route('/archive.json', json(withLong));
  const page = await open({ width: 320, height: 700 });
  await page.getByRole('button', { name: 'Filter (0)' }).click();
  const longBox = page.getByRole('checkbox', { name: `${long} (1)` });
  await longBox.check();
  assert.equal(await horizontalOverflow(page), 0);
  const arrow = page.getByRole('button', { name: `Hide subtopics of ${long}` });
  const apart = await arrow.evaluate((toggle) => {
    const label = toggle.parentElement.querySelector('label').getBoundingClientRect();
    return label.right <= toggle.getBoundingClientRect().left;
  });
  assert.equal(apart, true, 'the label stops before the arrow');
  const chip = page.getByRole('button', { name: `Remove ${long}` });
  const chipBox = await chip.boundingBox();
  const right = chipBox.x + chipBox.width;
  assert.ok(chipBox.x >= 0 && right <= 320, `chip spans ${chipBox.x}..${right}`);
  assert.equal(await horizontalOverflow(page), 0);
});
