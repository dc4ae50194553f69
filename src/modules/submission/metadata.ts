import { SchemaInterpreter } from '../../schemas/interpret.js';
import type { JsonSchema } from '../../schemas/types.js';
import metadataSchema from './metadata.schema.json' with { type: 'json' };
import { sha512Hex } from './hash.js';

export const METADATA_SCHEMA_URI = 'https://schema.fitko.de/fit-connect/metadata/1.2.0/metadata.schema.json';
export const LEIKA_URN_PREFIX = 'urn:de:fim:leika:leistung:';

export interface Sha512Hash {
  type: 'sha512';
  content: string;
}
export type AttachmentPurpose = 'form' | 'attachment' | 'report';

/** Reply channel as FIT-Connect metadata names it; exactly one, and one the destination offers. */
export type ReplyChannel =
  | { eMail: { address: string; pgpPublicKey?: string } }
  | { deMail: { address: string } }
  | { elster: { accountId: string } }
  | { fitConnect: { processStandards: string[] } }
  | { idBundDeMailbox: { mailboxUuid: string } };

/** Proof of the login the person applied with; `identificationReport` carries the account
 * provider's signed token, which the receiver verifies against the provider's keys. */
export interface AuthenticationInformation {
  type: string;
  version: string;
  content: string;
}

export interface MetadataAttachment {
  attachmentId: string;
  hash: Sha512Hash;
  mimeType: string;
  purpose: AttachmentPurpose;
  filename?: string;
  description?: string;
}

export interface SubmissionMetadata {
  $schema: string;
  contentStructure: {
    data: { hash: Sha512Hash; submissionSchema: { schemaUri: string; mimeType: 'application/json' } };
    attachments: MetadataAttachment[];
  };
  serviceType: { name?: string; identifier: string };
  /** Deprecated since metadata 1.1.0; still sent for receivers on 1.0. */
  publicServiceType: { name?: string; identifier: string };
  replyChannel?: ReplyChannel;
  authenticationInformation?: AuthenticationInformation[];
  additionalReferenceInfo: { submissionDate: string };
  /** The paid fee (see modules/payment, toMetadataPaymentInformation). */
  paymentInformation?: PaymentInformation;
}

/** FIT-Connect metadata `paymentInformation`. */
export interface PaymentInformation {
  transactionId: string;
  transactionReference: string;
  transactionUrl?: string;
  transactionTimestamp?: string;
  paymentMethod: 'CREDITCARD' | 'GIROPAY' | 'PAYPAL' | 'INVOICE' | 'OTHER';
  paymentMethodDetail?: string;
  status: 'INITIAL' | 'BOOKED' | 'FAILED' | 'CANCELED';
  grossAmount?: number;
}

export interface AttachmentInput {
  attachmentId: string;
  /** The plaintext bytes (hashed here) — or pass `sha512` if already hashed. */
  bytes?: Uint8Array;
  sha512?: string;
  filename?: string;
  mimeType: string;
  purpose?: AttachmentPurpose;
  description?: string;
}

export interface SubmissionMetadataInput {
  /** The Fachdaten exactly as they will be encrypted (serialised JSON text or its bytes). */
  data: string | Uint8Array;
  /** Schema of the Fachdaten, e.g. https://schema.fitko.de/fim/s00000096_1.0.schema.json */
  schemaUri: string;
  /** LeiKa key, 14 digits starting with 99. */
  leika: string;
  serviceName?: string;
  attachments?: AttachmentInput[];
  replyChannel?: ReplyChannel;
  submissionDate?: Date;
  /** Sent only when the person is logged in with a user account. */
  authenticationInformation?: AuthenticationInformation[];
  paymentInformation?: PaymentInformation;
}

/** Local calendar date YYYY-MM-DD. */
function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Builds FIT-Connect metadata 1.x for a submission; hashes data and attachments with SHA-512. */
export async function buildSubmissionMetadata(input: SubmissionMetadataInput): Promise<SubmissionMetadata> {
  if (!/^99\d{12}$/.test(input.leika)) throw new Error(`invalid LeiKa key: ${input.leika}`);
  const service = {
    ...(input.serviceName ? { name: input.serviceName } : {}),
    identifier: LEIKA_URN_PREFIX + input.leika,
  };
  const attachments: MetadataAttachment[] = [];
  for (const a of input.attachments ?? []) {
    if (!a.sha512 && !a.bytes) throw new Error(`attachment ${a.attachmentId}: bytes or sha512 required`);
    attachments.push({
      attachmentId: a.attachmentId,
      hash: { type: 'sha512', content: a.sha512 ?? (await sha512Hex(a.bytes!)) },
      mimeType: a.mimeType,
      purpose: a.purpose ?? 'attachment',
      ...(a.filename ? { filename: a.filename } : {}),
      ...(a.description ? { description: a.description } : {}),
    });
  }
  return {
    $schema: METADATA_SCHEMA_URI,
    contentStructure: {
      data: {
        hash: { type: 'sha512', content: await sha512Hex(input.data) },
        submissionSchema: { schemaUri: input.schemaUri, mimeType: 'application/json' },
      },
      attachments,
    },
    serviceType: service,
    publicServiceType: service,
    ...(input.replyChannel ? { replyChannel: input.replyChannel } : {}),
    ...(input.authenticationInformation?.length ? { authenticationInformation: input.authenticationInformation } : {}),
    additionalReferenceInfo: { submissionDate: isoDate(input.submissionDate ?? new Date()) },
    ...(input.paymentInformation ? { paymentInformation: input.paymentInformation } : {}),
  };
}

let validator: SchemaInterpreter | undefined;

export interface MetadataValidationResult {
  valid: boolean;
  errors: string[];
}

/** Checks metadata against src/modules/submission/metadata.schema.json (with the interpreting
 * validator: no code generation in the browser, so no 'unsafe-eval' in the page's CSP). */
export function validateSubmissionMetadata(metadata: unknown): MetadataValidationResult {
  validator ??= new SchemaInterpreter(metadataSchema as JsonSchema);
  const errors = validator.errorsAt('', metadata);
  return {
    valid: errors.length === 0,
    errors: errors.map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`),
  };
}
