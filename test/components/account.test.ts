/** <ozg-account> on its own, inside a stub form that provides the context; time from a fake clock. */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { OzgAccount } from '../../src/components/account/ozg-account.js';
import { defineElement } from '../../src/components/define.js';
import type { OzgLoginDetail } from '../../src/components/events.js';
import type { Authentication, FormContext } from '../../src/components/form/context.js';
import { buildModel } from '../../src/schemas/model.js';
import { FormStore } from '../../src/schemas/store.js';
import { FakeClock } from '../support/fake-clock.js';
import { until } from '../support/form.js';
import { StubForm } from '../support/stub-form.js';

defineElement('ozg-account', OzgAccount);

const ISSUER = 'https://idp.test/realms/musterstadt';
const CONFIG_URL = '/stub-account/config.json';
const PAGE = location.origin + location.pathname;
const MINUTE = 60_000;

let n = 0;
function stubContext(lang: 'de' | 'en' = 'de') {
  const id = `urn:test:account:${Date.now()}:${n++}`;
  const definition = {
    $id: id,
    title: 'Bewohnerparken',
    type: 'object',
    'x-ozg': { account: { login: 'optional', trustLevel: 'substantiell' } },
    properties: {
      vorname: { type: 'string', title: 'Vorname', 'x-ozg': { prefill: 'given_name' } },
      telefon: { type: 'string', title: 'Telefonnummer' },
    },
  };
  const store = new FormStore(buildModel(definition as never, id), { telefon: '0123 456789' });
  const saved: number[] = [];
  const announced: string[] = [];
  /** What the login bar told the form through the context (never through the page's events). */
  const logins: (Authentication | undefined)[] = [];
  const ctx: FormContext = {
    store,
    element: document.body,
    lang,
    applicationId: 'app-1',
    drafts: {
      applicationId: 'app-1',
      flush: () => undefined,
      // Written before leaving for the provider, changed or not: the application id must come back.
      save: () => void saved.push(Date.now()),
      discard: async () => undefined,
      renewApplicationId: () => undefined,
    },
    stepTitle: () => 'Angaben',
    authentication: () => undefined,
    loggedIn: (authentication) => void logins.push(authentication),
    paymentEnded: () => undefined,
    announce: (m) => void announced.push(m),
  };
  return { ctx, store, saved, announced, logins };
}

/** Answers the config URL (and the provider's discovery) like a server would. */
function serve(config: unknown, status = 200): void {
  window.fetch = (async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith(CONFIG_URL)) return new Response(JSON.stringify(config), { status });
    if (url === `${ISSUER}/.well-known/openid-configuration`) {
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
      });
    }
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
}

/** A login kept in this tab (as after a return from the provider). */
function keepSession(expiresAt: number): void {
  sessionStorage.setItem(
    'ozg-account:session',
    JSON.stringify({
      sub: 'max',
      trustLevel: 'substantiell',
      claims: { given_name: 'Max', family_name: 'Mustermann' },
      idToken: 'header.payload.signature',
      expiresAt,
    }),
  );
}

interface Mounted {
  el: OzgAccount;
  before: HTMLButtonElement;
  navigated: string[];
  events: OzgLoginDetail[];
}

async function mount(ctx: FormContext, clock: FakeClock): Promise<Mounted> {
  StubForm.ctx = ctx;
  const navigated: string[] = [];
  const events: OzgLoginDetail[] = [];
  const form = await fixture<StubForm>(
    html`<stub-form @ozg-login=${(e: CustomEvent<OzgLoginDetail>) => events.push(e.detail)}
      ><button id="before">Ein Feld der Seite</button
      ><ozg-account
        .configUrl=${CONFIG_URL}
        .clock=${clock}
        .navigate=${(url: string) => navigated.push(url)}
      ></ozg-account
    ></stub-form>`,
  );
  const el = form.querySelector('ozg-account')!;
  await until(
    () => !el.querySelector('[aria-busy="true"]') && !!el.querySelector('[part~="account"]'),
    'login checked',
  );
  return { el, before: form.querySelector<HTMLButtonElement>('#before')!, navigated, events };
}

const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const buttons = (root: ParentNode): string[] => [...root.querySelectorAll('button')].map((b) => text(b));
const button = (root: ParentNode, label: string): HTMLButtonElement =>
  [...root.querySelectorAll('button')].find((b) => text(b) === label)!;

function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

