// One byte range of a static file, as static hosts and CDNs answer `Range: bytes=a-b`: the
// page fetches a few questions from their shard this way. Shared by the local servers
// (serve-static, the browser tests' and the benchmark's) so all three answer alike.

/**
 * The bytes a `Range` header asks for: `{ start, end }` (end exclusive) for one satisfiable
 * range, `'unsatisfiable'` for a range past the end, or `null` when the header is absent or
 * not one plain range (the whole file is then sent, as a host may).
 */
export function requestedRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start;
  let end;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size : Math.min(size, Number(match[2]) + 1);
  }
  if (start >= size || start >= end) return 'unsatisfiable';
  return { start, end };
}

/**
 * Answers a range request for `body` on `response` with 206 (or 416), adding `headers`;
 * false when the request asks for the whole file.
 */
export function sendRange(request, response, body, headers = {}) {
  const range = requestedRange(request.headers.range, body.length);
  if (range === null) return false;
  if (range === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end();
    return true;
  }
  const part = body.subarray(range.start, range.end);
  response.writeHead(206, {
    ...headers,
    'content-range': `bytes ${range.start}-${range.end - 1}/${body.length}`,
    'content-length': part.length,
  });
  response.end(request.method === 'HEAD' ? undefined : part);
  return true;
}
