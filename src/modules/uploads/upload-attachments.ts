import type { DestinationJwk } from '../submission/crypto.js';
import type { AttachmentInput } from '../submission/metadata.js';
import type { FileRef } from './checks.js';
import { encryptBlobForDestination, sha512HexOfBlob } from './upload-jwe.js';
import { fileStore, type FileStore } from './upload-store.js';

/** A chosen file that is no longer in the browser's storage (cleared by the person or the browser). */
export class MissingFileError extends Error {
  override name = 'MissingFileError';
  constructor(readonly filename: string) {
    super(`the file ${filename} is no longer stored in this browser`);
  }
}

async function blobOf(
  store: FileStore,
  formId: string,
  ref: Pick<FileRef, 'attachmentId' | 'filename'>,
): Promise<Blob> {
  const stored = await store.get(formId, ref.attachmentId);
  if (!stored) throw new MissingFileError(ref.filename);
  return stored.blob;
}

/**
 * The metadata entries of the chosen files: SHA-512 of each file's bytes, filename, mimeType (the
 * type found by content), purpose "attachment" and the question as description. The files are hashed
 * one at a time (in a worker where the page allows one); encryption happens per file at upload (`encryptStoredFile`).
 */
export async function describeAttachments(
  formId: string,
  files: { ref: FileRef; question: string }[],
  store: FileStore = fileStore(),
): Promise<AttachmentInput[]> {
  const out: AttachmentInput[] = [];
  for (const { ref, question } of files) {
    const sha512 = await sha512HexOfBlob(await blobOf(store, formId, ref));
    out.push({
      attachmentId: ref.attachmentId,
      sha512,
      filename: ref.filename,
      mimeType: ref.mimeType,
      purpose: 'attachment',
      description: question.slice(0, 255),
    });
  }
  return out;
}

/** The JWE of one stored file for the destination (same attachment id on every attempt), as a Blob. */
export async function encryptStoredFile(
  key: DestinationJwk,
  formId: string,
  ref: Pick<FileRef, 'attachmentId' | 'filename'>,
  store: FileStore = fileStore(),
): Promise<Blob> {
  return encryptBlobForDestination(key, await blobOf(store, formId, ref));
}
