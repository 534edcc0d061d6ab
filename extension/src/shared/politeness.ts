// How hard OrderWatch may hit AliExpress and Cainiao. "Track all" for N orders therefore takes
// at least about N / MAX_REQUESTS_PER_SECOND seconds; the bench compares against that bound.

/** At most this many requests in flight at once. */
export const MAX_CONCURRENCY = 2;
/** At most this many request starts per second (a sliding window). */
export const MAX_REQUESTS_PER_SECOND = 4;
/**
 * A start stays counted for a second after it began, and for RATE_TAIL_MS after its answer
 * arrived. The second rule is what makes the limit hold where it matters, at the server: a
 * request may leave the browser later than it was started (a busy machine, a new connection),
 * but never after its answer arrived. So no four requests can reach the server within
 * RATE_TAIL_MS of each other, whatever the network did.
 */
export const WINDOW_MS = 1000;
export const RATE_TAIL_MS = 950;
/** Tries per request for network errors, HTTP 5xx and 429. */
export const MAX_TRIES = 3;
/** First back-off; doubled on every further try, with up to 20 % jitter. */
export const BACKOFF_MS = 500;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * Limiter hands out permission to start a request: never more than `concurrency` running and
 * never more than `perSecond` counted starts (see WINDOW_MS and RATE_TAIL_MS).
 */
export class Limiter {
  private running = 0;
  private slots: { start: number; end: number | null }[] = [];
  private waiters: (() => void)[] = [];

  constructor(private concurrency = MAX_CONCURRENCY, private perSecond = MAX_REQUESTS_PER_SECOND, private clock: Clock = realClock) {}

  /** run waits for a slot, then runs fn. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      return await fn();
    } finally {
      slot.end = this.clock.now();
      this.running--;
      for (const w of this.waiters.splice(0)) w();
    }
  }

  private counted(now: number): number {
    this.slots = this.slots.filter((s) => s.end === null || Math.max(s.start + WINDOW_MS, s.end + RATE_TAIL_MS) > now);
    return this.slots.length;
  }

  private async acquire(): Promise<{ start: number; end: number | null }> {
    for (;;) {
      const now = this.clock.now();
      if (this.running < this.concurrency && this.counted(now) < this.perSecond) {
        this.running++;
        const slot = { start: now, end: null };
        this.slots.push(slot);
        return slot;
      }
      if (this.running >= this.concurrency || this.slots.every((s) => s.end === null)) {
        // Wait for a request to finish.
        await new Promise<void>((r) => this.waiters.push(r));
        continue;
      }
      const expiry = Math.min(...this.slots.filter((s) => s.end !== null).map((s) => Math.max(s.start + WINDOW_MS, (s.end as number) + RATE_TAIL_MS)));
      await this.clock.sleep(Math.max(1, expiry - now));
    }
  }
}

/** Retryable marks a failure worth trying again (network, 5xx, 429). */
export class Retryable extends Error {}

/** withRetries runs fn up to MAX_TRIES times with exponential back-off on Retryable errors. */
export async function withRetries<T>(fn: () => Promise<T>, clock: Clock = realClock, tries = MAX_TRIES, shouldStop: () => boolean = () => false): Promise<T> {
  let delay = BACKOFF_MS;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof Retryable) || i >= tries || shouldStop()) throw err;
      await clock.sleep(delay + Math.floor(Math.random() * delay * 0.2));
      delay *= 2;
    }
  }
}
