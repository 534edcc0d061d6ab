// A tiny named-check runner: each step has a name and a time limit, its outcome is printed as
// it happens, and the summary line "N passed, N failed" comes last.

export class TimeoutError extends Error {}

/** withTimeout rejects when p does not settle within ms. */
export function withTimeout(p, ms, what) {
  let timer;
  return Promise.race([
    p,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new TimeoutError(`${what}: no result within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** fatal marks an error that poll must not retry. */
export function fatal(message) {
  return Object.assign(new Error(message), { fatal: true });
}

/**
 * poll calls fn until it returns a truthy value (returned) or the time runs out (throws its last
 * state). One call that never settles (a page evaluation whose context went away mid-call) is
 * given up after attemptMs and tried again, so poll keeps its own time limit.
 */
export async function poll(fn, { timeoutMs = 20000, intervalMs = 250, attemptMs = 10000, what = "condition" } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await withTimeout(Promise.resolve().then(fn), Math.max(intervalMs, Math.min(attemptMs, end - Date.now())), `${what} (one attempt)`);
      if (last) return last;
    } catch (err) {
      if (err?.fatal) throw err;
      last = err;
    }
    if (Date.now() > end) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 400);
      throw new TimeoutError(`${what}: not met within ${timeoutMs} ms (last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export class Checks {
  constructor() {
    this.results = [];
    this.started = Date.now();
  }

  /**
   * step runs fn as one named check. A step whose prerequisites failed is reported as failed
   * (blocked), never as passed. Returns fn's value, or undefined when it failed.
   */
  async step(name, fn, { timeoutMs = 60000, needs = [] } = {}) {
    const blocked = needs.filter((n) => !this.passed(n));
    const t0 = Date.now();
    if (blocked.length) {
      this.record(name, false, `blocked: needs ${blocked.join(", ")}`, 0);
      return undefined;
    }
    try {
      const value = await withTimeout(Promise.resolve().then(fn), timeoutMs, name);
      this.record(name, true, typeof value === "string" ? value : "", Date.now() - t0);
      return value;
    } catch (err) {
      this.record(name, false, err?.stack ?? String(err), Date.now() - t0);
      return undefined;
    }
  }

  record(name, ok, detail, ms) {
    this.results.push({ name, ok, detail, ms });
    const head = `${ok ? "ok  " : "FAIL"} ${name} (${(ms / 1000).toFixed(1)} s)`;
    console.log(detail ? `${head}\n     ${String(detail).split("\n").slice(0, ok ? 3 : 8).join("\n     ")}` : head);
  }

  passed(name) {
    return this.results.some((r) => r.name === name && r.ok);
  }

  summary() {
    const p = this.results.filter((r) => r.ok).length;
    const f = this.results.length - p;
    return { passed: p, failed: f, line: `${p} passed, ${f} failed` };
  }
}

/** assert throws with a message when cond is false. */
export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
