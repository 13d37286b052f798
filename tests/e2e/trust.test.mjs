// What an answer says about itself and what a visitor can say back: who answered and when
// it was reviewed, the note on an answer that may be out of date, and "Was this helpful?"
// posted once per question, with retries, to a fake endpoint in the test server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { useBrowser } from './support/suite.mjs';
import { json, newPage, respond, waitForFocus, waitForText } from './support/harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let server;
let browser;
useBrowser({}, (suite) => ({ server, browser } = suite));

const THIS_YEAR = new Date().getFullYear();
const OLD = 'Is an answer written long ago and never reviewed flagged for visitors?';
const REVIEWED = 'Is an old answer that an expert reviewed last year left without a note?';
const RECENT = 'Does an answer written this year carry any note at all about its age?';

/** Three short answers (shown whole, so each question is open): old, reviewed, recent. */
function trustArchive() {
  const question = (id, text, answer, asked) =>
    ({ id, question: text, answers: [{ body: `The answer to ${id}.`, ...answer }], categories: ['c'], asked });
  return {
    schema: 'ask-expert-archive/1',
    categories: [{ id: 'c', label: 'Everything' }],
    questions: [
      question('q-old', OLD, {
        date: '2012-05-01', expert: { name: 'Dr Helen Okafor', credentials: 'PhD, Council research lead' },
      }, '2012-04-20'),
      question('q-reviewed', REVIEWED, {
        date: '2012-05-01', reviewed: `${THIS_YEAR - 1}-03-10`, expert: { name: 'Rob Delaney' },
      }, '2012-04-21'),
      question('q-recent', RECENT, { date: `${THIS_YEAR}-01-02` }, `${THIS_YEAR}-01-01`),
    ],
  };
}

/**
 * A feedback endpoint on the test server: each POST takes the next status from `plan`
 * (then 201), and is recorded with its headers and parsed body.
 */
function fakeEndpoint(plan = []) {
  const posts = [];
  server.route('/feedback', (request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      posts.push({ headers: request.headers, body: JSON.parse(body) });
      const status = plan.shift() ?? 201;
      respond(response, status, 'application/json',
        status < 300 ? '{"stored": true}' : JSON.stringify({ error: `injected fault ${status}` }));
    });
  });
  return posts;
}

async function open({ feedback = true, attributes = {} } = {}) {
  server.route('/archive.json', json(trustArchive()));
  server.hostAttributes({ ...(feedback ? { 'feedback-endpoint': '/feedback' } : {}), ...attributes });
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url('/'));
  await waitForText(page.getByRole('status').first(), '3 questions');
  return page;
}

const card = (page, text) => page.getByRole('article', { name: text });
const vote = (page, text) => card(page, text).getByRole('group', { name: 'Was this helpful?' });
const thanks = (page, text) => card(page, text).getByRole('status').filter({ hasText: 'Thank you for your feedback.' });

async function expectNoViolations(page, state) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((violation) =>
    `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('\n  ')}`);
  assert.deepEqual(summary, [], `axe found violations in state "${state}"`);
  assert.ok(results.passes.length > 10, 'axe actually checked the page');
}

