// Lighthouse's SEO (and accessibility) score for a static question page: builds the pages of
// the demo archive into DIST with the local server's address as the base URL, then audits
// the first question's page.   node tests/bench/lighthouse-pages.mjs DIST
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startServer } from '../e2e/support/harness.mjs';
import { audit } from './lighthouse-audit.mjs';

const DIST = process.argv[2];
const BINARY = process.env.ASK_EXPERT_ARCHIVE
  ?? join(ROOT, 'target', 'debug', 'ask-expert-archive');
process.env.ASK_EXPERT_DIST = DIST;
const server = await startServer({ gzip: true });
try {
  await promisify(execFile)(BINARY, [
    'build', join(ROOT, 'public', 'archive.json'), '--out', DIST, '--base-url', server.url('/'),
  ]);
  await audit(server.url('/questions/q-000001.html'), ['seo', 'accessibility']);
} finally {
  await server.close();
}
