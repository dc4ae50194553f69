import { generateKeyPair, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const genKeyPair = promisify(generateKeyPair);

export interface KeyPair {
  kid: string;
  privateKey: KeyObject;
  /** Public JWK incl. kid, alg, key_ops, use. Safe to publish. */
  publicJwk: JsonWebKey & { kid: string; alg: string; key_ops: string[] };
}

export interface StandInKeys {
  /** The destination's encryption key (private half = the authority's, used only by the inbox). */
  encryption: KeyPair;
  /** Signs status events (SETs). */
  signing: KeyPair;
}

async function loadOrCreate(dir: string, name: string, alg: string, keyOps: string[], use: string): Promise<KeyPair> {
  const file = join(dir, `${name}.private.jwk.json`);
  let jwk: JsonWebKey & { kid: string };
  if (existsSync(file)) {
    jwk = JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey & { kid: string };
  } else {
    const { privateKey } = await genKeyPair('rsa', { modulusLength: 4096, publicExponent: 0x10001 });
    jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID() };
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const pub = createPublicKey(privateKey).export({ format: 'jwk' });
  return {
    kid: jwk.kid,
    privateKey,
    publicJwk: { kty: pub.kty, n: pub.n, e: pub.e, kid: jwk.kid, alg, key_ops: keyOps, use },
  };
}

/** Creates the stand-in's RSA-4096 key pairs on first start and keeps them in <dataDir>/fitconnect-keys. */
export async function loadOrCreateKeys(dataDir: string): Promise<StandInKeys> {
  const dir = join(dataDir, 'fitconnect-keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const [encryption, signing] = await Promise.all([
    loadOrCreate(dir, 'encryption', 'RSA-OAEP-256', ['wrapKey'], 'enc'),
    loadOrCreate(dir, 'signing', 'PS512', ['verify'], 'sig'),
  ]);
  return { encryption, signing };
}
