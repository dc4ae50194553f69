/**
 * The one retry loop (src/modules/retry.ts) with fake timers: no test waits for a real pause.
 * Runs in Node (node:test's mock timers); `location` stands in for the page the form is on.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { PaymentClient, PaymentError } from '../../src/modules/payment/index.js';
import { classifyFailure, request, Retry, UnreachableError, type Failure } from '../../src/modules/retry.js';
import { GatewayError, SubmissionClient } from '../../src/modules/submission/client.js';

const SITE = 'https://www.musterstadt.example/antrag.html';
const GATEWAY = 'https://formulare.musterstadt.example/gateway/v1/';

/** Lets every promise that can settle settle (timers are fake, setImmediate is not). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

const httpError = (status: number, retryAfter?: number) => new GatewayError(status, { status }, retryAfter, GATEWAY);

/** A step that fails with `errors` in turn, then answers 'ok'. */
function failing(...errors: unknown[]) {
  const calls = { count: 0 };
  const step = async () => {
    calls.count++;
    if (errors.length) throw errors.shift();
    return 'ok';
  };
  return { step, calls };
}

function track<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  Object.defineProperty(globalThis, 'location', { value: new URL(SITE), configurable: true });
});
afterEach(() => {
  mock.timers.reset();
  delete (globalThis as { location?: unknown }).location;
});

describe('classifyFailure', () => {
  it('retries what time can fix: 5xx, 503, 429, 408, a network failure', async () => {
    for (const status of [500, 502, 503, 429, 408]) {
      const failure = await classifyFailure(httpError(status));
      assert.equal(failure.transient, true, `HTTP ${status}`);
    }
    const network = await classifyFailure(new UnreachableError(new URL('x', SITE).href), async () => true);
    assert.deepEqual(
      [network.transient, network.cause],
      [true, 'network'],
      'same origin: no CORS involved, the network failed',
    );
  });

  it('stops at what it cannot fix: 404, 401/403, 409/422, an answer that is not JSON', async () => {
    const causes: Record<number, string> = {
      404: 'not-found',
      410: 'not-found',
      401: 'unauthorized',
      403: 'unauthorized',
      409: 'refused',
      422: 'refused',
      400: 'refused',
    };
    for (const [status, cause] of Object.entries(causes)) {
      const failure = await classifyFailure(httpError(Number(status)));
      assert.deepEqual([failure.transient, failure.cause, failure.status], [false, cause, Number(status)]);
    }
    const json = await classifyFailure(new SyntaxError('Unexpected token < in JSON'));
    assert.deepEqual([json.transient, json.cause], [false, 'bad-response']);
  });

  it('calls it CORS only for another origin that answers a no-cors probe while the browser is online', async () => {
    const probed: string[] = [];
    const answers = async (url: string) => (probed.push(url), true);
    const silent = async (url: string) => (probed.push(url), false);
    const cors = await classifyFailure(new UnreachableError(`${GATEWAY}submissions`), answers);
    assert.deepEqual([cors.transient, cors.cause, cors.url], [false, 'cors', `${GATEWAY}submissions`]);
    const down = await classifyFailure(new UnreachableError(`${GATEWAY}submissions`), silent);
    assert.deepEqual([down.transient, down.cause], [true, 'network'], 'nothing answers at all: server down, retry');
    assert.deepEqual(probed, [`${GATEWAY}submissions`, `${GATEWAY}submissions`]);

    const onLine = Object.getOwnPropertyDescriptor(globalThis.navigator, 'onLine');
    Object.defineProperty(globalThis.navigator, 'onLine', { value: false, configurable: true });
    try {
      const offline = await classifyFailure(new UnreachableError(`${GATEWAY}submissions`), answers);
      assert.deepEqual([offline.transient, offline.cause], [true, 'offline']);
      assert.equal(probed.length, 2, 'offline: no probe');
    } finally {
      if (onLine) Object.defineProperty(globalThis.navigator, 'onLine', onLine);
      else delete (globalThis.navigator as { onLine?: boolean }).onLine;
    }
  });

  it('never calls it CORS for an origin and method that CORS let through before on this page', async () => {
    const gateway = 'https://passed.musterstadt.example/gateway/v1/';
    await request(async () => new Response('{}'), new URL(`${gateway}destination`), { method: 'GET' });
    const blip = await classifyFailure(
      new UnreachableError(`${gateway}destination`, undefined, 'GET'),
      async () => true,
    );
    assert.deepEqual([blip.transient, blip.cause], [true, 'network'], 'GET passed before: a blip');
    const post = await classifyFailure(
      new UnreachableError(`${gateway}submissions`, undefined, 'POST'),
      async () => true,
    );
    assert.deepEqual([post.transient, post.cause], [false, 'cors'], 'a POST (preflight) never passed: CORS');
  });

  it('knows a lazily loaded part of ozg-form that did not arrive', async () => {
    const failure = await classifyFailure(
      new TypeError('Failed to fetch dynamically imported module: https://cdn.example/chunks/validation-abc.js'),
    );
    assert.deepEqual(
      [failure.transient, failure.cause, failure.url],
      [false, 'chunk', 'https://cdn.example/chunks/validation-abc.js'],
    );
  });
});

