import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import {
  DEMO_ENDPOINT_ID,
  DEMO_ORIGINATOR_ID,
  DEMO_PAYMENT_CLIENT_ID,
  DEMO_PAYMENT_CLIENT_SECRET,
  resolveConfig,
} from '../../server/config.js';
import { ANSWERS } from '../e2e/answers.js';
import { MAX_PAYMENT_ATTEMPTS } from '../../server/gateway/payments.js';
import { problemText } from '../../src/components/submission/problem-texts.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-pay-'));
// The run's stand-in keys, before any hook starts the server (test/support/test-keys.ts).
await seedTestKeys(dataDir);
const FORM = 'https://musterstadt.example/forms/anwohnerparken.json';

before(async () => {
  // More payment starts a minute than a client may make in production (30): the tests make many.
  server = await startServer({ port: 0, dataDir, rateLimits: { payments: 200 } });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const url = (p: string) => new URL(p, server.url);
const key = () => randomBytes(18).toString('base64url');
const json = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type') ?? '',
  body: (await res.json()) as Record<string, any>,
});
const twoVehicles = () => {
  const a = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  a.fahrzeuge.push({ kennzeichen: 'M-CD 456', marke: 'Fiat 500', gesamtmasse: 1000, nutzung: 'eigentum' });
  return a;
};
function start(body: Record<string, unknown>) {
  return fetch(url('gateway/v1/payments'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(json);
}
const startBody = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: key(),
  formId: FORM,
  answers: ANSWERS.anwohnerparken,
  expectedTotal: 6000, // 12 months, one vehicle
  redirectUrl: new URL('anwohnerparken.html', server.url).href,
  ...over,
});
/** The tester's choice on the stand-in's payment page. */
async function choose(redirectUrl: string, outcome: 'bezahlen' | 'abbrechen' | 'fehlgeschlagen') {
  const page = await fetch(redirectUrl);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<button[^>]*value="bezahlen"/);
  return fetch(redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `method=GIROPAY&outcome=${outcome}`,
  });
}
const status = (k: string) => fetch(url('gateway/v1/payments/status'), { headers: { 'x-payment-key': k } }).then(json);

test('the gateway computes the fee from the published definition and the provider pays it', async () => {
  const b = startBody({ answers: twoVehicles(), expectedTotal: 6000 + 3000 });
  const created = await start(b);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.status, 'INITIAL');
  assert.equal(created.body.grosAmount, 90);
  assert.deepEqual(
    created.body.lines.map((l: any) => [l.id, l.quantity, l.amount]),
    [
      ['ausweis-12', 1, 6000],
      ['zweitfahrzeug-12', 1, 3000],
    ],
  );
  assert.match(created.body.transactionReference, /^\d{12}$/);
  const back = await choose(created.body.redirectUrl, 'bezahlen');
  assert.equal(back.status, 303);
  assert.equal(back.headers.get('location'), b.redirectUrl);
  const s = await status(b.idempotencyKey);
  assert.equal(s.body.status, 'PAYED');
  assert.equal(s.body.paymentMethod, 'GIROPAY');
  assert.equal(s.body.redirectUrl, undefined);
  assert.equal(s.body.transactionId, created.body.transactionId);
  // A second start for a paid application answers the paid transaction, nothing new.
  const again = await start(b);
  assert.equal(again.status, 200);
  assert.equal(again.body.transactionId, created.body.transactionId);
  assert.equal(again.body.status, 'PAYED');
});

test('paying twice (double click, second tab) yields one transaction', async () => {
  const b = startBody();
  const [one, two] = await Promise.all([start(b), start(b)]);
  assert.equal(one.body.transactionId, two.body.transactionId);
  assert.deepEqual([one.status, two.status].sort(), [200, 201]);
  const three = await start({ ...b, lang: 'en' });
  assert.equal(three.body.transactionId, one.body.transactionId);
  assert.equal(three.body.lines[0].description, "Residents' parking permit, 12 months");
});

test('cancelled and failed payments can be tried again as a new transaction of the same application', async () => {
  const b = startBody();
  const first = await start(b);
  await choose(first.body.redirectUrl, 'abbrechen');
  assert.equal((await status(b.idempotencyKey)).body.status, 'CANCELED');
  // The cancelled transaction's page cannot be paid afterwards (back button on the provider page).
  const late = await fetch(first.body.redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'outcome=bezahlen',
  });
  assert.equal(late.status, 303);
  assert.equal((await status(b.idempotencyKey)).body.status, 'CANCELED');
  const second = await start(b);
  assert.equal(second.status, 201);
  assert.notEqual(second.body.transactionId, first.body.transactionId);
  await choose(second.body.redirectUrl, 'fehlgeschlagen');
  assert.equal((await status(b.idempotencyKey)).body.status, 'FAILED');
  const third = await start(b);
  await choose(third.body.redirectUrl, 'bezahlen');
  assert.equal((await status(b.idempotencyKey)).body.status, 'PAYED');
});

