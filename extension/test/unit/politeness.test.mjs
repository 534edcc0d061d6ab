// The politeness limits: concurrency, starts per second as a server would see them, back-off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const p = await load("shared/politeness.ts");

/**
 * A virtual clock: sleep(ms) resolves when the simulation reaches now+ms. The driver advances
 * time to the next timer whenever every task is waiting, so the test is exact and needs no
 * real waiting.
 */
function virtualClock() {
  let now = 0;
  const timers = [];
  const clock = {
    now: () => now,
    sleep: (ms) => new Promise((resolve) => timers.push({ at: now + Math.max(0, ms), resolve })),
  };
  async function runUntil(done) {
    while (!done()) {
      await new Promise((r) => setImmediate(r)); // let every runnable task run
      if (done()) break;
      timers.sort((a, b) => a.at - b.at);
      const t = timers.shift();
      if (!t) throw new Error("deadlock: nothing to wait for");
      now = Math.max(now, t.at);
      t.resolve();
    }
  }
  return { clock, runUntil };
}

test("the limiter keeps ≤ 2 in flight, ≤ 4 starts per second, and waits RATE_TAIL_MS after an answer", async () => {
  const { clock, runUntil } = virtualClock();
  const lim = new p.Limiter(p.MAX_CONCURRENCY, p.MAX_REQUESTS_PER_SECOND, clock);
  const log = [];
  let inFlight = 0;
  let maxInFlight = 0;
  // Uneven latencies, like a real network, some longer than the window.
  const latency = [40, 5, 120, 10, 60, 5, 5, 900, 30, 5, 1300, 15, 0, 0, 250, 7];
  let finished = 0;
  latency.forEach((ms, i) => void lim.run(async () => {
    const start = clock.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await clock.sleep(ms);
    inFlight--;
    log.push({ i, start, end: clock.now() });
  }).then(() => finished++));
  await runUntil(() => finished === latency.length);
  assert.ok(maxInFlight <= p.MAX_CONCURRENCY, `max in flight ${maxInFlight}`);
  // For each start, the earlier requests still counted then (started less than WINDOW_MS ago,
  // or answered less than RATE_TAIL_MS ago) must be fewer than the per-second limit.
  for (const b of log) {
    const counted = log.filter((a) => a !== b && a.start <= b.start && (b.start - a.start < p.WINDOW_MS || b.start - a.end < p.RATE_TAIL_MS));
    assert.ok(counted.length < p.MAX_REQUESTS_PER_SECOND, `request ${b.i} started at ${b.start} with ${counted.length} others counted: ${JSON.stringify(counted)}`);
  }
  // And it is not slower than it must be: 16 quick requests need about 3 windows, not 16 s.
  const last = Math.max(...log.map((l) => l.start));
  assert.ok(last < 6000, `last start at ${last} ms`);
});

test("withRetries backs off exponentially on Retryable errors only", async () => {
  const slept = [];
  const clock = { now: () => 0, sleep: async (ms) => void slept.push(ms) };
  let calls = 0;
  const v = await p.withRetries(async () => {
    if (++calls < 3) throw new p.Retryable("503");
    return "ok";
  }, clock);
  assert.equal(v, "ok");
  assert.equal(calls, 3);
  assert.equal(slept.length, 2);
  assert.ok(slept[0] >= p.BACKOFF_MS && slept[0] <= p.BACKOFF_MS * 1.2, `first back-off ${slept[0]}`);
  assert.ok(slept[1] >= 2 * p.BACKOFF_MS && slept[1] <= 2 * p.BACKOFF_MS * 1.2, `second back-off ${slept[1]}`);
  calls = 0;
  await assert.rejects(p.withRetries(async () => {
    calls++;
    throw new Error("not retryable");
  }, clock), /not retryable/);
  assert.equal(calls, 1);
  calls = 0;
  await assert.rejects(p.withRetries(async () => {
    calls++;
    throw new p.Retryable("down");
  }, clock), /down/);
  assert.equal(calls, p.MAX_TRIES);
});
