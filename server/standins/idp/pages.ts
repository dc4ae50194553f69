import { ACR, acrRank, type TestAccount, type TrustLevel } from './accounts.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type Lang = 'de' | 'en';

export function langFrom(uiLocales: unknown): Lang {
  const first = typeof uiLocales === 'string' ? (uiLocales.trim().split(/\s+/)[0] ?? '') : '';
  return first.toLowerCase().startsWith('en') ? 'en' : 'de';
}

const T = {
  de: {
    title: 'Anmeldung mit einem Test-Nutzerkonto',
    intro:
      'Dies ist der Test-Anmeldedienst der Demo, kein echtes Nutzerkonto (BundID). Wählen Sie ein Konto aus; ' +
      'ein Passwort ist nicht nötig.',
    client: 'Anmeldung für',
    required: (l: string) => `Der Antrag verlangt mindestens das Vertrauensniveau „${l}“.`,
    legend: 'Konto',
    level: 'Vertrauensniveau',
    via: 'Anmeldung mit',
    below: 'Liegt unter dem verlangten Vertrauensniveau: Der Antrag wird diese Anmeldung ablehnen.',
    submit: 'Anmelden',
    cancel: 'Abbrechen und zurück',
    levels: { basisregistriert: 'basisregistriert (niedrig)', substantiell: 'substantiell', hoch: 'hoch' } as Record<
      TrustLevel,
      string
    >,
  },
  en: {
    title: 'Log in with a test user account',
    intro:
      'This is the demo’s test login service, not a real user account (BundID). Choose an account; ' +
      'no password is needed.',
    client: 'Logging in to',
    required: (l: string) => `The application requires at least the trust level “${l}”.`,
    legend: 'Account',
    level: 'Trust level',
    via: 'Logged in with',
    below: 'Below the required trust level: the application will refuse this login.',
    submit: 'Log in',
    cancel: 'Cancel and go back',
    levels: { basisregistriert: 'basic registration (low)', substantiell: 'substantial', hoch: 'high' } as Record<
      TrustLevel,
      string
    >,
  },
};

const STYLE = `
  body { font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
  main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; line-height: 1.25; }
  fieldset { border: 1px solid #595959; border-radius: 4px; padding: 0.75rem 1rem; margin: 1.5rem 0; }
  legend { font-weight: 700; padding: 0 0.25rem; }
  .option { display: grid; grid-template-columns: auto 1fr; column-gap: 0.75rem; padding: 0.6rem 0; border-bottom: 1px solid #ddd; }
  .option .warn { grid-column: 2; }
  .option:last-child { border-bottom: 0; }
  .option input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; }
  .meta { display: block; color: #444; font-size: 0.95rem; }
  .warn { display: block; color: #8a1c00; font-size: 0.95rem; }
  button { font: inherit; padding: 0.6rem 1.2rem; border-radius: 4px; border: 2px solid #004b87; cursor: pointer; }
  .primary { background: #004b87; color: #fff; }
  .secondary { background: #fff; color: #004b87; margin-top: 1rem; }
  :focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
`;

export function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The level a request asks for (lowest of acr_values that we know), or undefined. */
export function requestedLevel(acrValues: unknown): TrustLevel | undefined {
  if (typeof acrValues !== 'string') return undefined;
  const ranks = acrValues
    .split(/\s+/)
    .map(acrRank)
    .filter((r) => r >= 0);
  if (ranks.length === 0) return undefined;
  const min = Math.min(...ranks);
  return (Object.keys(ACR) as TrustLevel[]).find((l) => acrRank(ACR[l]) === min);
}

export function loginPage(opts: {
  lang: Lang;
  uid: string;
  base: string;
  clientName: string;
  accounts: readonly TestAccount[];
  minLevel?: TrustLevel;
}): string {
  const t = T[opts.lang];
  const minRank = opts.minLevel ? acrRank(ACR[opts.minLevel]) : -1;
  const firstOk = opts.accounts.find((a) => acrRank(ACR[a.level]) >= minRank)?.id;
  const options = opts.accounts
    .map((a) => {
      const id = `konto-${a.id}`;
      const below = acrRank(ACR[a.level]) < minRank;
      const describedBy = below ? ` aria-describedby="${id}-warn"` : '';
      return `<div class="option">
<input type="radio" name="account" id="${id}" value="${esc(a.id)}" required${a.id === firstOk ? ' checked' : ''}${describedBy}>
<label for="${id}"><strong>${esc(a.label[opts.lang])}</strong>
<span class="meta">${esc(t.level)}: ${esc(t.levels[a.level])} · ${esc(t.via)}: ${esc(a.method[opts.lang])}</span></label>
${below ? `<span class="warn" id="${id}-warn">${esc(t.below)}</span>` : ''}
</div>`;
    })
    .join('\n');
  const action = `${opts.base}/interaction/${encodeURIComponent(opts.uid)}`;
  return page(
    opts.lang,
    t.title,
    `
<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
<p>${esc(t.client)}: <strong>${esc(opts.clientName)}</strong></p>
${opts.minLevel && opts.minLevel !== 'basisregistriert' ? `<p>${esc(t.required(t.levels[opts.minLevel]))}</p>` : ''}
<form method="post" action="${esc(action)}/login">
<fieldset><legend>${esc(t.legend)}</legend>
${options}
</fieldset>
<button type="submit" class="primary">${esc(t.submit)}</button>
</form>
<form method="post" action="${esc(action)}/abort">
<button type="submit" class="secondary">${esc(t.cancel)}</button>
</form>`,
  );
}

/** oidc-provider's rpInitiatedLogout.logoutSource: the "log out?" question, German and English. */
export function logoutPage(form: string): string {
  return page(
    'de',
    'Abmelden',
    `
<h1>Abmelden?</h1>
<p>Möchten Sie sich vom Test-Nutzerkonto abmelden? <span lang="en">(Do you want to log out of the test account?)</span></p>
${form}
<button autofocus type="submit" class="primary" form="op.logoutForm" value="yes" name="logout">Ja, abmelden <span lang="en">(yes, log out)</span></button>
<button type="submit" class="secondary" form="op.logoutForm">Nein, angemeldet bleiben <span lang="en">(no)</span></button>`,
  );
}

export function loggedOutPage(): string {
  return page(
    'de',
    'Abgemeldet',
    `
<h1>Sie sind abgemeldet</h1>
<p>Sie haben sich vom Test-Nutzerkonto abgemeldet. <span lang="en">You have logged out of the test account.</span></p>`,
  );
}

export function errorPage(error: string, description: string | undefined): string {
  return page(
    'de',
    'Anmeldung nicht möglich',
    `
<h1>Anmeldung nicht möglich <span lang="en">(login failed)</span></h1>
<p>Der Anmeldedienst hat die Anfrage abgelehnt. <span lang="en">The login service refused the request.</span></p>
<p><code>${esc(error)}</code>${description ? `: ${esc(description)}` : ''}</p>`,
  );
}
