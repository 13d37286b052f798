// Lighthouse on the hosted page (release build, served gzipped on loopback): prints the four
// category scores.   node tests/bench/lighthouse.mjs DIST
import { startServer } from '../e2e/support/harness.mjs';
import { audit } from './lighthouse-audit.mjs';

process.env.ASK_EXPERT_DIST = process.argv[2];
const server = await startServer({ gzip: true });
try {
  await audit(server.url('/'), ['performance', 'accessibility', 'best-practices', 'seo']);
} finally {
  await server.close();
}
