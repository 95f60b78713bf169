import { randomBytes } from "node:crypto";
import type { ApiErrorBody, GenerationView } from "../../../src/http/routes/miniapp/api-types.js";
import { signInitData } from "../../../src/sandbox/chat-page/sign-init-data.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { SseClient } from "../../support/sse-client.js";

/** initData as Telegram signs it for a user opening the app; `ageSeconds` backdates auth_date. */
export function initDataFor(
  user: { id: number; first_name?: string; language_code?: string },
  options: { ageSeconds?: number; token?: string } = {},
): string {
  return signInitData(
    {
      query_id: `AA${randomBytes(12).toString("base64url")}`,
      user: JSON.stringify({ id: user.id, first_name: user.first_name ?? `U${user.id}`, language_code: user.language_code ?? "en" }),
      auth_date: String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0)),
    },
    options.token ?? TEST_BOT_TOKEN,
  );
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client of the Mini App API as the app uses it: `Authorization: tma <initData>`. */
export class MiniAppTestClient {
  constructor(
    readonly baseUrl: string,
    readonly initData: string | undefined,
  ) {}

  async get<T = unknown>(path: string): Promise<ApiAnswer<T>> {
    return this.send<T>(path, { method: "GET" });
  }

  async post<T = unknown>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.send<T>(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  }

  async upload<T = unknown>(bytes: Buffer, contentType = "image/png"): Promise<ApiAnswer<T>> {
    return this.send<T>("/api/miniapp/references", { method: "POST", body: new Uint8Array(bytes), headers: { "content-type": contentType } });
  }

  /** The error code of a refusal (the body's error.code). */
  static code(answer: ApiAnswer<unknown>): string | undefined {
    return (answer.body as Partial<ApiErrorBody>).error?.code;
  }

  private async send<T>(path: string, init: RequestInit): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (this.initData !== undefined) headers.authorization = `tma ${this.initData}`;
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers });
    const text = await response.text();
    const body = (text === "" ? undefined : response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T;
    return { status: response.status, body, headers: response.headers };
  }
}

/** The app's live stream as the app reads it (fetch with `Authorization: tma`, the app's own SSE parser). */
export class MiniAppStream {
  private constructor(private readonly client: SseClient) {}

  static async open(baseUrl: string, initData: string): Promise<MiniAppStream> {
    return new MiniAppStream(await SseClient.open(`${baseUrl}/api/miniapp/events`, { authorization: `tma ${initData}` }));
  }

  /** Every `generation` event received so far, oldest first. */
  get generations(): GenerationView[] {
    return this.client.events.filter((e) => e.event === "generation").map((e) => e.data as GenerationView);
  }

  /** Waits for a `generation` event matching the predicate (among all received so far, too). */
  waitFor(predicate: (view: GenerationView) => boolean, timeoutMs = 30_000): Promise<GenerationView> {
    return this.client.waitFor<GenerationView>("generation", predicate, timeoutMs);
  }

  close(): void {
    this.client.close();
  }
}
