/**
 * The origins of the tests under a strict CSP (csp.spec, embedding.spec): a CDN that serves dist/
 * with CORS, and the municipality's site, a proxy in front of the local server that adds the page's
 * Content-Security-Policy and points the script tag at the CDN. Plus a watch on the page for every
 * CSP violation.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json' };

/** The header of the test, the one the README recommends, with the CDN's origin filled in. */
export const cspFor = (bundleOrigin: string): string =>
  `default-src 'self'; script-src 'self' ${bundleOrigin}; style-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'`;

/** dist/ on a second loopback origin, with CORS, as a CDN serves the bundle. */
export async function startCdn(): Promise<{ origin: string; close: () => Promise<void> }> {
  const cdn = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dist, path);
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
  return {
    // "localhost" is another origin than the page's 127.0.0.1, as a CDN is another site.
    origin: `http://localhost:${(cdn.address() as AddressInfo).port}`,
    close: () => {
      cdn.closeAllConnections();
      return new Promise((resolve) => cdn.close(() => resolve()));
    },
  };
}

export interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** The municipality's site: forwards everything to the local server; its pages get the header and
 * load the bundle from the CDN. `upstream` may be given later (a server that must know the site's
 * origin before it starts). */
export async function startSite(
  cdnOrigin: string,
  upstream: string | (() => string),
  csp: string,
  /** Markup the site's pages have before the form's script tag (the site's own scripts). */
  beforeBundle = '',
): Promise<{ url: string; close: () => Promise<void> }> {
  const upstreamUrl = typeof upstream === 'string' ? () => upstream : upstream;
  const site = createServer((req, res) => {
    const target = new URL(upstreamUrl());
    // As a reverse proxy does: the upstream learns the public host from X-Forwarded-* (IDP_PROXY trusts it).
    const headers = {
      ...req.headers,
      host: target.host,
      'x-forwarded-host': req.headers.host,
      'x-forwarded-proto': 'http',
    };
    delete headers['accept-encoding']; // pages are rewritten below
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (up) => {
        // The municipality's pages (/<name>.html); the stand-ins' own pages (payment provider) are not.
        const sitePage = /^\/[\w-]+\.html(\?|#|$)/.test(req.url ?? '');
        if (!sitePage || !String(up.headers['content-type']).startsWith('text/html')) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (chunk: Buffer) => chunks.push(chunk));
        up.on('end', () => {
          const body = Buffer.concat(chunks)
            .toString('utf8')
            .replace(
              '<script type="module" src="/dist/ozg-form.js"',
              `${beforeBundle}<script type="module" src="${cdnOrigin}/ozg-form.js"`,
            );
          const out = { ...up.headers, 'content-security-policy': csp };
          delete out['content-length'];
          res.writeHead(up.statusCode ?? 502, out).end(body);
        });
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(site.address() as AddressInfo).port}/`,
    close: () => {
      site.closeAllConnections();
      return new Promise((resolve) => site.close(() => resolve()));
    },
  };
}

/** Collects every CSP violation of the page and the requests to the CDN. */
export async function watch(
  page: Page,
  cdnOrigin: string,
): Promise<{ violations: Violation[]; bundleRequests: string[] }> {
  const violations: Violation[] = [];
  const bundleRequests: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: Violation) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        (window as unknown as { reportCspViolation: (v: unknown) => void }).reportCspViolation({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}`,
          sample: e.sample,
        });
      },
      true,
    );
  });
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text()))
      violations.push({ directive: 'console', blocked: '', source: '', sample: message.text() });
  });
  page.on('request', (request) => {
    if (request.url().startsWith(cdnOrigin)) bundleRequests.push(request.url());
  });
  return { violations, bundleRequests };
}
