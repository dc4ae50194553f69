/**
 * Payments bound to one application, and logins bound to one application (issue 11): each attack of the
 * audit is performed against the running server and refused.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { startServer, type RunningServer } from '../../server/app.js';
import { seedTestKeys } from '../support/test-keys.js';
import { prepareSubmission, SubmissionClient, GatewayError } from '../../src/modules/submission/index.js';
import { ANSWERS } from '../e2e/answers.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'ozg-bind-'));
// The run's stand-in keys, before any hook starts the server (test/support/test-keys.ts).
await seedTestKeys(dataDir);
const FORM = 'https://musterstadt.example/forms/anwohnerparken.json';
const LEIKA = '99990000000001'; // Anwohnerparken: fee policy before-submission
const INBOX = 'inbox-bind-token';

before(async () => {
  server = await startServer({ port: 0, dataDir, inbox: { token: INBOX } });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const url = (p: string) => new URL(p, server.url);
const key = () => randomBytes(18).toString('base64url');
const inbox = async (sid: string) =>
  (
    await fetch(url(`standins/inbox/api/submissions/${sid}`), { headers: { authorization: `Bearer ${INBOX}` } })
  ).json() as Promise<Record<string, any>>;

async function pay(k: string, answers = ANSWERS.anwohnerparken, expectedTotal = 6000, outcome = 'bezahlen') {
  const res = await fetch(url('gateway/v1/payments'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: k,
      formId: FORM,
      answers,
      expectedTotal,
      redirectUrl: url('anwohnerparken.html').href,
    }),
  });
  const body = (await res.json()) as Record<string, any>;
  if (body.redirectUrl) {
    await fetch(body.redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `method=GIROPAY&outcome=${outcome}`,
    });
  }
  return { status: res.status, body };
}

/** The application's metadata and data, encrypted for the destination as the browser does it. */
async function encrypt(
  client: SubmissionClient,
  opts: { paymentInformation?: any; idToken?: string; leika?: string; data?: object } = {},
) {
  const dest = await client.getDestination();
  return prepareSubmission({
    encryptionKey: dest.encryptionKey,
    leika: opts.leika ?? LEIKA,
    serviceName: 'Anwohnerparkausweis',
    schemaUri: FORM,
    data: opts.data ?? ANSWERS.anwohnerparken,
    replyChannel: { eMail: { address: 'erika@example.org' } },
    ...(opts.paymentInformation ? { paymentInformation: opts.paymentInformation } : {}),
    ...(opts.idToken
      ? { authenticationInformation: [{ type: 'identificationReport', version: '1.0.0', content: opts.idToken }] }
      : {}),
  } as never);
}

/** Sends an application; `paymentInformation` is what the browser claims in the encrypted metadata. */
async function send(
  k: string,
  opts: { paymentKey?: string; paymentInformation?: any; idToken?: string; leika?: string; data?: object } = {},
) {
  const client = new SubmissionClient({ baseUrl: server.url, attempts: 1 });
  const { encrypted } = await encrypt(client, opts);
  try {
    const final = await client.submit(encrypted, {
      idempotencyKey: k,
      sentAttachments: [],
      sent: false,
      ...(opts.paymentKey ? { paymentKey: opts.paymentKey } : {}),
    });
    return { ok: true as const, final };
  } catch (error) {
    if (error instanceof GatewayError)
      return { ok: false as const, status: error.status, problem: error.problem as Record<string, any> };
    throw error;
  }
}

const claim = (body: Record<string, any>) => ({
  paymentService: 'https://musterstadt.example/xbezahldienste',
  paymentMethod: 'GIROPAY',
  paymentId: body.transactionId,
  transactionId: body.transactionId,
  transactionReference: body.transactionReference,
  grossAmount: body.grosAmount,
  status: 'BOOKED',
});

test('a before-submission form without any payment is refused: 409 PAYMENT_REQUIRED', async () => {
  const r = await send(key());
  assert.equal(r.ok, false);
  assert.equal(r.ok || r.status, 409);
  assert.equal(!r.ok && r.problem.code, 'PAYMENT_REQUIRED');
});

test('an unpaid (cancelled) payment does not carry the application: 409 PAYMENT_REQUIRED', async () => {
  const k = key();
  await pay(k, ANSWERS.anwohnerparken, 6000, 'abbrechen');
  const r = await send(k);
  assert.equal(!r.ok && r.problem.code, 'PAYMENT_REQUIRED');
});

