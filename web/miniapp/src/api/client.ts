import type {
  ApiErrorBody,
  CreateGenerationRequest,
  GenerationPage,
  GenerationView,
  MeView,
  ModelsView,
  QuoteRequest,
  QuoteView,
  RegenerateQuoteView,
  TopUpView,
  UploadedReferenceView,
} from "../../../../src/http/routes/miniapp/api-types.js";

/** A refusal of the API: the code picks the localized message, `details` fills it in. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, number | string> = {},
  ) {
    super(`${status} ${code}`);
    this.name = "ApiError";
  }
}

/** The request never got an answer (offline, server down). */
export class NetworkError extends Error {
  constructor() {
    super("network error");
    this.name = "NetworkError";
  }
}

const BASE = "/api/miniapp";

/**
 * The Mini App API with the launch data as credentials (`Authorization: tma <initData>`); the server
 * checks Telegram's signature on every request.
 */
export class MiniAppApi {
  constructor(readonly initData: string) {}

  me(): Promise<MeView> {
    return this.request("/me");
  }

  models(): Promise<ModelsView> {
    return this.request("/models");
  }

  quote(body: QuoteRequest): Promise<QuoteView> {
    return this.request("/quote", { method: "POST", body: JSON.stringify(body) });
  }

  generations(cursor: string | null): Promise<GenerationPage> {
    return this.request(`/generations${cursor === null ? "" : `?cursor=${encodeURIComponent(cursor)}`}`);
  }

  createGeneration(body: CreateGenerationRequest): Promise<GenerationView> {
    return this.request("/generations", { method: "POST", body: JSON.stringify(body) });
  }

  regenerateQuote(id: string): Promise<RegenerateQuoteView> {
    return this.request(`/generations/${encodeURIComponent(id)}/regenerate`, { method: "POST", body: "{}" });
  }

  regenerate(id: string, expectedPrice: number): Promise<GenerationView> {
    return this.request(`/generations/${encodeURIComponent(id)}/regenerate`, { method: "POST", body: JSON.stringify({ expectedPrice }) });
  }

  topUp(stars: number): Promise<TopUpView> {
    return this.request("/top-up", { method: "POST", body: JSON.stringify({ stars }) });
  }

  /** The image bytes as the body; the server checks what they are. */
  uploadReference(file: Blob): Promise<UploadedReferenceView> {
    return this.request("/references", {
      method: "POST",
      body: file,
      headers: { "content-type": file.type === "" ? "application/octet-stream" : file.type },
    });
  }

  /** Headers for requests made outside this class (the event stream). */
  authHeaders(): Record<string, string> {
    return { authorization: `tma ${this.initData}` };
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers: Record<string, string> = { ...this.authHeaders(), ...(init.headers as Record<string, string> | undefined) };
    if (typeof init.body === "string") headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(`${BASE}${path}`, { ...init, headers });
    } catch {
      throw new NetworkError();
    }
    if (response.ok) return (await response.json()) as T;
    const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new ApiError(response.status, body?.error.code ?? "internal_error", body?.error.details);
  }
}
