// Posting a question to the real reference receiver: stored exactly once whatever the
// visitor or the network does, and no word of the draft is ever lost.
import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoArchive, focused, newPage, waitForFocus, waitForText } from './support/harness.mjs';
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

/** Sends a valid question that the endpoint asks to retry in 30 s, on a page whose clock
 * the test moves by hand. */
async function sendIntoA30SecondWait() {
  proxy.plan(['status:429:30']);
  const page = await newPage(browser);
  await page.clock.install();
  await page.goto(server.url('/'));
  const form = page.getByRole('form', { name: 'Ask a question' });
  const question = uniqueQuestion();
  await fillValid(form, question);
  await form.getByRole('button', { name: 'Send question' }).click();
  return { page, form, question };
}

describe('what is sent is what the visitor sees', () => {
  test('the fields cannot change while a question is being sent, and say why', async () => {
    const { page, form, question } = await sendIntoA30SecondWait();
    await waitForText(form.getByRole('status').first(), 'Trying again in 30 seconds');
    const box = form.getByRole('textbox', { name: 'Your question' });
    // A visitor who can still type adds to the question while the retry waits.
    if (await box.isEditable()) await box.fill(`${question} Also, is it safe in pregnancy?`);
    const shown = await box.inputValue();
    assert.equal(await box.isEditable(), false, 'the question box is locked while sending');
    await waitForText(form, 'cannot be changed while it is being sent');
    await page.clock.runFor(30_000);
    await waitForConfirmation(page);
    const stored = (await receiver.stored()).filter((row) => row.question.startsWith(question));
    assert.deepEqual(stored.map((row) => row.question), [shown.trim()]);
  });

  test('a question corrected after a failed send is stored as corrected, under a new key', async () => {
    const page = await newPage(browser);
    await page.clock.install();
    // The first POST reaches the receiver, but the browser only sees the connection reset;
    // so do the retries, until the visitor gives up waiting.
    let delivered = 0;
    await page.route(proxy.endpoint, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      if (delivered === 0) await route.fetch();
      delivered += 1;
      return route.abort('connectionreset');
    });
    await page.goto(server.url('/'));
    const form = page.getByRole('form', { name: 'Ask a question' });
    const question = uniqueQuestion();
    await fillValid(form, question);
    await form.getByRole('button', { name: 'Send question' }).click();
    // Skip the waits between the four attempts.
    const gaveUp = () => form.getByRole('alert').innerText().then((text) => text.includes('Your question has not been sent'));
    for (let skip = 0; skip < 10 && !(await gaveUp()); skip += 1) {
      await waitForText(form.getByRole('status').first(), /Trying again|has not been sent|^$/);
      await page.clock.runFor(30_000);
    }
    await waitForText(form.getByRole('alert'), 'Your question has not been sent');
    assert.equal(await storedCopies(question), 1);
    await page.unroute(proxy.endpoint);
    const corrected = `${question} (I meant my left knee.)`;
    await form.getByRole('textbox', { name: 'Your question' }).fill(corrected);
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForConfirmation(page);
    assert.equal(await storedCopies(corrected), 1);
    const keys = proxy.posts.map((post) => post.headers['idempotency-key']);
    assert.notEqual(keys.at(-1), keys[0]);
  });
});

describe('drafts and messages in their places', () => {
  test('two archives at the same relative address on different pages keep separate drafts', async () => {
    const otherHost = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other archive</title></head>
      <body><div data-ask-expert data-archive="archive.json" data-endpoint="${proxy.endpoint}"></div>
      <script type="module" src="/embed.js"></script></body></html>`;
    server.route('/other/', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(otherHost);
    });
    const archiveText = JSON.stringify(await demoArchive());
    server.route('/other/archive.json', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(archiveText);
    });
    const { page, form } = await openForm();
    const question = uniqueQuestion();
    await form.getByRole('checkbox', { name: /Keep my draft on this device/ }).check();
    await form.getByRole('textbox', { name: 'Your question' }).fill(question);
    await page.goto(server.url('/other/'));
    const other = page.getByRole('form', { name: 'Ask a question' });
    await other.waitFor();
    assert.equal(await other.getByRole('textbox', { name: 'Your question' }).inputValue(), '');
    await page.goto(server.url('/'));
    const first = page.getByRole('form', { name: 'Ask a question' });
    await first.waitFor();
    assert.equal(await first.getByRole('textbox', { name: 'Your question' }).inputValue(), question);
  });

  test("the endpoint's messages are listed in field order, each also beside its field", async () => {
    const { page, form } = await openForm();
    await page.route(proxy.endpoint, (route) => {
      const cors = { 'access-control-allow-origin': server.origin, 'access-control-allow-headers': 'content-type, idempotency-key' };
      if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      return route.fulfill({
        status: 400,
        headers: { ...cors, 'content-type': 'application/json' },
        body: JSON.stringify({ errors: { question: 'That question is a duplicate', category: 'That topic is closed', form: 'Please check the form' } }),
      });
    });
    await fillValid(form, uniqueQuestion());
    await form.getByRole('button', { name: 'Send question' }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await waitForText(summary, 'That topic is closed');
    const text = await summary.innerText();
    const order = ['That question is a duplicate', 'That topic is closed'].map((message) => text.indexOf(message));
    assert.ok(order[0] < order[1], text);
    assert.ok(text.includes('Please check the form'), text);
    const topic = form.getByRole('combobox', { name: 'Topic (optional)' });
    assert.equal(await topic.getAttribute('aria-invalid'), 'true');
    assert.match(await form.innerText(), /Error:\s*That topic is closed/);
    assert.match(await form.innerText(), /Error:\s*That question is a duplicate/);
  });
});

describe('retrying', () => {
  test('the wait counts down, and Cancel stops retrying and keeps the draft', async () => {
    const { page, form, question } = await sendIntoA30SecondWait();
    const status = form.getByRole('status').first();
    await waitForText(status, 'Trying again in 30 seconds');
    await page.clock.runFor(2_000);
    await waitForText(status, /Trying again in 2\d seconds/);
    await form.getByRole('button', { name: 'Cancel sending' }).click();
    await waitForText(status, 'Sending cancelled');
    await waitForFocus(page, (element) => element.id === 'ae-ask-question');
    await page.clock.runFor(60_000);
    const box = form.getByRole('textbox', { name: 'Your question' });
    assert.equal(await box.inputValue(), question);
    assert.ok(await box.isEditable());
    assert.match(await page.evaluate(() => JSON.stringify({ ...sessionStorage })), /test question/);
    await form.getByRole('button', { name: 'Send question' }).click();
    await waitForConfirmation(page);
    assert.equal(proxy.posts.length, 2);
    assert.equal(await storedCopies(question), 1);
  });
});