test('a tampered amount or fee items from the browser are rejected', async () => {
  const low = await start(startBody({ expectedTotal: 1 }));
  assert.equal(low.status, 409);
  assert.match(low.type, /problem\+json/);
  assert.equal(low.body.code, 'AMOUNT_MISMATCH');
  for (const extra of [{ grosAmount: 0.01 }, { items: [{ id: 'x', amount: 1 }] }, { amount: 1 }]) {
    const r = await start(startBody(extra));
    assert.equal(r.status, 400, JSON.stringify(extra));
    assert.match(r.type, /problem\+json/);
  }
  // A definition sent along is not a field the gateway knows either.
  assert.equal(
    (await start(startBody({ definition: { 'x-ozg': { fees: { policy: 'optional', items: [] } } } }))).status,
    400,
  );
});

test('unknown forms, invalid answers, forms without an online fee and foreign redirect URLs are refused', async () => {
  assert.equal((await start(startBody({ formId: 'https://evil.example/forms/own.json' }))).body.code, 'UNKNOWN_FORM');
  const bad = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  bad.fahrzeuge = [];
  assert.equal((await start(startBody({ answers: bad }))).body.code, 'INVALID_ANSWERS');
  const dogs = await start(
    startBody({
      formId: 'https://musterstadt.example/forms/hundesteuer.json',
      answers: ANSWERS.hundesteuer,
      expectedTotal: 60000,
    }),
  );
  assert.equal(dogs.status, 422);
  assert.equal(dogs.body.code, 'NO_FEE'); // deferred: billed after the decision
  const away = await start(startBody({ redirectUrl: 'https://evil.example/steal' }));
  assert.equal(away.body.code, 'REDIRECT_NOT_ALLOWED');
  assert.equal((await status(key())).status, 404);
});

test('road use: the gateway bills per started m² and day from the answers (optional policy)', async () => {
  const answers = ANSWERS.sondernutzung as Record<string, any>;
  const expected = 3500 + 13 * 31 * 50; // processing + 12.5 m² (13 started) × 31 days × 0,50 € (building site)
  const r = await start(
    startBody({
      formId: 'https://musterstadt.example/forms/sondernutzung.json',
      answers,
      expectedTotal: expected,
      redirectUrl: new URL('sondernutzung.html', server.url).href,
    }),
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.total, expected);
});

test('the XBezahldienste stand-in: token, validation, PAYMENT_EXISTS, CALCULATION_ERROR, unknown endpoint', async () => {
  const xb = (p: string) => url(`standins/xbezahldienste/${p}`);
  const unauth = await fetch(xb(`paymenttransaction/${DEMO_ORIGINATOR_ID}/${DEMO_ENDPOINT_ID}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(unauth.status, 401);
  const badClient = await fetch(xb('token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${DEMO_PAYMENT_CLIENT_ID}&client_secret=wrong`,
  });
  assert.equal(badClient.status, 401);
  const tok = await fetch(xb('token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${DEMO_PAYMENT_CLIENT_ID}&client_secret=${DEMO_PAYMENT_CLIENT_SECRET}`,
  });
  const { access_token: token } = (await tok.json()) as { access_token: string };
  const post = (path: string, body: unknown) =>
    fetch(xb(path), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(json);
  const item = {
    id: 'a',
    description: 'Gebühr',
    taxRate: 0,
    quantity: 2,
    singleNetAmount: 10.35,
    singleTaxAmount: 0,
    totalNetAmount: 20.7,
    totalTaxAmount: 0,
  };
  const req = {
    requestId: 'req-1',
    requestTimestamp: new Date().toISOString(),
    currency: 'EUR',
    grosAmount: 20.7,
    purpose: 'Test 1',
    redirectUrl: 'http://127.0.0.1/x',
    items: [item],
  };
  const path = `paymenttransaction/${DEMO_ORIGINATOR_ID}/${DEMO_ENDPOINT_ID}`;
  const ok = await post(path, req);
  assert.equal(ok.status, 201);
  assert.equal(ok.body.paymentInformation.status, 'INITIAL');
  const dup = await post(path, req);
  assert.equal(dup.status, 409);
  assert.equal(dup.body.code, 'PAYMENT_EXISTS');
  const calc = await post(path, { ...req, requestId: 'req-2', grosAmount: 20.71 });
  assert.equal(calc.body.code, 'CALCULATION_ERROR');
  const usd = await post(path, { ...req, requestId: 'req-3', currency: 'USD' });
  assert.equal(usd.body.code, 'VALIDATION_ERROR');
  const longPurpose = await post(path, { ...req, requestId: 'req-4', purpose: 'x'.repeat(28) });
  assert.equal(longPurpose.body.code, 'VALIDATION_ERROR');
  const other = await post(`paymenttransaction/other/${DEMO_ENDPOINT_ID}`, { ...req, requestId: 'req-5' });
  assert.equal(other.body.code, 'NO_VALID_ORIGINATOR_OR_ENDPOINT');
  assert.match(other.type, /problem\+json/);
  const got = await fetch(xb(`${path}/${ok.body.paymentInformation.transactionId}`), {
    headers: { authorization: `Bearer ${token}` },
  }).then(json);
  assert.equal(got.body.paymentInformation.transactionReference, ok.body.paymentInformation.transactionReference);
  const page = await fetch(ok.body.paymentInformation.transactionRedirectUrl);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const html = await page.text();
  assert.match(html, /20,70/);
  assert.match(html, /<html lang="de">/);
});

test('provider unreachable: the gateway says so (503 PROVIDER_UNAVAILABLE), nothing is recorded (a later attempt starts afresh)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-pay-down-'));
  await seedTestKeys(dir);
  const down = await startServer({
    port: 0,
    dataDir: dir,
    payment: {
      providerUrl: 'http://127.0.0.1:9/xb/',
      tokenUrl: 'http://127.0.0.1:9/token',
      clientId: 'a',
      clientSecret: 'b',
      originatorId: 'o',
      endPointId: 'e',
    },
  });
  try {
    const b = { ...startBody(), redirectUrl: new URL('anwohnerparken.html', down.url).href };
    const res = await fetch(new URL('gateway/v1/payments', down.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(b),
    }).then(json);
    assert.equal(res.status, 503);
    assert.equal(res.body.code, 'PROVIDER_UNAVAILABLE');
    assert.equal(
      (await fetch(new URL('gateway/v1/payments/status', down.url), { headers: { 'x-payment-key': b.idempotencyKey } }))
        .status,
      404,
    );
  } finally {
    await down.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one application starts at most ten payment attempts: the eleventh is refused, the payment itself stays usable', async () => {
  const k = key();
  const ids = new Set<string>();
  for (let i = 0; i < MAX_PAYMENT_ATTEMPTS; i++) {
    // Each change of the amount replaces the open attempt by a new one (one vehicle, two, one, …).
    const b =
      i % 2
        ? startBody({ idempotencyKey: k, answers: twoVehicles(), expectedTotal: 9000 })
        : startBody({ idempotencyKey: k });
    const res = await start(b);
    assert.equal(res.status, 201, `attempt ${i + 1}: ${JSON.stringify(res.body)}`);
    ids.add(res.body.transactionId);
  }
  assert.equal(ids.size, MAX_PAYMENT_ATTEMPTS);
  const refused = await start(startBody({ idempotencyKey: k }));
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'TOO_MANY_ATTEMPTS');
  assert.equal(problemText('de', { status: 409, code: refused.body.code }).includes('zu viele Zahlungen'), true);
  // The tenth attempt is still the application's: its status answers, and it can be paid.
  const now = await status(k);
  assert.equal(now.status, 200);
  assert.equal(now.body.total, 9000);
  await choose(now.body.redirectUrl, 'bezahlen');
  assert.equal((await status(k)).body.status, 'PAYED');
});