describe('Retry', () => {
  it('waits a jittered, doubling pause between attempts and reports retry and recovery', async () => {
    const events: string[] = [];
    const { step, calls } = failing(httpError(503), httpError(502));
    const loop = new Retry({
      baseDelayMs: 1000,
      random: () => 0, // the shortest pause: half the backoff
      onRetry: (f, attempt, delay) => events.push(`retry ${attempt} ${f.cause} ${delay}`),
      onRecover: () => events.push('recovered'),
    });
    const run = track(loop.run(step));
    await settle();
    assert.equal(calls.count, 1);
    mock.timers.tick(499);
    await settle();
    assert.equal(calls.count, 1, 'not before the pause is over');
    mock.timers.tick(1);
    await settle();
    assert.equal(calls.count, 2);
    mock.timers.tick(999);
    await settle();
    assert.equal(calls.count, 2, 'the second pause is twice as long');
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(run, { value: 'ok', done: true });
    assert.deepEqual(events, ['retry 0 server 500', 'retry 1 server 1000', 'recovered']);
  });

  it('never comes back sooner than Retry-After asks (429 and 503)', async () => {
    for (const status of [429, 503]) {
      const { step, calls } = failing(httpError(status, 7));
      const run = track(new Retry({ baseDelayMs: 1000, random: () => 1 }).run(step));
      await settle();
      mock.timers.tick(6999);
      await settle();
      assert.equal(calls.count, 1, `HTTP ${status}: still waiting`);
      mock.timers.tick(1);
      await settle();
      assert.equal(run.value, 'ok');
    }
  });

  it('stops at once at a permanent failure and says why', async () => {
    let gaveUp: Failure | undefined;
    const { step, calls } = failing(httpError(404));
    const run = track(new Retry({ onGiveUp: (f) => (gaveUp = f) }).run(step));
    await settle();
    assert.equal(run.done, true);
    assert.equal((run.error as GatewayError).status, 404);
    assert.equal(calls.count, 1, 'no second request');
    assert.equal(gaveUp?.cause, 'not-found');
  });

  it('confirms a CORS verdict with one more attempt before it gives up', async () => {
    const cors = () => new UnreachableError(`${GATEWAY}destination`);
    const gaveUp: Failure[] = [];
    const { step, calls } = failing(cors(), cors(), cors());
    const run = track(
      new Retry({
        baseDelayMs: 1000,
        random: () => 0,
        classify: (e) => classifyFailure(e, async () => true),
        onGiveUp: (f) => gaveUp.push(f),
      }).run(step),
    );
    await settle();
    assert.equal(run.done, false, 'not after the first CORS-looking failure');
    mock.timers.tick(500);
    await settle();
    assert.equal(calls.count, 2);
    assert.equal(run.done, true, 'the second one settles it');
    assert.equal(gaveUp[0]?.cause, 'cors');
    mock.timers.tick(60_000);
    await settle();
    assert.equal(calls.count, 2, 'and nothing after');
  });

  it('gives up after its last attempt with the last error', async () => {
    const { step, calls } = failing(httpError(500), httpError(503), httpError(502));
    const run = track(new Retry({ attempts: 3, baseDelayMs: 100 }).run(step));
    for (let i = 0; i < 5; i++) {
      mock.timers.tick(1000);
      await settle();
    }
    assert.equal(calls.count, 3);
    assert.equal((run.error as GatewayError).status, 502);
  });

  it('"Jetzt erneut versuchen" ends the pause at once; an abort ends the loop', async () => {
    const { step, calls } = failing(httpError(503), httpError(503), httpError(503));
    const abort = new AbortController();
    const loop = new Retry({ baseDelayMs: 60_000, signal: abort.signal });
    const run = track(loop.run(step));
    await settle();
    assert.equal(loop.waiting, true);
    assert.equal(loop.now(), true);
    await settle();
    assert.equal(calls.count, 2, 'tried again without waiting a minute');
    abort.abort();
    await settle();
    assert.equal(run.done, true);
    assert.equal((run.error as Error).name, 'AbortError');
    mock.timers.tick(10 * 60_000);
    await settle();
    assert.equal(calls.count, 2, 'nothing after the abort');
    assert.equal(loop.now(), false, 'nothing waits any more');
  });
});

