/** Issue 11: the gateway's problem codes in the person's words; its English `detail` never shows. */
import { expect } from '@open-wc/testing';
import { problemText, stopReason, type GatewayProblem } from '../../src/components/submission/problem-texts.js';
import { retryAfterSeconds } from '../../src/modules/retry-after.js';

const CODES = [
  'PAYMENT_REQUIRED',
  'PAYMENT_ALREADY_USED',
  'UNKNOWN_FORM',
  'INVALID_ANSWERS',
  'REDIRECT_NOT_ALLOWED',
  // Every other code the gateway sends (server/gateway): none falls back to the general sentence.
  'CALCULATION_ERROR',
  'NO_FEE',
  'PROVIDER_UNAVAILABLE',
  'IDEMPOTENCY_CONFLICT',
];

describe('problemText', () => {
  it('has German and English words of its own for every code', () => {
    for (const code of CODES) {
      const de = problemText('de', { status: 422, code });
      const en = problemText('en', { status: 422, code });
      expect(de, code).to.not.contain('Fehler 422').and.not.equal(en);
      expect(en, code).to.not.contain('error 422');
      expect(de, code).to.not.match(/\b(the|is|not|payment)\b/i);
    }
    expect(problemText('de', { status: 409, code: 'ALREADY_PAYED' })).to.equal(
      problemText('de', { status: 409, code: 'PAYMENT_ALREADY_USED' }),
    );
  });

  it('names the amount the gateway computed for AMOUNT_MISMATCH', () => {
    expect(problemText('de', { status: 409, code: 'AMOUNT_MISMATCH', total: 4250 })).to.contain('42,50');
    expect(problemText('en', { status: 409, code: 'AMOUNT_MISMATCH', total: 4250 })).to.contain('42.50');
  });

  it('says when to try again after 429, with the plural right', () => {
    expect(problemText('de', { status: 429, retryAfter: 1 })).to.contain('in 1 Sekunde noch');
    expect(problemText('de', { status: 429, retryAfter: 30 })).to.contain('in 30 Sekunden');
    expect(problemText('en', { status: 429, retryAfter: 30 })).to.contain('in 30 seconds');
    expect(problemText('de', { status: 429 })).to.contain('einigen Minuten');
    // A wait of an hour (new payments per hour) is not counted out in seconds.
    expect(problemText('de', { status: 429, retryAfter: 120 })).to.contain('in 120 Sekunden');
    expect(problemText('de', { status: 429, retryAfter: 3412 })).to.contain('einigen Minuten');
  });

  it('falls back to a general sentence for an unknown code, never to the server text', () => {
    expect(problemText('de', { status: 418, code: 'SOMETHING_NEW' })).to.equal(
      'Die Anfrage wurde nicht angenommen (Fehler 418).',
    );
    expect(problemText('en', { status: 500 })).to.equal('The request was not accepted (error 500).');
    expect(problemText('de', { status: 0 })).to.equal('Der Server ist nicht erreichbar.');
  });
});

describe('stopReason', () => {
  it('never puts the English message of an unexpected error into the German sentence', () => {
    const reason = stopReason(
      new Error('attachment a1: no content to send'),
      undefined,
      'https://x.example/gateway/v1/',
    );
    expect(typeof reason === 'object' && problemText('de', reason as GatewayProblem)).to.equal(
      'Beim Vorbereiten Ihres Antrags ist ein unerwarteter Fehler aufgetreten.',
    );
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('120')).to.equal(120);
    expect(retryAfterSeconds(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).to.equal(
      30,
    );
    expect(retryAfterSeconds(null)).to.equal(undefined);
    expect(retryAfterSeconds('soon')).to.equal(undefined);
  });
});
