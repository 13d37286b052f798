// The main journey in Welsh (data-locale="cy"): search, tick a box, the next page, an
// opened answer and a question sent after a validation error. At every step no word of the
// interface is English: each English message (core/locales/en-GB.json) is looked for in
// the widget's text and accessible names, the archive's own words (questions, answers,
// topics, experts; they stay English) taken out first. axe finds nothing in Welsh either.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, newPage, waitForText } from './support/harness.mjs';
import { useBrowser } from './support/suite.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let server;
let browser;
let archive;
let receiver;
useBrowser({ receiver: true }, (suite) => ({ server, browser, archive, receiver } = suite));
beforeEach(() => {
  server.hostAttributes({
    locale: 'cy',
    // The association's own boxes of links are its words, in English on this page.
    panels: null,
    endpoint: receiver.endpoint,
    'feedback-endpoint': `${receiver.origin}/feedback`,
  });
});

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every text each English message may show, as patterns with its holes open. */
async function englishPatterns() {
  const bundle = JSON.parse(await readFile(join(ROOT, 'core', 'locales', 'en-GB.json'), 'utf8'));
  const patterns = [];
  for (const [key, message] of Object.entries(bundle)) {
    for (const text of typeof message === 'string' ? [message] : Object.values(message)) {
      const literals = text.split(/\{[^}]*\}/);
      // "{day} {month} {year}" and the like: nothing of its own to find.
      if (!/\p{L}{2}/u.test(literals.join(''))) continue;
      const whole = new RegExp(`^${literals.map((part) => escape(part.trim())).join('.+?')}$`, 'u');
      // What a message says around its values ("Answered by "), found inside longer text.
      const parts = literals
        .map((part) => part.trim())
        .filter((part) => (part.match(/\p{L}/gu) ?? []).length >= 4)
        .map((part) => new RegExp(`(^|[^\\p{L}])${escape(part)}($|[^\\p{L}])`, 'u'));
      // Month names are found inside a date ("12 April 2016").
      const word = key.startsWith('date.month.') ? [new RegExp(`(^|[^\\p{L}])${text}($|[^\\p{L}])`, 'u')] : [];
      patterns.push({ key, text, whole, parts: literals.length > 1 ? parts : word });
    }
  }
  return patterns;
}

/** The archive's own words, which stay as the archive writes them. */
function archiveWords() {
  const words = [archive.title];
  const walk = (categories) => categories.forEach((category) => {
    words.push(category.label);
    walk(category.children ?? []);
  });
  walk(archive.categories);
  for (const question of archive.questions) {
    words.push(question.question ?? question.text ?? '');
    for (const answer of question.answers ?? []) {
      words.push(answer.expert?.name ?? '', answer.expert?.credentials ?? '');
    }
  }
  return words.filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * The interface's words in the widget: each element's own text, its whole text, and its
 * accessible-name attributes, without answer text, highlighted snippets or question titles.
 */
async function interfaceTexts(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-ask-expert]').shadowRoot;
    const content = (element) => element.closest(
      'h2[id$="-title"][tabindex], .ae-snippet, .ae-answer > p:not([class]), .ae-answer > ul, '
      + '.ae-answer > ol, .ae-similar__list, .ae-title',
    );
    const texts = [];
    for (const element of root.querySelectorAll('*')) {
      if (['STYLE', 'SCRIPT', 'LINK'].includes(element.tagName)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value.trim());
      }
      if (content(element)) continue;
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      if (own) texts.push(own);
      if (!element.querySelector('h2[id$="-title"][tabindex], .ae-answer > p, .ae-snippet')) {
        const whole = element.textContent.replace(/\s+/g, ' ').trim();
        if (whole) texts.push(whole);
      }
    }
    return [...new Set(texts)];
  });
}

let patterns;
let ownWords;
/** Each English message found in the widget, as "key: text". */
async function englishFound(page) {
  patterns ??= await englishPatterns();
  ownWords ??= archiveWords();
  const found = [];
  for (let text of await interfaceTexts(page)) {
    for (const words of ownWords) text = text.split(words).join('');
    text = text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    for (const { key, whole, parts } of patterns) {
      if (whole.test(text) || parts.some((part) => part.test(text))) found.push(`${key}: "${text}"`);
    }
  }
  return [...new Set(found)];
}

async function expectNoEnglish(page, step) {
  assert.deepEqual(await englishFound(page), [], `English interface words ${step}`);
}

async function expectNoViolations(page, step) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((violation) =>
    `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('\n  ')}`);
  assert.deepEqual(summary, [], `axe found violations ${step}`);
  assert.ok(results.passes.length > 10, 'axe actually checked the page');
}

async function open() {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), /cwestiwn/);
  return page;
}

