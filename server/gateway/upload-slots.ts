import type { IncomingMessage } from 'node:http';
import { HttpProblem } from '../problem.js';

/** What the slots need to know of the configuration (GatewayConfig). */
export interface UploadSlotLimits {
  maxParallelUploads: number;
  maxParallelUploadsPerClient: number;
  /** The grace time of a new upload before its rate is judged (the body guard's window). */
  uploadIdleSeconds: number;
  minUploadBytesPerSecondWhenFull: number;
}

interface Slot {
  request: IncomingMessage;
  started: number;
  /** The socket's bytes read when the upload started (a kept-alive connection carried others before). */
  bytesAtStart: number;
  release: () => void;
}

/**
 * The uploads streaming at once: at most `maxParallelUploads` in all, `maxParallelUploadsPerClient` of one
 * client address. When all are taken, a new upload takes the slot of the slowest one that has had its
 * grace time and brings less than `minUploadBytesPerSecondWhenFull` on average: that one is ended (its
 * connection closed; the widget sends it again). So uploads that trickle a few KiB a second, which the
 * body guard's least rate lets through, cannot keep every citizen's files out; four addresses with two
 * slow uploads each did. Without such a slot the new upload gets 503 with Retry-After, as before.
 */
export class UploadSlots {
  private readonly slots = new Set<Slot>();
  private readonly perClient = new Map<string, number>();

  constructor(
    private readonly limits: UploadSlotLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a slot for `request`, or throws 429 (this client has its share) or 503 (all taken, none slow).
   * The slot is given back when the request closes, or by calling the returned function. */
  take(client: string, request: IncomingMessage, onEvicted?: (rate: number) => void): () => void {
    if ((this.perClient.get(client) ?? 0) >= this.limits.maxParallelUploadsPerClient) {
      throw new HttpProblem(
        429,
        'Too Many Requests',
        'too many uploads at once from this client; send one after the other',
        { code: 'RATE_LIMITED', retryAfter: 5 },
      );
    }
    if (this.slots.size >= this.limits.maxParallelUploads && !this.evictSlowest(onEvicted)) {
      throw new HttpProblem(503, 'Service Unavailable', 'too many uploads at once; try again shortly', {
        retryAfter: 5,
      });
    }
    let released = false;
    const slot: Slot = {
      request,
      started: this.now(),
      bytesAtStart: request.socket.bytesRead,
      release: () => {
        if (released) return;
        released = true;
        this.slots.delete(slot);
        const left = (this.perClient.get(client) ?? 1) - 1;
        if (left > 0) this.perClient.set(client, left);
        else this.perClient.delete(client);
      },
    };
    this.slots.add(slot);
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    request.once('close', slot.release);
    return slot.release;
  }

  /** Uploads streaming now. */
  get size(): number {
    return this.slots.size;
  }

  /** Ends the slowest upload under the least rate that has had its grace time; whether there was one. */
  private evictSlowest(onEvicted?: (rate: number) => void): boolean {
    const least = this.limits.minUploadBytesPerSecondWhenFull;
    if (!(least > 0)) return false;
    const now = this.now();
    let slowest: { slot: Slot; rate: number } | undefined;
    for (const slot of this.slots) {
      const seconds = (now - slot.started) / 1000;
      if (seconds < this.limits.uploadIdleSeconds) continue;
      const rate = (slot.request.socket.bytesRead - slot.bytesAtStart) / seconds;
      if (rate < least && (!slowest || rate < slowest.rate)) slowest = { slot, rate };
    }
    if (!slowest) return false;
    slowest.slot.release();
    onEvicted?.(slowest.rate);
    slowest.slot.request.destroy(
      // With Retry-After: load, not a fault (problem.ts logs it as a warning).
      new HttpProblem(503, 'Service Unavailable', 'the upload was too slow while others were waiting', {
        retryAfter: 5,
      }),
    );
    return true;
  }
}
