// The one client of the OrderWatch sync server (issue 5's API). It knows the routes, the token
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

export class ApiError extends Error {
  constructor(public kind: ApiErrorKind, public status: number, message: string) {
    super(message);
    this.name = "ApiError";
  }
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
      throw new ApiError("network", 0, `api: cannot reach ${this.base}: ${(err as Error).message}`);
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
    const msg = (json && typeof json === "object" && ((json as Record<string, unknown>).message ?? (json as Record<string, unknown>).error)) || res.statusText;
    const kind: ApiErrorKind = res.status === 401 ? "unauthorized" : res.status === 409 ? "conflict" : res.status === 410 ? "gone" : res.status === 429 ? "rate_limited" : res.status >= 500 ? "server" : "bad_request";
    throw new ApiError(kind, res.status, `api: ${method} ${path}: ${res.status} ${typeof msg === "string" ? msg : JSON.stringify(msg)}`);
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
    const list = Array.isArray(res?.results) ? res.results : Array.isArray(res) ? res : [];
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
