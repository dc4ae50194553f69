/**
 * One id per application, shared by the building blocks of one tab: the login's OIDC nonce is derived
 * from it (so the ID token is bound to this application), the payment is started under it and the
 * submission is created with it as Idempotency key (so the gateway binds the payment to it). It lives in
 * localStorage beside the draft and the payment record (it survives the login and payment redirects, a
 * reload, and a second tab that continues the payment); `takeApplicationId` hands it to the submission
 * and forgets it, so the next application gets a new one.
 */
const KEY = 'ozg-form.application-id';

function storage(): Storage | undefined {
  try { return globalThis.localStorage; } catch { return undefined; }
}

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The current application's id (created on first use). */
export function currentApplicationId(): string {
  const s = storage();
  let id: string | null | undefined;
  try { id = s?.getItem(KEY); } catch { id = undefined; }
  if (id && /^[A-Za-z0-9_-]{16,128}$/.test(id)) return id;
  id = newId();
  try { s?.setItem(KEY, id); } catch { /* private mode: one id per call */ }
  return id;
}

/** The current application's id, for the submission that sends it; the next call starts a new application. */
export function takeApplicationId(): string {
  const id = currentApplicationId();
  try { storage()?.removeItem(KEY); } catch { /* nothing stored */ }
  return id;
}

/** The OIDC nonce that binds a login to an application: base64url(SHA-256(application id)). */
export async function nonceFor(applicationId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(applicationId)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
