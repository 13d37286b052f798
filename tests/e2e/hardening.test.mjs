// Hostile content, malformed archives, a panic, and privacy: none may break the page,
// run script, or leak what a visitor does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support/suite.mjs';
import { json, newPage, respond, waitForText } from './support/harness.mjs';
import { PAYLOADS, findActiveContent, installTripwire } from './support/hostile.mjs';

let server;
let browser;
let archive;
useBrowser({}, (suite) => ({ server, browser, archive } = suite));

const countLine = (page) => page.getByRole('status').filter({ hasText: /questions?|No questions match/ }).first();

function hostileArchive() {
  const categories = PAYLOADS.slice(0, 20).map((payload, index) => ({
    id: `c${index}`, label: payload, children: [{ id: `c${index}-child`, label: `${payload} child` }],
  }));
  const questions = PAYLOADS.map((payload, index) => ({
    id: `x${index}`,
    question: payload.length >= 20 ? payload : `${payload} — is this safe?`,
    answers: [
      { body: `${payload}\n\nA second paragraph with [a link](${payload}) and **${payload}**.\n\n- ${payload}\n- [ok](https://example.org/${index})`, date: '2020-01-02', expert: { name: payload, credentials: payload } },
      { body: payload, date: '2020-01-03' },
    ],
    categories: [`c${index % 20}`, `c${index % 20}-child`],
    asked: '2020-01-01',
  }));
  return { schema: 'ask-expert-archive/1', title: PAYLOADS[0], categories, questions };
}

describe('hostile content', () => {
  test(`${PAYLOADS.length} XSS payloads in questions, answers, labels and settings render as inert text`, async () => {
    assert.ok(PAYLOADS.length >= 100);
    server.route('/archive.json', json(hostileArchive()));
    server.hostAttributes({
      'page-size': 100,
      panels: JSON.stringify(PAYLOADS.slice(0, 10).map((payload) => ({ title: payload, text: payload, links: [{ label: payload, url: payload }, { label: 'fine', url: 'https://example.org/' }] }))),
      'contact-text': PAYLOADS[2],
      title: PAYLOADS[5],
    });
    const page = await newPage(browser);
    const dialogs = [];
    page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    await page.addInitScript(installTripwire);
    await page.goto(server.url('/'));
    await waitForText(countLine(page), `${PAYLOADS.length} questions`);
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    for (let pageNumber = 1; ; pageNumber += 1) {
      const readMore = page.getByRole('button', { name: 'Read more' });
      while (await readMore.count()) await readMore.first().click();
      await page.waitForTimeout(100);
      assert.deepEqual(await page.evaluate(findActiveContent), [], `active content on page ${pageNumber}`);
      const next = nav.getByRole('button', { name: 'Next' });
      if (!(await next.count()) || (await next.isDisabled())) break;
      await next.click();
      await waitForText(nav, `Page ${pageNumber + 1} of`);
    }
    await page.getByRole('checkbox').first().check();
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    assert.equal(await page.evaluate(() => window.__pwnedCount), 0);
    assert.deepEqual(await page.evaluate(findActiveContent), []);
    await page.getByRole('heading', { name: PAYLOADS[5] }).first().waitFor();
  });
});

