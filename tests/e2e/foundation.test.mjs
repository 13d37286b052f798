// The archive loads and shows; every whole-file failure explains itself and recovers on Retry;
// a partly damaged archive shows the rest.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support/suite.mjs';
import { json, newPage, respond, waitForText } from './support/harness.mjs';

let server;
let browser;
let archive;
useBrowser({}, (suite) => ({ server, browser, archive } = suite));

const newest = (questions) => [...questions].sort((a, b) => b.asked.localeCompare(a.asked))[0];

describe('showing the archive', () => {
  test('shows the count, and the newest question with its answer', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await waitForText(page.getByRole('status'), `${archive.questions.length} questions`);
    const first = newest(archive.questions);
    const article = page.getByRole('article').first();
    const heading = article.getByRole('heading', { level: 2 });
    assert.equal(await heading.innerText(), first.question.trim().replace(/\s+/g, ' '));
    const firstParagraph = first.answers[0].body.split('\n\n')[0].replace(/[*[\]]/g, '').slice(0, 40);
    await waitForText(article, firstParagraph.replace(/\s+/g, ' ').trim().slice(0, 30));
    assert.deepEqual(page.problems, []);
  });

  test('the page title heading names the archive', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await page.getByRole('heading', { level: 1, name: 'Ask an expert' }).waitFor();
  });

  test('long answers fold behind Read more, which opens and closes them', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await waitForText(page.getByRole('status'), 'questions');
    const foldable = page.getByRole('article').filter({ has: page.getByRole('button', { name: 'Read more' }) }).first();
    const article = page.getByRole('article', { name: await foldable.getByRole('heading').innerText(), exact: true });
    const toggle = article.getByRole('button', { name: 'Read more' });
    const hiddenBefore = await article.locator('p:not([hidden]), li').evaluateAll((nodes) => nodes.filter((n) => n.offsetParent !== null).length);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    const collapse = article.getByRole('button', { name: 'Show less' });
    assert.equal(await collapse.getAttribute('aria-expanded'), 'true');
    const shownAfter = await article.locator('p, li').evaluateAll((nodes) => nodes.filter((n) => n.offsetParent !== null).length);
    assert.ok(shownAfter > hiddenBefore, `expected more text after Read more (${hiddenBefore} → ${shownAfter})`);
    await collapse.click();
    await article.getByRole('button', { name: 'Read more' }).waitFor();
  });

  test('a question with two answers shows both', async () => {
    const twoAnswers = archive.questions.find((question) => question.answers.length === 2);
    const page = await newPage(browser);
    await page.goto(server.url(`/#question-${twoAnswers.id}`));
    const article = page.getByRole('article', { name: twoAnswers.question.trim().replace(/\s+/g, ' ') });
    await waitForText(article, 'Expert answer 1 of 2');
    await waitForText(article, 'Expert answer 2 of 2');
    assert.ok(await article.getByText('Expert answer 2 of 2').isVisible());
  });

  test('messy archive text displays cleanly', async () => {
    const messy = structuredClone(archive);
    messy.questions = [{
      id: 'messy', asked: '2026-10-30', categories: [],
      question: ' .  My  neck\u00a0hurts â€œa lotâ€\u009d, what now?',
      answers: [{ body: 'Rest it.However.Keep moving *gently*.', date: '2026-11-02' }],
    }];
    server.route('/archive.json', json(messy));
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await page.getByRole('heading', { name: 'My neck hurts “a lot”, what now?', exact: true }).waitFor();
    await waitForText(page.getByRole('article'), 'Rest it. However. Keep moving gently.');
    assert.equal(await page.getByRole('article').locator('em').innerText(), 'gently');
  });
});

describe('a damaged archive', () => {
  test('shows the questions it can and says how many it could not', async () => {
    const damaged = structuredClone(archive);
    damaged.questions[3].asked = 'last Tuesday';
    delete damaged.questions[7].question;
    damaged.questions[9].id = damaged.questions[8].id;
    damaged.questions[11].categories.push('no-such-category');
    server.route('/archive.json', json(damaged));
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await waitForText(page.getByRole('status'), `${archive.questions.length - 3} questions`);
    await page.getByText("3 questions couldn't be shown because of mistakes in the archive.").waitFor();
  });

  const failures = [
    ['not found', (_q, r) => respond(r, 404, 'text/plain', 'Not found'), 'not found on the server (HTTP 404)'],
    ['a server error', (_q, r) => respond(r, 503, 'text/plain', 'Down'), 'problem sending the archive (HTTP 503)'],
    ['not JSON', (_q, r) => respond(r, 200, 'text/html', '<html><body>Maintenance</body></html>'), 'not valid JSON (line 1, column 1'],
    ['an empty file', (_q, r) => respond(r, 200, 'application/json', ''), 'The archive file is empty.'],
    ['the wrong schema', json({ schema: 'something-else/3', questions: [] }), 'its schema is "something-else/3"'],
    ['truncated JSON', (_q, r) => respond(r, 200, 'application/json', '{"schema": "ask-expert-archive/1", "questions": [{"id": "a"'), 'not valid JSON'],
    ['a network failure', (request) => request.socket.destroy(), 'could not be fetched'],
  ];
  for (const [name, handler, message] of failures) {
    test(`${name}: the error panel explains, and Retry recovers once the fault clears`, async () => {
      server.route('/archive.json', handler);
      const page = await newPage(browser);
      await page.goto(server.url('/'));
      const alert = page.getByRole('alert');
      await waitForText(alert, 'The questions could not be loaded.');
      await waitForText(alert, message);
      server.reset();
      await alert.getByRole('button', { name: 'Retry' }).click();
      await waitForText(page.getByRole('status'), `${archive.questions.length} questions`);
      assert.equal(await page.getByRole('alert').count(), 0);
    });
  }

  test('a server that never answers times out after 15 seconds, and Retry recovers', async () => {
    server.route('/archive.json', () => {});
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await waitForText(page.getByRole('status'), 'Loading questions');
    const started = Date.now();
    const alert = page.getByRole('alert');
    await waitForText(alert, 'no data arrived for 15 seconds', 25_000);
    const waited = (Date.now() - started) / 1000;
    assert.ok(waited > 12 && waited < 20, `timed out after ${waited}s`);
    server.reset();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForText(page.getByRole('status'), `${archive.questions.length} questions`);
  });
});

test('a settings file that cannot be fetched is reported as the settings file, not the archive', async () => {
  server.hostAttributes({ config: 'no-such-settings.json' });
  const page = await newPage(browser);
  const warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), `${archive.questions.length} questions`);
  const about = warnings.filter((text) => text.includes('no-such-settings.json'));
  assert.equal(about.length, 1, warnings.join('\n'));
  assert.match(about[0], /settings file .* was not used: it was not found/);
  assert.doesNotMatch(about[0], /archive/i);
});
