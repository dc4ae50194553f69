// Return channel building block: status events (verified SETs), messages, Bescheid. No side effects on import.
export { ReturnChannelClient, type CaseMessage, type CaseOverview, type ReturnChannelOptions } from './client.js';
export { verifySet } from './verify.js';
export { paragraphs } from './paragraphs.js';
export {
  statusFromEvents,
  STATUS_LABELS,
  FIT_CONNECT_EVENT_BASE,
  type CaseStatus,
  type VerifiedEvent,
} from './status.js';
