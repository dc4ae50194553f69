/**
 * One id per application (Draft.applicationId, created with the draft and kept with it through the
 * login and payment redirects): the payment is started under it, the submission is created with it as
 * its Idempotency key (so the gateway binds the payment to it), and the login's OIDC nonce is derived
 * from it, so the ID token is bound to this application (the inbox checks the nonce against the key).
 */

/** The OIDC nonce that binds a login to an application: base64url(SHA-256(application id)). */
export async function nonceFor(applicationId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(applicationId)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
