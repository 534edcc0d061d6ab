// The options page: sync server URL, sign up, sign in, sign out. Passwords go to the service
// worker once and are never stored; tokens never come back to this page.
import { ext } from "../shared/browser.js";
import { CONTENT_TEXT_KEY, LANGS, LANG_KEY, LANG_NAMES, contentText, isLang, loadI18n, resolveLang } from "../shared/i18n.js";
import { MSG, normalizeServerUrl } from "../shared/messages.js";
import { h } from "../ui/dom.js";
import { onLangChange, pageI18n } from "../ui/lang.js";

interface Account {
  signedIn: boolean;
  email: string;
  serverUrl: string;
  lastSyncAt: string;
  lastSyncError: string;
  pending: number;
}

const send = <T>(msg: unknown) => ext.runtime.sendMessage(msg) as Promise<T>;
const doc = document;
const root = doc.getElementById("app")!;
async function main(): Promise<void> {
  // The page is drawn in the buyer's language; a new choice redraws it (this page or another).
  const i18n = await pageI18n(doc);
  const t = i18n.t;
  doc.title = t("options_title");
  onLangChange(doc, () => location.reload());

  /** The language choice: "auto" follows the browser; the choice is kept in storage.local only. */
  const langSelect = h(doc, "select", { id: "orderwatch-lang", "data-orderwatch-lang": "" });
  // "auto" names the language it gives: the browser's, or English when the UI does not speak it.
  langSelect.append(h(doc, "option", { value: "auto" }, t("lang_auto", LANG_NAMES[resolveLang("auto", [ext.i18n.getUILanguage()])])));
  for (const l of LANGS) langSelect.append(h(doc, "option", { value: l, lang: l.replace("_", "-") }, LANG_NAMES[l]));
  const stored = ((await ext.storage.local.get(LANG_KEY).catch(() => ({}))) as Record<string, unknown>)[LANG_KEY];
  langSelect.value = isLang(stored) ? stored : "auto";
  const langResult = h(doc, "span", { role: "status", "data-orderwatch-lang-result": "" });
  langSelect.addEventListener("change", () => {
    const v = isLang(langSelect.value) ? langSelect.value : "auto";
    // The choice and, in one write, the content script's share of its messages: open My Orders
    // tabs relabel their bar at once (the worker listens to no storage change, so as not to be
    // woken by every write).
    const lang = resolveLang(v, [ext.i18n.getUILanguage()]);
    void loadI18n(ext.runtime.getURL(""), lang)
      .then((next) => ext.storage.local.set({ [LANG_KEY]: v, [CONTENT_TEXT_KEY]: contentText(next.lang, next.catalog ?? {}, {}) }))
      .then(() => (langResult.textContent = t("language_saved")));
  });

  const status = h(doc, "p", { "data-orderwatch-account": "", "data-state": "signed_out", role: "status" });
  const syncInfo = h(doc, "p", { class: "meta", "data-orderwatch-sync-info": "" });
  const message = h(doc, "p", { "data-orderwatch-options-message": "", role: "alert" });
  const server = h(doc, "input", { type: "url", "data-orderwatch-server-url": "", "aria-label": t("server_url"), size: 40 });
  const saveServer = h(doc, "button", { type: "button", "data-orderwatch-server-save": "" }, t("save_server"));
  const email = h(doc, "input", { type: "email", "data-orderwatch-email": "", autocomplete: "username", "aria-label": t("email") });
  const password = h(doc, "input", { type: "password", "data-orderwatch-password": "", autocomplete: "current-password", "aria-label": t("password") });
  const signUp = h(doc, "button", { type: "button", "data-orderwatch-sign-up": "" }, t("sign_up"));
  const signIn = h(doc, "button", { type: "button", class: "primary", "data-orderwatch-sign-in": "" }, t("sign_in"));
  const signOut = h(doc, "button", { type: "button", "data-orderwatch-sign-out": "" }, t("sign_out"));
  const syncNow = h(doc, "button", { type: "button", "data-orderwatch-sync-now": "" }, t("sync_now"));

  root.append(
    h(doc, "h1", {}, t("options_title")),
    h(doc, "section", { class: "language", "aria-labelledby": "orderwatch-lang-h" },
      h(doc, "h2", { id: "orderwatch-lang-h" }, t("language")),
      h(doc, "label", { for: "orderwatch-lang" }, t("language")), langSelect, langResult,
      h(doc, "p", { class: "meta" }, t("language_hint"))),
    h(doc, "h2", {}, t("account")),
    status, syncInfo, message,
    h(doc, "form", { class: "account", "data-orderwatch-options": "" },
      h(doc, "label", {}, t("server_url"), h(doc, "br"), server), h(doc, "div", {}, saveServer),
      h(doc, "label", {}, t("email"), h(doc, "br"), email),
      h(doc, "label", {}, t("password"), h(doc, "br"), password),
      h(doc, "div", { class: "toolbar" }, signIn, signUp, signOut, syncNow)),
  );
  doc.querySelector("form")!.addEventListener("submit", (e) => e.preventDefault());

  let serverDirty = false;
  server.addEventListener("input", () => (serverDirty = true));

  async function refresh(): Promise<Account | null> {
    const acc = await send<Account>({ type: MSG.getAccount });
    if (!acc) return null;
    status.setAttribute("data-state", acc.signedIn ? "signed_in" : "signed_out");
    status.textContent = acc.signedIn ? t("signed_in_as", acc.email) : t("not_signed_in");
    const info: string[] = [];
    if (acc.lastSyncAt) info.push(t("last_sync", i18n.date(acc.lastSyncAt, true)));
    if (acc.pending) info.push(t("pending_changes", String(acc.pending)));
    if (acc.lastSyncError && acc.signedIn) info.push(t("sync_error", acc.lastSyncError));
    syncInfo.textContent = info.join(" · ");
    if (!serverDirty && doc.activeElement !== server) server.value = acc.serverUrl;
    signOut.disabled = !acc.signedIn;
    server.disabled = acc.signedIn;
    saveServer.disabled = acc.signedIn;
    return acc;
  }

  /** applyServer saves the typed server URL, asking for the host permission when it is not built in. */
  async function applyServer(): Promise<boolean> {
    let origin: string;
    try {
      origin = normalizeServerUrl(server.value);
    } catch (err) {
      message.textContent = (err as Error).message;
      return false;
    }
    const builtIn = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin);
    if (!builtIn) {
      // Must run in the click's user gesture, before any other await.
      const granted = await ext.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
      if (!granted) {
        message.textContent = t("server_permission_missing");
        return false;
      }
    }
    const r = await send<{ ok: boolean; error?: string }>({ type: MSG.setServer, url: origin });
    if (!r?.ok) {
      message.textContent = r?.error ?? "";
      return false;
    }
    serverDirty = false;
    message.textContent = t("server_saved");
    return true;
  }

  saveServer.addEventListener("click", () => void applyServer().then(refresh));

  async function authenticate(kind: "up" | "in"): Promise<void> {
    message.textContent = t("working");
    const acc = await refresh();
    if (acc && !acc.signedIn && (serverDirty || server.value !== acc.serverUrl)) {
      if (!(await applyServer())) return;
    }
    const r = await send<{ ok: boolean; error?: string; sync?: { ok: boolean; error?: string } }>({ type: kind === "up" ? MSG.signUp : MSG.signIn, email: email.value.trim(), password: password.value });
    password.value = "";
    message.textContent = r?.ok ? (r.sync && !r.sync.ok ? t("sync_error", r.sync.error ?? "") : "") : r?.error ?? "";
    await refresh();
  }

  signUp.addEventListener("click", () => void authenticate("up"));
  signIn.addEventListener("click", () => void authenticate("in"));
  signOut.addEventListener("click", () => void send({ type: MSG.signOut }).then(refresh));
  syncNow.addEventListener("click", () => void send<{ ok: boolean; error?: string }>({ type: MSG.syncNow }).then((r) => {
    message.textContent = r?.ok ? "" : r?.error ?? "";
    return refresh();
  }));

  ext.storage.onChanged.addListener(() => void refresh());
  setInterval(() => void refresh(), 3000);
  void refresh();
}

void main();
