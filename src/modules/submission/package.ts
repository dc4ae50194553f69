import { encryptForDestination, type DestinationJwk } from './crypto.js';
import {
  buildSubmissionMetadata,
  validateSubmissionMetadata,
  type AttachmentInput,
  type AuthenticationInformation,
  type PaymentInformation,
  type ReplyChannel,
  type SubmissionMetadata,
} from './metadata.js';
import type { EncryptedSubmission } from './client.js';

export interface PrepareInput {
  encryptionKey: DestinationJwk;
  leika: string;
  serviceName?: string;
  schemaUri: string;
  /** The Fachdaten (answers) as a JSON-serialisable object. */
  data: unknown;
  /** With `bytes` an attachment is encrypted here; with only `sha512` (a large file) it is not: the
   * client asks `loadAttachment` for its ciphertext just before uploading it. */
  attachments?: AttachmentInput[];
  replyChannel?: ReplyChannel;
  submissionDate?: Date;
  /** The login the person applied with (see SubmissionMetadataInput). */
  authenticationInformation?: AuthenticationInformation[];
  paymentInformation?: PaymentInformation;
  /** The published definition the answers were given in (its `$id` and SHA-256); the gateway checks it. */
  definition?: { formId: string; hash: string };
}

/** Builds and validates the metadata, then encrypts metadata, data and attachments in the browser. */
export async function prepareSubmission(
  input: PrepareInput,
): Promise<{ metadata: SubmissionMetadata; encrypted: EncryptedSubmission }> {
  const dataText = JSON.stringify(input.data);
  const metadata = await buildSubmissionMetadata({
    data: dataText,
    schemaUri: input.schemaUri,
    leika: input.leika,
    serviceName: input.serviceName,
    attachments: input.attachments,
    replyChannel: input.replyChannel,
    submissionDate: input.submissionDate,
    authenticationInformation: input.authenticationInformation,
    paymentInformation: input.paymentInformation,
  });
  const check = validateSubmissionMetadata(metadata);
  if (!check.valid) throw new Error(`invalid submission metadata: ${check.errors.join('; ')}`);
  const key = input.encryptionKey;
  const [encryptedMetadata, encryptedData, ...encAttachments] = await Promise.all([
    encryptForDestination(key, JSON.stringify(metadata), { contentType: 'application/json' }),
    encryptForDestination(key, dataText, { contentType: 'application/json' }),
    ...(input.attachments ?? []).map((a) => (a.bytes ? encryptForDestination(key, a.bytes) : undefined)),
  ]);
  return {
    metadata,
    encrypted: {
      leika: input.leika,
      serviceName: input.serviceName,
      ...(input.definition ? { definition: input.definition } : {}),
      encryptedMetadata: encryptedMetadata!,
      encryptedData: encryptedData!,
      attachments: (input.attachments ?? []).map((a, i) => ({
        attachmentId: a.attachmentId,
        ...(encAttachments[i] ? { encrypted: encAttachments[i] } : {}),
      })),
    },
  };
}
