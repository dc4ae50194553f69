import type { CaseStatus, VerifiedEvent } from '../../modules/return-channel/status.js';

export type StepKey = 'submitted' | 'forwarded' | 'accepted' | 'rejected';

export interface TimelineEntry {
  key: StepKey | 'decision';
  /** When the step was reached (from the signed event); undefined for a step still to come. */
  at?: Date;
  /** The status the case is in now. */
  current: boolean;
}

const STEP_OF_EVENT: Record<string, StepKey> = {
  'submit-submission': 'submitted',
  'forward-submission': 'forwarded',
  'accept-submission': 'accepted',
  'reject-submission': 'rejected',
};
const RANK: Record<StepKey, number> = { submitted: 1, forwarded: 2, accepted: 3, rejected: 3 };

/**
 * The steps a person sees, from verified events only: each step once, at the time it was first
 * reached; steps still to come follow without a date. A later step never falls back to an earlier
 * one (events may arrive out of order); the final decision is the one `status` names.
 */
export function buildTimeline(events: VerifiedEvent[], status: CaseStatus): TimelineEntry[] {
  const reached = new Map<StepKey, Date>();
  for (const e of [...events].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime())) {
    const step = STEP_OF_EVENT[e.event];
    if (step && !reached.has(step)) reached.set(step, e.issuedAt);
  }
  const decision: StepKey | undefined = status === 'accepted' || status === 'rejected' ? status : undefined;
  const top = decision ? RANK[decision] : Math.max(0, ...[...reached.keys()].map((k) => RANK[k]));
  const entries: TimelineEntry[] = [];
  for (const key of ['submitted', 'forwarded'] as const) {
    const at = reached.get(key);
    // A step that was skipped (no event) but lies behind the current one is left out.
    if (at || RANK[key] > top) entries.push({ key, at, current: false });
  }
  entries.push(
    decision ? { key: decision, at: reached.get(decision), current: false } : { key: 'decision', current: false },
  );
  const currentKey: StepKey | undefined =
    decision ?? (status === 'forwarded' || status === 'submitted' ? status : undefined);
  for (const e of entries) e.current = e.key === currentKey && e.at !== undefined;
  return entries;
}

/** What went wrong when talking to the gateway, as the person needs to know it. */
export type LoadProblem = 'not-found' | 'network' | 'failed';

export function classifyError(error: unknown): LoadProblem {
  const status = /return channel: (\d{3})/.exec(error instanceof Error ? error.message : '')?.[1];
  if (status === '404' || status === '401' || status === '403') return 'not-found';
  if (!status && error instanceof TypeError) return 'network'; // fetch() rejects with TypeError offline
  if (status && (Number(status) >= 500 || status === '429')) return 'network';
  return 'failed';
}
