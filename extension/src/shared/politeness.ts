// How hard OrderWatch may hit AliExpress and Cainiao. "Track all" for N orders therefore takes
// at least about N / MAX_REQUESTS_PER_SECOND seconds; the bench compares against that bound.

/** At most this many requests in flight at once. */
export const MAX_CONCURRENCY = 2;
/** At most this many request starts per second (a sliding window). */
export const MAX_REQUESTS_PER_SECOND = 4;
/**
 * The rate window. A little over a second: a request leaves the browser a few milliseconds
 * after it is started, and the server must never see more than MAX_REQUESTS_PER_SECOND
 * arrive within any one second.
 */
export const WINDOW_MS = 1050;
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
 * never more than `perSecond` starts within any one second.
 */
export class Limiter {
  private running = 0;
  private starts: number[] = [];
  private waiters: (() => void)[] = [];

  constructor(private concurrency = MAX_CONCURRENCY, private perSecond = MAX_REQUESTS_PER_SECOND, private clock: Clock = realClock) {}

  /** run waits for a slot, then runs fn. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiters.shift()?.();
    }
  }

  private async acquire(): Promise<void> {
    while (this.running >= this.concurrency) await new Promise<void>((r) => this.waiters.push(r));
    this.running++;
    for (;;) {
      const now = this.clock.now();
      this.starts = this.starts.filter((t) => now - t < WINDOW_MS);
      if (this.starts.length < this.perSecond) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(WINDOW_MS - (now - this.starts[0]) + 1);
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
