// Posting a question to the real reference receiver: stored exactly once whatever the
// visitor or the network does, and no word of the draft is ever lost.
import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { focused, newPage, waitForFocus, waitForText } from './support/harness.mjs';
import { startFaultyProxy } from './support/receiver.mjs';
import { useBrowser } from './support/suite.mjs';

let server;
let browser;
let receiver;
let proxy;
useBrowser({ receiver: true }, async (suite) => {
  ({ server, browser, receiver } = suite);
  proxy = await startFaultyProxy(receiver.origin);
});
after(() => proxy?.close());
beforeEach(() => {
  proxy.plan([]);
  server.hostAttributes({ endpoint: proxy.endpoint });
});

let questionNumber = 0;
/** A question text no earlier test used, so stored rows can be told apart. */
const uniqueQuestion = () => `Is acupuncture safe during a course of antibiotics? (test question ${++questionNumber}, ${Date.now()})`;

async function openForm(options) {
  const page = await newPage(browser, options);
  await page.goto(server.url('/'));
  const form = page.getByRole('form', { name: 'Ask a question' });
  await form.waitFor();
  return { page, form };
}

async function fillValid(form, question) {
  await form.getByRole('textbox', { name: 'Your question' }).fill(question);
  await form.getByRole('textbox', { name: 'Your name (optional)' }).fill('Sam');
  await form.getByRole('textbox', { name: 'Email address (optional)' }).fill('sam@example.org');
  await form.getByRole('checkbox', { name: /I agree that my question may be published/ }).check();
}

async function storedCopies(question) {
  return (await receiver.stored()).filter((row) => row.question === question).length;
}

async function waitForConfirmation(page, timeout = 30_000) {
  const confirmation = page.getByRole('heading', { name: 'Thank you: your question has been sent' });
  await confirmation.waitFor({ timeout });
  return confirmation;
}

