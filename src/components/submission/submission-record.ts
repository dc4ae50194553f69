/**
 * What a confirmed application becomes before the first request: the end-to-end encrypted package
 * (FIT-Connect), its idempotency key and the files still to upload, kept as one record so a reload
 * resumes the same submission. Apart from `<ozg-submission>`, which only runs and shows it.
 */
import type { Answers } from '../../schemas/data.js';
import { hasFileQuestion } from '../../schemas/model.js';
import type { SubmissionRecord } from '../../modules/storage/records.js';
import { replyChannelFor } from '../../modules/submission/reply-channel.js';
import type { FormContext } from '../form/context.js';
import type { PaidApplication } from '../payment/ozg-payment.js';

type SubmissionModule = typeof import('../../modules/submission/index.js');

/** Files (Nachweise) are hashed, encrypted and uploaded by code only forms with file questions load. */
export const loadUploads = () => import('./upload-submission.js');

export interface RecordInput {
  mod: SubmissionModule;
  ctx: FormContext;
  /** The destination's public encryption key (JWK) and the reply channels it accepts. */
  destination: Awaited<ReturnType<InstanceType<SubmissionModule['SubmissionClient']>['getDestination']>>;
  leika: string;
  data: Answers;
  payment?: PaidApplication['payment'];
}

/** Encrypts the answers (and plans the uploads of their files) into a record not yet sent. */
export async function prepareRecord({
  mod,
  ctx,
  destination,
  leika,
  data,
  payment,
}: RecordInput): Promise<SubmissionRecord> {
  const { store } = ctx;
  const definition = store.model.definition;
  const files = hasFileQuestion(store.model.root)
    ? await (await loadUploads()).planUploads(store, data, ctx.lang)
    : undefined;
  const login = ctx.authentication();
  const { encrypted } = await mod.prepareSubmission({
    attachments: files?.attachments,
    encryptionKey: destination.encryptionKey,
    leika,
    serviceName: typeof definition.title === 'string' ? definition.title.slice(0, 255) : undefined,
    // A published form's receiver schema (plain JSON Schema) is what the receiver validates against.
    schemaUri:
      store.model.published?.receiverSchema ?? (typeof definition.$id === 'string' ? definition.$id : store.model.id),
    ...(store.model.published ? { definition: { formId: store.model.id, hash: store.model.published.hash } } : {}),
    data,
    replyChannel: replyChannelFor(store, destination.replyChannels, login?.mailboxUuid),
    submissionDate: new Date(),
    ...(login ? { authenticationInformation: login.authenticationInformation } : {}),
    paymentInformation: payment?.information,
  });
  return {
    v: 1,
    // Other forms' pages remove the record after the days the draft was kept (sweepExpired).
    days: ctx.drafts.storage?.days,
    package: encrypted,
    state: { idempotencyKey: mod.createIdempotencyKey(ctx.drafts.applicationId), sentAttachments: [], sent: false },
    ...(files ? { files: files.files } : {}),
    ...(payment
      ? {
          payment: {
            reference: payment.information.transactionReference,
            total: payment.total,
            ...(payment.key ? { key: payment.key } : {}),
            ...(payment.extra?.length ? { extra: payment.extra } : {}),
          },
        }
      : {}),
  };
}
