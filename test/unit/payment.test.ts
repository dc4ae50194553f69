import { expect } from '@open-wc/testing';
import { createIdempotencyKey } from '../../src/modules/submission/client.js';
import {
  PaymentClient,
  PaymentError,
  toMetadataPaymentInformation,
  type PaymentView,
} from '../../src/modules/payment/index.js';
import { buildSubmissionMetadata, validateSubmissionMetadata } from '../../src/modules/submission/index.js';

const paid: PaymentView = {
  status: 'PAYED',
  transactionId: 'tx-1',
  transactionReference: '202600000042',
  transactionUrl: 'https://pay.example/paymenttransaction/o/e/tx-1',
  transactionTimestamp: '2026-11-30T10:00:00.000Z',
  paymentMethod: 'GIROPAY',
  grosAmount: 90,
  total: 9000,
  lines: [],
};

describe('payment module', () => {
  it('maps a PAYED transaction to FIT-Connect paymentInformation (BOOKED, grossAmount) that the metadata schema accepts', async () => {
    const info = toMetadataPaymentInformation(paid);
    expect(info).to.deep.equal({
      transactionId: 'tx-1',
      transactionReference: '202600000042',
      transactionUrl: paid.transactionUrl,
      transactionTimestamp: paid.transactionTimestamp,
      paymentMethod: 'GIROPAY',
      status: 'BOOKED',
      grossAmount: 90,
    });
    const metadata = await buildSubmissionMetadata({
      data: '{}',
      schemaUri: 'https://x.example/s.json',
      leika: '99990000000001',
      paymentInformation: info,
    });
    expect(validateSubmissionMetadata(metadata)).to.deep.equal({ valid: true, errors: [] });
  });

  it('names a provider method the metadata does not list as OTHER with the detail', () => {
    const info = toMetadataPaymentInformation({ ...paid, paymentMethod: 'PAYDIRECT' });
    expect([info.paymentMethod, info.paymentMethodDetail]).to.deep.equal(['OTHER', 'PAYDIRECT']);
  });

  it('the metadata schema refuses a payment without reference or with a status of its own', async () => {
    const metadata = (await buildSubmissionMetadata({
      data: '{}',
      schemaUri: 'https://x.example/s.json',
      leika: '99990000000001',
    })) as unknown as Record<string, unknown>;
    metadata.paymentInformation = { transactionId: 'tx', paymentMethod: 'GIROPAY', status: 'PAYED' };
    const result = validateSubmissionMetadata(metadata);
    expect(result.valid).to.equal(false);
    expect(result.errors.join(' ')).to.contain('transactionReference');
    expect(result.errors.join(' ')).to.contain('/paymentInformation/status');
  });

  it('sends the application under its id (the payment key and the login nonce use it too), else under a fresh key', () => {
    const id = crypto.randomUUID();
    expect(createIdempotencyKey(id)).to.equal(id);
    const fresh = createIdempotencyKey();
    expect(fresh).to.match(/^[A-Za-z0-9_-]{16,128}$/);
    expect(createIdempotencyKey()).to.not.equal(fresh);
  });

  it('tells retryable faults (network, 5xx) from refusals (4xx) and sends no amount of its own', async () => {
    const bodies: string[] = [];
    const answer =
      (status: number, body: unknown): typeof fetch =>
      async (_url, init) => {
        bodies.push(String(init?.body ?? ''));
        return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
      };
    const input = {
      idempotencyKey: crypto.randomUUID(),
      formId: 'f',
      answers: { a: 1 },
      expectedTotal: 9000,
      redirectUrl: location.href,
      lang: 'de' as const,
    };
    const down = await new PaymentClient('/gateway/v1', answer(503, { code: 'PROVIDER_UNAVAILABLE' }))
      .start(input)
      .catch((e: unknown) => e);
    expect(down instanceof PaymentError && down.retryable).to.equal(true);
    const refused = await new PaymentClient('/gateway/v1', answer(409, { code: 'AMOUNT_MISMATCH', detail: 'x' }))
      .start(input)
      .catch((e: unknown) => e);
    expect(
      refused instanceof PaymentError && !refused.retryable && refused.problem.code === 'AMOUNT_MISMATCH',
    ).to.equal(true);
    const offline = await new PaymentClient('/gateway/v1', async () => {
      throw new TypeError('Failed to fetch');
    })
      .status('k'.repeat(20), 'de')
      .catch((e: unknown) => e);
    expect(offline instanceof PaymentError && offline.retryable).to.equal(true);
    expect(Object.keys(JSON.parse(bodies[0]!) as object).sort()).to.deep.equal([
      'answers',
      'expectedTotal',
      'formId',
      'idempotencyKey',
      'lang',
      'redirectUrl',
    ]);
  });
});