test('the whole journey in Welsh shows no English interface word, and axe finds nothing', async () => {
  const page = await open();
  const lang = await page.evaluate(() =>
    document.querySelector('[data-ask-expert]').shadowRoot.querySelector('[lang]')?.getAttribute('lang'));
  assert.equal(lang, 'cy');
  const months = 'Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr';
  await waitForText(page.getByRole('article').first(), new RegExp(`Gofynnwyd \\d{1,2} (${months}) \\d{4}`));
  await expectNoEnglish(page, 'on first load');
  await expectNoViolations(page, 'on first load');

  // Search.
  const search = page.getByRole('searchbox', { name: 'Chwilio cwestiynau' });
  await search.pressSequentially('slipped disc', { delay: 20 });
  await waitForText(page.getByRole('search'), 'Chwiliwyd hefyd am');
  await expectNoEnglish(page, 'with a search');
  await page.getByRole('button', { name: 'Clirio’r chwiliad' }).click();

  // Tick a box: its chip, the count and the toggles speak Welsh.
  await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
  await page.getByRole('button', { name: 'Tynnu Digestion' }).waitFor();
  await page.getByRole('button', { name: 'Dangos is-bynciau Digestion' }).or(
    page.getByRole('button', { name: 'Cuddio is-bynciau Digestion' })).first().waitFor();
  await expectNoEnglish(page, 'with a box ticked');
  await expectNoViolations(page, 'with a box ticked');
  await page.getByRole('group', { name: 'Hidlwyr ar waith' }).getByRole('button', { name: 'Clirio’r cyfan' }).click();

  // The next page.
  const pager = page.getByRole('navigation', { name: 'Tudalennau' });
  await pager.getByRole('button', { name: 'Nesaf' }).click();
  await waitForText(pager, 'Tudalen 2 o');
  await expectNoEnglish(page, 'on page 2');

  // Open an answer: its meta line, dates and "Was this helpful?".
  await page.getByRole('button', { name: 'Darllen rhagor' }).first().click();
  await page.getByRole('button', { name: 'Dangos llai' }).first().waitFor();
  await page.getByRole('group', { name: 'Oedd hyn yn ddefnyddiol?' }).first()
    .getByRole('button', { name: 'Nac oedd' }).click();
  await page.getByRole('textbox', { name: 'Beth oedd ar goll? (dewisol)' }).waitFor();
  await expectNoEnglish(page, 'with an answer open and feedback given');
  await expectNoViolations(page, 'with an answer open');

  // Send a question: a validation error first, then sent.
  const form = page.getByRole('form', { name: 'Gofyn cwestiwn' });
  await form.getByRole('button', { name: 'Anfon cwestiwn' }).click();
  await page.getByRole('heading', { name: 'Mae problem' }).waitFor();
  await form.getByRole('link', { name: 'Rhowch eich cwestiwn' }).waitFor();
  await expectNoEnglish(page, 'with validation errors');
  await expectNoViolations(page, 'with validation errors');
  await form.getByRole('textbox', { name: 'Eich cwestiwn' })
    .fill('A yw aciwbigo’n ddiogel yn ystod beichiogrwydd, os gwelwch yn dda?');
  await form.getByRole('checkbox', { name: /Rwy’n cytuno/ }).check();
  await form.getByRole('button', { name: 'Anfon cwestiwn' }).click();
  await page.getByRole('heading', { name: 'Diolch: mae eich cwestiwn wedi’i anfon' }).waitFor();
  await expectNoEnglish(page, 'after sending');
  assert.deepEqual(page.problems, []);
});

test('an unknown locale falls back to English, with a warning in the console', async () => {
  server.hostAttributes({ locale: 'tlh' });
  const page = await newPage(browser);
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(server.url('/'));
  await page.getByRole('searchbox', { name: 'Search questions' }).waitFor();
  assert.ok(warnings.some((warning) => warning.includes('"tlh"')), warnings.join('\n'));
});

test('data-strings overrides a word, and data-labels still wins over the bundle', async () => {
  server.route('/our-words.json', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ cy: { 'search.clear': 'Gwagio', 'label.search': 'Chwilio’r archif' } }));
  });
  server.hostAttributes({ strings: '/our-words.json', labels: JSON.stringify({ send: 'Anfon ato ni' }) });
  const page = await open();
  const search = page.getByRole('searchbox', { name: 'Chwilio’r archif' });
  await search.fill('needles');
  await page.getByRole('button', { name: 'Gwagio' }).waitFor();
  await page.getByRole('button', { name: 'Anfon ato ni' }).waitFor();
});

test('the check finds the English interface when the widget speaks English', async () => {
  server.hostAttributes({ locale: 'en-GB' });
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), /questions/);
  await page.getByRole('button', { name: 'Read more' }).first().click();
  const keys = new Set((await englishFound(page)).map((found) => found.split(':')[0]));
  for (const key of ['label.search', 'pager.status', 'question.asked', 'question.show_less', 'label.send',
    'form.consent', 'date.month.4', 'chips.label']) {
    if (key === 'chips.label') continue; // no box is ticked here
    assert.ok(keys.has(key), `${key} not found among ${[...keys].join(', ')}`);
  }
});
