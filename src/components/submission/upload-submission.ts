import { html, nothing } from 'lit';
import {
  collectFiles,
  describeAttachments,
  encryptStoredFile,
  MissingFileError,
  putWithProgress,
  UploadProgress,
  ut,
} from '../../modules/uploads/index.js';
import type { AttachmentInput, DestinationJwk, SubmissionClientOptions } from '../../modules/submission/index.js';
import type { Answers } from '../../schemas/data.js';
import type { FormStore } from '../../schemas/store.js';
import type { Lang } from '../../schemas/types.js';

/** What the submission record keeps about the files (no bytes): enough to show progress after a reload. */
export interface UploadFile {
  attachmentId: string;
  filename: string;
  size: number;
}

/** A file of the draft is gone; the message says which, in the person's language. */
export class UploadMissingError extends Error {
  override name = 'UploadMissingError';
}

/**
 * The attachments of a confirmed form: the chosen files of the shown file questions (`data` is the
 * submitted answers, so files of hidden questions stay out), hashed for the metadata.
 */
export async function planUploads(
  store: FormStore,
  data: Answers,
  lang: Lang,
): Promise<{ attachments: AttachmentInput[]; files: UploadFile[] }> {
  const chosen = collectFiles(store.model.root, data).map(({ ref, node }) => ({ ref, question: store.label(node) }));
  try {
    const attachments = await describeAttachments(store.model.id, chosen);
    return {
      attachments,
      files: chosen.map(({ ref }) => ({ attachmentId: ref.attachmentId, filename: ref.filename, size: ref.size })),
    };
  } catch (error) {
    if (error instanceof MissingFileError) throw new UploadMissingError(ut(lang, 'missing', { name: error.filename }));
    throw error;
  }
}

/**
 * The client hooks that send the files: each is read from the browser's storage and encrypted right
 * before its upload (never all at once), then sent with XMLHttpRequest for byte progress. A failed
 * upload starts that file again under the same attachment id; files the gateway has are skipped.
 */
export function uploadHooks(opts: {
  formId: string;
  key: DestinationJwk;
  files: UploadFile[];
  progress: UploadProgress;
}): Pick<SubmissionClientOptions, 'loadAttachment' | 'uploadAttachment'> {
  const { progress } = opts;
  return {
    loadAttachment: async (attachmentId) => {
      const file = opts.files.find((f) => f.attachmentId === attachmentId);
      progress.encrypting(attachmentId);
      return encryptStoredFile(opts.key, opts.formId, { attachmentId, filename: file?.filename ?? attachmentId });
    },
    uploadAttachment: async (url, init, attachmentId) => {
      try {
        const res = await putWithProgress(url, init, (sent, total) => progress.uploading(attachmentId, sent, total));
        if (res.ok) progress.done(attachmentId);
        else progress.reset(attachmentId);
        return res;
      } catch (error) {
        progress.reset(attachmentId);
        throw error;
      }
    },
  };
}

export function createProgress(
  files: UploadFile[],
  sent: string[],
  lang: () => Lang,
  onChange: () => void,
  announce: (message: string) => void,
): UploadProgress {
  return new UploadProgress(files, sent, (done) => {
    onChange();
    if (done) announce(`${done.filename}: ${ut(lang(), 'uploaded')}`);
  });
}

const percent = (fraction: number) => Math.floor(fraction * 100);

/** A progress bar per file and one for all, for the sending view. Screen readers hear each finished
 * file (the caller's live region), not every percent. */
export function renderUploadProgress(progress: UploadProgress | undefined, lang: Lang) {
  if (!progress || progress.files.length === 0) return nothing;
  const all = progress.overall;
  const state = (s: string) =>
    s === 'encrypting'
      ? ut(lang, 'encrypting')
      : s === 'done'
        ? ut(lang, 'uploaded')
        : s === 'waiting'
          ? ut(lang, 'waiting')
          : '';
  return html`<div class="upload-progress" part="upload-progress">
    <h4>${ut(lang, 'uploading')}</h4>
    <ul class="upload-files">
      ${progress.files.map(
        (f) =>
          html`<li>
            <label
              >${ut(lang, 'uploadFile', { name: f.filename, percent: percent(f.fraction) })} ${state(f.state)}<progress
                max="100"
                .value=${percent(f.fraction)}
              ></progress
            ></label>
          </li>`,
      )}
    </ul>
    <label class="upload-total"
      >${ut(lang, 'uploadTotal', { percent: percent(all.fraction), done: all.done, total: all.total })}<progress
        max="100"
        .value=${percent(all.fraction)}
      ></progress
    ></label>
  </div>`;
}
