// The whole visit by keyboard alone, with a visible focus indicator at every step.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, newPage, respond, waitForFocus, waitForText } from './support/harness.mjs';
import { useBrowser } from './support/suite.mjs';
import { questionsIn } from './support/archive.mjs';

let server;
let browser;
let archive;
let receiver;
useBrowser({ receiver: true }, (suite) => ({ server, browser, archive, receiver } = suite));
beforeEach(() => server.hostAttributes({ endpoint: receiver.endpoint }));

/** The focused element (inside shadow roots too) and whether its focus ring shows. */
function focusInfo() {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName, id: element.id, type: element.getAttribute('type'), role: element.getAttribute('role'),
    text: (element.innerText || element.getAttribute('aria-label') || '').trim(),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}

test('search, boxes, branches, pages, Read more and sending a question, without a mouse', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), `${archive.questions.length} questions`);
  const steps = [];
  const press = async (key) => {
    await page.keyboard.press(key);
    const info = await page.evaluate(focusInfo);
    steps.push(info);
    assert.ok(info.ring, `no visible focus indicator on ${JSON.stringify(info)} after ${key}`);
    return info;
  };
  const tabUntil = async (matches, key = 'Tab', limit = 120) => {
    for (let count = 0; count < limit; count += 1) {
      const info = await press(key);
      if (matches(info)) return info;
    }
    throw new Error(`never reached the element; last: ${JSON.stringify(steps.at(-1))}`);
  };

  await tabUntil((info) => info.id === 'ae-search');
  await page.keyboard.type('pain');
  await page.waitForTimeout(300);
  const searched = await page.getByRole('status').first().innerText();

  await tabUntil((info) => info.type === 'checkbox', 'Shift+Tab');
  await tabUntil((info) => info.text === 'Show subtopics of Back / spine', 'Shift+Tab');
  await press('Enter');
  assert.equal(await page.getByRole('button', { name: 'Hide subtopics of Back / spine' }).getAttribute('aria-expanded'), 'true');
  await press('Enter');
  await page.getByRole('button', { name: 'Show subtopics of Back / spine' }).waitFor();
  await press('Shift+Tab');
  const box = await page.evaluate(focusInfo);
  assert.equal(box.type, 'checkbox');
  await press('Space');
  await page.waitForTimeout(200);
  assert.notEqual(await page.getByRole('status').first().innerText(), searched, 'ticking the box by keyboard changed the results');

  await page.getByRole('searchbox', { name: 'Search questions' }).focus();
  await press('Escape');
  // Only the ticked Back / spine box is left once the search is cleared.
  await waitForText(page.getByRole('status').first(), `${questionsIn(archive, 'back-spine').length} questions`);
  await tabUntil((info) => info.text === 'Next');
  await press('Enter');
  await waitForText(page.getByRole('navigation', { name: 'Pagination' }), 'Page 2 of');
  const afterPaging = await page.evaluate(focusInfo);
  assert.equal(afterPaging.role, 'status', 'focus moves to the top of the new page');

  const readMore = await tabUntil((info) => info.text === 'Read more');
  assert.equal(readMore.tag, 'BUTTON');
  await press('Enter');
  assert.equal((await page.evaluate(focusInfo)).text, 'Show less');

  await tabUntil((info) => info.id === 'ae-ask-question');
  const question = `Keyboard only: is it fine to drive home straight after a session? (${Date.now()})`;
  await page.keyboard.type(question);
  await tabUntil((info) => info.id === 'ae-ask-consent');
  await press('Space');
  await tabUntil((info) => info.text === 'Send question');
  await press('Enter');
  await page.getByRole('heading', { name: 'Thank you: your question has been sent' }).waitFor();
  assert.equal((await receiver.stored()).filter((row) => row.question === question).length, 1);
  assert.ok(steps.length > 10);
});

test('focus stays somewhere sensible when the focused control goes away', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url('/?category=digestion&category=head-and-mind&category=practitioners'));
  const count = page.getByRole('status').filter({ hasText: /questions?$|No questions match/ }).first();
  await waitForText(count, `${questionsIn(archive, 'digestion', 'head-and-mind', 'practitioners').length} questions`);
  const isCount = (element) => element.role === 'status' && /questions?$/.test(element.text);

  // Chips are in tree order: Head and mind, Digestion, Finding a practitioner.
  await page.getByRole('button', { name: 'Remove Head and mind' }).press('Enter');
  await waitForFocus(page, (element) => element.text.startsWith('Digestion'));
  await page.getByRole('button', { name: 'Remove Finding a practitioner' }).press('Enter');
  await waitForFocus(page, (element) => element.text.startsWith('Digestion'));
  await page.getByRole('button', { name: 'Remove Digestion' }).press('Enter');
  await waitForFocus(page, isCount);

  await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
  await page.getByRole('button', { name: 'Clear all' }).press('Enter');
  await waitForFocus(page, isCount);

  await page.getByRole('searchbox', { name: 'Search questions' }).fill('qwertyuiop');
  await waitForText(count, 'No questions match');
  await page.getByRole('button', { name: 'Start a new search' }).press('Enter');
  await waitForFocus(page, (element) => element.id === 'ae-search');
});

test('after Retry, focus follows the load instead of falling to the page', async () => {
  let failures = 1;
  const real = await readFile(join(ROOT, 'public', 'archive.json'));
  server.route('/archive.json', (_request, response) => {
    if (failures-- > 0) return respond(response, 500, 'text/plain', 'down');
    respond(response, 200, 'application/json', real);
  });
  const page = await newPage(browser);
  await page.goto(server.url('/'));
  await page.getByRole('button', { name: 'Retry' }).press('Enter');
  await waitForFocus(page, (element) => element.role === 'status' && /questions?$/.test(element.text));
});
