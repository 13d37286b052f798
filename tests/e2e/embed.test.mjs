// The widget inside an association's own page: a strict CSP, heavy global CSS, its own
// query parameters and hash. Neither page may disturb the other.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support/suite.mjs';
import { json, newPage, waitForText } from './support/harness.mjs';
import { questionsIn } from './support/archive.mjs';

const HOST_PAGE = '/host/index.html';
const DEMO_ENDPOINT_ORIGIN = 'http://127.0.0.1:8081';

let server;
let browser;
let archive;
let receiver;
useBrowser({ receiver: true }, (suite) => ({ server, browser, archive, receiver } = suite));
beforeEach(() => {
  server.rewrite(HOST_PAGE, DEMO_ENDPOINT_ORIGIN, receiver.origin);
});

/** Opens a page recording every Content-Security-Policy violation. */
async function openHost(path = `${HOST_PAGE}?section=ask#top`) {
  const page = await newPage(browser);
  page.cspViolations = [];
  await page.exposeFunction('reportViolation', (text) => page.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(server.url(path));
  return page;
}

const countLine = (page) => page.getByRole('status').filter({ hasText: /questions?|No questions match/ }).first();

describe('on the example host page', () => {
  test('loads, filters, pages and posts under the strict CSP with no violation', async () => {
    const page = await openHost();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    await page.getByRole('checkbox', { name: /^Muscles and bones \(\d+\)$/ }).check();
    await waitForText(countLine(page), `${questionsIn(archive, 'muscles-and-bones').length} questions`);
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await nav.getByRole('button', { name: 'Next' }).click();
    await waitForText(nav, 'Page 2 of');

    const form = page.getByRole('form', { name: 'Ask a question' });
    const question = `Can I have acupuncture on the day of a vaccination? (${Date.now()})`;
    await form.getByRole('textbox', { name: 'Your question' }).fill(question);
    await form.getByRole('checkbox', { name: /I agree that my question may be published/ }).check();
    await form.getByRole('button', { name: 'Send question' }).click();
    await page.getByRole('heading', { name: 'Thank you: your question has been sent' }).waitFor();
    assert.equal((await receiver.stored()).filter((row) => row.question === question).length, 1);

    assert.deepEqual(page.cspViolations, []);
    assert.deepEqual(page.problems, []);
  });

  test("keeps the host page's own query parameters and hash", async () => {
    const page = await openHost();
    await waitForText(countLine(page), 'questions');
    await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
    await waitForText(countLine(page), `${questionsIn(archive, 'digestion').length} questions`);
    const address = new URL(page.url());
    assert.equal(address.searchParams.get('section'), 'ask');
    assert.equal(address.searchParams.get('ae-category'), 'digestion');
    assert.equal(address.hash, '#top');
  });

  test("the host's global CSS does not reach the widget", async () => {
    const page = await openHost();
    await waitForText(countLine(page), 'questions');
    const styleOf = (locator, ...properties) => locator.evaluate((element, names) => {
      const style = getComputedStyle(element);
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    }, properties);
    const digestion = page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ });
    // The first results' boxes wait, disabled, for the whole view, which replaces them.
    await digestion.click({ trial: true });
    const box = await styleOf(digestion, 'appearance', 'background-color', 'width');
    assert.notEqual(box.appearance, 'none', 'the host resets checkboxes to appearance: none');
    assert.equal(box.width, '27px', '1.5rem of the host page’s 18px root');
    const button = await styleOf(page.getByRole('button', { name: 'Send question' }), 'text-transform', 'background-color', 'font-size');
    assert.equal(button['text-transform'], 'none');
    assert.equal(button['background-color'], 'rgb(29, 92, 99)');
    const widgetArticle = page.getByRole('article').filter({ has: page.getByRole('button', { name: 'Copy link' }) }).first();
    const heading = await styleOf(widgetArticle.getByRole('heading'), 'text-transform', 'font-family', 'color');
    assert.equal(heading['text-transform'], 'none');
    assert.match(heading['font-family'], /Georgia/, 'the widget inherits the host font');
    assert.equal(heading.color, 'rgb(31, 35, 40)');

    await page.evaluate(() => document.querySelector('[data-ask-expert]').style.setProperty('--ae-accent', '#804000'));
    const themed = await styleOf(page.getByRole('button', { name: 'Send question' }), 'background-color');
    assert.equal(themed['background-color'], 'rgb(128, 64, 0)', 'the host themes the widget through --ae-accent');
  });

  test("the widget's CSS does not reach the host page", async () => {
    const withoutWidget = await newPage(browser);
    server.rewrite(HOST_PAGE, '<script type="module" src="../embed.js"></script>', '');
    await withoutWidget.goto(server.url(HOST_PAGE));
    const probe = (page) => page.evaluate(() => {
      const selectors = ['header', 'nav a', 'h1', '.host-button', '.intro', 'footer h2', 'footer p', 'body'];
      const properties = ['font-family', 'font-size', 'color', 'background-color', 'margin', 'padding', 'border', 'text-transform', 'line-height'];
      return Object.fromEntries(selectors.map((selector) => {
        const style = getComputedStyle(document.querySelector(selector));
        return [selector, Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]))];
      }));
    });
    const before = await probe(withoutWidget);
    server.reset();
    server.rewrite(HOST_PAGE, DEMO_ENDPOINT_ORIGIN, receiver.origin);
    const withWidget = await openHost();
    await waitForText(countLine(withWidget), 'questions');
    assert.deepEqual(await probe(withWidget), before);
  });
});