describe('<ozg-account>', () => {
  const realFetch = window.fetch;
  const realError = console.error;
  let errors: string[];
  beforeEach(() => {
    sessionStorage.clear();
    errors = [];
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
  });
  afterEach(() => {
    window.fetch = realFetch;
    console.error = realError;
    sessionStorage.clear();
    document.querySelector('dialog[open]')?.remove();
  });

  it('offers the login when the configuration is found and names this page among the redirect URIs', async () => {
    serve({ issuer: ISSUER, clientId: 'ozg-form-demo', redirectUris: [PAGE] });
    const { el } = await mount(stubContext().ctx, new FakeClock());
    await expect(el).to.be.accessible();
    expect(text(el.querySelector('[part~="account"]'))).to.contain('Melden Sie sich mit Ihrem Nutzerkonto an');
    expect(buttons(el)).to.include('Mit Nutzerkonto anmelden');
    expect(el.querySelector('[part~="account-editor"]') === null).to.be.true;
    expect(errors).to.deep.equal([]);
  });

  it('without a configuration (404) offers no login; the editor reads the URL and how to fix it', async () => {
    serve({ error: 'no OpenID provider configured' }, 404);
    const { el } = await mount(stubContext().ctx, new FakeClock());
    await expect(el).to.be.accessible();
    expect(buttons(el)).to.deep.equal([]);
    const bar = text(el.querySelector('[part~="account"]'));
    expect(bar).to.contain('Die Anmeldung mit einem Nutzerkonto ist für dieses Formular gerade nicht möglich.');
    expect(bar).to.contain('Sie können den Antrag ohne Anmeldung ausfüllen.');
    const editor = text(el.querySelector('[part~="account-editor"]'));
    expect(editor).to.contain('Für die Redaktion:');
    expect(editor).to.contain(`${location.origin}${CONFIG_URL}`);
    expect(editor).to.contain('HTTP 404');
    expect(editor).to.contain('Attribut „account“');
    expect(errors.length).to.equal(1);
    expect(errors[0]).to.contain(`${location.origin}${CONFIG_URL}`).and.contain('not found');
  });

  it('a required login that cannot work holds "Weiter" and says whom to ask', async () => {
    serve({ error: 'no OpenID provider configured' }, 404);
    const { ctx } = stubContext();
    (ctx.store.model.definition['x-ozg'] as { account: { login: string } }).account.login = 'required';
    const { el } = await mount(ctx, new FakeClock());
    expect(buttons(el)).to.deep.equal([]);
    expect(el.mayProceed()).to.equal(false);
    await until(() => deepActive()?.getAttribute('role') === 'alert', 'focus on the notice');
    expect(text(deepActive())).to.equal(
      'Die Anmeldung mit einem Nutzerkonto ist für dieses Formular gerade nicht möglich. Bitte wenden Sie sich an die zuständige Stelle oder versuchen Sie es später erneut.',
    );
    await expect(el).to.be.accessible();
  });

  it('on a page the provider does not know, offers no login and tells the editor which URI to register', async () => {
    serve({ issuer: ISSUER, clientId: 'ozg-form-demo', redirectUris: ['https://www.musterstadt.de/antrag.html'] });
    const { el } = await mount(stubContext('en').ctx, new FakeClock());
    await expect(el).to.be.accessible();
    expect(buttons(el)).to.deep.equal([]);
    expect(text(el.querySelector('[part~="account"]'))).to.contain(
      'Logging in with a user account is not possible for this form at the moment.',
    );
    const editor = text(el.querySelector('[part~="account-editor"]'));
    expect(editor).to.contain('For the editors:');
    expect(editor).to.contain(`This page (${PAGE}) is not registered as a redirect URI`);
    expect(editor).to.contain('IDP_REDIRECT_URIS');
    expect(errors.length).to.equal(1);
    expect(errors[0]).to.contain(PAGE);
  });

  it('tells a configuration the page may not read (CORS) from an unreachable one', async () => {
    window.fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      init?.mode === 'no-cors'
        ? Promise.resolve(new Response(null, { status: 200 }))
        : Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const blocked = await mount(stubContext().ctx, new FakeClock());
    expect(buttons(blocked.el)).to.deep.equal([]);
    expect(text(blocked.el.querySelector('[part~="account-editor"]'))).to.contain('Access-Control-Allow-Origin');

    // Nothing answers at all: perhaps only for now, so the button stays and explains when pressed.
    window.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const { el } = await mount(stubContext().ctx, new FakeClock());
    expect(el.querySelector('[part~="account-editor"]') === null).to.be.true;
    button(el, 'Mit Nutzerkonto anmelden').click();
    await until(() => !!el.querySelector('[role="alert"]'), 'the problem is shown');
    expect(text(el.querySelector('[role="alert"]'))).to.contain('nicht erreichbar');
  });

  it('warns 5 minutes before the login runs out, focus in the dialog and back; "verlängern" renews silently', async () => {
    serve({ issuer: ISSUER, clientId: 'ozg-form-demo', redirectUris: [PAGE] });
    const clock = new FakeClock();
    keepSession(clock.now() + 8 * MINUTE);
    const { ctx, store, logins } = stubContext();
    const { el, before, navigated, events } = await mount(ctx, clock);
    expect(text(el.querySelector('[part~="account"]'))).to.contain(
      'Angemeldet als Max Mustermann (Vertrauensniveau substantiell)',
    );
    expect(store.value('/vorname')).to.equal('Max');
    expect(store.isPrefilled('/vorname')).to.equal('readonly');
    expect(events.map((e) => e.outcome)).to.deep.equal(['in']);
    // The ID token goes to the form through its context; the page's event holds no more than the outcome.
    expect(logins.at(-1)!.authenticationInformation[0]!.content).to.equal('header.payload.signature');
    expect(Object.keys(events[0]!).sort()).to.deep.equal(['outcome', 'trustLevel']);
    expect(JSON.stringify(events[0])).not.to.contain('header.payload.signature');

    before.focus();
    clock.advance(2 * MINUTE);
    expect(el.querySelector('dialog') === null).to.be.true;
    clock.advance(1 * MINUTE);
    await until(() => !!el.querySelector('dialog[open]'), 'the warning is open');
    const dialog = el.querySelector('dialog')!;
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(text(dialog.querySelector('h2'))).to.equal('Ihre Anmeldung läuft bald ab');
    expect(text(dialog)).to.match(/endet in 5 Minuten, um \d\d:\d\d Uhr/);
    expect(text(dialog)).to.contain('Ihre Angaben bleiben in jedem Fall erhalten');
    await until(() => deepActive() === button(dialog, 'Anmeldung verlängern'), 'focus on "Anmeldung verlängern"');
    await expect(el).to.be.accessible();

    // Escape (as "Nicht verlängern"): the dialog goes, focus returns to where the person was.
    expect(buttons(dialog)).to.deep.equal(['Anmeldung verlängern', 'Nicht verlängern']);
    await sendKeys({ press: 'Escape' });
    await until(() => el.querySelector('dialog') === null, 'the dialog is closed');
    expect(deepActive() === before).to.be.true;
    expect(store.isPrefilled('/vorname')).to.equal('readonly');

    // It does not come back before the end.
    clock.advance(MINUTE);
    expect(el.querySelector('dialog') === null).to.be.true;
    expect(navigated).to.deep.equal([]);
  });

  it('"Anmeldung verlängern" keeps the answers and asks the provider without a login page (prompt=none)', async () => {
    serve({ issuer: ISSUER, clientId: 'ozg-form-demo', redirectUris: [PAGE] });
    const clock = new FakeClock();
    keepSession(clock.now() + 4 * MINUTE);
    const { ctx, saved } = stubContext();
    const { el, navigated } = await mount(ctx, clock);
    // Already inside the warning time when the page opens: the dialog comes at once.
    await until(() => !!el.querySelector('dialog[open]'), 'the warning is open');
    expect(text(el.querySelector('dialog'))).to.match(/endet in 4 Minuten/);
    button(el.querySelector('dialog')!, 'Anmeldung verlängern').click();
    await until(() => navigated.length === 1, 'off to the provider');
    const url = new URL(navigated[0]);
    expect(url.origin + url.pathname).to.equal(`${ISSUER}/auth`);
    expect(url.searchParams.get('prompt')).to.equal('none');
    expect(url.searchParams.get('redirect_uri')).to.equal(PAGE);
    expect(url.searchParams.get('acr_values')).to.contain('STORK-QAA-Level-3');
    expect(saved.length).to.be.greaterThan(0);
    expect(text(el.querySelector('[part~="account"]'))).to.contain('Sie werden zum Nutzerkonto weitergeleitet');
  });

  it('at expiry the tokens go, the answers stay (no longer read-only), and the person can log in again', async () => {
    serve({ issuer: ISSUER, clientId: 'ozg-form-demo', redirectUris: [PAGE] });
    const clock = new FakeClock();
    keepSession(clock.now() + 10 * MINUTE);
    const { ctx, store } = stubContext('en');
    const { el, before, events } = await mount(ctx, clock);
    before.focus();
    clock.advance(5 * MINUTE);
    await until(() => !!el.querySelector('dialog[open]'), 'the warning is open');
    expect(text(el.querySelector('dialog h2'))).to.equal('Your login will end soon');
    clock.advance(5 * MINUTE);
    await until(() => text(el.querySelector('dialog h2')) === 'Your login has ended', 'the dialog says it ended');
    const dialog = el.querySelector('dialog')!;
    expect(text(dialog)).to.contain('Your answers are kept, including those from your user account');
    await until(
      () => deepActive() === button(dialog, 'Log in again (trust level substantial)'),
      'focus on "Log in again"',
    );
    expect(events.map((e) => e.outcome)).to.deep.equal(['in', 'expired']);
    expect(store.value('/vorname')).to.equal('Max');
    expect(store.isPrefilled('/vorname') === undefined).to.be.true;
    expect(store.value('/telefon')).to.equal('0123 456789');
    expect(sessionStorage.getItem('ozg-account:session') === null).to.be.true;
    await expect(el).to.be.accessible();

    button(dialog, 'Close').click();
    await until(() => el.querySelector('dialog') === null, 'the dialog is closed');
    expect(deepActive() === before).to.be.true;
    const bar = text(el.querySelector('[part~="account"]'));
    expect(bar).to.contain('Your login has expired');
    expect(bar).not.to.contain('Logged in as');
    expect(buttons(el.querySelector('[part~="account"]')!)).to.include('Log in again (trust level substantial)');
  });
});
