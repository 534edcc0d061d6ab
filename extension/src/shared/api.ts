// The one client of the OrderWatch sync server (shared/DESIGN.md §5). It knows the routes, the token
// refresh and the error shape; it holds no state of its own: tokens come from and go to the
// TokenStore the service worker gives it (storage.session / storage.local).
import type { Mutation, ServerRow } from "./sync.js";
import { pushBody, normalizeOutcome, type PushOutcome } from "./sync.js";

export interface Tokens {
  access: string;
  refresh: string;
}

export interface TokenStore {
  get(): Promise<Tokens | null>;
  set(t: Tokens): Promise<void>;
  clear(): Promise<void>;
}

export type ApiErrorKind = "unauthorized" | "conflict" | "bad_request" | "rate_limited" | "server" | "network" | "gone";

/**
 * ApiError is a refused or failed call. code is the server's error code from its one error
 * shape, {"error": {"code": "...", "message": "..."}} (server/error.go, server/api/errors.go),
 * or "network" when no answer came and "" when the answer was not that shape. message is for
 * logs, in English; the buyer sees explainError's sentence instead.
 */
export class ApiError extends Error {
  constructor(public kind: ApiErrorKind, public status: number, message: string, public code = "") {
    super(message);
    this.name = "ApiError";
  }
}

/** The server's error codes (server/error.go), and the one that exists only in HTTP. */
export const SERVER_ERROR_CODES = ["conflict", "internal", "invalid", "not_found", "unauthorized", "too_large", "rate_limited", "gone", "unsupported_media_type", "method_not_allowed"] as const;

/** readErrorShape returns the code and message of the server's one error shape, or null for any other body. */
export function readErrorShape(json: unknown): { code: string; message: string } | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const keys = Object.keys(json);
  const e = (json as Record<string, unknown>).error;
  if (keys.length !== 1 || !e || typeof e !== "object" || Array.isArray(e)) return null;
  const { code, message } = e as Record<string, unknown>;
  if (typeof code !== "string" || typeof message !== "string" || !code) return null;
  return { code, message };
}

const kindOfCode: Record<string, ApiErrorKind> = {
  unauthorized: "unauthorized", conflict: "conflict", gone: "gone", rate_limited: "rate_limited", internal: "server",
};
const kindOfStatus = (status: number): ApiErrorKind =>
  status === 401 ? "unauthorized" : status === 409 ? "conflict" : status === 410 ? "gone" : status === 429 ? "rate_limited" : status >= 500 ? "server" : "bad_request";

/** What the buyer was doing when a call failed: the same code can mean different things. */
export type ApiAction = "sign_in" | "sign_up" | "sync";

/**
 * errorKey is the message key (extension/_locales) of the sentence that tells the buyer what
 * went wrong: from the server's code, the action, and for answers that are not the error
 * shape (a proxy's page, a server that is not OrderWatch) from the HTTP status.
 */
export function errorKey(err: unknown, action: ApiAction): string {
  if (!(err instanceof ApiError)) return "api_error_server";
  const code = err.code || (err.kind === "network" ? "network" : "");
  switch (code) {
    case "network":
      return "api_error_network";
    case "unauthorized":
      return action === "sign_in" ? "api_error_wrong_password" : "api_error_signed_out";
    case "conflict":
      return action === "sign_up" ? "api_error_email_taken" : "api_error_invalid";
    case "invalid":
      return action === "sync" ? "api_error_invalid" : "api_error_sign_up_invalid";
    case "rate_limited":
      return "api_error_rate_limited";
    case "too_large":
      return "api_error_too_large";
    case "gone":
      return "api_error_gone";
    case "not_found":
    case "method_not_allowed":
    case "unsupported_media_type":
      return "api_error_not_orderwatch";
    case "internal":
      return "api_error_server";
  }
  // Not the server's shape: an answer from something else at that address, or a new code.
  if (err.status === 429) return "api_error_rate_limited";
  if (err.status >= 500 || err.status < 400) return "api_error_server";
  return "api_error_not_orderwatch";
}

