// Browsing by clicking boxes: counts, parent boxes, chips, pages, sort, and a view that
// survives reloads, Back and shared links.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support/suite.mjs';
import { json, newPage, respond, waitForFocus, waitForText } from './support/harness.mjs';
import { labelOf, newestFirst, questionsIn, subtreeIds, tidy } from './support/archive.mjs';

let server;
let browser;
let archive;
useBrowser({}, (suite) => ({ server, browser, archive } = suite));

const countLine = (page) => page.getByRole('status').filter({ hasText: /question/ }).first();
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A category box by its label, whatever its count. */
const box = (page, label) => page.getByRole('checkbox', { name: new RegExp(`^${escape(label)} \\(\\d+\\)$`) });
const firstHeading = (page) => page.getByRole('article').first().getByRole('heading', { level: 2 }).innerText();

async function open(path = '/') {
  const page = await newPage(browser);
  await page.goto(server.url(path));
  await waitForText(countLine(page), /\d+ questions?|No questions match/);
  return page;
}

async function expand(page, label) {
  const toggle = page.getByRole('button', { name: `Show subtopics of ${label}` });
  if (await toggle.count()) await toggle.click();
}

describe('category boxes', () => {
  test('ticking a box shows its questions and count', async () => {
    const page = await open();
    await expand(page, 'Back / spine');
    const expected = questionsIn(archive, 'lower-back-pain').length;
    const lowerBack = box(page, 'Lower back pain');
    assert.equal(await lowerBack.getAttribute('id') !== null, true);
    assert.match(await page.locator(`label[for="${await lowerBack.getAttribute('id')}"]`).innerText(), new RegExp(`\\(${expected}\\)`));
    await lowerBack.check();
    await waitForText(countLine(page), `${expected} questions`);
    assert.equal(await page.getByRole('article').count(), Math.min(10, expected));
    assert.deepEqual(page.problems, []);
  });

  test('a parent box covers its children, and a ticked child makes its parent mixed', async () => {
    const page = await open();
    await box(page, 'Back / spine').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'back-spine').length} questions`);
    await expand(page, 'Back / spine');
    assert.equal(await box(page, 'Sciatica').isChecked(), true, 'children show as included');

    await box(page, 'Back / spine').uncheck();
    await box(page, 'Sciatica').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'sciatica').length} question`);
    assert.equal(await box(page, 'Back / spine').evaluate((input) => input.indeterminate), true);
    assert.equal(await box(page, 'Muscles and bones').evaluate((input) => input.indeterminate), true);
  });

  test('counts of sibling boxes stay put when one is ticked (disjunctive)', async () => {
    const page = await open();
    await expand(page, 'Back / spine');
    const before = await box(page, 'Sciatica').getAttribute('aria-label') ?? await labelText(page, 'Sciatica');
    await box(page, 'Lower back pain').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'lower-back-pain').length} questions`);
    assert.equal(await box(page, 'Sciatica').getAttribute('aria-label') ?? await labelText(page, 'Sciatica'), before);
    await box(page, 'Sciatica').check();
    const both = questionsIn(archive, 'lower-back-pain', 'sciatica').length;
    await waitForText(countLine(page), `${both} questions`);
  });

  test('chips remove one filter, Clear all removes every one', async () => {
    const page = await open();
    await box(page, 'Digestion').check();
    await box(page, 'Head and mind').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'digestion', 'head-and-mind').length} questions`);
    await page.getByRole('button', { name: 'Remove Digestion' }).click();
    await waitForText(countLine(page), `${questionsIn(archive, 'head-and-mind').length} questions`);
    assert.equal(await box(page, 'Digestion').isChecked(), false);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    assert.equal(await page.getByRole('group', { name: 'Active filters' }).count(), 0);
  });

  test('a box with no questions can be ticked, and the way out clears it', async () => {
    const withEmpty = structuredClone(archive);
    withEmpty.categories.push({ id: 'empty', label: 'Nothing here yet' });
    server.route('/archive.json', json(withEmpty));
    const page = await open();
    await page.getByRole('button', { name: 'Show 3 more' }).click();
    const empty = box(page, 'Nothing here yet');
    assert.match(await labelText(page, 'Nothing here yet'), /\(0\)/);
    await empty.check();
    await waitForText(countLine(page), 'No questions match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
  });
});