describe('the gateway clients use the one loop', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

  it('SubmissionClient retries a 503 after its Retry-After and stops at a 422 refusal', async () => {
    const seen: number[] = [];
    const replies = [answer(503, { status: 503 }, { 'retry-after': '3' }), answer(200, { destinationId: 'd' })];
    const client = new SubmissionClient({
      api: GATEWAY,
      fetch: async () => (seen.push(Date.now()), replies.shift()!),
    });
    const run = track(client.getDestination());
    await settle();
    mock.timers.tick(2999);
    await settle();
    assert.equal(seen.length, 1);
    mock.timers.tick(1);
    await settle();
    assert.equal(run.value?.destinationId, 'd');

    let calls = 0;
    const refusing = new SubmissionClient({
      api: GATEWAY,
      fetch: async () => (calls++, answer(422, { code: 'INVALID_ANSWERS' })),
    });
    const refused = await refusing.getDestination().catch((e: unknown) => e);
    assert.equal(refused instanceof GatewayError && refused.problem.code, 'INVALID_ANSWERS');
    assert.equal(calls, 1);
  });

  it('PaymentClient asks for the status again after a network blip, and reports the URL it asked', async () => {
    const gaveUp: Failure[] = [];
    let calls = 0;
    Object.defineProperty(globalThis, 'document', { value: { baseURI: SITE }, configurable: true });
    try {
      const client = new PaymentClient(
        GATEWAY,
        async () => {
          calls++;
          throw new TypeError('Failed to fetch');
        },
        {
          onGiveUp: (f) => gaveUp.push(f),
          random: () => 0,
          classify: (e) => classifyFailure(e, async () => false), // nothing answers: a network failure
        },
      );
      const run = track(client.status('k'.repeat(20), 'de'));
      for (let i = 0; i < 5; i++) {
        mock.timers.tick(5_000);
        await settle();
      }
      assert.equal(calls, 3, 'three attempts for the status');
      assert.equal(run.error instanceof PaymentError && run.error.status, 0);
      assert.equal(gaveUp.length, 1);
      assert.match(gaveUp[0]!.url ?? '', /^https:\/\/formulare\.musterstadt\.example\/gateway\/v1\/payments\/status/);
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  });
});

