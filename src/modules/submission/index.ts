// Submission building block (FIT-Connect): no side effects on import, safe to load lazily.
export { sha512Hex } from './hash.js';
export {
  buildSubmissionMetadata,
  validateSubmissionMetadata,
  METADATA_SCHEMA_URI,
  LEIKA_URN_PREFIX,
  type SubmissionMetadata,
  type SubmissionMetadataInput,
  type AttachmentInput,
  type AuthenticationInformation,
  type ReplyChannel,
  type MetadataAttachment,
  type MetadataValidationResult,
  type AttachmentPurpose,
  type PaymentInformation,
} from './metadata.js';
export { encryptForDestination, assertEncryptionKey, EncryptionKeyError, type DestinationJwk } from './crypto.js';
export {
  SubmissionClient,
  GatewayError,
  createIdempotencyKey,
  type SubmissionClientOptions,
  type SubmissionState,
  type EncryptedSubmission,
  type DestinationInfo,
  type Problem,
} from './client.js';
export { prepareSubmission, type PrepareInput } from './package.js';
export { nonceFor } from './application.js';