/** explainError is errorKey's sentence in the buyer's language (t looks a key up). */
export function explainError(err: unknown, action: ApiAction, t: (key: string) => string): string {
  return t(errorKey(err, action));
}

export interface PullPage {
  changes: ServerRow[];
  cursor: number;
  has_more: boolean;
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export class SyncApi {
  constructor(private base: string, private tokens: TokenStore, private fetchFn: Fetch = (u, i) => fetch(u, i)) {}

  private async call(method: string, path: string, body?: unknown, auth = true, retried = false): Promise<unknown> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth) {
      const t = await this.tokens.get();
      if (!t) throw new ApiError("unauthorized", 401, "api: not signed in");
      headers.Authorization = `Bearer ${t.access}`;
    }
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit" });
    } catch (err) {
      throw new ApiError("network", 0, `api: cannot reach ${this.base}: ${(err as Error).message}`, "network");
    }
    if (res.status === 401 && auth && !retried) {
      if (await this.refresh()) return this.call(method, path, body, auth, true);
    }
    const text = await res.text();
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (res.ok) return json;
    const shape = readErrorShape(json);
    const kind = (shape && kindOfCode[shape.code]) || kindOfStatus(res.status);
    const detail = shape ? `${shape.code}: ${shape.message}` : `${res.statusText || "no error body"}`.slice(0, 200);
    throw new ApiError(kind, res.status, `api: ${method} ${path}: ${res.status} ${detail}`, shape?.code ?? "");
  }

  /** refresh swaps the refresh token for a new pair; false (and tokens cleared) when refused. */
  async refresh(): Promise<boolean> {
    const t = await this.tokens.get();
    if (!t?.refresh) return false;
    try {
      const pair = (await this.call("POST", "/api/v1/auth/refresh", { refresh_token: t.refresh }, false)) as Record<string, unknown>;
      await this.tokens.set(readPair(pair));
      return true;
    } catch (err) {
      if (err instanceof ApiError && (err.kind === "unauthorized" || err.kind === "bad_request")) await this.tokens.clear();
      return false;
    }
  }

  async register(email: string, password: string): Promise<void> {
    await this.tokens.set(readPair(await this.call("POST", "/api/v1/auth/register", { email, password }, false)));
  }

  async login(email: string, password: string): Promise<void> {
    await this.tokens.set(readPair(await this.call("POST", "/api/v1/auth/login", { email, password }, false)));
  }

  async logout(): Promise<void> {
    const t = await this.tokens.get();
    try {
      if (t) await this.call("POST", "/api/v1/auth/logout", { refresh_token: t.refresh }, false);
    } finally {
      await this.tokens.clear();
    }
  }

  async push(deviceId: string, mutations: Mutation[]): Promise<PushOutcome[]> {
    const res = (await this.call("POST", "/api/v1/sync/push", pushBody(deviceId, mutations))) as Record<string, unknown> | null;
    const list = Array.isArray(res?.results) ? res.results : [];
    return list.map(normalizeOutcome).filter((o): o is PushOutcome => o !== null);
  }

  async pull(since: number, limit = 200): Promise<PullPage> {
    const res = (await this.call("GET", `/api/v1/sync/pull?since=${since}&limit=${limit}`)) as Record<string, unknown> | null;
    if (!res || !Array.isArray(res.changes)) throw new ApiError("server", 200, "api: pull answer without changes");
    return { changes: res.changes as ServerRow[], cursor: Number(res.cursor ?? since), has_more: res.has_more === true };
  }
}

function readPair(v: unknown): Tokens {
  const o = (v ?? {}) as Record<string, unknown>;
  if (typeof o.access_token !== "string" || typeof o.refresh_token !== "string") throw new ApiError("server", 200, "api: the server sent no tokens");
  return { access: o.access_token, refresh: o.refresh_token };
}