test('one payment carries one application: the second one naming it gets 409 PAYMENT_ALREADY_USED', async () => {
  const k = key();
  const paid = await pay(k);
  assert.equal(paid.status, 201);
  const first = await send(k, { paymentInformation: claim(paid.body) });
  assert.equal(first.ok, true, JSON.stringify(!first.ok && first.problem));
  const detail = await inbox(first.ok ? first.final.submissionId : '');
  assert.equal(detail.payment.boundByGateway, true);
  assert.equal(detail.payment.transactionReference, paid.body.transactionReference);
  assert.deepEqual(detail.payment.mismatch, []);
  assert.deepEqual(detail.checks, [], 'a paid application that fits its form has nothing to flag');

  // The replay: another application names the same payment (by its key) …
  const second = await send(key(), { paymentKey: k, paymentInformation: claim(paid.body) });
  assert.equal(!second.ok && second.status, 409);
  assert.equal(!second.ok && second.problem.code, 'PAYMENT_ALREADY_USED');
  // … or copies its paymentInformation into the metadata with no payment of its own: refused, never shown as paid.
  const third = await send(key(), { paymentInformation: claim(paid.body) });
  assert.equal(!third.ok && third.problem.code, 'PAYMENT_REQUIRED');
});

test('the paid key with other answers of the same amount is refused once the payment carried an application', async () => {
  const k = key();
  await pay(k);
  assert.equal((await send(k)).ok, true);
  const other = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  other.fahrzeuge[0].kennzeichen = 'M-ZZ 999';
  const replay = await pay(k, other);
  assert.equal(replay.status, 409);
  assert.equal(replay.body.code, 'PAYMENT_ALREADY_USED');
});

test("the inbox shows the gateway's binding and flags a paymentInformation that does not match it", async () => {
  const mine = key();
  const paid = await pay(mine);
  const someoneElses = await pay(
    key(),
    (() => {
      const a = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
      a.fahrzeuge[0].kennzeichen = 'M-XY 1';
      return a;
    })(),
  );
  const r = await send(mine, { paymentInformation: claim(someoneElses.body) });
  assert.equal(r.ok, true);
  const detail = await inbox(r.ok ? r.final.submissionId : '');
  assert.equal(detail.payment.transactionReference, paid.body.transactionReference);
  assert.ok(detail.payment.mismatch.includes('transactionReference'));
});

test('the gateway never passes on a provider redirect that is not http(s)', async () => {
  const k = key();
  const created = await pay(k, ANSWERS.anwohnerparken, 6000, 'none');
  assert.match(created.body.redirectUrl, /^http:\/\//);
  // The provider answers with a javascript: URL (a compromised or buggy provider).
  const original = server.gateway.provider.get.bind(server.gateway.provider);
  server.gateway.provider.get = async (id: string) => {
    const tx = await original(id);
    return { ...tx, paymentInformation: { ...tx.paymentInformation, transactionRedirectUrl: 'javascript:alert(1)' } };
  };
  try {
    const res = await fetch(url('gateway/v1/payments/status'), { headers: { 'x-payment-key': k } });
    assert.equal(res.status, 502);
    assert.doesNotMatch(await res.text(), /javascript:/);
  } finally {
    server.gateway.provider.get = original;
  }
});

test("an ID token from one application's login, put into another application, is flagged as not bound", async () => {
  const keys = JSON.parse(readFileSync(join(dataDir, 'idp-keys', 'keys.json'), 'utf8')) as { jwks: { keys: any[] } };
  const rsa = keys.jwks.keys.find((k) => k.alg === 'RS256');
  const issuer = url('idp').href;
  const token = (nonce: string) =>
    new SignJWT({ nonce, acr: 'STORK-QAA-Level-4', given_name: 'Anna', family_name: 'Schmidt' })
      .setProtectedHeader({ alg: 'RS256', kid: rsa.kid })
      .setIssuer(issuer)
      .setAudience('ozg-form-demo')
      .setSubject('anna')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(createPrivateKey({ key: rsa, format: 'jwk' }));
  const nonceOf = (k: string) => createHash('sha256').update(k).digest('base64url');
  const a = key();
  const b = key();
  const idToken = await token(nonceOf(a));
  await pay(a);
  await pay(b);
  const own = await send(a, { idToken });
  const replayed = await send(b, { idToken });
  assert.ok(own.ok && replayed.ok);
  const ownAuth = (await inbox(own.ok ? own.final.submissionId : '')).authentication[0];
  assert.equal(ownAuth.verified, true);
  assert.equal(ownAuth.boundToApplication, true);
  const replayAuth = (await inbox(replayed.ok ? replayed.final.submissionId : '')).authentication[0];
  assert.equal(replayAuth.boundToApplication, false);
  assert.match(replayAuth.problem, /nicht an diesen Antrag gebunden/);
});

/** Amounts are formatted with a no-break space before the euro sign. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** Anwohnerparken answers for 24 months and two vehicles: 165 € instead of the 30 € of six months and one. */
function dearer(): Record<string, any> {
  const a = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  a.parkausweis.laufzeit = 24;
  a.fahrzeuge = [a.fahrzeuge[0], { ...a.fahrzeuge[0], kennzeichen: 'M-CD 1' }];
  return a;
}

test('paid for cheap answers, sent dearer ones: the inbox recomputes the fee from the decrypted answers', async () => {
  const cheap = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  cheap.parkausweis.laufzeit = 6;
  const k = key();
  const paid = await pay(k, cheap, 3000);
  assert.equal(paid.status, 201);
  // The gateway sees only ciphertext: it cannot refuse this …
  const r = await send(k, { data: dearer(), paymentInformation: claim(paid.body) });
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.problem));
  // … the receiver can, and tells the case worker.
  const detail = await inbox(r.ok ? r.final.submissionId : '');
  assert.deepEqual(
    detail.checks.map((c: { code: string }) => c.code),
    ['fee-mismatch'],
  );
  assert.equal(plain(detail.checks[0].text.de), 'Bezahlt wurden 30,00 €; nach diesen Angaben fällig sind 165,00 €.');
  assert.equal(plain(detail.checks[0].text.en), '€30.00 was paid; these answers make €165.00 due.');
});

