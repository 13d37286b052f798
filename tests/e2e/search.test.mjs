// Searching as you type: ranked, stemmed, typo-tolerant, highlighted, with synonyms, and
// working together with the category boxes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support/suite.mjs';
import { newPage, waitForFocus, waitForText } from './support/harness.mjs';

let server;
let browser;
let archive;
useBrowser({}, (suite) => ({ server, browser, archive } = suite));

const countLine = (page) => page.getByRole('status').filter({ hasText: /questions?$|No questions match/ }).first();
const searchBox = (page) => page.getByRole('searchbox', { name: 'Search questions' });

async function open(path = '/') {
  const page = await newPage(browser);
  await page.goto(server.url(path));
  await waitForText(countLine(page), `${archive.questions.length} questions`);
  return page;
}

async function countNumber(page) {
  const text = await countLine(page).innerText();
  return text.startsWith('No') ? 0 : Number(text.replace(/\D/g, ''));
}

/** Types like a person, then waits until the count has settled below the total. */
async function search(page, query) {
  await searchBox(page).pressSequentially(query, { delay: 20 });
  for (let tries = 0; tries < 100; tries += 1) {
    if ((await countNumber(page)) < archive.questions.length) break;
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(150);
}

const marked = (locator) => locator.locator('mark').allInnerTexts();

describe('searching', () => {
  test('typing a query updates the count, the order and the highlight', async () => {
    const page = await open();
    await search(page, 'moxa');
    const count = await countNumber(page);
    assert.ok(count > 0 && count < 10, `moxa found ${count}`);
    const first = page.getByRole('article').first();
    const marks = (await marked(first)).map((text) => text.toLowerCase());
    assert.ok(marks.some((text) => text.startsWith('moxa')), `marks: ${marks}`);
    assert.equal(await page.getByRole('combobox', { name: 'Sort by' }).inputValue(), 'relevance');
    assert.deepEqual(page.problems, []);
  });

  test('a typo still finds the question', async () => {
    const page = await open();
    await search(page, 'scoliosys');
    assert.ok((await countNumber(page)) >= 1);
    const heading = page.getByRole('article').first().getByRole('heading');
    assert.match(await heading.innerText(), /scoliosis/i);
    assert.ok((await marked(heading)).some((text) => /scoliosis/i.test(text)));
  });

  test('the word being typed matches its completions', async () => {
    const page = await open();
    await search(page, 'electroacu');
    assert.ok((await countNumber(page)) >= 1);
    assert.match(await page.getByRole('article').first().innerText(), /electro-?acupuncture/i);
  });

  test('a lay term finds its synonyms, and the page says so', async () => {
    const page = await open();
    await search(page, 'slipped disc');
    await waitForText(page.getByRole('search'), 'Also searched: herniated disc');
    const texts = await page.getByRole('article').getByRole('heading').allInnerTexts();
    assert.ok(texts.some((text) => /herniated disc/i.test(text) && !/slipped/i.test(text)), texts.join('\n'));
  });

  test('when no question has every word, the closest matches show with a note', async () => {
    const page = await open();
    await search(page, 'needles zebra');
    await waitForText(page.getByRole('search'), 'No question has all of your words');
    assert.ok((await countNumber(page)) >= 1);
  });

  test('search and boxes combine, and the box counts follow the search', async () => {
    const page = await open();
    await search(page, 'pain');
    const searched = await countNumber(page);
    const digestion = page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ });
    const digestionCount = Number((await page.locator(`label[for="${await digestion.getAttribute('id')}"]`).innerText()).match(/\((\d+)\)/)[1]);
    await digestion.check();
    await waitForText(countLine(page), digestionCount === 0 ? 'No questions match' : `${digestionCount} question`);
    assert.ok(digestionCount < searched);
  });

  test('Escape and Clear search empty the box and show everything again', async () => {
    const page = await open();
    await search(page, 'sleep');
    await searchBox(page).press('Escape');
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    assert.equal(await searchBox(page).inputValue(), '');
    await search(page, 'sleep');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    await waitForFocus(page, (element) => element.id === 'ae-search');
  });

  test('no match offers to ask it as a new question', async () => {
    const page = await open();
    await search(page, 'qwertyuiop asdfghjkl');
    await waitForText(countLine(page), 'No questions match');
    await page.getByRole('button', { name: 'Ask this as a new question' }).click();
    await waitForFocus(page, (element) => element.id === 'ae-ask-question');
    assert.equal(await page.getByRole('textbox', { name: 'Your question' }).inputValue(), 'qwertyuiop asdfghjkl');
  });

  test('the search text stays out of the address unless the association allows it', async () => {
    const page = await open();
    await search(page, 'insomnia');
    assert.doesNotMatch(page.url(), /insomnia/);
    server.hostAttributes({ 'search-in-url': 'true' });
    const allowed = await open();
    await search(allowed, 'insomnia');
    await allowed.waitForURL(/q=insomnia/);
    await allowed.reload();
    await waitForText(countLine(allowed), /^\d+ questions?$/);
    assert.equal(await searchBox(allowed).inputValue(), 'insomnia');
  });
});

test('the question form suggests answered questions like the draft, and opens them', async () => {
  const page = await open();
  const form = page.getByRole('form', { name: 'Ask a question' });
  await form.getByRole('textbox', { name: 'Your question' }).fill('Can acupuncture help with hay fever every spring?');
  const suggestions = form.getByRole('list').filter({ has: page.getByRole('link') }).first();
  await waitForText(form, /answered questions? like yours/);
  const first = suggestions.getByRole('link').first();
  const title = await first.innerText();
  assert.match(title, /hay fever|allerg/i);
  await first.click();
  await waitForFocus(page, (element) => element.tag === 'H2' && element.text === title);
});
