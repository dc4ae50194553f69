import { assertEncryptionKey, type DestinationJwk } from '../submission/crypto.js';
import { ozgPolicy } from '../trusted-types.js';

/**
 * JWE compact serialisation (RFC 7516) of a large file for the destination: alg RSA-OAEP-256, enc
 * A256GCM, like `encryptForDestination` (jose) does for metadata and data — but built as a Blob of
 * bytes, piece by piece, and its SHA-512 for the metadata. jose returns one string; for a 50 MB scan,
 * turning a 67 MB string into the bytes a request sends blocks the page for many seconds, and even
 * WebCrypto copies the whole input on the calling thread. So the work runs in a Web Worker made from
 * the two functions below (a `blob:` worker, since the script may come from another origin than the
 * page); where no worker can start (e.g. a CSP without `worker-src blob:`), it runs here, in slices
 * with pauses between them. jose decrypts the result (tests).
 */

/** base64url (no padding) of `bytes` as ASCII bytes. Self-contained: it also runs in the worker. */
export function base64UrlBytes(bytes: Uint8Array): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const codes = new Uint8Array(64);
  for (let k = 0; k < 64; k++) codes[k] = alphabet.charCodeAt(k);
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = codes[v >> 18]!;
    out[o++] = codes[(v >> 12) & 63]!;
    out[o++] = codes[(v >> 6) & 63]!;
    out[o++] = codes[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    out[o++] = codes[v >> 18]!;
    out[o++] = codes[(v >> 12) & 63]!;
    if (i + 1 < n) out[o++] = codes[(v >> 6) & 63]!;
  }
  return out.subarray(0, o);
}

type SealKey = Pick<DestinationJwk, 'n' | 'e' | 'kid'>;

/**
 * 'hash': the SHA-512 of `plaintext` as lowercase hex; 'encrypt': its JWE as a Blob. Names nothing
 * but `base64UrlBytes` and globals, so the worker can be built from its source text. `breathe`
 * pauses between slices (on the main thread, so the page keeps answering).
 */
async function sealBytes(
  op: 'hash' | 'encrypt',
  plaintext: Uint8Array,
  key: SealKey | undefined,
  breathe: boolean,
): Promise<string | Blob> {
  const subtle = crypto.subtle;
  if (op === 'hash') {
    const digest = new Uint8Array(await subtle.digest('SHA-512', plaintext as BufferSource));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const rsa = await subtle.importKey(
    'jwk',
    { kty: 'RSA', n: key!.n, e: key!.e, alg: 'RSA-OAEP-256', ext: true },
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['encrypt'],
  );
  const cekBytes = crypto.getRandomValues(new Uint8Array(32));
  const cek = await subtle.importKey('raw', cekBytes, 'AES-GCM', false, ['encrypt']);
  const encryptedKey = new Uint8Array(await subtle.encrypt({ name: 'RSA-OAEP' }, rsa, cekBytes));
  cekBytes.fill(0);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = { alg: 'RSA-OAEP-256', enc: 'A256GCM', ...(key!.kid ? { kid: key!.kid } : {}) };
  const protectedHeader = base64UrlBytes(new TextEncoder().encode(JSON.stringify(header)));
  const sealed = new Uint8Array(
    await subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: protectedHeader as BufferSource, tagLength: 128 },
      cek,
      plaintext as BufferSource,
    ),
  );
  const ciphertext = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  const parts: BlobPart[] = [
    `${text(protectedHeader)}.${text(base64UrlBytes(encryptedKey))}.${text(base64UrlBytes(iv))}.`,
  ];
  const slice = 3 * 256 * 1024; // a multiple of 3, so slices join without padding
  for (let at = 0; at < ciphertext.length; at += slice) {
    parts.push(new Blob([base64UrlBytes(ciphertext.subarray(at, at + slice)) as BlobPart]));
    if (breathe) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  parts.push(`.${text(base64UrlBytes(tag))}`);
  return new Blob(parts, { type: 'application/jose' });
}

/** The worker's program: the two functions above (under the names the bundle gave them) and a
 * message handler. Function declarations keep their (possibly minified) names in `.name`. */
function workerSource(): string {
  return `const ${base64UrlBytes.name} = ${String(base64UrlBytes)};
const ${sealBytes.name} = ${String(sealBytes)};
onmessage = async (event) => {
  const { id, op, blob, key } = event.data;
  try {
    const result = await ${sealBytes.name}(op, new Uint8Array(await blob.arrayBuffer()), key, false);
    postMessage({ id, result });
  } catch (error) {
    postMessage({ id, error: String((error && error.message) || error) });
  }
};
postMessage({ ready: true });`;
}

interface Job {
  resolve: (value: string | Blob) => void;
  reject: (error: Error) => void;
}

let worker:
  | Promise<{ post: (op: 'hash' | 'encrypt', blob: Blob, key?: SealKey) => Promise<string | Blob> } | undefined>
  | undefined;

/** Starts the worker once; undefined when the page does not allow one (then the work runs here). */
function sealWorker() {
  return (worker ??= new Promise((resolve) => {
    let w: Worker;
    try {
      const url = URL.createObjectURL(new Blob([workerSource()], { type: 'text/javascript' }));
      // A page that enforces Trusted Types takes the URL through ozg-form's policy.
      w = new Worker(ozgPolicy()?.createScriptURL(url) ?? url);
      URL.revokeObjectURL(url);
    } catch {
      resolve(undefined);
      return;
    }
    const jobs = new Map<number, Job>();
    let next = 0;
    const refused = setTimeout(() => {
      w.terminate();
      resolve(undefined);
    }, 5_000);
    w.onerror = () => {
      clearTimeout(refused);
      w.terminate();
      resolve(undefined);
    };
    w.onmessage = (event: MessageEvent<{ ready?: boolean; id?: number; result?: string | Blob; error?: string }>) => {
      const data = event.data;
      if (data.ready) {
        clearTimeout(refused);
        resolve({
          post: (op, blob, key) =>
            new Promise((done, fail) => {
              const id = next++;
              jobs.set(id, { resolve: done, reject: fail });
              w.postMessage({ id, op, blob, key: key && { n: key.n, e: key.e, kid: key.kid } });
            }),
        });
        return;
      }
      const job = jobs.get(data.id!);
      jobs.delete(data.id!);
      if (data.error !== undefined) job?.reject(new Error(data.error));
      else job?.resolve(data.result!);
    };
  }));
}

/** SHA-512 (hex) of a stored file, off the main thread where the page allows a worker. */
export async function sha512HexOfBlob(blob: Blob): Promise<string> {
  const w = await sealWorker();
  return (
    w ? w.post('hash', blob) : sealBytes('hash', new Uint8Array(await blob.arrayBuffer()), undefined, true)
  ) as Promise<string>;
}

/** The JWE of a stored file for the destination as a Blob, off the main thread where the page allows a worker. */
export async function encryptBlobForDestination(jwk: DestinationJwk, blob: Blob): Promise<Blob> {
  assertEncryptionKey(jwk);
  const w = await sealWorker();
  return (
    w ? w.post('encrypt', blob, jwk) : sealBytes('encrypt', new Uint8Array(await blob.arrayBuffer()), jwk, true)
  ) as Promise<Blob>;
}

/** The same on the main thread, in slices with pauses: the path taken where no worker can start. */
export async function encryptLargeForDestination(jwk: DestinationJwk, plaintext: Uint8Array): Promise<Blob> {
  assertEncryptionKey(jwk);
  return sealBytes('encrypt', plaintext, jwk, true) as Promise<Blob>;
}
