/**
 * Runs work one at a time per key (an application's idempotency key, a submission id): a second request for
 * the same key waits for the first and then sees what it left, so two concurrent retries or double clicks
 * cannot create, pay or send an application twice. Different keys run in parallel.
 */
export class KeyedQueue {
  private readonly running = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.running.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.running.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.running.get(key) === mine) this.running.delete(key);
    }
  }
}

const plain = (v: unknown): v is object =>
  Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype);

/**
 * How deep a parsed JSON value nests (a scalar: 0). Only plain objects and arrays count, so a body that
 * is a stream (uploads) is 0. Stops counting past `max`, without recursion.
 */
export function nestingDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!plain(v)) continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > max) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * A value the gateway fetches from FIT-Connect for every browser (the destination's key, the signing
 * keys): kept for `keepMs`; callers while it is fetched share that one request, and a failure is kept
 * for `failureMs` (its error thrown again), so that a slow or failing FIT-Connect is not asked again by
 * every anonymous request.
 */
export class Cached<T> {
  private value?: { at: number; value: T };
  private failed?: { at: number; error: unknown };
  private pending?: Promise<T>;

  constructor(
    private readonly fetchValue: () => Promise<T>,
    private readonly keepMs: number,
    private readonly failureMs = 5_000,
    private readonly now = Date.now,
  ) {}

  get(): Promise<T> {
    const now = this.now();
    if (this.value && now - this.value.at < this.keepMs) return Promise.resolve(this.value.value);
    if (this.failed && now - this.failed.at < this.failureMs) return Promise.reject(this.failed.error);
    this.pending ??= this.fetchValue().then(
      (value) => {
        this.value = { at: this.now(), value };
        this.failed = undefined;
        this.pending = undefined;
        return value;
      },
      (error: unknown) => {
        this.failed = { at: this.now(), error };
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }
}

/**
 * Events per key (a client) within a sliding window: `take` records one unless `max` are in the window
 * already. Returns 0 when it was taken, else the ms until the oldest leaves the window.
 */
export class WindowCounter {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
    private readonly now = Date.now,
  ) {}

  take(key: string): number {
    const now = this.now();
    const recent = (this.times.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.times.set(key, recent);
    if (recent.length >= this.max) return recent[0]! + this.windowMs - now;
    recent.push(now);
    return 0;
  }

  /** Forgets the keys with nothing left in the window (call it now and then). */
  sweep(): void {
    const now = this.now();
    for (const [key, times] of this.times) if (times.every((t) => now - t >= this.windowMs)) this.times.delete(key);
  }
}
