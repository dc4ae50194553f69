import { randomUUID } from 'node:crypto';
import type { Db } from '../../db.js';

/** The body of a plain message in the return channel, from the applicant or from the case worker. */
export const MESSAGE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: { type: 'string', minLength: 1, maxLength: 5000 } },
} as const;

/** One entry of a case's return channel (the stand-in's `fc_replies`). */
export interface NewReply {
  caseId: string;
  direction: 'from-applicant' | 'to-applicant';
  kind: 'message' | 'bescheid';
  text: string | null;
  /** A Bescheid's heading. */
  subject?: string;
  /** A Bescheid's document. */
  file?: { filename: string; mimeType: string; content: Uint8Array };
}

/** Writes a message or a Bescheid into a case's return channel; returns its id. */
export function addReply(db: Db, reply: NewReply): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO fc_replies (id, case_id, direction, kind, subject, text, filename, mime_type, content, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    reply.caseId,
    reply.direction,
    reply.kind,
    reply.subject ?? null,
    reply.text,
    reply.file?.filename ?? null,
    reply.file?.mimeType ?? null,
    reply.file ? Buffer.from(reply.file.content) : null,
    Date.now(),
  );
  return id;
}
