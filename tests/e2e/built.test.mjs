// The archive as `ask-expert-archive build` publishes it: the first results from the
// manifest alone, question texts fetched for the cards on screen (with a placeholder until
// they come, and Retry when they cannot), search from the prebuilt index with exactly the
// single file's results, Copy link to the question's static page, a rebuilt site, and
// downloads that trickle (which succeed, showing progress) or stall (which fail after 15
// seconds without a byte, and recover on Retry).
// Runs against a build that has been through `ask-expert-archive build` (scripts/test).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useBrowser } from './support/suite.mjs';
import { ROOT, newPage, respond, waitForFocus, waitForText } from './support/harness.mjs';
import { newestFirst, questionsIn, tidy } from './support/archive.mjs';

const DIST = resolve(process.env.ASK_EXPERT_DIST ?? join(ROOT, 'dist'));

let server;
let browser;
let archive;
let manifest;
useBrowser({}, (suite) => {
  ({ server, browser, archive } = suite);
  try {
    manifest = JSON.parse(readFileSync(join(DIST, 'archive.manifest.json'), 'utf8'));
  } catch {
    throw new Error(`${DIST} has no archive.manifest.json: run ask-expert-archive build on it first (scripts/test does)`);
  }
});

const countLine = (page) => page.getByRole('status').filter({ hasText: /questions?$|No questions match/ }).first();
const searchBox = (page) => page.getByRole('searchbox', { name: 'Search questions' });
const headings = (page) => page.getByRole('article').getByRole('heading', { level: 2 }).allInnerTexts();

/** Holds back `path` (a built file) until the returned function is called. */
function hold(path, type = 'application/octet-stream') {
  let release;
  const released = new Promise((done) => { release = done; });
  server.route(path, async (_request, response) => {
    await released;
    respond(response, 200, type, readFileSync(join(DIST, path)));
  });
  return release;
}

/** The shard holding the question at `position` in newest-first order. */
function shardAt(position) {
  let from = 0;
  for (const shard of manifest.shards) {
    if (position < from + shard.count) return shard.file;
    from += shard.count;
  }
  throw new Error(`no shard holds position ${position}`);
}

/** The count and the titles on screen once they have stopped changing and nothing loads. */
async function settled(page) {
  let last = '';
  let same = 0;
  for (let tries = 0; tries < 100 && same < 3; tries += 1) {
    await page.waitForTimeout(100);
    const busy = await page.evaluate(() =>
      /Preparing search|Loading this question/.test(document.querySelector('[data-ask-expert]').shadowRoot.textContent));
    const now = JSON.stringify({ count: await countLine(page).innerText(), titles: await headings(page) });
    same = !busy && now === last ? same + 1 : 0;
    last = now;
  }
  return JSON.parse(last);
}

async function open(path = '/', options = {}) {
  const page = await newPage(browser, options);
  await page.goto(server.url(path));
  await waitForText(countLine(page), `${archive.questions.length} questions`);
  return page;
}

/** Waits until the boxes work, that is until every question can be browsed. */
async function browsable(page) {
  const box = page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ });
  for (let tries = 0; tries < 200 && !(await box.isEnabled().catch(() => false)); tries += 1) {
    await page.waitForTimeout(50);
  }
  assert.ok(await box.isEnabled(), 'the boxes never became usable');
}

/**
 * A page showing the first screen, with the whole app and the column file held back:
 * `releaseApp` lets the whole app take over, `releaseColumns` then the whole view.
 * `foldable`: the cards with a Read more button.
 */
async function firstScreenHeld() {
  const wholeApp = readdirSync(DIST).find((name) => /^ask-expert-[0-9a-f]+_bg\.wasm$/.test(name));
  const releaseApp = hold(`/${wholeApp}`, 'application/wasm');
  const releaseColumns = hold(`/${manifest.columns}`);
  const page = await newPage(browser);
  await page.goto(server.url('/'), { wholeApp: false });
  const foldable = page.getByRole('article').filter({ has: page.getByRole('button', { name: 'Read more' }) });
  await foldable.first().waitFor();
  return { page, foldable, releaseApp, releaseColumns };
}

