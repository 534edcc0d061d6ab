// Expected results from the fake site's ground truth, judged by the real core: the ground-truth
// orders (shared/order JSON) go through `orderwatch advise --json --lines --now …`, so the test
// never hard-codes a status or a verdict.

import { spawn } from "node:child_process";

/**
 * expectVerdicts returns {orderId: {status, verdict, raw}} for the given orders, each optionally
 * with buyer facts (marks) merged in.
 */
export function expectVerdicts(bin, orders, nowMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["advise", "--json", "--lines", "--now", new Date(nowMs).toISOString()], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error("orderwatch advise: no answer within 30 s")); }, 30000);
    child.stdout.on("data", (b) => { out += b; });
    child.stderr.on("data", (b) => { err += b; });
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`orderwatch advise exited ${code}: ${err.slice(0, 1000)}`));
      const lines = out.split("\n").filter((l) => l.trim());
      if (lines.length !== orders.length) return reject(new Error(`orderwatch advise: ${lines.length} answers for ${orders.length} orders: ${out.slice(0, 500)} ${err.slice(0, 500)}`));
      const res = {};
      lines.forEach((l, i) => {
        const a = JSON.parse(l);
        res[orders[i].order_id] = { status: a.status, verdict: a.verdict, raw: a };
      });
      resolve(res);
    });
    child.stdin.end(orders.map((o) => JSON.stringify(o)).join("\n") + "\n");
  });
}

/** Compares what a browser shows with the core's expectations; returns readable mismatches. */
export function compareWithTruth(rows, expected, situations) {
  const bad = [];
  for (const [id, want] of Object.entries(expected)) {
    const got = rows[id];
    if (!got) { bad.push(`${id} (${situations[id]}): missing`); continue; }
    if (got.status !== want.status || got.verdict !== want.verdict) {
      bad.push(`${id} (${situations[id]}): shows ${got.status}/${got.verdict}, core says ${want.status}/${want.verdict}`);
    }
  }
  return bad;
}