test('a second container gets a clear console error and the first still works', async () => {
  server.rewrite(HOST_PAGE, '<footer class="footer">', '<div data-ask-expert data-archive="../archive.json"></div><footer class="footer">');
  const page = await newPage(browser);
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(server.url(HOST_PAGE));
  await waitForText(countLine(page), `${archive.questions.length} questions`);
  assert.ok(errors.some((text) => text.includes('one widget per page is supported')), errors.join('\n'));
});

test('settings can come from a JSON file named by data-config', async () => {
  server.route('/widget-settings.json', json({
    'page-size': 5, title: 'Questions and answers', panels: [],
    labels: { search: 'Search the archive', filter: 'Topics', ask: 'Send us your question', send: 'Post my question' },
  }));
  server.hostAttributes({ config: 'widget-settings.json', panels: null });
  const page = await newPage(browser);
  await page.goto(server.url('/'));
  await page.getByRole('heading', { level: 1, name: 'Questions and answers' }).waitFor();
  await waitForText(page.getByRole('navigation', { name: 'Pagination' }), `Page 1 of ${Math.ceil(archive.questions.length / 5)}`);
  assert.equal(await page.getByRole('article').count(), 5);
  await page.getByRole('searchbox', { name: 'Search the archive' }).waitFor();
  await page.getByRole('group', { name: 'Topics' }).waitFor();
  await page.getByRole('form', { name: 'Send us your question' }).getByRole('button', { name: 'Post my question' }).waitFor();
});

test('a renamed topic in a prefixed parameter is said, and tidying it leaves Back working', async () => {
  const page = await newPage(browser);
  await page.goto(server.url('/privacy.html'));
  const entries = await page.evaluate(() => history.length) + 1;
  await page.goto(server.url(`${HOST_PAGE}?section=ask&ae-category=renamed-topic#top`));
  await waitForText(countLine(page), `${archive.questions.length} questions`);
  await page.getByText('The topic in this link no longer exists').waitFor();
  await page.waitForURL((url) => !url.searchParams.has('ae-category'));
  const address = new URL(page.url());
  assert.equal(address.searchParams.get('section'), 'ask');
  assert.equal(address.hash, '#top');
  assert.equal(await page.evaluate(() => history.length), entries);
  await page.goBack();
  await page.waitForURL(/privacy\.html/);
});
