// A tiny static server for the benchmark, on 127.0.0.1 and a free port.
//   /dist/...          files of the repository's dist/ (the built script-tag bundle and its chunks)
//   /bench/...         the pages in test/bench/pages/
//   /forms/<n>.json    the synthetic definitions handed to startBenchServer
// Nothing is cached, so every load of a fresh browser context fetches every file.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Resolve `rel` inside `dir`; null when it would leave the directory. */
function inside(dir, rel) {
  const base = resolve(dir);
  const file = resolve(base, `.${sep}${rel}`);
  return file === base || file.startsWith(base + sep) ? file : null;
}

/**
 * @param {{ distDir: string, pagesDir: string, forms: Map<string, object>, gzip?: boolean }} options
 *   forms maps a name (e.g. "200") to a definition served at /forms/<name>.json;
 *   gzip: answer a request that accepts it with the body compressed (gzip -9), as a web server or CDN
 *   would (used with an emulated network, where the bytes on the wire decide)
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startBenchServer({ distDir, pagesDir, forms, gzip = false }) {
  const formBodies = new Map([...forms].map(([name, def]) => [name, JSON.stringify(def)]));
  const compressed = new Map(); // path -> gzip of its body (the files do not change during a run)
  const mounts = [
    ['/dist/', distDir],
    ['/bench/', pagesDir],
  ];

  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      const headers = { 'content-type': type, 'cache-control': 'no-store' };
      if (gzip && status === 200 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(req.url)) compressed.set(req.url, gzipSync(body, { level: 9 }));
        body = compressed.get(req.url);
        Object.assign(headers, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
      }
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (path === '/favicon.ico') return send(204, '');
    const form = /^\/forms\/([\w-]+)\.json$/.exec(path);
    if (form) {
      const body = formBodies.get(form[1]);
      return body === undefined ? send(404, 'no such form') : send(200, body, TYPES['.json']);
    }
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      const file = inside(dir, path.slice(prefix.length));
      if (!file) return send(403, 'forbidden');
      try {
        const info = await stat(file);
        if (!info.isFile()) return send(404, 'not found');
        return send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
      } catch {
        return send(404, 'not found');
      }
    }
    return send(404, 'not found');
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
