import { CompactEncrypt, importJWK } from 'jose';

/** The destination's public encryption key as published by FIT-Connect. */
export interface DestinationJwk {
  kty: string;
  n?: string;
  e?: string;
  kid?: string;
  alg?: string;
  key_ops?: string[];
  use?: string;
  x5c?: string[];
}

export class EncryptionKeyError extends Error {
  override name = 'EncryptionKeyError';
}

function base64UrlByteLength(s: string): number {
  const clean = s.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

function modulusBits(n: string): number {
  // Leading zero bytes do not count; base64url decoding just for the first bytes keeps it cheap.
  const bin = atob(n.slice(0, 8).replace(/-/g, '+').replace(/_/g, '/'));
  let leadingZeroBytes = 0;
  while (leadingZeroBytes < bin.length && bin.charCodeAt(leadingZeroBytes) === 0) leadingZeroBytes++;
  const first = bin.charCodeAt(leadingZeroBytes);
  const bytes = base64UrlByteLength(n) - leadingZeroBytes;
  return (bytes - 1) * 8 + (first ? Math.floor(Math.log2(first)) + 1 : 0);
}

/**
 * Refuses keys FIT-Connect does not allow: not RSA, modulus below 4096 bits, no "wrapKey" in key_ops,
 * or an alg other than RSA-OAEP-256. (Validating the x5c chain against the Verwaltungs-PKI is the
 * gateway's job; the browser has no trust anchors.)
 */
export function assertEncryptionKey(jwk: DestinationJwk): void {
  if (!jwk || jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw new EncryptionKeyError('encryption key is not an RSA public key');
  }
  if ('d' in jwk) throw new EncryptionKeyError('encryption key must be a public key');
  if (!/^[A-Za-z0-9_-]+$/.test(jwk.n) || modulusBits(jwk.n) < 4096) {
    throw new EncryptionKeyError('encryption key modulus is shorter than 4096 bits');
  }
  if (!Array.isArray(jwk.key_ops) || !jwk.key_ops.includes('wrapKey')) {
    throw new EncryptionKeyError('encryption key does not allow wrapKey');
  }
  if (jwk.alg !== undefined && jwk.alg !== 'RSA-OAEP-256') {
    throw new EncryptionKeyError(`encryption key alg ${jwk.alg} is not RSA-OAEP-256`);
  }
}

/**
 * Encrypts bytes or UTF-8 text for the destination: JWE compact serialisation, alg RSA-OAEP-256,
 * enc A256GCM, kid of the destination key.
 */
export async function encryptForDestination(
  jwk: DestinationJwk,
  payload: Uint8Array | string,
  opts: { contentType?: string } = {},
): Promise<string> {
  assertEncryptionKey(jwk);
  const key = await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'RSA-OAEP-256');
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return new CompactEncrypt(bytes)
    .setProtectedHeader({
      alg: 'RSA-OAEP-256',
      enc: 'A256GCM',
      ...(jwk.kid ? { kid: jwk.kid } : {}),
      ...(opts.contentType ? { cty: opts.contentType } : {}),
    })
    .encrypt(key);
}
