import type {
  ApiErrorView,
  BotInfoView,
  PayResult,
  PressResult,
  SimulatedUser,
} from "../../../src/sandbox/chat-page/api-types.js";

/** "/sandbox/api/…", from Vite's base, so the page works whatever path it is opened at. */
export function apiUrl(path: string): string {
  return `${import.meta.env.BASE_URL}api/${path}`;
}

/** The URL of a file the bot or a user sent; the server fetches it from the emulator. */
export function fileUrl(fileId: string): string {
  return apiUrl(`files/${encodeURIComponent(fileId)}`);
}

/** An API refusal, with the server's message meant for the person using the page. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(apiUrl(path), init);
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const message = (body as ApiErrorView | undefined)?.error?.message ?? `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return body as T;
}

function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** The sandbox API (src/sandbox/chat-page/chat-api-routes.ts), one function per route. */
export const api = {
  bot: () => request<BotInfoView>("bot"),
  users: () => request<{ users: SimulatedUser[] }>("users").then((r) => r.users),
  createUser: (user: SimulatedUser) => postJson<{ user: SimulatedUser }>("users", user).then((r) => r.user),
  sendText: (userId: number, text: string) => postJson<{ messageIds: number[] }>(`users/${userId}/messages`, { text }),
  sendFiles(userId: number, kind: "photo" | "document", files: readonly File[], caption: string) {
    const form = new FormData();
    form.append("kind", kind);
    if (caption.trim() !== "") form.append("caption", caption);
    // Distinct part names: the server keys parts by name.
    files.forEach((file, index) => form.append(`file${index}`, file, file.name));
    return request<{ messageIds: number[] }>(`users/${userId}/media`, { method: "POST", body: form });
  },
  press: (userId: number, messageId: number, row: number, column: number) =>
    postJson<PressResult>(`users/${userId}/messages/${messageId}/press`, { row, column }),
  pay: (userId: number, messageId: number) => request<PayResult>(`users/${userId}/messages/${messageId}/pay`, { method: "POST" }),
};
