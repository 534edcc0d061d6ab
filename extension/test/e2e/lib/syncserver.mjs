// The real Go sync server for the e2e run, behind a small recording proxy on loopback.
//
// The proxy is transparent (every byte is forwarded as is); it exists so the test can (a) see
// every request the browsers send to the sync server, for the privacy assertions, and (b) make
// the server unreachable (connection refused) and reachable again on the same address, for the
// Firefox offline-edit steps, without losing the server's state.

import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fatal, poll } from "./checks.mjs";

export const REPO = resolve(new URL("../../../..", import.meta.url).pathname);

export function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => res(p)); });
  });
}

/** Builds the orderwatch binary once into dir (warm builds take about a second). */
export function buildServer(dir) {
  const out = join(dir, "orderwatch");
  return new Promise((res, rej) => {
    execFile("go", ["build", "-o", out, "./server/cmd/orderwatch"], { cwd: REPO, timeout: 300000, maxBuffer: 1 << 24 }, (err, _o, stderr) => {
      if (err) rej(new Error(`go build failed: ${stderr || err.message}`));
      else res(out);
    });
  });
}

/**
 * startSyncServer runs `orderwatch serve` on a temp SQLite data dir and a free loopback port,
 * with a recording proxy in front. Returns {url, requests, setOffline, dbBytes, stop, log}.
 */
export async function startSyncServer({ bin, workDir } = {}) {
  const dir = workDir ?? mkdtempSync(join(tmpdir(), "orderwatch-e2e-server-"));
  const dataDir = join(dir, "data");
  const binary = bin ?? (await buildServer(dir));
  const port = await freePort();
  let log = "";
  const child = spawn(binary, ["serve", "--addr", `127.0.0.1:${port}`, "--data", dataDir], {
    cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ORDERWATCH_LOG_LEVEL: "info" },
  });
  const onOut = (b) => { log += b.toString(); if (log.length > 4e6) log = log.slice(-2e6); };
  child.stdout.on("data", onOut);
  child.stderr.on("data", onOut);
  let exited = null;
  child.on("exit", (code, sig) => { exited = { code, sig }; });
  const upstream = `http://127.0.0.1:${port}`;
  try {
    await poll(async () => {
      if (exited) throw fatal(`orderwatch serve exited early (${JSON.stringify(exited)}): ${log.slice(-2000)}`);
      const r = await fetch(`${upstream}/healthz`).catch(() => null);
      return r?.ok;
    }, { timeoutMs: 30000, intervalMs: 200, what: "sync server /healthz" });
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${err.message}\n--- server log ---\n${log.slice(-3000)}`);
  }

  // Recording proxy.
  const requests = [];
  const proxyPort = await freePort();
  const sockets = new Set();
  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const rec = { t: Date.now(), method: req.method, url: req.url, headers: { ...req.headers }, body: body.toString("utf8"), status: 0, response: "" };
      requests.push(rec);
      const up = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (ures) => {
        const rc = [];
        ures.on("data", (c) => rc.push(c));
        ures.on("end", () => {
          const rb = Buffer.concat(rc);
          rec.status = ures.statusCode;
          rec.response = rb.toString("utf8").slice(0, 200000);
          res.writeHead(ures.statusCode, ures.headers);
          res.end(rb);
        });
      });
      up.on("error", (e) => { rec.status = 502; res.writeHead(502, { "content-type": "application/json" }); res.end(JSON.stringify({ error: String(e.message) })); });
      up.end(body);
    });
  });
  proxy.on("connection", (c) => { sockets.add(c); c.on("close", () => sockets.delete(c)); });
  const listen = () => new Promise((res, rej) => { proxy.once("error", rej); proxy.listen(proxyPort, "127.0.0.1", () => { proxy.off("error", rej); res(); }); });
  await listen();
  let offline = false;

  return {
    url: `http://127.0.0.1:${proxyPort}`,
    upstream,
    dataDir,
    requests,
    get log() { return log; },
    /** Offline: the address refuses connections; online again on the same port. */
    async setOffline(v) {
      if (v === offline) return;
      offline = v;
      if (v) {
        await new Promise((r) => { proxy.close(() => r()); for (const s of sockets) s.destroy(); });
      } else {
        await listen();
      }
    },
    /** Every byte of every file in the data dir (SQLite main file, WAL, anything else). */
    dbBytes() {
      const out = [];
      const walk = (d) => {
        for (const name of readdirSync(d)) {
          const p = join(d, name);
          if (statSync(p).isDirectory()) walk(p); else out.push({ path: p, bytes: readFileSync(p) });
        }
      };
      try { walk(dataDir); } catch { /* no data dir yet */ }
      return out;
    },
    async stop() {
      await new Promise((r) => { proxy.close(() => r()); for (const s of sockets) s.destroy(); setTimeout(r, 500); });
      if (!exited) {
        child.kill("SIGTERM");
        await poll(() => exited, { timeoutMs: 8000, intervalMs: 100, what: "server exit" }).catch(() => child.kill("SIGKILL"));
      }
      if (!workDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
