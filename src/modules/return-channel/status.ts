export const FIT_CONNECT_EVENT_BASE = 'https://schema.fitko.de/fit-connect/events/';

export type CaseStatus = 'incomplete' | 'submitted' | 'forwarded' | 'accepted' | 'rejected' | 'deleted';

/** A status event whose signature was verified. */
export interface VerifiedEvent {
  jti: string;
  /** Short name, e.g. 'accept-submission'. */
  event: string;
  issuedAt: Date;
  submissionId: string;
  caseId: string;
  issuer: string;
  details: Record<string, unknown>;
}

export const STATUS_LABELS: Record<CaseStatus, { de: string; en: string }> = {
  incomplete: { de: 'unvollständig', en: 'incomplete' },
  submitted: { de: 'eingereicht', en: 'submitted' },
  forwarded: { de: 'weitergeleitet', en: 'forwarded' },
  accepted: { de: 'angenommen', en: 'accepted' },
  rejected: { de: 'abgelehnt', en: 'rejected' },
  deleted: { de: 'gelöscht', en: 'deleted' },
};

const EVENT_STATUS: Record<string, CaseStatus> = {
  'create-submission': 'incomplete',
  'submit-submission': 'submitted',
  'notify-submission': 'submitted',
  'forward-submission': 'forwarded',
  'accept-submission': 'accepted',
  'reject-submission': 'rejected',
  'delete-submission': 'deleted',
};

const RANK: Record<CaseStatus, number> = {
  incomplete: 0,
  submitted: 1,
  forwarded: 2,
  accepted: 3,
  rejected: 3,
  deleted: 4,
};

/**
 * The status a person sees, from verified events. Events can arrive out of order; a later stage never
 * falls back to an earlier one, and among final events the newest wins.
 */
export function statusFromEvents(events: VerifiedEvent[]): { status: CaseStatus; since?: Date; problems: unknown[] } {
  let status: CaseStatus = 'incomplete';
  let since: Date | undefined;
  let problems: unknown[] = [];
  const sorted = [...events].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
  for (const e of sorted) {
    const s = EVENT_STATUS[e.event];
    if (!s || RANK[s] < RANK[status]) continue;
    status = s;
    since = e.issuedAt;
    problems = Array.isArray(e.details.problems) ? e.details.problems : [];
  }
  return { status, since, problems };
}
