/** Time as the login's expiry timer sees it; tests pass a fake one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long before the login runs out the person is warned (WCAG 2.2.1: at least 20 s to act). */
export const WARN_BEFORE_MS = 5 * 60_000;

export type ExpiryState = 'valid' | 'warning' | 'expired';

export function expiryState(expiresAt: number, now: number, warnBefore = WARN_BEFORE_MS): ExpiryState {
  if (now >= expiresAt) return 'expired';
  return now >= expiresAt - warnBefore ? 'warning' : 'valid';
}

/**
 * Watches when a login runs out: calls `onChange` once when the warning time comes and once at
 * expiry. A timer that fires early or late (a sleeping laptop, a throttled background tab) is checked
 * against the clock; `check()` re-reads it (call it when the page becomes visible again).
 */
export class ExpiryTimer {
  private handle?: unknown;
  private expiresAt?: number;
  private reported: ExpiryState = 'valid';

  constructor(
    private readonly onChange: (state: ExpiryState) => void,
    private readonly clock: Clock = systemClock,
    readonly warnBefore = WARN_BEFORE_MS,
  ) {}

  watch(expiresAt: number): void {
    this.stop();
    this.expiresAt = expiresAt;
    this.reported = 'valid';
    this.check();
  }

  stop(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.expiresAt = undefined;
  }

  check(): void {
    const expiresAt = this.expiresAt;
    if (expiresAt === undefined) return;
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    const now = this.clock.now();
    const state = expiryState(expiresAt, now, this.warnBefore);
    if (state !== this.reported) {
      this.reported = state;
      this.onChange(state);
    }
    if (state === 'expired' || this.expiresAt !== expiresAt) return;
    const next = state === 'valid' ? expiresAt - this.warnBefore : expiresAt;
    this.handle = this.clock.setTimeout(() => this.check(), Math.max(0, next - now));
  }
}
