// The reference receiver, run for real, and a proxy in front of it that can misbehave on
// cue (fail, throttle, hang, drop) the way real endpoints and networks do.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const BINARY = process.env.ASK_EXPERT_RECEIVER ?? join(ROOT, 'target', 'debug', 'ask-expert-receiver');

async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/** Starts the receiver with a fresh database; resolves once it answers /health. */
export async function startReceiver({ allowOrigin, extraArgs = [] }) {
  const directory = mkdtempSync(join(tmpdir(), 'ask-expert-receiver-'));
  const database = join(directory, 'questions.sqlite');
  const port = await freePort();
  const token = 'test-token';
  const child = spawn(BINARY, [
    'serve', '--addr', `127.0.0.1:${port}`, '--db', database, '--allow-origin', allowOrigin,
    '--list-token', token, '--rate-limit', '1000', ...extraArgs,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (true) {
    try {
      const response = await fetch(`${origin}/health`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`receiver did not start:\n${log}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    origin,
    database,
    binary: BINARY,
    endpoint: `${origin}/questions`,
    async stored() {
      const response = await fetch(`${origin}/questions`, { headers: { authorization: `Bearer ${token}` } });
      return response.json();
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A proxy to `target` whose POSTs follow `plan`, one step per POST, then pass through:
 * 'pass', 'status:500', 'status:429:2' (with Retry-After: 2), 'hang' (never answers),
 * 'drop' (closes the connection). Preflights always pass. `posts` records each POST.
 */
export async function startFaultyProxy(target) {
  let plan = [];
  const posts = [];
  const server = createServer((incoming, outgoing) => {
    const chunks = [];
    incoming.on('data', (chunk) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const cors = {
        'access-control-allow-origin': incoming.headers.origin ?? '*',
        'access-control-expose-headers': 'Retry-After',
      };
      if (incoming.method === 'POST') {
        posts.push({ headers: incoming.headers, body: body.toString('utf8') });
        const step = plan.shift() ?? 'pass';
        const [kind, status, retryAfter] = step.split(':');
        if (kind === 'hang') return;
        if (kind === 'drop') return incoming.socket.destroy();
        if (kind === 'status') {
          outgoing.writeHead(Number(status), { ...cors, 'content-type': 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) });
          return outgoing.end('{"error": "injected fault"}');
        }
      }
      const forwarded = httpRequest(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    endpoint: `${origin}/questions`,
    posts,
    plan(steps) { plan = [...steps]; posts.length = 0; },
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}
