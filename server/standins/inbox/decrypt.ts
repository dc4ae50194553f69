import { createHash, type KeyObject } from 'node:crypto';
import { compactDecrypt } from 'jose';

export interface AttachmentInfo {
  attachmentId: string;
  filename?: string;
  mimeType?: string;
  purpose?: string;
  description?: string;
  size?: number;
  hashOk: boolean;
}

export type DecryptedSubmission =
  | {
      state: 'ok';
      metadata: Record<string, unknown>;
      data: unknown;
      dataHashOk: boolean;
      attachments: AttachmentInfo[];
    }
  | { state: 'undecryptable'; reason: string };

export async function decryptJwe(jwe: string, key: KeyObject): Promise<Uint8Array> {
  const { plaintext, protectedHeader } = await compactDecrypt(jwe, key, {
    keyManagementAlgorithms: ['RSA-OAEP-256'],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  void protectedHeader;
  return plaintext;
}

export const sha512Hex = (b: Uint8Array): string => createHash('sha512').update(b).digest('hex');

interface MetaAttachment {
  attachmentId?: string;
  hash?: { content?: string };
  filename?: string;
  mimeType?: string;
  purpose?: string;
  description?: string;
}

/**
 * Decrypts metadata, data and attachments with the authority's private key and checks the SHA-512
 * hashes announced in the metadata. Never throws: anything that does not decrypt is 'undecryptable'.
 */
export async function decryptSubmission(p: {
  encryptedMetadata: string | null;
  encryptedData: string | null;
  attachments: Map<string, string>;
  key: KeyObject;
}): Promise<DecryptedSubmission & { plainAttachments?: Map<string, Uint8Array> }> {
  let part = 'metadata';
  try {
    if (!p.encryptedMetadata) return { state: 'undecryptable', reason: 'no metadata' };
    const metadata = JSON.parse(new TextDecoder().decode(await decryptJwe(p.encryptedMetadata, p.key))) as Record<
      string,
      unknown
    >;
    part = 'data';
    const dataBytes = p.encryptedData ? await decryptJwe(p.encryptedData, p.key) : new Uint8Array();
    const data: unknown = dataBytes.length ? JSON.parse(new TextDecoder().decode(dataBytes)) : null;
    const cs = (metadata.contentStructure ?? {}) as {
      data?: { hash?: { content?: string } };
      attachments?: MetaAttachment[];
    };
    const dataHashOk = cs.data?.hash?.content === sha512Hex(dataBytes);
    const plainAttachments = new Map<string, Uint8Array>();
    const attachments: AttachmentInfo[] = [];
    for (const [id, jwe] of p.attachments) {
      part = `attachment ${id}`;
      const bytes = await decryptJwe(jwe, p.key);
      plainAttachments.set(id, bytes);
      const m = cs.attachments?.find((a) => a.attachmentId === id);
      attachments.push({
        attachmentId: id,
        filename: m?.filename,
        mimeType: m?.mimeType,
        purpose: m?.purpose,
        description: m?.description,
        size: bytes.length,
        hashOk: m?.hash?.content === sha512Hex(bytes),
      });
    }
    // In the order the metadata lists them (the order the applicant chose them), not storage order.
    const order = (id: string) => cs.attachments?.findIndex((a) => a.attachmentId === id) ?? -1;
    attachments.sort((a, b) => order(a.attachmentId) - order(b.attachmentId));
    return { state: 'ok', metadata, data, dataHashOk, attachments, plainAttachments };
  } catch (e) {
    return { state: 'undecryptable', reason: `${part}: ${e instanceof Error ? e.message : 'cannot decrypt'}` };
  }
}