test('one client starts only so many new payments an hour: each is a transaction at the provider', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ozg-pay-hour-'));
  await seedTestKeys(dir);
  assert.equal(resolveConfig({}).rateLimits.newPaymentsPerHour, 1000); // with the payment stand-in
  assert.equal(resolveConfig({ paymentStandIn: { enabled: false } }).rateLimits.newPaymentsPerHour, 20);
  const limited = await startServer({ port: 0, dataDir: dir, rateLimits: { newPaymentsPerHour: 3 } });
  try {
    const startAt = async (body: Record<string, unknown>) => {
      const res = await fetch(new URL('gateway/v1/payments', limited.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, redirectUrl: new URL('anwohnerparken.html', limited.url).href }),
      });
      return { ...(await json(res)), retryAfter: Number(res.headers.get('retry-after')) };
    };
    const first = startBody();
    assert.equal((await startAt(first)).status, 201);
    // Asked again with the same answers (a second tab, the back button): the same transaction, not counted.
    assert.equal((await startAt(first)).status, 200);
    // The answers changed the amount: a new transaction at the provider, counted like a new payment.
    assert.equal((await startAt({ ...first, answers: twoVehicles(), expectedTotal: 9000 })).status, 201);
    assert.equal((await startAt(startBody())).status, 201);
    const fourth = await startAt(startBody());
    assert.equal(fourth.status, 429);
    assert.equal(fourth.body.code, 'RATE_LIMITED');
    assert.ok(fourth.retryAfter > 3500 && fourth.retryAfter <= 3600, String(fourth.retryAfter));
    // Changing the answers back and forth makes no more transactions than that either.
    const back = await startAt(first);
    assert.equal(back.status, 429);
    assert.equal(back.body.code, 'RATE_LIMITED');
  } finally {
    await limited.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('payments of applications never sent expire with them; paid ones stay', async () => {
  const open = startBody();
  assert.equal((await start(open)).status, 201);
  const paid = startBody();
  const created = await start(paid);
  await choose(created.body.redirectUrl, 'bezahlen');
  assert.equal((await status(paid.idempotencyKey)).body.status, 'PAYED');
  // Within GATEWAY_UNSENT_TTL_HOURS nothing goes.
  server.gateway.expireUnsent(Date.now() + 71 * 3600_000);
  assert.equal((await status(open.idempotencyKey)).status, 200);
  server.gateway.expireUnsent(Date.now() + 73 * 3600_000);
  assert.equal((await status(open.idempotencyKey)).status, 404);
  assert.equal((await status(paid.idempotencyKey)).body.status, 'PAYED');
});
