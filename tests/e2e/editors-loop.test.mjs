// The editors' loop, end to end with the real tools: a visitor posts a question from the
// page; the receiver exports it as CSV; an editor answers it in the spreadsheet; the archive
// tool merges the answered rows into the archive; the receiver marks them published, so the
// next export is empty; and the page, given the merged archive, shows the new answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, newPage, respond } from './support/harness.mjs';
import { useBrowser } from './support/suite.mjs';

const run = promisify(execFile);
const ARCHIVE_TOOL = process.env.ASK_EXPERT_ARCHIVE ?? join(ROOT, 'target', 'debug', 'ask-expert-archive');

const suite = useBrowser({ receiver: true });

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * RFC 4180 CSV, as the receiver writes it and spreadsheets save it; like a spreadsheet,
 * this takes the byte-order mark as the file's encoding, not as text.
 */
function parseCsv(file) {
  assert.ok(file.startsWith(BYTE_ORDER_MARK), 'the export starts with a byte-order mark, so Excel reads it as UTF-8');
  const text = file.slice(BYTE_ORDER_MARK.length);
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') { cell += '"'; index += 1; }
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(cell); cell = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += char;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// Excel's "CSV UTF-8" writes the mark back.
const toCsv = (rows) => BYTE_ORDER_MARK + rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';

test('a posted question comes back as a published answer, and leaves the export', async () => {
  const { server, browser, receiver } = suite;
  const work = await mkdtemp(join(tmpdir(), 'ask-expert-loop-'));
  try {
    server.hostAttributes({ endpoint: receiver.endpoint });
    const question = `=Can acupuncture help with jaw pain from grinding my teeth at night? (${Date.now()})`;
    const page = await newPage(browser);
    await page.goto(server.url('/'));
    const form = page.getByRole('form', { name: 'Ask a question' });
    await form.getByRole('textbox', { name: 'Your question' }).fill(question);
    await form.getByRole('checkbox', { name: /I agree that my question may be published/ }).check();
    await form.getByRole('button', { name: 'Send question' }).click();
    await page.getByRole('heading', { name: 'Thank you: your question has been sent' }).waitFor({ timeout: 30_000 });
    await page.close();

    const receiverTool = (...args) => run(receiver.binary, [...args, '--db', receiver.database]);
    const exported = parseCsv((await receiverTool('export')).stdout);
    const header = exported[0];
    const rows = exported.slice(1).filter((row) => row.length > 1);
    const ours = rows.find((row) => row[header.indexOf('question')] === `'${question}`);
    assert.ok(ours, `the export holds the question, guarded against formulas: ${JSON.stringify(rows)}`);
    assert.ok(!header.includes('email'), 'no contact details without --with-contact');

    // The editor answers it in the spreadsheet and leaves any other row unanswered.
    const column = (name) => header.indexOf(name);
    ours[column('answer')] = 'Often, yes: a few sessions may ease the jaw muscles. Ask your dentist about a night guard too.';
    ours[column('answered')] = '2026-11-30';
    ours[column('categories')] = 'head-and-mind';
    ours[column('expert')] = 'Dr Rhian Evans';
    const answered = join(work, 'answered.csv');
    await writeFile(answered, toCsv([header, ...rows]));

    const merged = join(work, 'archive.json');
    const merge = await run(ARCHIVE_TOOL, ['import', 'csv', answered, '--merge', join(ROOT, 'public', 'archive.json'), '--output', merged]);
    assert.match(merge.stdout + merge.stderr, /1 /, 'the merge reports what it added');
    const archive = JSON.parse(await readFile(merged, 'utf8'));
    const added = archive.questions.find((entry) => entry.question === question);
    assert.ok(added, 'the answered question is in the merged archive, as the visitor typed it');

    const published = await receiverTool('publish', '--archive', merged);
    assert.match(published.stdout, /Marked 1 question/);
    const again = parseCsv((await receiverTool('export')).stdout).slice(1).filter((row) => row.length > 1);
    assert.deepEqual(again.filter((row) => row[column('question')] === `'${question}`), [], 'nothing left to answer');
    const listed = JSON.parse((await receiverTool('list', '--json')).stdout);
    assert.equal(listed.find((row) => row.question === question)?.status, 'published');

    // The page, given the merged archive, finds and shows the new answer.
    const body = await readFile(merged);
    server.route('/archive.json', (_request, response) => respond(response, 200, 'application/json', body));
    server.route('/archive.manifest.json', (_request, response) => respond(response, 404, 'text/plain', 'Not found'));
    const reader = await newPage(browser);
    await reader.goto(server.url('/'));
    await reader.getByRole('searchbox').fill('grinding teeth jaw');
    const card = reader.getByRole('article').filter({ hasText: 'grinding my teeth' }).first();
    await card.waitFor();
    await card.getByRole('button', { name: /Read more|Show answer/ }).first().click().catch(() => {});
    await card.getByText('a few sessions may ease the jaw muscles').filter({ visible: true }).waitFor();
    await card.getByText(/Dr Rhian Evans/).filter({ visible: true }).waitFor();
    assert.deepEqual(reader.problems, []);
    await reader.close();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
