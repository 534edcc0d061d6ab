// The sync API client over real HTTP on loopback: tokens, refresh on 401, errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { load } from "../../scripts/test-lib.mjs";

const { SyncApi, ApiError } = await load("shared/api.ts");

function memoryTokens() {
  let t = null;
  return { get: async () => t, set: async (v) => void (t = v), clear: async () => void (t = null), peek: () => t };
}

async function server(handler) {
  const log = [];
  const srv = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      log.push({ method: req.method, url: req.url, auth: req.headers.authorization ?? "", body: body ? JSON.parse(body) : null });
      const [status, json] = handler(req, body ? JSON.parse(body) : null, log.length);
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(json === undefined ? "" : JSON.stringify(json));
    });
  });
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${srv.address().port}`, log, close: () => new Promise((r) => srv.close(r)) };
}

test("sign up stores the pair; a 401 refreshes once and retries with the new access token", async () => {
  let access = "A1";
  const s = await server((req, body) => {
    if (req.url === "/api/v1/auth/register") return [201, { access_token: "A1", refresh_token: "R1", expires_in: 900 }];
    if (req.url === "/api/v1/auth/refresh") {
      if (body.refresh_token !== "R1") return [401, { error: { code: "unauthorized", message: "reused" } }];
      access = "A2";
      return [200, { access_token: "A2", refresh_token: "R2", expires_in: 900 }];
    }
    if (req.url.startsWith("/api/v1/sync/pull")) {
      if (req.headers.authorization !== `Bearer ${access}` || access === "A1") return [401, { error: { message: "expired" } }];
      return [200, { changes: [{ order_id: "8214937669763641", version: 3, data: { note: "n" } }], cursor: 3, has_more: false }];
    }
    return [404, {}];
  });
  try {
    const tokens = memoryTokens();
    const api = new SyncApi(s.url, tokens);
    await api.register("a@b.test", "correct horse battery staple");
    assert.deepEqual(tokens.peek(), { access: "A1", refresh: "R1" });
    const page = await api.pull(0);
    assert.equal(page.cursor, 3);
    assert.equal(page.changes[0].data.note, "n");
    assert.deepEqual(tokens.peek(), { access: "A2", refresh: "R2" });
    assert.deepEqual(s.log.map((l) => l.url), ["/api/v1/auth/register", "/api/v1/sync/pull?since=0&limit=200", "/api/v1/auth/refresh", "/api/v1/sync/pull?since=0&limit=200"]);
  } finally {
    await s.close();
  }
});

test("a refused refresh signs out (tokens cleared) and the call fails as unauthorized", async () => {
  const s = await server((req) => (req.url === "/api/v1/auth/refresh" ? [401, { error: { message: "revoked" } }] : [401, { error: { message: "expired" } }]));
  try {
    const tokens = memoryTokens();
    await tokens.set({ access: "A", refresh: "R" });
    const api = new SyncApi(s.url, tokens);
    await assert.rejects(api.push("dev", []), (e) => e instanceof ApiError && e.kind === "unauthorized");
    assert.equal(tokens.peek(), null);
  } finally {
    await s.close();
  }
});

test("push sends device id and mutations and reads per-mutation results", async () => {
  const s = await server((req, body) => [200, { results: body.mutations.map((m, i) => (i === 0 ? { mutation_id: m.mutation_id, status: "applied", version: 7 } : { mutation_id: m.mutation_id, status: "rejected", error: { code: "invalid", message: "bad" } })) }]);
  try {
    const tokens = memoryTokens();
    await tokens.set({ access: "A", refresh: "R" });
    const api = new SyncApi(s.url, tokens);
    const out = await api.push("dev-1", [
      { mutation_id: "m1", order_id: "8214937669763641", base_version: 0, op: "upsert", data: { note: "x" } },
      { mutation_id: "m2", order_id: "8212379857492017", base_version: 2, op: "upsert", data: { marks: { archived: true } } },
    ]);
    assert.deepEqual(out, [{ status: "applied", mutation_id: "m1", version: 7, merged: false }, { status: "rejected", mutation_id: "m2", reason: "bad" }]);
    assert.equal(s.log[0].auth, "Bearer A");
    assert.equal(s.log[0].body.device_id, "dev-1");
    assert.equal(s.log[0].body.mutations[1].base_version, 2);
  } finally {
    await s.close();
  }
});

test("errors are typed: 400, 410, 429, 5xx, unreachable, not signed in", async () => {
  const codes = { "/a400": 400, "/a410": 410, "/a429": 429, "/a500": 503 };
  const s = await server((req) => [codes[req.url.split("?")[0].replace("/api/v1/sync/pull", "")] ?? Number(new URL(req.url, "http://x").searchParams.get("since")), { error: { message: "m" } }]);
  try {
    const tokens = memoryTokens();
    await tokens.set({ access: "A", refresh: "R" });
    const api = new SyncApi(s.url, tokens);
    for (const [since, kind] of [[400, "bad_request"], [410, "gone"], [429, "rate_limited"], [503, "server"]]) {
      await assert.rejects(api.pull(since), (e) => e.kind === kind, String(since));
    }
    await assert.rejects(new SyncApi("http://127.0.0.1:1", tokens).pull(0), (e) => e.kind === "network");
    await assert.rejects(new SyncApi(s.url, memoryTokens()).pull(0), (e) => e.kind === "unauthorized");
  } finally {
    await s.close();
  }
});

// The server's one error shape, read and put into the buyer's words (server/error.go, server/api/errors.go).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../scripts/test-lib.mjs";
const { explainError, errorKey, readErrorShape, SERVER_ERROR_CODES } = await load("shared/api.ts");
const catalog = (lang) => JSON.parse(readFileSync(join(root, "_locales", lang, "messages.json"), "utf8"));
const words = (lang) => {
  const c = catalog(lang);
  return (key) => c[key]?.message ?? key;
};

test("a wrong password shows a sentence in the buyer's language, never the server's JSON", async () => {
  const s = await server(() => [401, { error: { code: "unauthorized", message: "Invalid email or password." } }]);
  try {
    const api = new SyncApi(s.url, memoryTokens());
    const err = await api.login("a@b.test", "wrong password").then(() => null, (e) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, "unauthorized");
    assert.equal(err.kind, "unauthorized");
    const en = explainError(err, "sign_in", words("en"));
    const ru = explainError(err, "sign_in", words("ru"));
    assert.equal(en, catalog("en").api_error_wrong_password.message);
    assert.equal(ru, catalog("ru").api_error_wrong_password.message);
    assert.notEqual(en, ru);
    for (const sentence of [en, ru]) assert.doesNotMatch(sentence, /[{}"]|unauthorized|Invalid email/);
  } finally {
    await s.close();
  }
});

test("the error shape is read strictly; other bodies fall back on the HTTP status", async () => {
  assert.deepEqual(readErrorShape({ error: { code: "invalid", message: "x" } }), { code: "invalid", message: "x" });
  for (const bad of [null, "x", [], { error: "x" }, { message: "x" }, { error: { code: "", message: "x" } }, { error: { code: "x" } }, { error: { code: "x", message: "y" }, extra: 1 }]) {
    assert.equal(readErrorShape(bad), null, JSON.stringify(bad));
  }
  const cases = [
    { status: 502, body: "<html>Bad gateway</html>", want: "api_error_server", code: "" },
    { status: 404, body: { message: "no such route" }, want: "api_error_not_orderwatch", code: "" },
    { status: 409, body: { error: { code: "conflict", message: "Email already registered." } }, want: "api_error_email_taken", code: "conflict" },
    { status: 429, body: { error: { code: "rate_limited", message: "Too many." } }, want: "api_error_rate_limited", code: "rate_limited" },
    { status: 400, body: { error: { code: "invalid", message: "password must be at least 8 characters." } }, want: "api_error_sign_up_invalid", code: "invalid" },
  ];
  for (const c of cases) {
    const s = await server(() => [c.status, c.body]);
    try {
      const err = await new SyncApi(s.url, memoryTokens()).register("a@b.test", "pw").then(() => null, (e) => e);
      assert.equal(err.code, c.code, `${c.status}`);
      assert.equal(errorKey(err, "sign_up"), c.want, `${c.status} ${JSON.stringify(c.body)}`);
      assert.doesNotMatch(err.message, /[{}]/, "no raw JSON even in the log message");
    } finally {
      await s.close();
    }
  }
  const down = await new SyncApi("http://127.0.0.1:1", memoryTokens()).login("a@b.test", "pw").then(() => null, (e) => e);
  assert.equal(errorKey(down, "sign_in"), "api_error_network");
  assert.equal(errorKey(new Error("anything"), "sync"), "api_error_server");
});

test("every server code in every action has a sentence in English and Russian", () => {
  const en = catalog("en");
  const ru = catalog("ru");
  for (const code of [...SERVER_ERROR_CODES, "network"]) {
    for (const action of ["sign_in", "sign_up", "sync"]) {
      const key = errorKey(new ApiError("bad_request", 400, "x", code), action);
      assert.ok(en[key]?.message && ru[key]?.message, `${code} while ${action}: ${key} has no text`);
    }
  }
});