async function waitForPosts(posts, count, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (posts.length < count && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  assert.equal(posts.length, count, 'posts received');
}

describe('who answered, and whether it may be out of date', () => {
  test('each answer names its expert and review; only the old unreviewed one carries a note', async () => {
    const page = await open({ feedback: false });
    const old = card(page, OLD);
    await waitForText(old, 'Answered by Dr Helen Okafor, PhD, Council research lead');
    assert.equal(
      await old.getByRole('note').innerText(),
      'Written in 2012 and not reviewed since: treatment advice may have changed.',
    );
    const reviewed = card(page, REVIEWED);
    await waitForText(reviewed, `Answered by Rob Delaney · Reviewed March ${THIS_YEAR - 1}`);
    assert.equal(await reviewed.getByRole('note').count(), 0, 'reviewed within five years: no note');
    assert.equal(await card(page, RECENT).getByRole('note').count(), 0);
    assert.doesNotMatch(await card(page, RECENT).innerText(), /Answered by|Reviewed/);
    await expectNoViolations(page, 'an old answer with its note and provenance');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoViolations(page, 'an old answer with its note and provenance, dark');
    assert.deepEqual(page.problems, []);
  });

  test('data-review-after-years sets the period, and 0 turns the note off', async () => {
    for (const [years, notes] of [['0', 0], ['20', 0], ['3', 1], ['nonsense', 1]]) {
      const page = await open({ feedback: false, attributes: { 'review-after-years': years } });
      await waitForText(card(page, OLD), 'Answered by');
      assert.equal(await page.getByRole('note').count(), notes, `data-review-after-years="${years}"`);
      await page.context().close();
    }
  });
});

describe('"Was this helpful?"', () => {
  test('without data-feedback-endpoint nothing is asked', async () => {
    const page = await open({ feedback: false });
    await waitForText(card(page, OLD), 'Answered by');
    assert.equal(await page.getByRole('group', { name: 'Was this helpful?' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Yes' }).count(), 0);
  });

  test('Yes is posted once, retried after a 503, thanked, and remembered for the visit', async () => {
    const posts = fakeEndpoint([503]);
    const page = await open();
    await expectNoViolations(page, 'Yes and No offered');
    await vote(page, OLD).getByRole('button', { name: 'Yes' }).click();
    await waitForText(card(page, OLD).getByRole('status'),
      /Not sent yet: the server had a problem \(HTTP 503\)\. Trying again in 1 second/);
    await thanks(page, OLD).waitFor({ timeout: 15_000 });
    await waitForFocus(page, (element) => element.text === 'Thank you for your feedback.');
    assert.equal(await vote(page, OLD).count(), 0, 'one vote per question');
    await waitForPosts(posts, 2);
    assert.deepEqual(posts[1].body, { question_id: 'q-old', helpful: true, comment: '', page_url: server.url('/') });
    assert.deepEqual(posts[0].body, posts[1].body);
    const key = posts[0].headers['idempotency-key'];
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(posts[1].headers['idempotency-key'], key, 'a retry keeps its key');
    assert.match(posts[0].headers['content-type'], /^application\/json/);
    await expectNoViolations(page, 'thanked for a vote');

    // The same visit, reloaded: thanked, not asked again; other questions still ask.
    await page.reload();
    await waitForText(page.getByRole('status').first(), '3 questions');
    await thanks(page, OLD).waitFor();
    assert.equal(await vote(page, OLD).count(), 0);
    await vote(page, REVIEWED).getByRole('button', { name: 'No' }).waitFor();
    assert.equal(posts.length, 2, 'nothing more was sent');
    assert.deepEqual(page.problems.filter((problem) => !problem.includes('503')), []);
  });

  test('No, then what was missing: a second vote carries the comment', async () => {
    const posts = fakeEndpoint();
    const page = await open();
    await vote(page, REVIEWED).getByRole('button', { name: 'No' }).click();
    await thanks(page, REVIEWED).waitFor();
    const comment = card(page, REVIEWED).getByRole('textbox', { name: /What was missing\?/ });
    await waitForFocus(page, (element) => element.tag === 'TEXTAREA');
    await waitForPosts(posts, 1);
    assert.deepEqual(posts[0].body, { question_id: 'q-reviewed', helpful: false, comment: '', page_url: server.url('/') });
    const description = await comment.evaluate((element) => element.getAttribute('aria-describedby')
      .split(' ').map((id) => element.getRootNode().getElementById(id)?.textContent ?? '').join(' '));
    assert.match(description, /Please don't include anything you wouldn't want published/);
    assert.match(description, /You have 500 characters remaining/);
    await expectNoViolations(page, 'What was missing? offered');

    const send = card(page, REVIEWED).getByRole('button', { name: 'Send' });
    await send.click();
    await waitForText(card(page, REVIEWED), 'Enter what was missing');
    assert.equal(await comment.getAttribute('aria-invalid'), 'true');
    await expectNoViolations(page, 'an empty comment sent');

    await comment.fill('How many sessions it usually takes.');
    await waitForText(card(page, REVIEWED), 'You have 465 characters remaining');
    await send.click();
    await waitForPosts(posts, 2);
    assert.deepEqual(posts[1].body, {
      question_id: 'q-reviewed', helpful: false, comment: 'How many sessions it usually takes.', page_url: server.url('/'),
    });
    assert.notEqual(posts[1].headers['idempotency-key'], posts[0].headers['idempotency-key']);
    await card(page, REVIEWED).getByRole('textbox').waitFor({ state: 'detached' });
    await thanks(page, REVIEWED).waitFor();
    await expectNoViolations(page, 'thanked for a comment');
    assert.deepEqual(page.problems, []);
  });

  test('a comment that cannot be sent is kept, with the reason, and goes on a later try', async () => {
    const posts = fakeEndpoint([201, 503, 503, 503, 503]);
    const page = await open();
    await vote(page, OLD).getByRole('button', { name: 'No' }).click();
    const comment = card(page, OLD).getByRole('textbox', { name: /What was missing\?/ });
    await comment.fill('Whether it is safe with a pacemaker.');
    await card(page, OLD).getByRole('button', { name: 'Send' }).click();
    const alert = card(page, OLD).getByRole('alert');
    await waitForText(alert, /Your comment has not been sent: the server had a problem \(HTTP 503\)/, 20_000);
    assert.equal(await comment.inputValue(), 'Whether it is safe with a pacemaker.');
    await expectNoViolations(page, 'a comment that could not be sent');
    await card(page, OLD).getByRole('button', { name: 'Send' }).click();
    await card(page, OLD).getByRole('textbox').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(posts.length, 6);
    const keys = new Set(posts.slice(1).map((post) => post.headers['idempotency-key']));
    assert.equal(keys.size, 1, 'the same comment sent again keeps its key');
    assert.equal(await alert.count(), 0);
  });

  test('a refused vote says why, and the buttons stay', async () => {
    fakeEndpoint([400]);
    const page = await open();
    await vote(page, RECENT).getByRole('button', { name: 'Yes' }).click();
    await waitForText(card(page, RECENT).getByRole('alert'), 'injected fault 400');
    await vote(page, RECENT).getByRole('button', { name: 'Yes' }).click();
    await thanks(page, RECENT).waitFor();
  });
});