describe('malformed archives', () => {
  const bigArchive = (count, broken = []) => ({
    schema: 'ask-expert-archive/1',
    questions: Array.from({ length: count }, (_, index) => (broken.includes(index)
      ? { id: `q${index}`, question: 42, answers: 'none', asked: 'soon' }
      : { id: `q${index}`, question: `Generated question number ${index}?`, answers: [{ body: 'An answer.' }], asked: '2021-05-06' })),
  });

  test('one bad question in a thousand: 999 shown and the skip is said', async () => {
    server.route('/archive.json', json(bigArchive(1000, [500])));
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await waitForText(countLine(page), '999 questions');
    await page.getByText("1 question couldn't be shown because of a mistake in the archive.").waitFor();
  });

  test('wrong types everywhere still show what can be shown', async () => {
    server.route('/archive.json', json({
      schema: 'ask-expert-archive/1', title: ['not', 'text'], categories: 'none', synonyms: 7,
      questions: [
        { id: {}, question: [], answers: {}, asked: true },
        { id: 'ok', question: 'The only usable question in this file?', answers: [{ body: 'Yes.', date: 5 }, 17, { body: null }], categories: { a: 1 }, asked: '2020-02-02' },
        { id: 'ok2', question: 'And one with categories as numbers?', answers: [{ body: 'Fine.' }], categories: [1, 2], asked: '2020-02-03' },
        null, 12, 'text',
      ],
    }));
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await waitForText(countLine(page), '1 question');
    await page.getByText("5 questions couldn't be shown because of mistakes in the archive.").waitFor();
    await page.getByRole('heading', { name: 'Ask an expert', level: 1 }).waitFor();
  });

  test('a nesting bomb, a byte-order mark, and a 50 MB file each end in a clear state', async () => {
    const page = await newPage(browser);
    const depth = 200_000;
    server.route('/archive.json', (_request, response) => respond(response, 200, 'application/json',
      `{"schema": "ask-expert-archive/1", "questions": [${'['.repeat(depth)}${']'.repeat(depth)}, {"id": "a", "question": "Still here after the bomb?", "answers": [{"body": "Yes."}], "asked": "2020-01-01"}]}`));
    await page.goto(server.url('/'));
    await waitForText(countLine(page), '1 question');
    await page.getByText("1 question couldn't be shown because of a mistake in the archive.").waitFor();

    server.route('/archive.json', (_request, response) => respond(response, 200, 'application/json', `\uFEFF${JSON.stringify(archive)}`));
    await page.goto(server.url('/'));
    await waitForText(countLine(page), `${archive.questions.length} questions`);

    const filler = 'x'.repeat(1000);
    const large = { schema: 'ask-expert-archive/1', padding: Array.from({ length: 50_000 }, () => filler), questions: archive.questions };
    const body = JSON.stringify(large);
    assert.ok(body.length > 50_000_000);
    server.route('/archive.json', (_request, response) => respond(response, 200, 'application/json', body));
    await page.goto(server.url('/'));
    await waitForText(countLine(page), `${archive.questions.length} questions`, 60_000);
    assert.deepEqual(page.problems, []);
  });
});

test('a panic leaves a readable message with a reload link, and the host page stays responsive', async () => {
  server.rewrite('/host/index.html', 'data-url-prefix="ae-"', 'data-url-prefix="ae-" data-panic-drill');
  const page = await newPage(browser);
  await page.goto(server.url('/host/index.html'));
  const notice = page.getByRole('alert');
  await waitForText(notice, "Sorry, something went wrong and the questions can't be shown.");
  assert.match(await notice.getByRole('link', { name: 'Reload the page' }).getAttribute('href'), /host\/index\.html/);
  await page.getByRole('button', { name: 'A host page button' }).click();
  assert.equal(await page.evaluate(() => 6 * 7), 42);
  await page.getByRole('link', { name: 'Find a practitioner' }).click();
  await page.waitForURL(/section=find/);
});

test('a panic notice goes only in the widget\'s own element, not in a second one on the page', async () => {
  server.rewrite('/host/index.html', 'data-url-prefix="ae-"', 'data-url-prefix="ae-" data-panic-drill');
  server.rewrite('/host/index.html', '<footer class="footer">', '<div data-ask-expert><p>Another widget\'s own text.</p></div><footer class="footer">');
  const page = await newPage(browser);
  await page.goto(server.url('/host/index.html'));
  await waitForText(page.getByRole('alert'), "Sorry, something went wrong and the questions can't be shown.");
  assert.equal(await page.getByRole('alert').count(), 1);
  await page.getByText("Another widget's own text.").waitFor();
});

describe('privacy', () => {
  test('no third-party requests, no cookies, no search text in the address, no draft stored without consent', async () => {
    const page = await newPage(browser);
    const origins = new Set();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await page.goto(server.url('/'));
    await waitForText(countLine(page), 'questions');
    const search = page.getByRole('searchbox', { name: 'Search questions' });
    if (await search.count()) {
      await search.fill('needles');
      await page.waitForTimeout(300);
      assert.doesNotMatch(page.url(), /needles/);
    }
    await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
    await page.getByRole('textbox', { name: 'Your question' }).fill('A draft that must stay in this tab only.');
    await page.waitForTimeout(200);
    assert.deepEqual([...origins], [server.origin]);
    assert.deepEqual(await page.context().cookies(), []);
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
  });
});