test("a paid form's answers sent unpaid under another service's LeiKa key are flagged by the inbox", async () => {
  // Under its own key the gateway refuses it (409 PAYMENT_REQUIRED, above); under another key it cannot tell.
  const r = await send(key(), { leika: '99990000000002', data: dearer() });
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.problem));
  const detail = await inbox(r.ok ? r.final.submissionId : '');
  assert.deepEqual(
    detail.checks.map((c: { code: string }) => c.code),
    ['service-mismatch', 'fee-unpaid'],
  );
  assert.equal(
    detail.checks[0].text.de,
    `Eingereicht für die Leistung 99990000000002, aber mit dem Formular der Leistung ${LEIKA}.`,
  );
  assert.match(plain(detail.checks[1].text.de), /^Die Gebühr von 165,00 € ist vor dem Absenden zu bezahlen/);
});

test('answers that break their form are flagged by the inbox with the places that are wrong', async () => {
  const k = key();
  await pay(k);
  const broken = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  broken.parkausweis.laufzeit = 7;
  const r = await send(k, { data: broken });
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.problem));
  const detail = await inbox(r.ok ? r.final.submissionId : '');
  assert.equal(detail.checks[0].code, 'answers-invalid');
  assert.equal(
    detail.checks[0].text.en,
    'The answers do not fit the form (1): Select one of the options offered for “Duration”. (/parkausweis/laufzeit)',
  );
});

test('two sends of one paid application at once: one sends it, the other finds it sent (no false refusal)', async () => {
  const k = key();
  const paid = await pay(k);
  const client = new SubmissionClient({ baseUrl: server.url, attempts: 1 });
  const { encrypted } = await encrypt(client, { paymentInformation: claim(paid.body) });
  const created = (await (
    await fetch(url('gateway/v1/submissions'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: k, leika: LEIKA, announcedAttachments: [] }),
    })
  ).json()) as { submissionId: string; caseSecret: string };
  const sendOnce = () =>
    fetch(url(`gateway/v1/submissions/${created.submissionId}`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-case-secret': created.caseSecret },
      body: JSON.stringify({ encryptedMetadata: encrypted.encryptedMetadata, encryptedData: encrypted.encryptedData }),
    });
  const statuses = (await Promise.all([sendOnce(), sendOnce()])).map((res) => res.status).sort();
  assert.deepEqual(statuses, [200, 202]);
});

