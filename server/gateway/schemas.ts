/** JSON schemas of the gateway's browser-facing API (validated by Fastify/Ajv before any handler runs). */
export const UUID_V4 = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
export const LEIKA = '^99[0-9]{12}$';
export const IDEMPOTENCY_KEY = '^[A-Za-z0-9_-]{16,128}$';
export const CASE_SECRET = '^[A-Za-z0-9_-]{20,100}$';

export const createSubmissionBody = (maxAttachments: number) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['idempotencyKey', 'leika', 'announcedAttachments'],
    properties: {
      idempotencyKey: { type: 'string', pattern: IDEMPOTENCY_KEY },
      leika: { type: 'string', pattern: LEIKA },
      serviceName: { type: 'string', minLength: 1, maxLength: 255 },
      /** The payment key, when the application paid under another key than its own idempotency key. */
      paymentKey: { type: 'string', pattern: IDEMPOTENCY_KEY },
      /** The published definition the answers were given in (`$id`) and the SHA-256 the page loaded. */
      formId: { type: 'string', minLength: 1, maxLength: 2000 },
      definitionHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      announcedAttachments: {
        type: 'array',
        maxItems: maxAttachments,
        uniqueItems: true,
        items: { type: 'string', pattern: UUID_V4 },
      },
    },
    dependencies: { definitionHash: ['formId'], formId: ['definitionHash'] },
  }) as const;

export const submissionParams = {
  type: 'object',
  required: ['sid'],
  properties: { sid: { type: 'string', pattern: UUID_V4 } },
} as const;

export const attachmentParams = {
  type: 'object',
  required: ['sid', 'aid'],
  properties: { sid: { type: 'string', pattern: UUID_V4 }, aid: { type: 'string', pattern: UUID_V4 } },
} as const;

export const sendBody = {
  type: 'object',
  additionalProperties: false,
  required: ['encryptedMetadata', 'encryptedData'],
  properties: {
    encryptedMetadata: { type: 'string', minLength: 776 },
    encryptedData: { type: 'string', minLength: 776 },
  },
} as const;

export const caseParams = {
  type: 'object',
  required: ['caseId'],
  properties: { caseId: { type: 'string', pattern: UUID_V4 } },
} as const;

export const caseMessageParams = {
  type: 'object',
  required: ['caseId', 'mid'],
  properties: { caseId: { type: 'string', pattern: UUID_V4 }, mid: { type: 'string', pattern: UUID_V4 } },
} as const;

export const secretQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    secret: { type: 'string', pattern: CASE_SECRET },
    offset: { type: 'string', pattern: '^[0-9]{1,7}$' },
    limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
  },
} as const;

export const applicantMessageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: { type: 'string', minLength: 1, maxLength: 5000 } },
} as const;
