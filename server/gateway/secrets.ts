import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db.js';

/**
 * Case secrets (capability links of the return channel). The secret is an HMAC of the case id under
 * a key kept only by the gateway, so a replayed create (same idempotency key) can hand out the same
 * secret again; the database holds only its SHA-256 hash.
 */
export class CaseSecrets {
  private readonly key: Buffer;

  constructor(db: Db) {
    const row = db.prepare<{ value: string }>('SELECT value FROM gw_meta WHERE key = ?').get('caseSecretKey');
    if (row) this.key = Buffer.from(row.value, 'base64');
    else {
      this.key = randomBytes(32);
      db.prepare('INSERT INTO gw_meta (key, value) VALUES (?, ?)').run('caseSecretKey', this.key.toString('base64'));
    }
  }

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
