import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const genKeyPair = promisify(generateKeyPair);

export interface IdpKeys {
  /** Private signing JWKs for oidc-provider (RS256 for ID tokens, ES256 as an alternative). */
  jwks: { keys: Array<JsonWebKey & { kid: string; alg: string; use: string }> };
  /** Keys that sign the provider's cookies (first one signs, all verify). */
  cookieKeys: string[];
}

/**
 * Loads the provider's keys from <dataDir>/idp-keys/keys.json or creates them on first start
 * (mode 0600, folder 0700). The data folder is gitignored; only public keys are ever served (/idp/jwks).
 */
export async function loadOrCreateIdpKeys(dataDir: string): Promise<IdpKeys> {
  const dir = join(dataDir, 'idp-keys');
  const file = join(dir, 'keys.json');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as IdpKeys;
  const [rsa, ec] = await Promise.all([
    genKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }),
    genKeyPair('ec', { namedCurve: 'P-256' }),
  ]);
  const keys: IdpKeys = {
    jwks: {
      keys: [
        { ...rsa.privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' },
        { ...ec.privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' },
      ],
    },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