async function labelText(page, label) {
  const id = await box(page, label).getAttribute('id');
  return page.locator(`label[for="${id}"]`).innerText();
}

describe('pages and order', () => {
  test('Next, Previous and numbered pages move through the results and focus the top', async () => {
    const page = await open();
    const pages = Math.ceil(archive.questions.length / 10);
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await waitForText(nav, `Page 1 of ${pages}`);
    const ordered = newestFirst(archive.questions);
    await nav.getByRole('button', { name: 'Next' }).click();
    await waitForText(nav, `Page 2 of ${pages}`);
    assert.equal(await firstHeading(page), tidy(ordered[10].question));
    await waitForFocus(page, (element) => element.role === 'status');
    await nav.getByRole('button', { name: 'Page 3', exact: true }).click();
    await waitForText(nav, `Page 3 of ${pages}`);
    assert.equal(await nav.getByRole('button', { name: 'Page 3', exact: true }).getAttribute('aria-current'), 'page');
    assert.equal(await firstHeading(page), tidy(ordered[20].question));
    await nav.getByRole('button', { name: 'Page 1', exact: true }).click();
    await waitForText(nav, `Page 1 of ${pages}`);
    assert.equal(await nav.getByRole('button', { name: 'Previous' }).isDisabled(), true);
    await nav.getByRole('button', { name: `Page ${pages}`, exact: true }).click();
    await waitForText(nav, `Page ${pages} of ${pages}`);
    await nav.getByRole('button', { name: 'Previous' }).click();
    await waitForText(nav, `Page ${pages - 1} of ${pages}`);
  });

  test('changing the filters returns to page 1', async () => {
    const page = await open('/?page=3');
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await waitForText(nav, 'Page 3 of');
    await box(page, 'Muscles and bones').check();
    await waitForText(nav, 'Page 1 of');
  });

  test('oldest first lists the archive the way the old site did', async () => {
    const page = await open();
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Oldest first' });
    const oldest = newestFirst(archive.questions).at(-1);
    for (let tries = 0; tries < 100 && (await firstHeading(page)) !== tidy(oldest.question); tries += 1) await page.waitForTimeout(50);
    assert.equal(await firstHeading(page), tidy(oldest.question));
    assert.match(page.url(), /sort=oldest/);
  });
});

