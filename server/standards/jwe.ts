const B64URL = /^[A-Za-z0-9_-]*$/;
/** Minimum length of a JWE produced with a 4096-bit key (FIT-Connect). */
export const MIN_JWE_LENGTH = 776;

/**
 * Checks that a string is a JWE in compact serialisation with alg RSA-OAEP-256 and enc A256GCM.
 * It cannot check the content (the server has no key); it keeps obvious garbage out.
 */
export function checkCompactJwe(value: string): string | null {
  const parts = value.split('.');
  if (parts.length !== 5) return 'not a JWE in compact serialisation (5 parts)';
  if (!parts.every((p) => B64URL.test(p))) return 'JWE parts must be base64url';
  if (value.length < MIN_JWE_LENGTH) return `JWE shorter than ${MIN_JWE_LENGTH} characters`;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  } catch {
    return 'JWE header is not JSON';
  }
  const h = header as Record<string, unknown>;
  if (!h || typeof h !== 'object') return 'JWE header is not an object';
  if (h.alg !== 'RSA-OAEP-256') return 'JWE alg must be RSA-OAEP-256';
  if (h.enc !== 'A256GCM') return 'JWE enc must be A256GCM';
  if (!parts[1] || !parts[2] || !parts[3] || !parts[4]) return 'JWE has empty parts';
  return null;
}
