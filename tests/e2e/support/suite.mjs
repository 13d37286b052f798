// The set-up every browser test file shares: a server for the built app, Chromium, the
// demo archive and, when asked, the real receiver; all closed after the file's tests.
import { after, before, beforeEach } from 'node:test';
import { demoArchive, launchBrowser, startServer } from './harness.mjs';
import { startReceiver } from './receiver.mjs';

/**
 * Registers the file's hooks; `ready({ server, browser, archive, receiver })` is called (and
 * awaited) once all are up, before the first test. (Node 20 starts a file's top-level
 * `before` hooks without waiting for the previous one, so anything that needs them belongs
 * in `ready`.) Routes and page rewrites are reset before each test.
 */
export function useBrowser({ receiver = false } = {}, ready = () => {}) {
  const suite = {};
  before(async () => {
    [suite.server, suite.browser, suite.archive] = await Promise.all([startServer(), launchBrowser(), demoArchive()]);
    if (receiver) suite.receiver = await startReceiver({ allowOrigin: suite.server.origin });
    await ready(suite);
  });
  after(async () => {
    await suite.browser?.close();
    await suite.receiver?.stop();
    await suite.server?.close();
  });
  beforeEach(() => suite.server.reset());
  return suite;
}
