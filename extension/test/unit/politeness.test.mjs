// The politeness limits: concurrency, starts per second as a server would see them, back-off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const p = await load("shared/politeness.ts");

test("the limiter keeps ≤ 2 in flight, ≤ 4 starts per second, and ≥ RATE_TAIL_MS after an answer before a 5th", async () => {
  const lim = new p.Limiter();
  const log = [];
  let inFlight = 0;
  let maxInFlight = 0;
  // Uneven latencies, like a real network.
  const latency = [40, 5, 120, 10, 60, 5, 5, 90, 30, 5, 70, 15];
  await Promise.all(latency.map((ms, i) => lim.run(async () => {
    const start = Date.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight--;
    log.push({ i, start, end: Date.now() });
  })));
  assert.ok(maxInFlight <= p.MAX_CONCURRENCY, `max in flight ${maxInFlight}`);
  // (25 ms of tolerance: a busy event loop runs the measuring code a little late; a broken
  // limiter is off by hundreds.)
  // For each start, the earlier requests still counted then (started less than WINDOW_MS ago,
  // or answered less than RATE_TAIL_MS ago) must be fewer than the per-second limit.
  const k = p.MAX_REQUESTS_PER_SECOND;
  for (const b of log) {
    const counted = log.filter((a) => a !== b && a.start <= b.start && (b.start - a.start < p.WINDOW_MS - 25 || b.start - a.end < p.RATE_TAIL_MS - 25));
    assert.ok(counted.length < k, `request ${b.i} started with ${counted.length} others counted: ${JSON.stringify(counted)}`);
  }
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
