import type {
  AudienceListView,
  AuditListView,
  BanView,
  BroadcastListView,
  BroadcastView,
  ChartView,
  CreateBroadcastBody,
  CreditAdjustmentView,
  GenerationListView,
  GenerationRefundView,
  LedgerView,
  ModelListView,
  ModelView,
  PaymentListView,
  PaymentRefundView,
  ProviderView,
  SessionView,
  SettingListView,
  StatisticsView,
  UserDetailView,
  UserListView,
} from "../../../../src/http/routes/admin/api-schemas.js";

export type * from "../../../../src/http/routes/admin/api-schemas.js";

/** A refusal of the API; `code` picks the message, `problems` name the fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Array<{ key: string; message: string }> = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const BASE = "/api/admin";

type Query = Record<string, string | number | undefined>;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text === "" ? path : `${path}?${text}`;
}

/**
 * The admin API. The session is the httpOnly cookie the browser sends by itself; this client only
 * adds the CSRF token (from the sign-in or /auth/me) to every change, and reports a lost session.
 */
export class AdminApi {
  private csrfToken: string | undefined;

  constructor(private readonly onSignedOut: () => void) {}

  /** Remembers the CSRF token of the session the server just confirmed. */
  adopt(session: SessionView): SessionView {
    this.csrfToken = session.csrfToken;
    return session;
  }

  async me(): Promise<SessionView> {
    return this.adopt(await this.request<SessionView>("GET", "/auth/me"));
  }

  async login(payload: Record<string, string>): Promise<SessionView> {
    return this.adopt(await this.request<SessionView>("POST", "/auth/login", payload));
  }

  async sandboxLogin(): Promise<SessionView> {
    return this.adopt(await this.request<SessionView>("POST", "/auth/sandbox-login", {}));
  }

  async logout(): Promise<void> {
    await this.request("POST", "/auth/logout", {});
    this.csrfToken = undefined;
  }

  stats = () => this.request<StatisticsView>("GET", "/stats");
  charts = (days: number) => this.request<ChartView>("GET", withQuery("/charts", { days }));

  users = (query: { query?: string; filter?: string; limit: number; offset: number }) => this.request<UserListView>("GET", withQuery("/users", query));
  user = (id: number) => this.request<UserDetailView>("GET", `/users/${id}`);
  ledger = (id: number, page: { limit: number; offset: number }) => this.request<LedgerView>("GET", withQuery(`/users/${id}/ledger`, page));
  adjustCredits = (id: number, body: { delta: number; reason: string; requestId: string }) =>
    this.request<CreditAdjustmentView>("POST", `/users/${id}/credits`, body);
  ban = (id: number, reason: string) => this.request<BanView>("POST", `/users/${id}/ban`, { reason });
  unban = (id: number, reason: string) => this.request<BanView>("POST", `/users/${id}/unban`, { reason });

  generations = (query: { filter?: string; userId?: number; limit: number; offset: number }) =>
    this.request<GenerationListView>("GET", withQuery("/generations", query));
  refundGeneration = (id: number) => this.request<GenerationRefundView>("POST", `/generations/${id}/refund`, {});

  payments = (query: { filter?: string; userId?: number; limit: number; offset: number }) =>
    this.request<PaymentListView>("GET", withQuery("/payments", query));
  refundPayment = (chargeId: string) => this.request<PaymentRefundView>("POST", `/payments/${encodeURIComponent(chargeId)}/refund`, {});

  broadcasts = (page: { limit: number; offset: number }) => this.request<BroadcastListView>("GET", withQuery("/broadcasts", page));
  audiences = () => this.request<AudienceListView>("GET", "/broadcasts/audiences");
  createBroadcast = (body: CreateBroadcastBody) => this.request<BroadcastView>("POST", "/broadcasts", body);
  broadcastAction = (id: number, action: "start" | "pause" | "resume" | "cancel") => this.request<BroadcastView>("POST", `/broadcasts/${id}/${action}`, {});
  discardBroadcast = (id: number) => this.request("DELETE", `/broadcasts/${id}`);

  models = () => this.request<ModelListView>("GET", "/models");
  editModel = (key: string, edit: { enabled?: boolean; sortOrder?: number; priceOverrideCredits?: number | null }) =>
    this.request<ModelView>("PATCH", `/models/${encodeURIComponent(key)}`, edit);

  settings = () => this.request<SettingListView>("GET", "/settings");
  saveSettings = (changes: Record<string, unknown>, reason: string) => this.request<SettingListView>("PATCH", "/settings", { changes, reason });

  provider = () => this.request<ProviderView>("GET", "/provider");
  audit = (query: { action?: string; adminTelegramId?: number; targetUserId?: number; limit: number; offset: number }) =>
    this.request<AuditListView>("GET", withQuery("/audit", query));

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && this.csrfToken !== undefined) headers["x-csrf-token"] = this.csrfToken;
    const response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const data: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (response.ok) return data as T;
    const error = (data as { error?: { code?: string; message?: string; problems?: Array<{ key: string; message: string }> } } | undefined)?.error;
    if (response.status === 401 && !path.startsWith("/auth/login") && !path.startsWith("/auth/sandbox-login")) this.onSignedOut();
    throw new ApiError(response.status, error?.code ?? "http_error", error?.message ?? response.statusText, error?.problems ?? []);
  }
}

/** The URL of a generation's image through the server (never Telegram's, which holds the bot token). */
export function fileUrl(fileId: string, size: "thumb" | "full"): string {
  return `${BASE}/files/${encodeURIComponent(fileId)}?size=${size}`;
}
