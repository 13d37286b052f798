// Serves a built site as a static host or CDN should: gzip for text and data, the built
// archive's manifest revalidated on every visit (no-cache, with an ETag), its content-named
// files and the bundle's hashed files cached for a year as immutable, everything else
// revalidated; ranges of a file for the page's few-question fetches. No dependencies beyond
// Node.
//   node scripts/serve-static.mjs DIR [--port 8080]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sendRange } from './byte-range.mjs';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? Number(args[portAt + 1]) : 8080;
const root = resolve(args.find((arg, at) => !arg.startsWith('--') && args[at - 1] !== '--port') ?? 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.bin': 'application/octet-stream',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.xml', '.txt', '.bin']);
const YEAR = 'public, max-age=31536000, immutable';

/** How long a file may be kept: content-named files forever, the rest revalidated. */
function caching(path) {
  if (path.startsWith('/archive/')) return YEAR;
  if (/-[0-9a-f]+(_bg)?\.(js|wasm|css)$/.test(path)) return YEAR;
  return 'no-cache';
}

const compressed = new Map();

const server = createServer(async (request, response) => {
  let path;
  try {
    path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = join(root, normalize(path).replace(/^([/\\])+/, ''));
  if (!file.startsWith(root)) {
    response.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
    return;
  }
  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      response.writeHead(301, { location: `${path}/` }).end();
      return;
    }
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end('Not found');
    return;
  }
  const extension = extname(file);
  const gzip = COMPRESSIBLE.has(extension) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  const tag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${gzip ? '-gz' : ''}"`;
  const headers = {
    'content-type': TYPES[extension] ?? 'application/octet-stream',
    'cache-control': caching(path),
    etag: tag,
    vary: 'accept-encoding',
  };
  if (request.headers['if-none-match'] === tag) {
    response.writeHead(304, headers).end();
    return;
  }
  let body = await readFile(file);
  headers['accept-ranges'] = 'bytes';
  // A range is of the file as it is, never of its compressed form (browsers ask for ranges
  // with `Accept-Encoding: identity`).
  if (sendRange(request, response, body, { ...headers, etag: tag.replace('-gz', '') })) return;
  if (gzip) {
    const key = `${file}:${tag}`;
    if (!compressed.has(key)) compressed.set(key, gzipSync(body));
    body = compressed.get(key);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${root} at http://127.0.0.1:${port}/ (gzip; manifest no-cache, archive/* immutable)`);
});