describe('a gateway that takes the request and never answers', { timeout: 10_000 }, () => {
  // AbortSignal.timeout runs on real time: these tests use real timers and limits of milliseconds. Its
  // timer does not keep Node running, so an interval does while a test waits for it.
  let alive: ReturnType<typeof setInterval>;
  beforeEach(() => {
    mock.timers.reset();
    alive = setInterval(() => undefined, 1_000);
  });
  afterEach(() => clearInterval(alive));

  /** A fetch that answers `replies` in turn; `null` takes the request and never answers (until aborted). */
  function gateway(...replies: Array<Response | null>) {
    const calls: Array<{ url: string; method: string; limited: boolean }> = [];
    const fetch = (url: URL | RequestInfo, init: RequestInit = {}) => {
      calls.push({ url: String(url), method: init.method ?? 'GET', limited: init.signal !== undefined });
      const reply = replies.shift();
      if (reply) return Promise.resolve(reply);
      return new Promise<Response>((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
      );
    };
    return { fetch: fetch as typeof globalThis.fetch, calls };
  }
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

  it('request: no answer within the limit is no answer, time may fix it, and no CORS probe is sent', async () => {
    const { fetch } = gateway(null);
    const error = await request(fetch, new URL('submissions', GATEWAY), { method: 'POST' }, 20).catch((e) => e);
    assert.ok(error instanceof UnreachableError, String(error));
    assert.equal(error.url, `${GATEWAY}submissions`);
    let probed = false;
    const failure = await classifyFailure(error, async () => (probed = true));
    assert.deepEqual([failure.transient, failure.cause, probed], [true, 'network', false]);
  });

  it('SubmissionClient asks again after a call that never answered, and gives the attachment all the time it needs', async () => {
    const { fetch, calls } = gateway(
      null, // create: taken, never answered
      json({ submissionId: 's1', caseId: 'c1', caseSecret: 'x', sentAttachments: [], sent: false }),
      new Response(null, { status: 204 }), // the attachment
      null, // send: taken, never answered
      json({ sent: true }),
    );
    const client = new SubmissionClient({ api: GATEWAY, fetch, timeoutMs: 20, baseDelayMs: 1, maxDelayMs: 1 });
    const state = await client.submit(
      {
        leika: '99',
        encryptedMetadata: 'm',
        encryptedData: 'd',
        attachments: [{ attachmentId: 'a1', encrypted: 'e' }],
      },
      { idempotencyKey: 'k', sentAttachments: [], sent: false },
    );
    assert.deepEqual([state.submissionId, state.sentAttachments, state.sent], ['s1', ['a1'], true]);
    assert.deepEqual(
      calls.map((c) => [c.method, c.url.replace(GATEWAY, ''), c.limited]),
      [
        ['POST', 'submissions', true],
        ['POST', 'submissions', true],
        ['PUT', 'submissions/s1/attachments/a1', false],
        ['PUT', 'submissions/s1', true],
        ['PUT', 'submissions/s1', true],
      ],
    );
  });

  it('PaymentClient asks for the status again after an answer that never came', async () => {
    Object.defineProperty(globalThis, 'document', { value: { baseURI: SITE }, configurable: true });
    try {
      const { fetch, calls } = gateway(null, json({ status: 'PAYED', idempotencyKey: 'k' }));
      let probed = false;
      const failures: Failure[] = [];
      const client = new PaymentClient(
        // An origin no call of these tests passed CORS with: there a failure may be probed.
        'https://bezahlen.musterstadt.example/gateway/v1/',
        fetch,
        {
          baseDelayMs: 1,
          maxDelayMs: 1,
          onRetry: (f) => failures.push(f),
          // The gateway is on another origin and would answer a probe: a timeout must not be taken for CORS.
          classify: (e) => classifyFailure(e, async () => (probed = true)),
        },
        20,
      );
      const view = await client.status('k'.repeat(20), 'de');
      assert.equal(view.status, 'PAYED');
      assert.equal(calls.length, 2);
      assert.ok(calls.every((c) => c.limited));
      assert.deepEqual([failures.map((f) => [f.transient, f.cause]), probed], [[[true, 'network']], false]);
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  });
});
