/**
 * Configuration mistakes retrying cannot fix (issue 14, "Diagnosis in the element"): a gateway on
 * another origin that sends no CORS headers, a gateway address that 404s, a definition on another
 * origin without CORS. The test runner's own server sends no Access-Control-Allow-Origin, so the page's
 * host swapped (localhost <-> 127.0.0.1) is "another origin without CORS"; nobody listens on port 9.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defineElement } from '../../src/components/define.js';
import type { FormContext } from '../../src/components/form/context.js';
import { OzgPayment } from '../../src/components/payment/ozg-payment.js';
import { OzgSubmission } from '../../src/components/submission/ozg-submission.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import type { Lang } from '../../src/schemas/types.js';
import { DEFINITION_TIMEOUT_MS } from '../../src/schemas/load.js';
import { PROBE_TIMEOUT_MS } from '../../src/modules/retry.js';
import { renderForm, until } from '../support/form.js';
import { StubForm } from '../support/stub-form.js';

defineElement('ozg-submission', OzgSubmission);
defineElement('ozg-payment', OzgPayment);

/** The page's origin with the other loopback name: same server, another origin, no CORS headers. */
const otherOrigin = () =>
  `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;

let n = 0;
function stubContext(gateway: string, fees?: 'optional' | 'required') {
  const id = `urn:test:diagnosis:${Date.now()}:${n++}`;
  const definition = {
    $id: id,
    title: 'Kita-Platz',
    type: 'object',
    'x-ozg': {
      leika: '99108008000000',
      ...(fees
        ? { fees: { policy: fees, purpose: 'Kita', items: [{ id: 'a', description: 'Gebühr', amount: 2500 }] } }
        : {}),
    },
    properties: { name: { type: 'string', title: 'Name' } },
  };
  const store = new FormStore(buildModel(definition as never, id), { name: 'Erika' });
  const ctx = {
    store,
    element: document.body,
    lang: 'de' as Lang,
    applicationId: `app-${n}`,
    gateway,
    mailbox: 'postfach.html',
    drafts: {
      applicationId: `app-${n}`,
      flush: () => undefined,
      save: () => undefined,
      discard: async () => undefined,
      renewApplicationId: () => undefined,
    },
    stepTitle: () => 'Angaben',
    authentication: () => undefined,
    loggedIn: () => undefined,
    paymentEnded: () => undefined,
    announce: () => undefined,
  };
  return ctx;
}

/** Every request the page makes, every pause the retry loop schedules before another attempt, and
 * what goes to the console. */
function watch() {
  const requests: { url: string; mode?: string }[] = [];
  const pauses: { run: () => void; ms: number }[] = [];
  const errors: string[] = [];
  const realFetch = window.fetch;
  const realTimeout = window.setTimeout;
  const realError = console.error;
  window.fetch = (input, init) => {
    requests.push({ url: String(input instanceof Request ? input.url : input), mode: init?.mode });
    return realFetch(input, init);
  };
  window.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
    if (/retry\.ts/.test(new Error().stack ?? '')) pauses.push({ run: fn, ms: ms ?? 0 });
    return realTimeout(fn, ms, ...rest);
  }) as typeof setTimeout;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    realError(...args);
  };
  const restore = () => {
    window.fetch = realFetch;
    window.setTimeout = realTimeout;
    console.error = realError;
  };
  return { requests, pauses, errors, restore };
}

let watching: ReturnType<typeof watch> | undefined;
afterEach(() => {
  watching?.restore();
  watching = undefined;
});

async function send(ctx: FormContext) {
  StubForm.ctx = ctx;
  const host = await fixture<StubForm>(
    html`<stub-form><ozg-submission .request=${{ data: { name: 'Erika' } }}></ozg-submission></stub-form>`,
  );
  return { host, el: host.querySelector('ozg-submission')! };
}

describe('diagnosis in the element', () => {
  it('a gateway on another origin without CORS: the person is told what to do, the editor what to fix; no retry', async () => {
    const gateway = `${otherOrigin()}/no-cors-gateway/v1`;
    watching = watch();
    const ctx = stubContext(gateway);
    const { host, el } = await send(ctx);
    await until(() => el.querySelector('.editor-note'), 'the editor box');
    await expect(el).to.be.accessible();

    const citizen = el.querySelector('.error-message')!.textContent!;
    expect(citizen).to.contain('Bitte rufen Sie die zuständige Stelle an');
    expect(citizen).to.contain('Ihre Angaben bleiben in diesem Browser gespeichert');
    expect(citizen).to.not.match(/CORS|Access-Control|Gateway|HTTP/);
    const editor = el.querySelector('.editor-note')!.textContent!.replace(/\s+/g, ' ');
    expect(editor).to.contain('Für die Redaktion:');
    expect(editor).to.contain(`${gateway}/destination`);
    expect(editor).to.contain(`Access-Control-Allow-Origin für ${location.origin}`);
    expect(editor).to.contain('GATEWAY_ALLOWED_ORIGINS');
    expect(editor).to.contain('Reverse-Proxy');
    expect(editor).to.contain('docs/embedding.md');
    expect(el.textContent, 'not the network message of old').to.not.contain('wird erneut versucht');

    // The request and a no-cors probe, once more to confirm the guess, and then it stopped: one
    // pause (before the confirming attempt), none after the verdict.
    const asked = watching.requests.filter((r) => r.url.startsWith(gateway));
    expect(asked.map((r) => r.mode ?? 'cors')).to.deep.equal(['cors', 'no-cors', 'cors', 'no-cors']);
    expect(watching.pauses.length, 'no retry scheduled after the verdict').to.equal(1);
    const reports = watching.errors.filter((e) => e.includes('GATEWAY_ALLOWED_ORIGINS'));
    expect(reports.length, 'one console.error for the editor').to.equal(1);
    expect(reports[0]).to.contain(`The gateway at ${gateway}/destination`);
    expect(reports[0]).to.contain(`no Access-Control-Allow-Origin for ${location.origin}`);
    expect(reports[0]).to.contain('docs/embedding.md');

    // A language switch words both anew.
    ctx.lang = 'en';
    host.provider.setValue(ctx, true);
    await el.updateComplete;
    expect(el.querySelector('.error-message')!.textContent).to.contain('Please call the authority responsible');
    const english = el.querySelector('.editor-note')!.textContent!.replace(/\s+/g, ' ');
    expect(english).to.contain('For the editors:');
    expect(english).to.contain('put the gateway behind a reverse proxy');
    expect(watching.requests.filter((r) => r.url.startsWith(gateway)).length, 'switching asks nothing').to.equal(4);
  });

  it('a gateway address that answers 404: the editor is told to check the gateway attribute', async () => {
    watching = watch();
    const { el } = await send(stubContext('/nowhere/gateway/v1'));
    await until(() => el.querySelector('.editor-note'), 'the editor box');
    const editor = el.querySelector('.editor-note')!.textContent!.replace(/\s+/g, ' ');
    expect(editor).to.contain(`${location.origin}/nowhere/gateway/v1/destination`);
    expect(editor).to.contain('HTTP 404');
    expect(editor).to.contain('Attribut „gateway“');
    expect(el.querySelector('.error-message')!.textContent).to.contain('Bitte rufen Sie die zuständige Stelle an');
    expect(watching.requests.filter((r) => r.url.includes('/nowhere/')).length, 'asked once').to.equal(1);
    expect(watching.pauses.length).to.equal(0);
  });

  it('a gateway nobody answers at: a network failure, retried as before, with no editor box', async () => {
    watching = watch();
    const { el } = await send(stubContext('http://127.0.0.1:9/gateway/v1'));
    await until(() => el.textContent!.includes('wird erneut versucht'), 'the retrying notice');
    expect(el.querySelector('.editor-note') === null, 'no diagnosis: time may fix it').to.be.true;
    expect(watching.pauses.length, 'a pause before the next attempt').to.equal(1);
    const before = watching.requests.length;
    watching.pauses[0]!.run(); // the pause is over
    await until(() => watching!.requests.length > before, 'another attempt');
    await until(() => watching!.pauses.length === 2, 'the next pause');
    // Taken out of the page, it stops: the pending pause ends nothing but the loop.
    el.remove();
    const asked = watching.requests.length;
    watching.pauses[1]!.run();
    await new Promise((resolve) => window.setTimeout(resolve, 0)); // everything that follows from it: microtasks
    expect(watching.requests.length, 'no attempt after removal').to.equal(asked);
    expect(watching.pauses.length, 'no new pause').to.equal(2);
  });

  it('payment through a gateway without CORS: an optional fee lets the person send without paying only when sending can work', async () => {
    watching = watch();
    const ctx = stubContext('/nowhere/gateway/v1', 'optional');
    StubForm.ctx = ctx;
    const host = await fixture<StubForm>(html`<stub-form><ozg-payment></ozg-payment></stub-form>`);
    const el = host.querySelector('ozg-payment')!;
    await el.updateComplete;
    [...el.querySelectorAll('button')].find((b) => b.textContent!.includes('bezahlen'))!.click();
    await until(() => el.querySelector('.editor-note'), 'the editor box');
    await expect(el).to.be.accessible();
    expect(el.querySelector('[role="alert"]')!.textContent).to.contain('Sie können den Antrag ohne Zahlung senden');
    expect(el.querySelector('.editor-note')!.textContent).to.contain('HTTP 404');
    const skipped = oneEvent(el, 'ozg-payment');
    [...el.querySelectorAll('button')].find((b) => b.textContent!.includes('Ohne Zahlung senden'))!.click();
    expect((await skipped).detail.outcome).to.equal('skipped');
  });

  it('a definition on another origin without CORS: the form says what to do, the editor box how to fix it', async () => {
    watching = watch();
    const src = `${otherOrigin()}/test/fixtures/does-not-matter.json`;
    const el = await renderForm(undefined, { src });
    const box = el.shadowRoot!.querySelector('.load-error')!;
    expect(box.textContent).to.contain('Das Formular kann nicht angezeigt werden.');
    expect(box.textContent).to.contain('wenden Sie sich telefonisch an die zuständige Stelle');
    const editor = box.querySelector('.editor-note')!.textContent!.replace(/\s+/g, ' ');
    expect(editor).to.contain(`Die Formulardefinition ${src}`);
    expect(editor).to.contain(`Access-Control-Allow-Origin für ${location.origin}`);
    expect(watching.requests.filter((r) => r.url === src).length, 'fetch and probe, confirmed once').to.equal(4);
    expect(watching.pauses.length, 'the pause before the confirming attempt only').to.equal(1);
    expect(watching.errors.some((e) => e.includes(`The form definition ${src} may not be loaded`))).to.be.true;
  });

  it('a definition published by a gateway that does not allow the page: the editor is told GATEWAY_ALLOWED_ORIGINS', async () => {
    watching = watch();
    const src = `${otherOrigin()}/gateway/v1/forms/kita-platz`;
    const el = await renderForm(undefined, { src });
    const box = el.shadowRoot!.querySelector('.load-error')!;
    const editor = box.querySelector('.editor-note')!.textContent!.replace(/\s+/g, ' ');
    expect(editor).to.contain(`Das Gateway unter ${otherOrigin()} erlaubt dieser Seite (${location.origin}) nicht`);
    expect(editor).to.contain(`Tragen Sie ${location.origin} beim Gateway in GATEWAY_ALLOWED_ORIGINS ein`);
    // Not the advice for a definition elsewhere: it already comes from the gateway.
    expect(editor).not.to.contain('laden Sie sie vom Gateway');
    expect(watching.errors.some((e) => e.includes(`Add ${location.origin} to GATEWAY_ALLOWED_ORIGINS`))).to.be.true;
  });

  it('a form the gateway has not published (404): the editor is told to check the name and to publish it', async () => {
    watching = watch();
    const src = `${location.origin}/gateway/v1/forms/nicht-veroeffentlicht`;
    const el = await renderForm(undefined, { src });
    const box = el.shadowRoot!.querySelector('.load-error')!;
    expect(box.textContent).to.contain('Das Formular kann nicht angezeigt werden.');
    expect(box.textContent).to.contain('wenden Sie sich telefonisch an die zuständige Stelle');
    const editor = box.querySelector('.editor-note')!.textContent!.replace(/\s+/g, ' ');
    expect(editor).to.contain(
      `Das Gateway unter ${location.origin} hat kein veröffentlichtes Formular unter ${src} (HTTP 404).`,
    );
    expect(editor).to.contain('veröffentlichen Sie die Definition mit ozg-form-publish');
    expect(watching.requests.filter((r) => r.url === src).length, 'a 404 is not asked again').to.equal(1);
    expect(watching.pauses.length).to.equal(0);
    expect(watching.errors.some((e) => e.includes(`has no published form at ${src} (HTTP 404)`))).to.be.true;
  });

  it('a definition server that takes the request and never answers: after its time limits the form says it could not be loaded', async () => {
    watching = watch();
    const src = `${otherOrigin()}/test/fixtures/never-answers.json`;
    // The server hangs: its requests settle only when their signal ends them. The time limits asked
    // for are recorded; each runs out after 20 ms here, so the test does not wait minutes.
    const asked: number[] = [];
    const realTimeout = AbortSignal.timeout;
    const realFetch = window.fetch;
    AbortSignal.timeout = (ms: number) => (asked.push(ms), realTimeout.call(AbortSignal, 20));
    window.fetch = (input, init) => {
      if (String(input) !== src) return realFetch(input, init);
      return new Promise((_resolve, reject) => {
        const signal = init?.signal;
        if (!signal) return; // no limit: this would never end
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
    };
    try {
      const el = await renderForm(undefined, { src });
      const box = el.shadowRoot!.querySelector('.load-error')!;
      expect(box.textContent).to.contain('Das Formular kann nicht angezeigt werden.');
      expect(box.textContent).to.contain(
        `Die Formulardefinition „${src}“ konnte nicht geladen werden (keine Verbindung).`,
      );
    } finally {
      AbortSignal.timeout = realTimeout;
      window.fetch = realFetch;
    }
    // Each attempt and each look whether the server is there at all ran under its limit.
    expect(asked.filter((ms) => ms === DEFINITION_TIMEOUT_MS).length, 'definition attempts').to.equal(3);
    expect(asked.filter((ms) => ms === PROBE_TIMEOUT_MS).length, 'probes').to.be.greaterThan(0);
  });
});
