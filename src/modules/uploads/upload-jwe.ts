import { assertEncryptionKey, type DestinationJwk } from '../submission/crypto.js';

/**
 * JWE compact serialisation (RFC 7516) of a large file for the destination: alg RSA-OAEP-256, enc
 * A256GCM, like `encryptForDestination` (jose) does for metadata and data — but built as a Blob of
 * bytes, piece by piece. jose returns one string; for a 50 MB scan, turning a 67 MB string into the
 * bytes a request sends blocks the page for many seconds (measured: test/bench/upload.mjs). The
 * cryptography is WebCrypto's (off the main thread); only the base64url text is assembled here, in
 * slices with a pause between them, so the page keeps answering. jose decrypts the result (tests).
 */
const ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
/** Input bytes per slice; a multiple of 3, so slices join without padding. */
const SLICE = 3 * 256 * 1024;

/** base64url (no padding) of `bytes` as ASCII bytes. */
export function base64UrlBytes(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ALPHABET[v >> 18]!;
    out[o++] = ALPHABET[(v >> 12) & 63]!;
    out[o++] = ALPHABET[(v >> 6) & 63]!;
    out[o++] = ALPHABET[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    out[o++] = ALPHABET[v >> 18]!;
    out[o++] = ALPHABET[(v >> 12) & 63]!;
    if (i + 1 < n) out[o++] = ALPHABET[(v >> 6) & 63]!;
  }
  return out.subarray(0, o);
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Encrypts `plaintext` for the destination; the Blob's text is a JWE compact serialisation. */
export async function encryptLargeForDestination(jwk: DestinationJwk, plaintext: Uint8Array,
  onProgress?: (fraction: number) => void): Promise<Blob> {
  assertEncryptionKey(jwk);
  const subtle = crypto.subtle;
  const rsa = await subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RSA-OAEP-256', ext: true },
    { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
  const cekBytes = crypto.getRandomValues(new Uint8Array(32));
  const cek = await subtle.importKey('raw', cekBytes, 'AES-GCM', false, ['encrypt']);
  const encryptedKey = new Uint8Array(await subtle.encrypt({ name: 'RSA-OAEP' }, rsa, cekBytes));
  cekBytes.fill(0);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM', ...(jwk.kid ? { kid: jwk.kid } : {}) };
  const protectedHeader = base64UrlBytes(new TextEncoder().encode(JSON.stringify(header)));
  const sealed = new Uint8Array(await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: protectedHeader as BufferSource, tagLength: 128 }, cek, plaintext as BufferSource));
  const ciphertext = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  const parts: BlobPart[] = [`${text(protectedHeader)}.${text(base64UrlBytes(encryptedKey))}.${text(base64UrlBytes(iv))}.`];
  for (let at = 0; at < ciphertext.length; at += SLICE) {
    parts.push(new Blob([base64UrlBytes(ciphertext.subarray(at, at + SLICE)) as BlobPart]));
    onProgress?.(Math.min(1, (at + SLICE) / ciphertext.length));
    await pause();
  }
  parts.push(`.${text(base64UrlBytes(tag))}`);
  return new Blob(parts, { type: 'application/jose' });
}
