/**
 * The Trusted Types policy "ozg-form". A page that enforces Trusted Types (`require-trusted-types-for
 * 'script'`) refuses HTML and script URLs given as strings; it allows this policy by name
 * (`trusted-types lit-html ozg-form`), as it allows Lit's "lit-html". Two kinds of value pass it, both
 * made by ozg-form itself: markup whose every value is escaped (fields/leaf.ts), and the `blob:` URL
 * of the worker that hashes and encrypts uploads (uploads/upload-jwe.ts). The policy object is not
 * handed to anyone else.
 */
interface Policy {
  createHTML(html: string): string;
  createScriptURL(url: string): string;
}

interface TrustedTypesApi {
  createPolicy(name: string, rules: Policy): Policy;
}

let policy: Policy | null | undefined;

/** The policy; null where the browser has no Trusted Types, or the page's list refuses the name
 * (then the sinks refuse the strings, as the page wants). */
export function ozgPolicy(): Policy | null {
  if (policy === undefined) {
    try {
      const api = (globalThis as { trustedTypes?: TrustedTypesApi }).trustedTypes;
      policy = api
        ? api.createPolicy('ozg-form', {
            createHTML: (html) => html,
            createScriptURL: (url) => {
              if (url.startsWith(`blob:${location.origin}/`)) return url;
              throw new TypeError(`ozg-form: ${url} is no script of its own`);
            },
          })
        : null;
    } catch {
      policy = null;
    }
  }
  return policy;
}