describe('the address keeps the view', () => {
  test('Back restores the previous view', async () => {
    const page = await open();
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    const muscles = questionsIn(archive, 'muscles-and-bones').length;
    await box(page, 'Muscles and bones').check();
    await waitForText(countLine(page), `${muscles} questions`);
    assert.match(page.url(), /category=muscles-and-bones/);
    await nav.getByRole('button', { name: 'Next' }).click();
    await waitForText(nav, 'Page 2 of');
    await page.goBack();
    await waitForText(nav, 'Page 1 of');
    await waitForText(countLine(page), `${muscles} questions`);
    assert.equal(await box(page, 'Muscles and bones').isChecked(), true);
    await page.goBack();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    assert.equal(await box(page, 'Muscles and bones').isChecked(), false);
    await page.goForward();
    await waitForText(countLine(page), `${muscles} questions`);
  });

  test('a shared address reproduces the view, and a reload keeps it', async () => {
    const path = '/?category=sciatica&category=neck-pain&sort=oldest&page=1';
    const page = await open(path);
    const expected = questionsIn(archive, 'sciatica', 'neck-pain');
    await waitForText(countLine(page), `${expected.length} questions`);
    assert.equal(await page.getByRole('combobox', { name: 'Sort by' }).inputValue(), 'oldest');
    assert.equal(await firstHeading(page), tidy(newestFirst(expected).at(-1).question));
    await page.reload();
    await waitForText(countLine(page), `${expected.length} questions`);
    await page.getByRole('button', { name: `Remove ${labelOf(archive, 'sciatica')}` }).waitFor();
  });

  test('a permalink opens its question unfolded, on whatever page it falls', async () => {
    const target = newestFirst(archive.questions).at(-1);
    const page = await open(`/#question-${target.id}`);
    const pages = Math.ceil(archive.questions.length / 10);
    await waitForText(page.getByRole('navigation', { name: 'Pagination' }), `Page ${pages} of ${pages}`);
    const article = page.getByRole('article', { name: tidy(target.question) });
    await article.waitFor();
    await waitForFocus(page, (element) => element.tag === 'H2' && element.text === tidy(target.question));
    if (await article.getByRole('button', { name: /Read more|Show less/ }).count()) {
      assert.equal(await article.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded'), 'true');
    }
  });

  test('Copy link puts the question\'s permalink on the clipboard (no static pages built)', async () => {
    // Published as a single archive.json, with no pages beside it: the link is the app's own.
    server.route('/archive.manifest.json', (_request, response) => respond(response, 404, 'text/plain', 'Not found'));
    const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(server.url('/?category=digestion'));
    const article = page.getByRole('article').first();
    await article.getByRole('button', { name: 'Copy link' }).click();
    await waitForText(article.getByRole('status'), 'Link copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const first = newestFirst(questionsIn(archive, 'digestion'))[0];
    assert.equal(copied, server.url(`/#question-${first.id}`));
  });
});

test('the association\'s side panels show beside the archive', async () => {
  const page = await open();
  const panels = page.getByRole('complementary', { name: 'More from the association' });
  await panels.getByRole('heading', { name: 'Factsheets' }).waitFor();
  assert.equal(await panels.getByRole('link', { name: 'Latest news' }).getAttribute('rel'), 'noopener noreferrer');
});

// ---- Category boxes: inner topics' own questions, and ticked boxes always in sight ----

describe('category boxes keep what they hold in sight', () => {
  const visible = (locator) => locator.isVisible();
  const hasFocus = (input) => input === input.getRootNode().activeElement;
  const articleTitled = (page, text) => page.getByRole('article', { name: tidy(text) });
  /** Questions filed in `id`'s branch but outside the `left` branches. */
  const without = (id, ...left) => {
    const inside = subtreeIds(archive, id);
    const out = new Set(left.flatMap((leftId) => [...subtreeIds(archive, leftId)]));
    return archive.questions.filter((question) =>
      question.categories.some((category) => inside.has(category) && !out.has(category)));
  };
  /** Serves the demo with a ninth topic, so the top list folds behind "Show 3 more". */
  const withNinthTopic = () => {
    const longer = structuredClone(archive);
    const sub = { id: 'ninth-sub', label: 'Ninth subtopic' };
    longer.categories.push({ id: 'ninth', label: 'Ninth topic', children: [sub] });
    longer.questions[0].categories.push('ninth-sub');
    server.route('/archive.json', json(longer));
  };

  test('unticking a subtopic of a ticked topic keeps the topic\'s own questions', async () => {
    const page = await open();
    await box(page, 'Back / spine').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'back-spine').length} questions`);
    await expand(page, 'Back / spine');
    await box(page, 'Lower back pain').uncheck();
    const expected = without('back-spine', 'lower-back-pain');
    await waitForText(countLine(page), `${expected.length} questions`);
    const onTopic = archive.questions.find((q) => q.categories.includes('back-spine'));
    assert.ok(expected.includes(onTopic));
    await articleTitled(page, onTopic.question).waitFor();
    assert.equal(await box(page, 'Back / spine').evaluate((input) => input.indeterminate), true);
    assert.match(page.url(), /category=back-spine&category=-lower-back-pain/);

    await page.reload();
    await waitForText(countLine(page), `${expected.length} questions`);
    await articleTitled(page, onTopic.question).waitFor();
    assert.equal(await box(page, 'Lower back pain').isChecked(), false);
    assert.equal(await box(page, 'Sciatica').isChecked(), true);

    await box(page, 'Lower back pain').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'back-spine').length} questions`);
    assert.equal(await box(page, 'Back / spine').isChecked(), true);
    assert.deepEqual(page.problems, []);
  });

  test('two levels down: Head and mind without Migraine keeps tinnitus', async () => {
    const page = await open();
    await box(page, 'Head and mind').check();
    await expand(page, 'Headaches');
    await box(page, 'Migraine').uncheck();
    await waitForText(countLine(page), `${without('head-and-mind', 'migraine').length} questions`);
    const tinnitus = archive.questions.find((q) => q.categories.includes('head-and-mind'));
    await articleTitled(page, tinnitus.question).waitFor();
    assert.equal(await box(page, 'Headaches').evaluate((input) => input.indeterminate), true);
  });

  test('a ticked box named by a shared link is in sight, even beyond "Show more"', async () => {
    withNinthTopic();
    const page = await open('/?category=ninth-sub');
    await waitForText(countLine(page), '1 question');
    assert.equal(await visible(box(page, 'Ninth topic')), true);
    assert.equal(await box(page, 'Ninth topic').evaluate((input) => input.indeterminate), true);
    assert.equal(await visible(box(page, 'Ninth subtopic')), true);
    assert.equal(await box(page, 'Ninth subtopic').isChecked(), true);
    const fold = page.getByRole('button', { name: /^Show (\d+ more|fewer)$/ });
    assert.equal(await fold.isVisible(), false, 'folding would hide a ticked box: not offered');
    await box(page, 'Ninth subtopic').uncheck();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    assert.equal(await visible(box(page, 'Ninth subtopic')), true, 'unticked, it stays put');
    await page.getByRole('button', { name: 'Show fewer' }).waitFor();
  });

  test('Back and Forward reopen a closed branch holding a ticked box', async () => {
    const both = questionsIn(archive, 'sciatica', 'digestion').length;
    const page = await open('/?category=sciatica');
    assert.equal(await visible(box(page, 'Sciatica')), true);
    await page.getByRole('button', { name: 'Hide subtopics of Back / spine' }).click();
    assert.equal(await visible(box(page, 'Sciatica')), false);
    await box(page, 'Digestion').check();
    await waitForText(countLine(page), `${both} questions`);
    await page.goBack();
    await waitForText(countLine(page), `${questionsIn(archive, 'sciatica').length} question`);
    await page.getByRole('button', { name: 'Hide subtopics of Back / spine' }).waitFor();
    assert.equal(await visible(box(page, 'Sciatica')), true);
    assert.equal(await box(page, 'Sciatica').isChecked(), true);

    await page.getByRole('button', { name: 'Hide subtopics of Back / spine' }).click();
    await page.goForward();
    await waitForText(countLine(page), `${both} questions`);
    await page.getByRole('button', { name: 'Hide subtopics of Back / spine' }).waitFor();
    assert.equal(await visible(box(page, 'Sciatica')), true);
  });

  test('after Back a parent shows mixed again, with its ticked child in sight', async () => {
    const page = await open();
    await expand(page, 'Back / spine');
    await box(page, 'Sciatica').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'sciatica').length} question`);
    await box(page, 'Back / spine').check();
    await waitForText(countLine(page), `${questionsIn(archive, 'back-spine').length} questions`);
    await page.goBack();
    await waitForText(countLine(page), `${questionsIn(archive, 'sciatica').length} question`);
    assert.equal(await box(page, 'Back / spine').evaluate((input) => input.indeterminate), true);
    assert.equal(await box(page, 'Back / spine').isChecked(), false);
    assert.equal(await box(page, 'Sciatica').isChecked(), true);
    assert.equal(await visible(box(page, 'Sciatica')), true);
  });

  test('"Show N more" by keyboard focuses the first box it shows; unticking keeps it', async () => {
    withNinthTopic();
    const page = await open();
    const more = page.getByRole('button', { name: 'Show 3 more' });
    await more.focus();
    await page.keyboard.press('Enter');
    const first = labelOf(archive, 'skin-and-allergies');
    await waitForFocus(page, (element) => element.tag === 'INPUT' && element.id !== '');
    assert.equal(await box(page, first).evaluate(hasFocus), true);
    await page.keyboard.press('Space');
    const inFirst = questionsIn(archive, 'skin-and-allergies').length;
    await waitForText(countLine(page), `${inFirst} questions`);
    await page.keyboard.press('Space');
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    assert.equal(await visible(box(page, first)), true, 'the unticked box stays where it was');
    assert.equal(await box(page, first).evaluate(hasFocus), true);
    await page.getByRole('button', { name: 'Show fewer' }).click();
    assert.equal(await visible(box(page, first)), false);
  });
});

describe('history and the address agree with the screen', () => {
  const historyLength = (page) => page.evaluate(() => history.length);
  /** Opens `path` after another page, so Back has somewhere to go. */
  async function openAfterAnotherPage(path) {
    const page = await newPage(browser);
    await page.goto(server.url('/privacy.html'));
    page.entries = await historyLength(page) + 1;
    await page.goto(server.url(path));
    await waitForText(countLine(page), /\d+ questions?|No questions match/);
    return page;
  }

  for (const [what, path, ids] of [
    ['a topic that does not exist', '/?category=nonexistent', []],
    ['an id in the wrong case', '/?category=Sciatica', ['sciatica']],
    ['a topic with its own subtopic', '/?category=back-spine&category=sciatica', ['back-spine']],
    ['ids out of tree order', '/?category=neck-pain&category=sciatica', ['sciatica', 'neck-pain']],
  ]) {
    test(`tidying ${what} in the address replaces the entry, so Back leaves`, async () => {
      const page = await openAfterAnotherPage(path);
      const expected = ids.length ? questionsIn(archive, ...ids).length : archive.questions.length;
      await waitForText(countLine(page), `${expected} questions`);
      for (let tries = 0; tries < 100 && new URL(page.url()).search === new URL(server.url(path)).search; tries += 1) {
        await page.waitForTimeout(50);
      }
      assert.deepEqual(new URL(page.url()).searchParams.getAll('category'), ids);
      assert.equal(await historyLength(page), page.entries, 'no entry was added');
      await page.goBack();
      await page.waitForURL(/privacy\.html/);
    });
  }

  test('a topic in a link that no longer exists is said, not silently dropped', async () => {
    const page = await openAfterAnotherPage('/?category=nonexistent');
    await page.getByText('The topic in this link no longer exists').waitFor();
  });

  test('an address past the last page, or best match without a search, is tidied in place', async () => {
    const pages = Math.ceil(archive.questions.length / 10);
    const page = await openAfterAnotherPage('/?page=999');
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await waitForText(nav, `Page ${pages} of ${pages}`);
    await page.waitForURL((url) => url.searchParams.get('page') === String(pages));
    assert.equal(await historyLength(page), page.entries);

    const relevance = await openAfterAnotherPage('/?sort=relevance');
    await relevance.waitForURL((url) => !url.searchParams.has('sort'));
    assert.equal(await relevance.getByRole('combobox', { name: 'Sort by' }).inputValue(), 'newest');
    assert.equal(await historyLength(relevance), relevance.entries);
  });

  test('a question link opens it in place of the entry; the next step leaves the fragment', async () => {
    const target = newestFirst(archive.questions).at(-1);
    const pages = Math.ceil(archive.questions.length / 10);
    const page = await openAfterAnotherPage(`/#question-${target.id}`);
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    await waitForText(nav, `Page ${pages} of ${pages}`);
    await page.waitForURL((url) => url.searchParams.get('page') === String(pages) && url.hash === `#question-${target.id}`);
    assert.equal(await historyLength(page), page.entries, 'opening the question replaced the entry');

    await box(page, 'Digestion').check();
    const digestion = questionsIn(archive, 'digestion').length;
    await waitForText(countLine(page), `${digestion} questions`);
    await page.waitForURL((url) => url.searchParams.get('category') === 'digestion' && url.hash === '' && !url.searchParams.has('page'));
    await page.reload();
    await waitForText(countLine(page), `${digestion} questions`);
    await waitForText(nav, 'Page 1 of');

    await page.goBack();
    await waitForText(nav, `Page ${pages} of ${pages}`);
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    await page.getByRole('article', { name: tidy(target.question) }).waitFor();
    await page.goForward();
    await waitForText(countLine(page), `${digestion} questions`);
    await waitForText(nav, 'Page 1 of');
    await page.goBack();
    await page.goBack();
    await page.waitForURL(/privacy\.html/);
  });

  test('Back from a followed question fragment leaves the address without it', async () => {
    const target = newestFirst(archive.questions).at(-1);
    const pages = Math.ceil(archive.questions.length / 10);
    const page = await open(`/?page=${pages}`);
    await page.evaluate((id) => { location.hash = `#question-${id}`; }, target.id);
    await waitForFocus(page, (element) => element.tag === 'H2' && element.text === tidy(target.question));
    await page.goBack();
    await page.waitForURL((url) => url.hash === '');
    await page.getByRole('article', { name: tidy(target.question) }).waitFor();
    // Still no fragment once the page has settled.
    await waitForText(page.getByRole('navigation', { name: 'Pagination' }), `Page ${pages} of ${pages}`);
    await page.waitForTimeout(200);
    assert.equal(new URL(page.url()).hash, '');
  });

  test('the order control shows the order on screen after Back and Forward', async () => {
    const page = await open();
    const nav = page.getByRole('navigation', { name: 'Pagination' });
    const sort = page.getByRole('combobox', { name: 'Sort by' });
    const muscles = questionsIn(archive, 'muscles-and-bones');
    await box(page, 'Muscles and bones').check();
    await waitForText(countLine(page), `${muscles.length} questions`);
    await nav.getByRole('button', { name: 'Next' }).click();
    await waitForText(nav, 'Page 2 of');
    await sort.selectOption({ label: 'Oldest first' });
    await waitForText(nav, 'Page 1 of');
    const oldest = tidy(newestFirst(muscles).at(-1).question);
    for (let step = 0; step < 3; step += 1) await page.goBack();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    for (let step = 0; step < 3; step += 1) await page.goForward();
    await page.waitForURL(/sort=oldest/);
    for (let tries = 0; tries < 100 && (await firstHeading(page)) !== oldest; tries += 1) await page.waitForTimeout(50);
    assert.equal(await firstHeading(page), oldest);
    assert.equal(await sort.inputValue(), 'oldest');
    assert.equal(await sort.evaluate((select) => select.selectedOptions[0].textContent), 'Oldest first');
  });
});

test('running through the orders with the arrow keys is one step in history, not one per order', async () => {
  const page = await open();
  const sort = page.getByRole('combobox', { name: 'Sort by' });
  const before = await page.evaluate(() => history.length);
  await sort.focus();
  for (const key of ['ArrowDown', 'ArrowUp', 'ArrowDown']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(100);
  }
  await page.waitForURL(/sort=oldest/);
  assert.equal(await page.evaluate(() => history.length), before + 1);
  await page.goBack();
  await page.waitForURL((url) => !/sort=/.test(url.search));
  assert.equal(await sort.inputValue(), 'newest');
});