test('an earlier attempt paid after a new one replaced it is the payment of the application, not lost', async () => {
  const k = key();
  // Tab 1 opens the provider's page for 12 months (60 €) and leaves it open …
  const first = await pay(k, ANSWERS.anwohnerparken, 6000, 'none');
  assert.equal(first.status, 201);
  // … the answers change to 6 months: a new attempt (30 €) replaces it …
  const six = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  six.parkausweis.laufzeit = 6;
  const second = await pay(k, six, 3000, 'none');
  assert.equal(second.status, 201);
  assert.notEqual(second.body.transactionId, first.body.transactionId);
  // … and then the person pays on the first page after all.
  await fetch(first.body.redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'method=GIROPAY&outcome=bezahlen',
  });
  const status = (await (
    await fetch(url('gateway/v1/payments/status'), { headers: { 'x-payment-key': k } })
  ).json()) as Record<string, any>;
  assert.equal(status.status, 'PAYED');
  assert.equal(status.transactionId, first.body.transactionId);
  assert.equal(status.total, 6000);
  // The application is sent with the answers now given; the case worker sees the payment and the difference.
  const r = await send(k, { data: six, paymentInformation: claim(status) });
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.problem));
  const detail = await inbox(r.ok ? r.final.submissionId : '');
  assert.equal(detail.payment.transactionId, first.body.transactionId);
  assert.deepEqual(
    detail.checks.map((c: { code: string; text: { de: string } }) => [c.code, plain(c.text.de)]),
    [['fee-mismatch', 'Bezahlt wurden 60,00 €; nach diesen Angaben fällig sind 30,00 €.']],
  );
});

test('both pages paid, the replaced attempt and the current one: the inbox asks the case worker to refund one', async () => {
  const k = key();
  // Tab 1 opens the provider's page for 12 months (60 €) and leaves it open …
  const first = await pay(k, ANSWERS.anwohnerparken, 6000, 'none');
  // … the answers change to 6 months and the person pays the new attempt (30 €) in tab 2 …
  const six = structuredClone(ANSWERS.anwohnerparken) as Record<string, any>;
  six.parkausweis.laufzeit = 6;
  const second = await pay(k, six, 3000);
  const status = (await (
    await fetch(url('gateway/v1/payments/status'), { headers: { 'x-payment-key': k } })
  ).json()) as Record<string, any>;
  assert.equal(status.transactionId, second.body.transactionId);
  assert.equal(status.status, 'PAYED');
  assert.equal(status.extraPaid, undefined, 'nothing paid twice yet');
  // … sends the application, and later pays the forgotten page of tab 1 as well.
  const r = await send(k, { data: six, paymentInformation: claim(status) });
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.problem));
  const sid = r.ok ? r.final.submissionId : '';
  assert.deepEqual((await inbox(sid)).checks, []);
  await fetch(first.body.redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'method=GIROPAY&outcome=bezahlen',
  });
  const detail = await inbox(sid);
  assert.equal(detail.payment.transactionId, second.body.transactionId);
  assert.deepEqual(
    detail.checks.map((c: { code: string }) => c.code),
    ['payment-extra'],
  );
  assert.match(
    plain(detail.checks[0].text.de),
    /^Für diesen Antrag wurde ein weiteres Mal bezahlt: 60,00 € \(Kassenzeichen \S+\)\. Bitte erstatten\.$/,
  );
  assert.match(plain(detail.checks[0].text.en), /^This application was paid for once more: €60\.00 /);
  // Tab 1, back from the provider, asks for the status: the application's payment, and its own as extra.
  const back = (await (
    await fetch(url('gateway/v1/payments/status'), { headers: { 'x-payment-key': k } })
  ).json()) as Record<string, any>;
  assert.equal(back.transactionId, second.body.transactionId);
  assert.equal(back.extraPaid.length, 1);
  assert.equal(back.extraPaid[0].total, 6000);
  assert.equal(
    back.extraPaid[0].transactionReference,
    plain(detail.checks[0].text.de).match(/Kassenzeichen (\S+)\)/)![1],
  );

  // An old attempt the provider can no longer tell about (expired there) does not break the status of
  // the application's own payment: it answers as before, without that attempt.
  server.gateway.ctx.db
    .prepare('UPDATE gw_payment_attempts SET transaction_id = ? WHERE transaction_id = ?')
    .run('expired-at-the-provider', first.body.transactionId);
  const later = await fetch(url('gateway/v1/payments/status'), { headers: { 'x-payment-key': k } });
  assert.equal(later.status, 200);
  const laterBody = (await later.json()) as Record<string, any>;
  assert.equal(laterBody.status, 'PAYED');
  assert.equal(laterBody.extraPaid, undefined);
});
