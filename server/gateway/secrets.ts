import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type GatewayConfig } from '../config.js';
import type { Db } from '../db.js';

function decodeKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]+$/i.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length < 32) throw new ConfigError(`${where}: the case-secret key must be at least 32 bytes (base64 or hex)`);
  return key;
}

/**
 * The key from which case secrets are derived: GATEWAY_SECRET_KEY, else the file GATEWAY_SECRET_KEY_FILE,
 * else <dataDir>/gateway-secret.key (created with mode 0600 on first start). Never the database: a
 * copy of the database alone does not let anyone compute a case's secret. A key an older version kept
 * in the database moves to the key file once, so existing case links keep working.
 */
export function loadSecretKey(cfg: GatewayConfig, dataDir: string, db: Db): Buffer {
  if (cfg.secretKey) return decodeKey(cfg.secretKey, 'GATEWAY_SECRET_KEY');
  const file = cfg.secretKeyFile ?? join(dataDir, 'gateway-secret.key');
  const legacy = db.prepare<{ value: string }>('SELECT value FROM gw_meta WHERE key = ?').get('caseSecretKey');
  if (!existsSync(file)) {
    if (cfg.secretKeyFile) throw new ConfigError(`GATEWAY_SECRET_KEY_FILE: ${file} does not exist`);
    writeFileSync(file, (legacy ? Buffer.from(legacy.value, 'base64') : randomBytes(32)).toString('base64'), {
      mode: 0o600,
      flag: 'wx',
    });
  }
  const key = decodeKey(readFileSync(file, 'utf8'), file);
  if (legacy) db.prepare('DELETE FROM gw_meta WHERE key = ?').run('caseSecretKey');
  return key;
}

/**
 * Case secrets (capability links of the return channel). The secret is an HMAC of the case id under
 * a key kept only by the gateway, so a replayed create (same idempotency key) can hand out the same
 * secret again; the database holds only its SHA-256 hash.
 */
export class CaseSecrets {
  constructor(private readonly key: Buffer) {}

  secretFor(caseId: string): string {
    return createHmac('sha256', this.key).update(`case-secret:${caseId}`).digest('base64url');
  }

  static hash(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }

  /** Constant-time comparison of a presented secret with a stored hash. */
  static matches(presented: string, storedHash: string): boolean {
    const a = Buffer.from(CaseSecrets.hash(presented), 'hex');
    const b = Buffer.from(storedHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
