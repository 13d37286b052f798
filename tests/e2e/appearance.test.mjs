// The visitor's own display settings: a dark colour scheme and forced colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { newPage, waitForText } from './support/harness.mjs';
import { useBrowser } from './support/suite.mjs';

let browser;
let server;
let archive;
useBrowser({}, (suite) => ({ server, browser, archive } = suite));

async function open(media) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.emulateMedia(media);
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), `${archive.questions.length} questions`);
  return page;
}

// Relative luminance, as WCAG defines it, of a computed `rgb(…)` colour.
const luminance = (rgb) => {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

test('a visitor who asks for a dark scheme gets dark cards with light text, and axe is content', async () => {
  const page = await open({ colorScheme: 'dark' });
  const card = page.getByRole('article').first();
  const { background, color } = await card.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, color: style.color };
  });
  assert.ok(luminance(background) < 0.05, `card background ${background} is dark`);
  assert.ok(luminance(color) > 0.6, `card text ${color} is light`);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  assert.deepEqual(results.violations.map((violation) => violation.id), []);
});

test('printing from a dark scheme prints dark text, since paper is white', async () => {
  const page = await open({ colorScheme: 'dark' });
  await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
  const color = await page.getByRole('article').first()
    .evaluate((element) => getComputedStyle(element).color);
  assert.ok(luminance(color) < 0.05, `printed text ${color} is dark`);
});

test('in the light scheme the widget leaves the host page to show through', async () => {
  const page = await open({ colorScheme: 'light' });
  const card = page.getByRole('article').first();
  const background = await card.evaluate((element) => getComputedStyle(element).backgroundColor);
  assert.ok(luminance(background) > 0.9, `card background ${background} is light`);
});

test('in forced colours the current page is framed, not only bold', async () => {
  const page = await open({ forcedColors: 'active' });
  const pager = page.getByRole('navigation', { name: 'Pagination' });
  const current = pager.getByRole('button', { name: 'Page 1', exact: true });
  const other = pager.getByRole('button', { name: 'Page 2', exact: true });
  assert.equal(await current.getAttribute('aria-current'), 'page');
  const look = (locator) => locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { border: style.borderTopWidth, underline: style.textDecorationLine };
  });
  const [currentLook, otherLook] = [await look(current), await look(other)];
  assert.notDeepEqual(currentLook, otherLook);
  assert.equal(currentLook.underline, 'underline');
});
