import { request as httpRequest, type ClientRequest } from 'node:http';

/**
 * An attachment upload that announces `length` bytes, sends the first 100 and then nothing: it stays
 * open and holds its slot. Resolves with the HTTP status if the gateway answers within 300 ms, else
 * 'open'. The request is pushed to `open`, for the test to end it afterwards.
 */
export function stalledUpload(
  url: URL,
  headers: { secret: string; length: number; forwardedFor?: string },
  open: ClientRequest[],
): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const req = httpRequest(url, {
      method: 'PUT',
      agent: false,
      headers: {
        'x-case-secret': headers.secret,
        'content-type': 'application/jose',
        'content-length': headers.length,
        ...(headers.forwardedFor ? { 'x-forwarded-for': headers.forwardedFor } : {}),
      },
    });
    open.push(req);
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('open'));
    req.write('eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.' + 'A'.repeat(48));
    // Still open after 300 ms: the gateway is waiting for the rest of the body.
    setTimeout(() => resolve('open'), 300);
  });
}