/** Until the whole app has replaced the first screen. */
async function firstScreenGone(page) {
  await page.waitForFunction(() => !document.querySelector('[data-ask-expert]').shadowRoot.querySelector('[data-first-screen]'));
}

describe('the built archive', () => {
  test('the first results come from the manifest alone, then the boxes work', async () => {
    const release = hold(`/${manifest.columns}`);
    const page = await newPage(browser);
    const before = server.requests.length;
    await page.goto(server.url('/'));
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    const expected = newestFirst(archive.questions).slice(0, 10).map((question) => tidy(question.question));
    await page.getByRole('article').nth(9).waitFor();
    assert.deepEqual(await headings(page), expected);
    const digestion = page.getByRole('checkbox', { name: `Digestion (${questionsIn(archive, 'digestion').length})` });
    assert.equal(await digestion.isDisabled(), true, 'boxes wait for the column file');
    const fetched = server.requests.slice(before).map((request) => request.path);
    assert.ok(fetched.includes('/archive.manifest.json'));
    assert.ok(!fetched.includes('/archive.json'), 'the plain archive is not fetched');
    assert.ok(!fetched.some((path) => path.startsWith('/archive/questions-')), 'no shard before the first results');
    release();
    await browsable(page);
    await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).check();
    await waitForText(countLine(page), `${questionsIn(archive, 'digestion').length} questions`);
    assert.equal(await page.getByRole('heading', { level: 2 }).first().innerText(),
      tidy(newestFirst(questionsIn(archive, 'digestion'))[0].question));
    assert.deepEqual(page.problems, []);
  });

  test('a smaller first bundle shows the first results before the whole app, and what is typed there carries over', async () => {
    const wholeApp = readdirSync(DIST).find((name) => /^ask-expert-[0-9a-f]+_bg\.wasm$/.test(name));
    const release = hold(`/${wholeApp}`, 'application/wasm');
    const page = await newPage(browser);
    const before = server.requests.length;
    await page.goto(server.url('/'), { wholeApp: false });
    await waitForText(countLine(page), `${archive.questions.length} questions`);
    await page.getByRole('article').nth(9).waitFor();
    assert.deepEqual(await headings(page), newestFirst(archive.questions).slice(0, 10).map((question) => tidy(question.question)));
    const fetched = server.requests.slice(before).map((request) => request.path);
    const firstBundle = fetched.findIndex((path) => /^\/ask-expert-first-[0-9a-f]+_bg\.wasm$/.test(path));
    assert.ok(firstBundle >= 0, 'the first screen comes from its own bundle');
    assert.ok(fetched.indexOf(`/${wholeApp}`) > firstBundle, 'the whole app is asked for after the first bundle');
    // Its boxes are laid out as the whole view's: deeper branches folded.
    assert.equal(await page.getByRole('button', { name: 'Show subtopics of Back / spine' }).isDisabled(), true);
    assert.equal(await page.getByRole('checkbox', { name: /^Lower back pain/ }).isVisible(), false);
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(axe.violations.map((violation) => violation.id), [], 'the first screen passes axe');
    await searchBox(page).pressSequentially('back');
    await waitForText(page.getByRole('status').first(), 'Preparing search…');
    release();
    await page.getByRole('checkbox', { name: /^Digestion \(\d+\)$/ }).and(page.locator(':enabled')).waitFor();
    await searchBox(page).pressSequentially(' pain');
    assert.equal(await searchBox(page).inputValue(), 'back pain');
    await waitForText(countLine(page), /^\d+ questions?$/);
    assert.ok(Number((await countLine(page).innerText()).replace(/\D/g, '')) < archive.questions.length);
    assert.equal(await searchBox(page).evaluate((box) => box.getRootNode().activeElement === box), true);
    assert.deepEqual(page.problems, []);
  });

  test('an answer opened with Read more stays open when the whole app, then the whole view, take over', async () => {
    const { page, foldable, releaseApp, releaseColumns } = await firstScreenHeld();
    const title = async (article) => article.getByRole('heading', { level: 2 }).innerText();
    const card = (text) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: text, exact: true }) });
    const opened = [await title(foldable.first())];
    await foldable.first().getByRole('button', { name: 'Read more' }).click();
    releaseApp();
    // The whole app's own first results (the column file is held), then a second answer.
    await firstScreenGone(page);
    await card(opened[0]).getByRole('button', { name: 'Show less' }).waitFor();
    opened.push(await title(foldable.first()));
    await foldable.first().getByRole('button', { name: 'Read more' }).click();
    releaseColumns();
    await browsable(page);
    for (const text of opened) {
      assert.equal(await card(text).getByRole('button', { name: 'Show less' }).count(), 1, `"${text}" stays open`);
    }
    assert.equal(await page.getByRole('button', { name: 'Show less' }).count(), opened.length);
    assert.deepEqual(page.problems, []);
  });

  test('a card\'s button that has focus keeps it when the whole app, then the whole view, take over', async () => {
    const { page, foldable, releaseApp, releaseColumns } = await firstScreenHeld();
    const title = await foldable.first().getByRole('heading', { level: 2 }).innerText();
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
    // A keyboard visitor opens the answer: focus stays on the button, now "Show less".
    await card.getByRole('button', { name: 'Read more' }).focus();
    await page.keyboard.press('Enter');
    const hasFocus = async () => card.getByRole('button', { name: 'Show less' })
      .evaluate((button) => button.getRootNode().activeElement === button).catch(() => false);
    const waitForButtonFocus = async (when) => {
      for (let tries = 0; tries < 100 && !(await hasFocus()); tries += 1) await page.waitForTimeout(50);
      assert.equal(await hasFocus(), true, `"Show less" of "${title}" has focus ${when}`);
    };
    await waitForButtonFocus('in the first screen');
    releaseApp();
    await firstScreenGone(page);
    await waitForButtonFocus('once the whole app shows its first results');
    releaseColumns();
    await browsable(page);
    await waitForButtonFocus('once the whole view shows');
    // Space folds the answer again from where focus is: the visitor never lost their place.
    await page.keyboard.press('Space');
    await card.getByRole('button', { name: 'Read more' }).waitFor();
    assert.deepEqual(page.problems, []);
  });

  test('"Was this helpful?" waits for the whole view, so no comment is begun on cards about to be replaced', async () => {
    server.hostAttributes({ 'feedback-endpoint': '/feedback' });
    const release = hold(`/${manifest.columns}`);
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    const first = page.getByRole('article').first();
    await first.getByRole('heading').waitFor();
    assert.equal(await page.getByRole('group', { name: 'Was this helpful?' }).count(), 0);
    release();
    await browsable(page);
    const readMore = first.getByRole('button', { name: 'Read more' });
    if (await readMore.count()) await readMore.click();
    await first.getByRole('group', { name: 'Was this helpful?' }).waitFor();
  });

  test('cards wait for their question file with a placeholder, then show it', async () => {
    const page = await open();
    await browsable(page);
    const pages = Math.ceil(archive.questions.length / 10);
    const last = pages - 1;
    const release = hold(`/${shardAt(last * 10)}`);
    await page.getByRole('button', { name: `Page ${pages}` }).click();
    await waitForText(page.getByRole('article').first().getByRole('status'), 'Loading this question…');
    release();
    const expected = newestFirst(archive.questions).slice(last * 10, last * 10 + 10).map((question) => tidy(question.question));
    await page.getByRole('article').filter({ hasText: expected[0] }).first().waitFor();
    await page.getByRole('article').nth(expected.length - 1).getByRole('heading').waitFor();
    assert.deepEqual(await headings(page), expected);
    assert.equal(await page.getByText('Loading this question…').count(), 0);
    assert.deepEqual(page.problems, []);
  });

  test('a question file that cannot be fetched says so in its card, and Retry brings it', async () => {
    const page = await open();
    await browsable(page);
    const pages = Math.ceil(archive.questions.length / 10);
    const shard = `/${shardAt((pages - 1) * 10)}`;
    server.route(shard, (_request, response) => respond(response, 503, 'text/plain', 'Busy'));
    await page.getByRole('button', { name: `Page ${pages}` }).click();
    const card = page.getByRole('article').first();
    await waitForText(card.getByRole('alert'), 'This question could not be loaded');
    server.reset();
    await card.getByRole('button', { name: 'Retry' }).click();
    const expected = tidy(newestFirst(archive.questions)[(pages - 1) * 10].question);
    await page.getByRole('article').first().getByRole('heading', { name: expected }).waitFor();
    // The page's own console reports the failed request; nothing else may go wrong.
    assert.deepEqual(page.problems.filter((problem) => !/503|Failed to load resource/.test(problem)), []);
  });

  test('a linked question, a page and a search wait for what they need and show it whole', async () => {
    const target = newestFirst(archive.questions)[40];
    const linked = await newPage(browser);
    await linked.goto(server.url(`/#question-${target.id}`));
    const article = linked.getByRole('article', { name: tidy(target.question) });
    await article.waitFor();
    assert.equal(await linked.getByText('Loading this question…').count(), 0);

    const paged = await open('/?page=3');
    const expected = newestFirst(archive.questions).slice(20, 30).map((question) => tidy(question.question));
    assert.deepEqual(await headings(paged), expected);
  });

  test('search on the built archive finds exactly what the single file finds', async () => {
    const built = await open();
    const plainPage = await newPage(browser);
    server.route('/archive.manifest.json', (_request, response) => respond(response, 404, 'text/plain', 'Not found'));
    await plainPage.goto(server.url('/'));
    await waitForText(countLine(plainPage), `${archive.questions.length} questions`);
    for (const query of ['back pain', 'teeth', 'knee surgery', 'sleeep', '"lower back"', 'zzzzqx']) {
      const results = [];
      for (const page of [built, plainPage]) {
        await searchBox(page).fill(query);
        results.push(await settled(page));
      }
      assert.deepEqual(results[0], results[1], `"${query}" differs between the built archive and the single file`);
    }
    assert.deepEqual(built.problems, []);
  });

  /**
   * A page searching `query` once the record file is in (it comes when the search box gets
   * focus), and the question files asked for from then on, with their ranges.
   */
  async function searchWithRecords(query) {
    const page = await open();
    await browsable(page);
    await searchBox(page).focus();
    const records = `/${manifest.records}`;
    for (let tries = 0; tries < 100 && !server.requests.some((request) => request.path === records); tries += 1) {
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(300);
    const before = server.requests.length;
    await searchBox(page).fill(query);
    const results = await settled(page);
    const questionFiles = server.requests.slice(before).filter((request) => request.path.startsWith('/archive/questions-'));
    return { page, results, questionFiles };
  }

  test('once the search box has had focus, result cards fetch only their questions, by ranges of their files', async () => {
    const { page, results, questionFiles } = await searchWithRecords('teeth');
    assert.ok(results.titles.length > 0);
    assert.ok(questionFiles.length > 0, 'the results needed question texts');
    for (const request of questionFiles) assert.match(request.range ?? '', /^bytes=\d+-\d+$/, request.path);
    const plainPage = await newPage(browser);
    server.route('/archive.manifest.json', (_request, response) => respond(response, 404, 'text/plain', 'Not found'));
    await plainPage.goto(server.url('/'));
    await searchBox(plainPage).fill('teeth');
    assert.deepEqual(await settled(plainPage), results);
    assert.deepEqual(page.problems, []);
  });

  test('a host that sends files whole when asked for ranges still fills every card', async () => {
    server.acceptRanges(false);
    const { page, results, questionFiles } = await searchWithRecords('teeth');
    assert.ok(questionFiles.some((request) => request.range), 'ranges were asked for');
    server.acceptRanges(true);
    const expected = await searchWithRecords('teeth');
    assert.deepEqual(results, expected.results);
    assert.deepEqual(page.problems, []);
  });

  test('a host that answers ranges with other bytes than asked for still fills every card, from whole files', async () => {
    const expected = await searchWithRecords('teeth');
    for (const shard of manifest.shards) {
      server.route(`/${shard.file}`, (request, response) => {
        const whole = readFileSync(join(DIST, shard.file));
        const asked = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
        if (!asked) {
          respond(response, 200, 'application/json', whole);
          return;
        }
        // The right length, from the wrong place: as a cache that mixed up its ranges.
        const length = Number(asked[2]) - Number(asked[1]) + 1;
        response.writeHead(206, { 'content-type': 'application/json', 'content-range': `bytes 0-${length - 1}/${whole.length}` });
        response.end(whole.subarray(0, length));
      });
    }
    const { page, results, questionFiles } = await searchWithRecords('teeth');
    assert.deepEqual(results, expected.results);
    assert.ok(questionFiles.some((request) => request.range), 'ranges were asked for');
    assert.ok(questionFiles.some((request) => !request.range), 'then whole files');
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.deepEqual(page.problems, []);
  });

  test('a result whose question cannot be fetched by range says so in its card, and Retry brings it', async () => {
    for (const shard of manifest.shards) {
      server.route(`/${shard.file}`, (_request, response) => respond(response, 503, 'text/plain', 'Busy'));
    }
    const { page, questionFiles } = await searchWithRecords('teeth');
    assert.ok(questionFiles.every((request) => request.range), 'only ranges were asked for');
    const failed = page.getByRole('article').filter({ has: page.getByRole('alert') });
    await waitForText(failed.first().getByRole('alert'), 'This question could not be loaded');
    const cards = page.getByRole('article');
    const alerts = await cards.evaluateAll((articles) => articles.map((article) => article.querySelector('[role=alert]') !== null));
    const card = cards.nth(alerts.indexOf(true));
    server.reset();
    await card.getByRole('button', { name: 'Retry' }).click();
    await card.getByRole('heading', { level: 2 }).waitFor();
    assert.equal(await card.getByRole('alert').count(), 0);
    assert.deepEqual(page.problems.filter((problem) => !/503|Failed to load resource/.test(problem)), []);
  });

  test('a search piece for words since replaced is stopped, so it does not hold back the next words\' pieces', async () => {
    const page = await open();
    await browsable(page);
    let release;
    const released = new Promise((done) => { release = done; });
    const asked = [];
    const stopped = new Set();
    for (const chunk of manifest.chunks) {
      const path = `/${chunk.postings}`;
      server.route(path, async (_request, response) => {
        asked.push(path);
        response.on('close', () => { if (!response.writableEnded) stopped.add(path); });
        await released;
        if (!response.destroyed) respond(response, 200, 'application/octet-stream', readFileSync(join(DIST, path)));
      });
    }
    await searchBox(page).fill('acupuncture');
    for (let tries = 0; tries < 100 && asked.length === 0; tries += 1) await page.waitForTimeout(50);
    const first = new Set(asked);
    asked.length = 0;
    await searchBox(page).fill('teeth');
    for (let tries = 0; tries < 100 && asked.length === 0; tries += 1) await page.waitForTimeout(50);
    const replaced = [...first].filter((path) => !asked.includes(path));
    assert.ok(replaced.length > 0, 'the two searches read different chunks');
    for (let tries = 0; tries < 100 && stopped.size < replaced.length; tries += 1) await page.waitForTimeout(50);
    assert.deepEqual([...stopped].sort(), replaced.sort(), 'only the replaced words\' pieces are stopped');
    release();
    await settled(page);
    assert.match(await countLine(page).innerText(), /\d+ questions?$|No questions match/);
    assert.deepEqual(page.problems.filter((problem) => !/Failed to load resource|aborted/i.test(problem)), []);
  });

  test('a search and the form\'s similar questions, asking for different pieces at once, both get theirs', async () => {
    const page = await open();
    await browsable(page);
    let release;
    const released = new Promise((done) => { release = done; });
    for (const chunk of manifest.chunks) {
      const path = `/${chunk.postings}`;
      server.route(path, async (_request, response) => {
        await released;
        if (!response.destroyed) respond(response, 200, 'application/octet-stream', readFileSync(join(DIST, path)));
      });
    }
    const form = page.getByRole('form', { name: 'Ask a question' });
    await form.getByRole('textbox', { name: 'Your question' }).fill('Can acupuncture help with hay fever every spring?');
    await searchBox(page).fill('teeth');
    await page.waitForTimeout(500);
    release();
    await waitForText(countLine(page), /^\d+ questions?$/);
    await waitForText(form, /answered questions? like yours/);
    assert.deepEqual(page.problems.filter((problem) => !/Failed to load resource|aborted/i.test(problem)), []);
  });

  /** A page where every postings chunk answers 503, searching "teeth". */
  async function searchWhileChunksFail() {
    const page = await open();
    await browsable(page);
    for (const chunk of manifest.chunks) {
      server.route(`/${chunk.postings}`, (_request, response) => respond(response, 503, 'text/plain', 'Busy'));
    }
    await searchBox(page).fill('teeth');
    return page;
  }

  test('a search whose index pieces cannot be fetched waits, and the next keystroke asks again', async () => {
    const page = await searchWhileChunksFail();
    await waitForText(page.getByRole('status').first(), /Preparing search…|The search could not be prepared\./);
    server.reset();
    await searchBox(page).press('End');
    await searchBox(page).pressSequentially(' grinding');
    await waitForText(countLine(page), /^\d+ questions?$/);
    assert.ok(Number((await countLine(page).innerText()).replace(/\D/g, '')) < archive.questions.length);
  });

  test('a search whose index pieces cannot be fetched says so, and Retry fetches them and shows the results', async () => {
    const page = await searchWhileChunksFail();
    const failure = page.getByRole('status').filter({ hasText: 'The search could not be prepared.' });
    await failure.waitFor();
    assert.equal(await page.getByText('Preparing search…').count(), 0, 'no longer said to be preparing');
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(axe.violations.map((violation) => violation.id), [], 'the failed search passes axe');
    server.reset();
    await page.getByRole('button', { name: 'Retry' }).press('Enter');
    const count = await waitForFocus(page, (element) => element.role === 'status' && /^\d+ questions?$/.test(element.text));
    assert.ok(Number(count.text.replace(/\D/g, '')) < archive.questions.length, count.text);
    assert.equal(await failure.count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0);
    assert.deepEqual(page.problems.filter((problem) => !/503|Failed to load resource/.test(problem)), []);
  });

  /** Breaks every file at `paths` with `handler`, searches, and expects the failure, then
   * the results after Retry. */
  async function failThenRetry(paths, handler, timeout = 5_000) {
    const page = await open();
    await browsable(page);
    for (const path of paths) server.route(path, handler);
    await searchBox(page).fill('teeth');
    await waitForText(page.getByRole('status').first(), 'The search could not be prepared.', timeout);
    server.reset();
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForText(countLine(page), /^\d+ questions?$/);
    assert.ok(Number((await countLine(page).innerText()).replace(/\D/g, '')) < archive.questions.length);
  }

  test('a search whose vocabulary cannot be fetched says so, and Retry brings it', async () => {
    await failThenRetry([`/${manifest.terms}`], (_request, response) => respond(response, 503, 'text/plain', 'Busy'));
  });

  test('a search piece lost on the way (the connection drops) says so, and Retry brings it', async () => {
    await failThenRetry(manifest.chunks.map((chunk) => `/${chunk.postings}`), (_request, response) => response.destroy());
  });

  test('a search piece that stalls for 15 seconds says so, and Retry brings it', async () => {
    await failThenRetry(manifest.chunks.map((chunk) => `/${chunk.postings}`), (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
      response.write(Buffer.from('AEP1'));
      // Nothing more: the connection stays open without a byte.
    }, 25_000);
  });

  test('a search piece a host answers with its own page is asked for once per keystroke, not without end', async () => {
    const page = await open();
    await browsable(page);
    // Some hosts answer a missing file with their HTML page and status 200.
    const hostPage = (_request, response) => respond(response, 200, 'text/html', '<!doctype html><p>Page not found</p>');
    for (const chunk of manifest.chunks) server.route(`/${chunk.postings}`, hostPage);
    const postings = new Set(manifest.chunks.map((chunk) => `/${chunk.postings}`));
    const before = server.requests.length;
    await searchBox(page).fill('teeth');
    await page.waitForTimeout(1_500);
    const asked = server.requests.slice(before).filter((request) => postings.has(request.path)).length;
    assert.ok(asked >= 1 && asked <= 2, `the damaged piece was asked for ${asked} times`);
    await page.getByRole('status').filter({ hasText: 'The search could not be prepared.' }).waitFor();
    server.reset();
  });

  test('Copy link copies the question\'s static page address', async () => {
    const page = await open('/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const article = page.getByRole('article').first();
    await article.getByRole('button', { name: 'Copy link' }).click();
    await waitForText(article.getByRole('status'), 'Link copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${manifest.base_url}${manifest.first_page[0].page}`);
  });

  test('an error after a Welsh manifest is read is said in Welsh', async () => {
    server.route('/archive.manifest.json', (_request, response) =>
      respond(response, 200, 'application/json', JSON.stringify({ ...manifest, language: 'cy' })));
    server.route(`/${manifest.columns}`, (_request, response) => respond(response, 503, 'text/plain', 'Busy'));
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    const alert = page.getByRole('alert');
    await waitForText(alert, 'Doedd dim modd llwytho’r cwestiynau.');
    await waitForText(alert, 'HTTP 503');
    await alert.getByRole('button', { name: 'Rhoi cynnig arall arni' }).waitFor();
    server.reset();
  });

  test('a file gone because the site was rebuilt: the manifest is read again, then a clear error with Retry', async () => {
    server.route(`/${manifest.columns}`, (_request, response) => respond(response, 404, 'text/plain', 'Not found'));
    const page = await newPage(browser);
    const before = server.requests.length;
    await page.goto(server.url('/'));
    const alert = page.getByRole('alert');
    await waitForText(alert, 'not found');
    const manifestReads = server.requests.slice(before).filter((request) => request.path === '/archive.manifest.json').length;
    // The first screen reads it and hands it to the whole app, which reads it once more
    // on meeting the missing file.
    assert.equal(manifestReads, 2, 'the manifest is read once more, and only once');
    server.reset();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
  });
});

describe('slow downloads', () => {
  /** The demo archive, padded with spaces past half a megabyte so progress shows. */
  const padded = () => Buffer.from(JSON.stringify(archive) + ' '.repeat(700_000));

  test('a download that trickles in for longer than 15 seconds succeeds, showing progress', async () => {
    const body = padded();
    const pieces = 6;
    server.route('/archive.json', async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-store' });
      const size = Math.ceil(body.length / pieces);
      for (let piece = 0; piece < pieces; piece += 1) {
        if (piece > 0) await new Promise((done) => setTimeout(done, 3_200));
        if (response.destroyed) return;
        response.write(body.subarray(piece * size, (piece + 1) * size));
      }
      response.end();
    });
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    const seen = await waitForText(page.getByRole('status'), /Loading questions… \d+\.\d of \d+\.\d MB/, 10_000);
    assert.ok(seen.includes(`of ${(body.length / 1e6).toFixed(1)} MB`), seen);
    await waitForText(countLine(page), `${archive.questions.length} questions`, 30_000);
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.deepEqual(page.problems, []);
  });

  test('a download that stalls for 15 seconds fails saying so, and Retry recovers', async () => {
    const body = padded();
    server.route('/archive.json', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-store' });
      response.write(body.subarray(0, 1000));
      // Nothing more: the connection stays open without a byte.
    });
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    const alert = page.getByRole('alert');
    await waitForText(alert, 'no data arrived for 15 seconds', 25_000);
    server.route('/archive.json', (_request, response) => respond(response, 200, 'application/json', body));
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForText(countLine(page), `${archive.questions.length} questions`);
  });
});
