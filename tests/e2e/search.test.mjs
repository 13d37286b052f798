// Searching as you type: ranked, stemmed, typo-tolerant, highlighted, with synonyms, and
// working together with the category boxes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support/suite.mjs';
import { json, newPage, waitForFocus, waitForText } from './support/harness.mjs';
import { tidy } from './support/archive.mjs';

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

describe('searching and history', () => {
  test('typing a search replaces the entry, so Back shows a view that was on screen', async () => {
    const page = await open();
    const pages = Math.ceil(archive.questions.length / 10);
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await nav.getByRole('button', { name: 'Next' }).click();
    await waitForText(nav, `Page 2 of ${pages}`);
    await nav.getByRole('button', { name: 'Next' }).click();
    await waitForText(nav, `Page 3 of ${pages}`);
    const before = await page.evaluate(() => history.length);
    await search(page, 'pain');
    await waitForText(nav, 'Page 1 of');
    assert.equal(await page.evaluate(() => history.length), before, 'typing added no entry');
    await page.goBack();
    await waitForText(nav, `Page 2 of ${pages}`);
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    assert.equal(await searchBox(page).inputValue(), '');
  });

  test('Back and Forward bring back the search each entry showed, though the address holds none', async () => {
    const page = await open();
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await search(page, 'pain');
    await waitForText(nav, /^Page 1 of/);
    const matches = await countNumber(page);
    assert.ok(matches > 10 && matches < archive.questions.length, 'the search spans pages');
    await nav.getByRole('button', { name: 'Next' }).click();
    await waitForText(nav, /Page 2 of/);
    assert.doesNotMatch(page.url(), /pain/);
    await page.goBack();
    await waitForText(nav, /Page 1 of/);
    assert.equal(await countNumber(page), matches);
    assert.equal(await searchBox(page).inputValue(), 'pain');
    await page.goForward();
    await waitForText(nav, /Page 2 of/);
    assert.equal(await countNumber(page), matches);
    assert.equal(await searchBox(page).inputValue(), 'pain');
  });
});

describe('what a search says', () => {
  const notes = (page) => page.getByRole('search');

  for (const query of ['slept', 'B12', 'hayfever', 'zq'.repeat(1000)]) {
    test(`no "closest matches" beside no matches (${query.slice(0, 12)})`, async () => {
      const page = await open();
      await searchBox(page).fill(query);
      for (let tries = 0; tries < 100 && (await countNumber(page)) === archive.questions.length; tries += 1) {
        await page.waitForTimeout(50);
      }
      await page.waitForTimeout(150);
      const count = await countNumber(page);
      const text = await notes(page).innerText();
      if (count === 0) assert.doesNotMatch(text, /closest matches/);
      else if (!text.includes('closest matches')) assert.ok(count > 0);
    });
  }

  for (const query of ['?!.,', '*', '"', '🙂', '   ']) {
    test(`a query with no letters or digits shows every question (${query})`, async () => {
      const page = await open();
      await searchBox(page).fill(query);
      await page.waitForTimeout(200);
      await waitForText(countLine(page), `${archive.questions.length} questions`);
      assert.equal(await page.getByText('No questions match').count(), 0);
    });
  }

  test('a word no question holds says near spellings are shown', async () => {
    const page = await open();
    await search(page, 'café');
    await waitForText(notes(page), /No question has the word “cafe”, so near spellings are shown: .*safe/);
  });

  test('the search notes are announced', async () => {
    const page = await open();
    await search(page, 'slipped disc');
    const note = page.getByText('Also searched: herniated disc');
    await note.waitFor();
    assert.equal(await note.evaluate((element) => element.closest('[aria-live]')?.getAttribute('aria-live')), 'polite');
  });

  test('the no-results view has one "Clear search", and starting again focuses the box', async () => {
    const page = await open();
    await search(page, 'qwertyuiop asdfghjkl');
    await waitForText(countLine(page), 'No questions match');
    assert.equal(await page.getByRole('button', { name: 'Clear search', exact: true }).count(), 1);
    await page.getByRole('button', { name: 'Start a new search' }).press('Enter');
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    await waitForFocus(page, (element) => element.id === 'ae-search');
  });

  test('an empty archive says so, not "try fewer words"', async () => {
    server.route('/archive.json', json({ schema: 'ask-expert-archive/1', categories: [], questions: [] }));
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    await waitForText(countLine(page), 'No questions match');
    await page.getByText('The archive has no questions yet.').waitFor();
    assert.equal(await page.getByText(/fewer words/).count(), 0);
  });

  test('printing search results prints the answers whole', async () => {
    const page = await open();
    await search(page, 'pain');
    const first = page.getByRole('article').first();
    const title = await first.getByRole('heading', { level: 2 }).innerText();
    const question = archive.questions.find((q) => tidy(q.question) === title);
    const words = question.answers.map((answer) => answer.body.match(/[A-Za-z]+(?: [A-Za-z]+){3}/)?.[0]).filter(Boolean);
    await page.emulateMedia({ media: 'print' });
    for (const phrase of words) await waitForText(first, phrase);
  });
});
