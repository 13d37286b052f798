// axe-core finds no WCAG 2.2 A/AA violation in any state a visitor can reach.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support/suite.mjs';
import AxeBuilder from '@axe-core/playwright';
import { json, newPage, respond, waitForText } from './support/harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let server;
let browser;
let archive;
let receiver;
useBrowser({ receiver: true }, (suite) => ({ server, browser, archive, receiver } = suite));
beforeEach(() => {
  server.hostAttributes({ endpoint: receiver.endpoint });
});

async function expectNoViolations(page, state) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((violation) =>
    `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('\n  ')}`);
  assert.deepEqual(summary, [], `axe found violations in state "${state}"`);
  return results.passes.length;
}

async function open(path = '/') {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(path));
  await waitForText(page.getByRole('status').or(page.getByRole('alert')).first(), /questions?|No questions match|could not/);
  return page;
}

const states = {
  'first load': async () => open(),
  'boxes checked': async () => {
    const page = await open();
    await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
    await page.getByRole('button', { name: 'Show subtopics of Back / spine' }).click();
    await page.getByRole('checkbox', { name: /^Sciatica \(\d+\)$/ }).check();
    return page;
  },
  'search with results': async () => {
    const page = await open();
    await page.getByRole('searchbox', { name: 'Search questions' }).pressSequentially('slipped disc', { delay: 20 });
    await waitForText(page.getByRole('search'), 'Also searched');
    return page;
  },
  'an expanded answer': async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Read more' }).first().click();
    return page;
  },
  'page 2': async () => {
    const page = await open();
    await page.getByRole('navigation', { name: 'Pagination' }).getByRole('button', { name: 'Next' }).click();
    await waitForText(page.getByRole('navigation', { name: 'Pagination' }), 'Page 2');
    return page;
  },
  'no results': async () => {
    const withEmpty = structuredClone(archive);
    withEmpty.categories.unshift({ id: 'empty', label: 'Nothing here yet' });
    server.route('/archive.json', json(withEmpty));
    const page = await open();
    await page.getByRole('checkbox', { name: /^Nothing here yet/ }).check();
    await waitForText(page.getByRole('status').first(), 'No questions match');
    return page;
  },
  'the form with validation errors': async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Send question' }).click();
    await page.getByText('There is a problem').waitFor();
    return page;
  },
  'the form after success': async () => {
    const page = await open();
    const form = page.getByRole('form', { name: 'Ask a question' });
    await form.getByRole('textbox', { name: 'Your question' }).fill('Is it normal to feel very tired after a first session?');
    await form.getByRole('checkbox', { name: /I agree/ }).check();
    await form.getByRole('button', { name: 'Send question' }).click();
    await page.getByRole('heading', { name: 'Thank you: your question has been sent' }).waitFor();
    return page;
  },
  'the archive error panel': async () => {
    server.route('/archive.json', (_request, response) => respond(response, 500, 'text/plain', 'Down'));
    const page = await open();
    await page.getByRole('alert').getByRole('button', { name: 'Retry' }).waitFor();
    return page;
  },
};

for (const [state, reach] of Object.entries(states)) {
  test(`no violations: ${state}`, async () => {
    const page = await reach();
    const passes = await expectNoViolations(page, state);
    assert.ok(passes > 10, 'axe actually checked the page');
  });
}
