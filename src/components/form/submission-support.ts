import type { EncryptedSubmission, ReplyChannel, SubmissionState } from '../../modules/submission/index.js';
import { childPointer } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';
import type { ObjectNode } from '../../schemas/types.js';
import type { ReceiptPayment } from './receipt.js';
import { SUBMISSION_RECORD_PREFIX } from './submission-record.js';

/** What is kept in localStorage per form while sending and after: ciphertext and ids, never answers. */
export interface SubmissionRecord {
  v: 1;
  /** Everything encrypted for the destination; kept until the authority has accepted the
   * submission (FIT-Connect: the sender keeps the content until then, so it can be sent again
   * without typing it again), then dropped. */
  package?: EncryptedSubmission;
  state: SubmissionState;
  /** The files behind the package's attachments (ids, names, sizes; no bytes): their ciphertext is
   * made from the draft's stored files at upload, since localStorage cannot hold it. */
  files?: { attachmentId: string; filename: string; size: number }[];
  /** When the gateway confirmed the send (ISO). */
  submittedAt?: string;
  /** The fee paid before sending (Kassenzeichen and amount), for the receipt. */
  payment?: ReceiptPayment;
}

export function readRecord(formId: string): SubmissionRecord | undefined {
  try {
    const raw = localStorage.getItem(SUBMISSION_RECORD_PREFIX + formId);
    const record = raw ? (JSON.parse(raw) as SubmissionRecord) : undefined;
    return record?.v === 1 && typeof record.state?.idempotencyKey === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

export function writeRecord(formId: string, record: SubmissionRecord): void {
  try {
    localStorage.setItem(SUBMISSION_RECORD_PREFIX + formId, JSON.stringify(record));
  } catch {
    /* storage disabled or full: the submission still goes out, it just cannot resume after a reload */
  }
}

export function forgetRecord(formId: string): void {
  try {
    localStorage.removeItem(SUBMISSION_RECORD_PREFIX + formId);
  } catch {
    /* storage disabled */
  }
}

/** A placeholder origin the clients build their URLs on; gatewayFetch() maps them onto `gateway`. */
export const STAND_IN_BASE = 'https://gateway.invalid/';

/** The submission and return-channel clients address `<baseUrl>/gateway/v1/…`; the `gateway`
 * attribute names the API itself, which a deployment may put under any path, so their requests
 * are mapped onto it. */
export function gatewayUrl(gateway: string, url: string): URL | undefined {
  const api = new URL(gateway.replace(/\/?$/, '/'), document.baseURI);
  const prefix = `${STAND_IN_BASE}gateway/v1/`;
  return url.startsWith(prefix) ? new URL(url.slice(prefix.length), api) : undefined;
}

export function gatewayFetch(gateway: string): typeof fetch {
  return (input, init) => fetch(gatewayUrl(gateway, input instanceof Request ? input.url : String(input)) ?? input, init);
}

/** The account's mailbox (BundID Postfach) when logged in and the destination accepts it; else eMail
 * with the address from the form when the destination accepts that; otherwise none (answer by post). */
export function replyChannelFor(store: FormStore, accepted: Record<string, unknown>, mailboxUuid?: string): ReplyChannel | undefined {
  if (mailboxUuid && accepted && 'idBundDeMailbox' in accepted) return { idBundDeMailbox: { mailboxUuid } };
  if (!accepted || !('eMail' in accepted)) return undefined;
  const find = (node: ObjectNode, pointer: string): string | undefined => {
    for (const child of store.visibleChildren(node, pointer)) {
      const p = childPointer(pointer, child.key);
      if (!store.isShown(p)) continue;
      if (child.kind === 'email' || (child.kind !== 'object' && child.kind !== 'array' && child.schema.format === 'email')) {
        const value = store.value(p);
        if (typeof value === 'string' && value.trim()) return value.trim();
      } else if (child.kind === 'object') {
        const found = find(child, p);
        if (found) return found;
      }
    }
    return undefined;
  };
  const address = find(store.model.root, '');
  return address ? { eMail: { address } } : undefined;
}
