// Uploads building block (Nachweise): no side effects on import, loaded only by forms with file questions.
export {
  detectType,
  typeAccepted,
  acceptAttribute,
  typeLabel,
  FILE_TYPES,
  SNIFF_BYTES,
  type FileType,
} from './file-types.js';
export {
  checkCandidate,
  collectFiles,
  describeRules,
  fileRules,
  isFileRef,
  safeFileName,
  type Candidate,
  type FileRef,
  type FileRules,
  type Verdict,
} from './checks.js';
export {
  fileStore,
  setFileStore,
  IndexedDbFileStore,
  MemoryFileStore,
  type FileStore,
  type StoredFile,
} from './upload-store.js';
export { sweepOtherForms, ORPHAN_AFTER_MS } from './file-sweep.js';
export { putWithProgress } from './upload-request.js';
export {
  encryptLargeForDestination,
  encryptBlobForDestination,
  sha512HexOfBlob,
  base64UrlBytes,
} from './upload-jwe.js';
export { describeAttachments, encryptStoredFile, MissingFileError } from './upload-attachments.js';
export { UploadProgress, type FileProgress, type FileProgressState } from './upload-progress.js';
export { formatSize, typeList, ut, type UploadTextKey } from './upload-texts.js';