describe('sending', () => {
  test('a valid question is stored exactly once, despite a double click and Enter pressed five times', async () => {
    const { page, form } = await openForm();
    const question = uniqueQuestion();
    await fillValid(form, question);
    await form.getByRole('textbox', { name: 'Your name (optional)' }).focus();
    // Enter in a text field submits the form; pressed at once, without waiting for anything.
    for (let press = 0; press < 5; press += 1) await page.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Send question' }).dblclick({ timeout: 2_000 }).catch(() => {});
    const confirmation = await waitForConfirmation(page);
    await waitForText(page.getByRole('region', { name: 'Ask a question' }), /Your reference is Q-\d+/);
    await waitForFocus(page, (element) => element.tag === 'H3' && element.text === 'Thank you: your question has been sent');
    assert.ok(await confirmation.isVisible());
    await page.waitForTimeout(500);
    assert.equal(await storedCopies(question), 1);
    const sent = JSON.parse(proxy.posts[0].body);
    assert.deepEqual(Object.keys(sent).sort(), ['category', 'consent', 'email', 'name', 'page_url', 'question', 'submitted_at']);
    assert.match(proxy.posts[0].headers['idempotency-key'], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(page.problems, []);
  });

  test('invalid input shows the summary and the field messages, and sends nothing', async () => {
    const { page, form } = await openForm();
    await form.getByRole('textbox', { name: 'Email address (optional)' }).fill('not-an-address');
    await form.getByRole('button', { name: 'Send question' }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await waitForFocus(page, (element) => element.className.includes('ae-error-summary'));
    for (const message of ['Enter your question', 'Enter an email address in the correct format, like name@example.com', 'Tick the box to agree to how we use your question']) {
      await summary.getByRole('link', { name: message }).waitFor();
    }
    const question = form.getByRole('textbox', { name: 'Your question' });
    assert.equal(await question.getAttribute('aria-invalid'), 'true');
    assert.match(await form.innerText(), /Error:\s*Enter your question/);
    await summary.getByRole('link', { name: 'Enter your question' }).click();
    assert.equal((await focused(page)).id, 'ae-ask-question');
    assert.equal(proxy.posts.length, 0);
  });

  test('a server error, then success: the visitor sees the retry and it is stored once', async () => {
    proxy.plan(['status:500']);
    const { page, form } = await openForm();
    const question = uniqueQuestion();
    await fillValid(form, question);
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForText(form.getByRole('status').first(), /Not sent yet: the server had a problem \(HTTP 500\)\. Trying again/);
    await waitForConfirmation(page);
    assert.equal(await storedCopies(question), 1);
    assert.equal(proxy.posts.length, 2);
    assert.equal(proxy.posts[0].headers['idempotency-key'], proxy.posts[1].headers['idempotency-key']);
  });

  test('429 with Retry-After: waits as asked, then stores once', async () => {
    proxy.plan(['status:429:2']);
    const { page, form } = await openForm();
    const question = uniqueQuestion();
    await fillValid(form, question);
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForText(form.getByRole('status').first(), 'the server is busy. Trying again in 2 seconds');
    await waitForConfirmation(page);
    assert.equal(await storedCopies(question), 1);
  });

  test('an endpoint that hangs is abandoned after 15 seconds and retried', async () => {
    proxy.plan(['hang']);
    const { page, form } = await openForm();
    const question = uniqueQuestion();
    await fillValid(form, question);
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForText(form.getByRole('status').first(), 'did not answer within 15 seconds', 25_000);
    await waitForConfirmation(page);
    assert.equal(await storedCopies(question), 1);
  });

  test('offline: every retry fails, the text stays with a way to copy it, and a later try stores it once', async () => {
    const { page, form } = await openForm({ permissions: ['clipboard-read', 'clipboard-write'] });
    const question = uniqueQuestion();
    await fillValid(form, question);
    await page.context().setOffline(true);
    await form.getByRole('button', { name: 'Send question' }).click();
    const alert = form.getByRole('alert');
    await waitForText(alert, 'Your question has not been sent: the server could not be reached', 30_000);
    assert.equal(await form.getByRole('textbox', { name: 'Your question' }).inputValue(), question);
    await form.getByRole('button', { name: 'Copy my question' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), question);
    await page.context().setOffline(false);
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForConfirmation(page);
    assert.equal(await storedCopies(question), 1);
  });

  test('the form format posts urlencoded fields without custom headers', async () => {
    server.hostAttributes({ format: 'form' });
    const { page, form } = await openForm();
    const question = uniqueQuestion();
    await fillValid(form, question);
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForConfirmation(page);
    const post = proxy.posts.at(-1);
    assert.equal(post.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(post.headers['idempotency-key'], undefined);
    assert.equal(new URLSearchParams(post.body).get('question'), question);
    assert.equal(await storedCopies(question), 1);
  });
});

describe('the draft', () => {
  test('survives a reload in session storage, and never touches local storage unasked', async () => {
    const { page, form } = await openForm();
    const question = uniqueQuestion();
    await form.getByRole('textbox', { name: 'Your question' }).fill(question);
    await form.getByRole('textbox', { name: 'Your name (optional)' }).fill('Alex');
    await page.reload();
    const restored = page.getByRole('form', { name: 'Ask a question' });
    await restored.waitFor();
    assert.equal(await restored.getByRole('textbox', { name: 'Your question' }).inputValue(), question);
    assert.equal(await restored.getByRole('textbox', { name: 'Your name (optional)' }).inputValue(), 'Alex');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await restored.getByRole('checkbox', { name: /Keep my draft on this device/ }).check();
    assert.equal(await page.evaluate(() => localStorage.length), 1);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  });

  test('is cleared after a successful send, and the form starts afresh', async () => {
    const { page, form } = await openForm();
    await fillValid(form, uniqueQuestion());
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForConfirmation(page);
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
    await page.getByRole('button', { name: 'Ask another question' }).click();
    assert.equal(await form.getByRole('textbox', { name: 'Your question' }).inputValue(), '');
    await page.reload();
    await page.getByRole('form', { name: 'Ask a question' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Your question' }).inputValue(), '');
  });
});

test('without an endpoint the form gives way to contact details', async () => {
  server.hostAttributes({ endpoint: null, 'contact-text': 'Write to our advice line.', 'contact-url': 'mailto:advice@example.org' });
  const page = await newPage(browser);
  await page.goto(server.url('/'));
  const region = page.getByRole('region', { name: 'Ask a question' });
  await waitForText(region, 'Write to our advice line.');
  assert.equal(await page.getByRole('form').count(), 0);
  assert.equal(await region.getByRole('link', { name: 'Contact us' }).getAttribute('href'), 'mailto:advice@example.org');
});
