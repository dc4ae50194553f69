import { randomUUID, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import type { Db } from '../../db.js';

export const EVENT_BASE = 'https://schema.fitko.de/fit-connect/events/';
export const SET_SCHEMA = 'https://schema.fitko.de/fit-connect/set-payload/1.0.0/set-payload.schema.json';
export type EventName =
  | 'create-submission'
  | 'submit-submission'
  | 'notify-submission'
  | 'forward-submission'
  | 'accept-submission'
  | 'reject-submission'
  | 'delete-submission';

export interface EventProblem {
  type: string;
  title: string;
  detail?: string;
  instance?: string;
}

export interface SetSigner {
  kid: string;
  privateKey: KeyObject;
}

/** Builds and signs a Security Event Token (RFC 8417) as FIT-Connect does: JWS PS512, typ secevent+jwt. */
export async function signSet(
  signer: SetSigner,
  p: {
    iss: string;
    submissionId: string;
    caseId: string;
    event: EventName;
    details?: Record<string, unknown>;
  },
): Promise<{ jti: string; token: string }> {
  const jti = randomUUID();
  const payload = {
    $schema: SET_SCHEMA,
    jti,
    iss: p.iss,
    iat: Math.floor(Date.now() / 1000),
    sub: `submission:${p.submissionId}`,
    txn: `case:${p.caseId}`,
    events: { [EVENT_BASE + p.event]: p.details ?? {} },
  };
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'PS512', typ: 'secevent+jwt', kid: signer.kid })
    .sign(signer.privateKey);
  return { jti, token };
}

/** Signs and stores an event in the case's event log. */
export async function recordEvent(db: Db, signer: SetSigner, p: Parameters<typeof signSet>[1]): Promise<string> {
  const { jti, token } = await signSet(signer, p);
  db.prepare(
    'INSERT INTO fc_events (jti, case_id, submission_id, event, token, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(jti, p.caseId, p.submissionId, p.event, token, Date.now());
  return token;
}
