/**
 * Login with a user account (Nutzerkonto) and prefill on the Bewohnerparken demo page, against the
 * server's built-in OpenID provider (server/idp): its login page lets the tester pick an account.
 * The form asks for trust level "substantiell" (`x-ozg.account`), login is optional.
 */
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.js';
import { expect, test } from './fixtures.js';

const form = (page: Page): Locator => page.locator('ozg-form');
const bar = (page: Page): Locator => form(page).locator('[part~="account"]');
const field = (page: Page, label: string): Locator => form(page).getByLabel(label, { exact: true });
/** "Telefonnummer (optional)": the one question on step 1 that no account fills. */
const phone = (page: Page): Locator => form(page).getByLabel(/^Telefonnummer/);

async function open(page: Page, url: string): Promise<void> {
  await page.goto(`${url}anwohnerparken.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
}

/** Waits until the browser holds a draft containing `text`. */
async function draftContains(page: Page, text: string): Promise<void> {
  await expect
    .poll(() => page.evaluate((t) => Object.values(localStorage).some((v) => v.includes(t)), text))
    .toBe(true);
}

/** On the provider's login page: picks the account whose label begins with `name` and logs in. */
async function pickAccount(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung mit einem Test-Nutzerkonto');
  await page.getByRole('radio', { name: new RegExp(`^${name}`) }).check();
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

/** Opens the form and logs in as Max Mustermann at the provider. */
async function openLoggedIn(page: Page, url: string): Promise<void> {
  await open(page, url);
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Max Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann');
}

test('login at "substantiell" prefills read-only answers and keeps what was typed; logout removes them', async ({
  page,
  server,
}) => {
  await open(page, server.url);
  await expect(bar(page)).toContainText('Melden Sie sich mit Ihrem Nutzerkonto an');
  await phone(page).fill('0123 456789');
  await draftContains(page, '0123 456789');

  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Max Mustermann');

  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann (Vertrauensniveau substantiell)');
  // Back on the page, the keyboard continues at the login bar, not at the top of the page.
  await expect(bar(page).locator('[tabindex="-1"]')).toBeFocused();
  expect(page.url()).toBe(`${server.url}anwohnerparken.html`);
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  for (const [label, value] of [
    ['Vorname', 'Max'],
    ['Nachname', 'Mustermann'],
    ['Geburtsdatum', '1984-03-12'],
    ['E-Mail-Adresse', 'max.mustermann@example.org'],
  ]) {
    await expect(field(page, label)).toHaveValue(value);
    await expect(field(page, label)).toHaveAttribute('readonly', '');
    await expect(field(page, label)).toHaveAccessibleDescription(/Aus Ihrem Nutzerkonto übernommen/);
  }
  await expect(phone(page)).toHaveValue('0123 456789');
  await expect(phone(page)).not.toHaveAttribute('readonly', '');
  await expect(phone(page)).toHaveAccessibleDescription(/Für Rückfragen/);

  // The address on the next step comes from the account too.
  await form(page).getByRole('button', { name: 'Weiter' }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Wohnung in der Parkzone');
  await expect(field(page, 'Postleitzahl')).toHaveValue('12345');
  await expect(field(page, 'Ort')).toHaveValue('Musterstadt');
  await expect(field(page, 'Straße')).toHaveValue('');
  await expectNoAxeViolations(page, 'the page with a person logged in');

  await bar(page).getByRole('button', { name: 'Abmelden' }).click();
  await page.getByRole('button', { name: /Ja, abmelden/ }).click();
  await expect(bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' })).toBeVisible();
  // Back on a fresh page, the bar says what happened (and the keyboard is there).
  await expect(bar(page)).toContainText('Sie sind abgemeldet. Die Angaben aus Ihrem Nutzerkonto wurden entfernt.');
  await expect(bar(page).locator('.account-ended')).toBeFocused();
  await expect(form(page).locator('.step-title')).toHaveText('Wohnung in der Parkzone');
  await expect(field(page, 'Postleitzahl')).toHaveValue('');
  await expect(field(page, 'Ort')).toHaveValue('');
  await form(page).getByRole('button', { name: 'Zurück' }).click();
  await expect(field(page, 'Vorname')).toHaveValue('');
  await expect(field(page, 'Vorname')).not.toHaveAttribute('readonly', '');
  await expect(phone(page)).toHaveValue('0123 456789');
  const kept = await page.evaluate(
    () => Object.values(localStorage).join(' ') + Object.values(sessionStorage).join(' '),
  );
  expect(kept).not.toContain('max.mustermann@example.org');
});

test('"Daten auf diesem Gerät löschen" ends the login in this browser and at the provider: the next person is asked for an account again', async ({
  page,
  server,
}) => {
  await openLoggedIn(page, server.url);
  await expect(field(page, 'Vorname')).toHaveValue('Max');
  expect(await page.evaluate(() => sessionStorage.getItem('ozg-account:session'))).toContain('Mustermann');

  await form(page).getByRole('button', { name: 'Daten auf diesem Gerät löschen' }).click();
  await expect(form(page)).toContainText('auch Ihre Anmeldung');
  const logoutRequest = page.waitForRequest((r) => r.url().includes('post_logout_redirect_uri'));
  await form(page).getByRole('button', { name: 'Ja, Daten löschen' }).click();
  // The provider asks whether to end the session there too (as after "Abmelden"), then sends the
  // browser back to the form. The address (kept in the browser's history) names the client, never the
  // ID token with the person's name and address.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abmelden?');
  const logoutUrl = new URL((await logoutRequest).url());
  expect(logoutUrl.searchParams.get('id_token_hint')).toBeNull();
  expect(logoutUrl.searchParams.get('client_id')).toBeTruthy();
  await page.getByRole('button', { name: /Ja, abmelden/ }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await expect(bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' })).toBeVisible();
  // What was done, where the keyboard starts.
  const ended = bar(page).locator('.account-ended');
  await expect(ended).toHaveText(
    /^Die Daten dieses Formulars wurden von diesem Gerät gelöscht\. Sie sind hier nicht mehr angemeldet\./,
  );
  await expect(ended).toBeFocused();
  await expect(bar(page)).not.toContainText('Angemeldet als');
  await expect(field(page, 'Vorname')).toHaveValue('');
  await expect(field(page, 'Vorname')).not.toHaveAttribute('readonly', '');
  await expect(form(page)).not.toContainText('wiederhergestellt');
  const kept = await page.evaluate(() => ({
    session: Object.keys(sessionStorage).filter((k) => k.startsWith('ozg-account:')),
    text: Object.values(localStorage).join(' ') + Object.values(sessionStorage).join(' '),
  }));
  expect(kept.session).toEqual([]);
  expect(kept.text).not.toContain('Mustermann');
  // The next person at this computer: nobody is logged in, nothing is filled in, and "Mit Nutzerkonto
  // anmelden" asks which account (it used to let them in to Max Mustermann's without asking).
  await page.reload();
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await expect(field(page, 'Vorname')).toHaveValue('');
  await expect(bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' })).toBeVisible();
  await expect(bar(page)).not.toContainText('gelöscht'); // said once, after the return
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung mit einem Test-Nutzerkonto');
});

test('after "Daten auf diesem Gerät löschen", the next login asks for the account even when the person went back from the provider\'s logout page', async ({
  page,
  server,
}) => {
  await openLoggedIn(page, server.url);
  await form(page).getByRole('button', { name: 'Daten auf diesem Gerät löschen' }).click();
  await form(page).getByRole('button', { name: 'Ja, Daten löschen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abmelden?');
  // The browser's Back: the provider's session stays.
  await page.goBack();
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');
  await expect(field(page, 'Vorname')).toHaveValue('');
  // The next person at this computer is not let in to Max Mustermann's account without being asked.
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung mit einem Test-Nutzerkonto');
  await pickAccount(page, 'Max Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann');
  // Asked once: the login after that one need not ask again.
  expect(await page.evaluate(() => localStorage.getItem('ozg-account:ask-again'))).toBeNull();
});

test('a login below the required level is refused with an explanation; logging in again at the level works', async ({
  page,
  server,
}) => {
  await open(page, server.url);
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Erika Mustermann');

  const alert = bar(page).getByRole('alert');
  await expect(alert).toContainText('Vertrauensniveau „substantiell“ oder höher');
  await expect(alert).toContainText('Sie können den Antrag auch ohne Anmeldung ausfüllen');
  await expect(field(page, 'Vorname')).toHaveValue('');
  await expect(bar(page)).not.toContainText('Angemeldet als');
  await expectNoAxeViolations(page, 'the refused login');

  await alert.getByRole('button', { name: 'Erneut anmelden (Vertrauensniveau substantiell)' }).click();
  await pickAccount(page, 'Max Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann (Vertrauensniveau substantiell)');
  await expect(bar(page).getByRole('alert')).toHaveCount(0);
  await expect(field(page, 'Vorname')).toHaveValue('Max');
});

test('a tampered state in the callback is refused, nothing is prefilled, the form stays usable', async ({
  page,
  server,
}) => {
  await open(page, server.url);
  await phone(page).fill('0987 654321');
  await draftContains(page, '0987 654321');
  // The provider's redirect back arrives with another state than the one this login sent (as a
  // forged or replayed callback would); the page sees it before any of its scripts run.
  await page.addInitScript(() => {
    const url = new URL(location.href);
    if (!url.searchParams.has('code')) return;
    url.searchParams.set('state', 'manipuliert');
    history.replaceState(null, '', url.href);
  });
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Max Mustermann');

  await expect(bar(page).getByRole('alert')).toContainText('gehört nicht zu dieser Anmeldung');
  expect(page.url()).toBe(`${server.url}anwohnerparken.html`);
  await expect(bar(page)).not.toContainText('Angemeldet als');
  await expect(field(page, 'Vorname')).toHaveValue('');
  await expect(phone(page)).toHaveValue('0987 654321');
  await field(page, 'Vorname').fill('Erika');
  await expect(field(page, 'Vorname')).toHaveValue('Erika');
});

test('a login cancelled at the provider says so once, and restores only answers that were given', async ({
  page,
  server,
}) => {
  await open(page, server.url);
  const cancel = async () => {
    await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung mit einem Test-Nutzerkonto');
    await page.getByRole('button', { name: 'Abbrechen und zurück' }).click();
    await expect(page).toHaveURL(`${server.url}anwohnerparken.html`);
  };
  const notice = form(page).locator('[part~="draft-notice"]');
  const said = bar(page).getByRole('alert').locator('p').nth(1);

  // Nothing typed: the way forward once, and no "Angaben … wiederhergestellt" for answers nobody gave.
  await cancel();
  await expect(said).toHaveText(
    'Die Anmeldung wurde abgebrochen. Ihre Angaben bleiben erhalten. Sie können den Antrag auch ohne Anmeldung ausfüllen.',
  );
  await expect(notice).toHaveCount(0);
  await page.getByLabel('English').check();
  await expect(said).toHaveText(
    'The login was cancelled. Your answers are kept. You can also fill in the application without logging in.',
  );
  await page.getByLabel('Deutsch').check();

  // Something typed: it comes back, and the notice says so.
  await phone(page).fill('0123 456789');
  await draftContains(page, '0123 456789');
  await cancel();
  await expect(said).toHaveText(/^Die Anmeldung wurde abgebrochen\. Ihre Angaben bleiben erhalten\./);
  await expect(notice).toContainText('Wir haben Ihre zuletzt eingegebenen Angaben vom');
  await expect(phone(page)).toHaveValue('0123 456789');
});

test('the login bar speaks English and passes axe', async ({ page, server }) => {
  await open(page, server.url);
  await expectNoAxeViolations(page, 'the login bar (German)');
  await page.getByLabel('English').check();
  await expect(bar(page).getByRole('button', { name: 'Log in with user account' })).toBeVisible();
  await expect(form(page).getByRole('region', { name: 'User account' })).toBeVisible();
  await expectNoAxeViolations(page, 'the login bar (English)');
});

test('a form switched to English comes back in English after the login and after a reload', async ({
  page,
  server,
}) => {
  await open(page, server.url);
  await page.getByLabel('English').check();
  await bar(page).getByRole('button', { name: 'Log in with user account' }).click();
  // The provider's page speaks the form's language too (ui_locales).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in with a test user account');
  await page.getByRole('radio', { name: /^Max Mustermann/ }).check();
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(bar(page)).toContainText('Logged in as Max Mustermann');
  await expect(form(page)).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('English')).toBeChecked();
  await page.reload();
  await expect(bar(page)).toContainText('Logged in as Max Mustermann');
  await expect(page.getByLabel('English')).toBeChecked();
  // Another page's form keeps the page's own language.
  await page.goto(`${server.url}hundesteuer.html`);
  await expect(page.locator('ozg-form')).toHaveAttribute('lang', 'de');
});

/** Serves the Bewohnerparken definition with other `x-ozg.account` settings. */
async function withAccountSettings(page: Page, account: Record<string, string>): Promise<void> {
  await page.route('**/gateway/v1/forms/anwohnerparken', async (route) => {
    const response = await route.fetch();
    const definition = (await response.json()) as { 'x-ozg': Record<string, unknown> };
    definition['x-ozg'].account = account;
    await route.fulfill({ response, json: definition });
  });
}

test('with login "required", "Weiter" waits for a login at the level', async ({ page, server }) => {
  await withAccountSettings(page, { login: 'required', trustLevel: 'substantiell' });
  await open(page, server.url);
  await expect(bar(page)).toContainText('Für diesen Antrag müssen Sie sich mit Ihrem Nutzerkonto anmelden');
  await form(page).getByRole('button', { name: 'Weiter' }).click();
  await expect(bar(page).getByRole('alert')).toContainText('Bitte melden Sie sich zuerst mit Ihrem Nutzerkonto an');
  await expect(form(page).locator('.step-title')).toHaveText('Antragstellerin oder Antragsteller');

  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Max Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann');
  await form(page).getByRole('button', { name: 'Weiter' }).click();
  await expect(form(page).locator('.step-title')).toHaveText('Wohnung in der Parkzone');
});

test('a cancelled login where the form requires one does not suggest going on without it', async ({ page, server }) => {
  await withAccountSettings(page, { login: 'required', trustLevel: 'substantiell' });
  await open(page, server.url);
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await page.getByRole('button', { name: 'Abbrechen und zurück' }).click();
  await expect(bar(page).getByRole('alert').locator('p').nth(1)).toHaveText(
    'Die Anmeldung wurde abgebrochen. Ihre Angaben bleiben erhalten.',
  );
  await expect(bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' })).toBeVisible();
});

test('a "basisregistriert" login fills in editable answers without the note', async ({ page, server }) => {
  await withAccountSettings(page, { login: 'optional', trustLevel: 'basisregistriert' });
  await open(page, server.url);
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Erika Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Erika Mustermann (Vertrauensniveau basisregistriert)');
  await expect(field(page, 'Vorname')).toHaveValue('Erika');
  await expect(field(page, 'Vorname')).not.toHaveAttribute('readonly', '');
  await expect(form(page).getByText('Aus Ihrem Nutzerkonto übernommen')).toHaveCount(0);
  // Claims the account does not have stay empty and editable.
  await expect(field(page, 'Geburtsdatum')).toHaveValue('');
  await field(page, 'Vorname').fill('Erika Maria');
  await expect(field(page, 'Vorname')).toHaveValue('Erika Maria');
});

test('when the user account service cannot be reached, the form says so and stays usable', async ({ page, server }) => {
  // Unreachable from the start: a route set after the page loaded could come after the config was fetched.
  await page.route('**/account/config.json', (route) => route.abort('connectionrefused'));
  await open(page, server.url);
  await phone(page).fill('0123 111222');
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await expect(bar(page).getByRole('alert')).toContainText('nicht erreichbar');
  await expect(page).toHaveURL(`${server.url}anwohnerparken.html`);
  await expect(phone(page)).toHaveValue('0123 111222');
  await field(page, 'Vorname').fill('Erika');
  await expect(field(page, 'Vorname')).toHaveValue('Erika');
});

test('a kept session below the level the form needs is not used', async ({ page, server }) => {
  await withAccountSettings(page, { login: 'optional', trustLevel: 'basisregistriert' });
  await open(page, server.url);
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Erika Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Erika Mustermann');

  // The same tab, now with the real definition (trust level substantiell).
  await page.unrouteAll();
  await open(page, server.url);
  await expect(bar(page).getByRole('alert')).toContainText('Vertrauensniveau „substantiell“ oder höher');
  await expect(bar(page)).not.toContainText('Angemeldet als');
  await expect(field(page, 'Vorname')).not.toHaveAttribute('readonly', '');
  await expect(form(page).getByText('Aus Ihrem Nutzerkonto übernommen')).toHaveCount(0);
});

test('five minutes before the login ends a dialog warns; "Anmeldung verlängern" renews it without the login page', async ({
  page,
  server,
}) => {
  await page.clock.install();
  await open(page, server.url);
  await bar(page).getByRole('button', { name: 'Mit Nutzerkonto anmelden' }).click();
  await pickAccount(page, 'Max Mustermann');
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann');
  await phone(page).fill('0123 456789');
  await draftContains(page, '0123 456789');

  // 55 minutes later (the provider's ID tokens live one hour), keyboard focus still in the phone field.
  await page.clock.fastForward('55:30');
  const dialog = form(page).getByRole('alertdialog', { name: 'Ihre Anmeldung läuft bald ab' });
  await expect(dialog).toContainText(/endet in 5 Minuten, um \d\d:\d\d Uhr/);
  await expect(dialog.getByRole('button', { name: 'Anmeldung verlängern' })).toBeFocused();
  await expectNoAxeViolations(page, 'the warning before the login ends');

  const navigations: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest()) navigations.push(request.url());
  });
  await page.keyboard.press('Enter');
  await expect.poll(() => navigations.some((url) => new URL(url).searchParams.get('prompt') === 'none')).toBe(true);
  await expect(bar(page)).toContainText('Angemeldet als Max Mustermann');
  expect(navigations.filter((url) => url.includes('/interaction/'))).toEqual([]); // no login page in between
  expect(page.url()).toBe(`${server.url}anwohnerparken.html`);
  await expect(field(page, 'Vorname')).toHaveValue('Max');
  await expect(field(page, 'Vorname')).toHaveAttribute('readonly', '');
  await expect(phone(page)).toHaveValue('0123 456789');
  await expect(dialog).toHaveCount(0);
});

test('without an account configuration no login is offered; the editor reads where it was looked for', async ({
  page,
  server,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.route('**/account/config.json', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
  await open(page, server.url);
  await expect(bar(page)).toContainText(
    'Die Anmeldung mit einem Nutzerkonto ist für dieses Formular gerade nicht möglich. Sie können den Antrag ohne Anmeldung ausfüllen.',
  );
  await expect(bar(page).getByRole('button')).toHaveCount(0);
  await expect(bar(page).locator('[part~="account-editor"]')).toContainText(
    `Für die Redaktion: Die Konfiguration des Nutzerkontos wurde unter ${server.url}account/config.json nicht gefunden (HTTP 404).`,
  );
  await expect
    .poll(() => errors.some((e) => e.includes(`not found at ${server.url}account/config.json (HTTP 404)`)))
    .toBe(true);
  await expectNoAxeViolations(page, 'the form without a login');
  await phone(page).fill('0123 456789');
  await form(page).getByRole('button', { name: 'Weiter' }).click();
  // No login to wait for: "Weiter" checks the answers as on any form.
  await expect(form(page).getByRole('heading', { name: 'Es gibt ein Problem' })).toBeVisible();
});

test('a page the provider does not know offers no login instead of stranding the person on its error page', async ({
  page,
  server,
}) => {
  // The configuration lists the registered pages; this one is taken out as if nobody had registered it.
  await page.route('**/account/config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { redirectUris: string[] };
    config.redirectUris = config.redirectUris.filter((u) => !u.endsWith('/anwohnerparken.html'));
    await route.fulfill({ response, json: config });
  });
  await open(page, server.url);
  await expect(bar(page)).toContainText(
    'Die Anmeldung mit einem Nutzerkonto ist für dieses Formular gerade nicht möglich.',
  );
  await expect(bar(page).getByRole('button')).toHaveCount(0);
  await expect(bar(page).locator('[part~="account-editor"]')).toContainText(
    `Diese Seite (${server.url}anwohnerparken.html) ist beim Nutzerkonto nicht als Rücksprungadresse eingetragen`,
  );
  await expect(bar(page).locator('[part~="account-editor"]')).toContainText('IDP_REDIRECT_URIS');
});
