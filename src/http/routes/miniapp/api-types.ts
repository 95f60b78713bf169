/**
 * The JSON contract between the Mini App (web/miniapp) and its API (/api/miniapp). Types only, so the
 * app can import them without pulling server code into the browser bundle.
 */

export type LocaleCode = "uz" | "ru" | "en";

/** GET /api/miniapp/me: who is using the app and what they can pay with. */
export interface MeView {
  user: { telegramId: number; firstName: string | null; locale: LocaleCode };
  balance: number;
  /** Free generations left; while above 0 the next generation costs nothing. */
  trialsLeft: number;
  limits: { promptMaxLength: number; referenceMaxBytes: number };
  payments: {
    enabled: boolean;
    presets: Array<{ stars: number; credits: number }>;
  };
}

export type GenerationModeName = "text_to_image" | "edit";

export interface ParameterView {
  /** A catalog parameter name (PARAMETER_NAMES), also the provider's input field; the app labels it. */
  name: string;
  /** In menu order, exactly as the provider takes them. */
  values: string[];
  /** The value used when nothing is chosen; null means "let the provider decide". */
  default: string | null;
  modes: GenerationModeName[];
}

export interface ModelView {
  key: string;
  name: string;
  /** 1–5. */
  qualityStars: number;
  typicalSeconds: { min: number; max: number };
  maxReferences: number;
  parameters: ParameterView[];
  /** Cheapest and dearest run per mode, for the model picker; the exact price comes from POST /quote. */
  prices: Record<GenerationModeName, { min: number; max: number }>;
}

/** GET /api/miniapp/models: enabled models in menu order, and the user's last choice (shared with the bot). */
export interface ModelsView {
  models: ModelView[];
  preference: { modelKey: string; params: Record<string, Record<string, string>> } | null;
}

/** POST /api/miniapp/quote. */
export interface QuoteRequest {
  model: string;
  params: Record<string, string>;
  referenceCount: number;
}

/** The exact price of a run, computed by the same function the charge uses. */
export interface QuoteView {
  model: string;
  mode: GenerationModeName;
  /** The parameters as they will be sent, defaults filled in. */
  params: Record<string, string>;
  /** Credits; charged unless `trial`. Send it back as `expectedPrice`. */
  price: number;
  /** A free generation will be used instead of credits. */
  trial: boolean;
  balance: number;
  trialsLeft: number;
}

/** Where a generation is, simplified for people: queued → processing → done | failed. */
export type GenerationPhase = "queued" | "processing" | "done" | "failed";

export interface FileView {
  fileId: string;
  /** The file through our proxy (never Telegram's URL, which holds the bot token); valid for hours. */
  url: string;
  /** A small WebP for lists. */
  thumbUrl: string;
  /** Same bytes as `url`, offered as a download named bananapics-<id>.<ext>. */
  downloadUrl: string;
}

export interface GenerationView {
  /** The public id (a UUID). */
  id: string;
  phase: GenerationPhase;
  /** The pipeline status (queued, uploading, submitting, submitted, completed, delivered, failed). */
  status: string;
  prompt: string;
  model: { key: string; name: string };
  /** An image tool's run (upscale…, started in the bot) is listed too; it cannot be regenerated here. */
  kind: "generation" | "tool";
  /**
   * For a tool run (`kind: "tool"`): which tool and the options chosen; null for a generation. A tool
   * run has no prompt (`prompt` is empty): the app names the tool instead.
   */
  tool: ToolRunView | null;
  mode: GenerationModeName | "tool";
  params: Record<string, string>;
  /** Credits charged; 0 for a free generation. */
  price: number;
  paidWithTrial: boolean;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
  /** Set when failed: why (one of the failure codes) and whether the credits or the trial came back. */
  failure: { code: string; refunded: boolean } | null;
  results: FileView[];
  references: FileView[];
  /** Also started from the bot: generations of both front doors are one history. */
  source: "bot" | "miniapp";
}

/** What an image tool's run was, for the history. */
export interface ToolRunView {
  /** The catalog key (upscale, watermark, denoise, restore, enhance…); the app's label is miniapp-tool-<key>, else `model.name`. */
  key: string;
  /** The tool's emoji, as the bot shows it. */
  emoji: string;
  /** The chosen option values in order ("4k", "Strong", "2048*2048"), without the fixed output format. */
  options: string[];
}

/** GET /api/miniapp/generations: newest first. */
export interface GenerationPage {
  items: GenerationView[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** POST /api/miniapp/references (the image bytes as the body): a reference ready to use. */
export interface UploadedReferenceView {
  /** Send it in `references` of POST /generations; it is signed and names the image, valid for a day. */
  token: string;
  mimeType: string;
  size: number;
}

/** POST /api/miniapp/generations. */
export interface CreateGenerationRequest {
  prompt: string;
  model: string;
  params: Record<string, string>;
  /** Tokens from POST /references. */
  references: string[];
  /** The price the app showed (QuoteView.price); a different price today is refused with price_changed. */
  expectedPrice: number;
}

/** POST /api/miniapp/generations/:id/regenerate without expectedPrice: today's price of the same settings. */
export interface RegenerateQuoteView {
  price: number;
  trial: boolean;
  balance: number;
  trialsLeft: number;
  model: { key: string; name: string };
}

/** POST /api/miniapp/top-up. */
export interface TopUpView {
  /** For Telegram.WebApp.openInvoice. */
  link: string;
  stars: number;
  credits: number;
}

/** SSE events of GET /api/miniapp/events. */
export interface MiniAppEvents {
  /** A generation of this user appeared or changed (also ones started in the bot). */
  generation: GenerationView;
}

/**
 * Why a request was refused; the app shows one localized message per code. `details` carries the
 * numbers the message needs (a limit, the new price).
 */
export type MiniAppErrorCode =
  | "unauthorized"
  | "init_data_invalid"
  | "init_data_expired"
  | "not_registered"
  | "banned"
  | "policy_not_accepted"
  | "invalid_request"
  | "not_found"
  | "prompt_empty"
  | "prompt_too_long"
  | "reference_invalid"
  | "not_an_image"
  | "file_too_large"
  | "too_many_uploads"
  | "chat_unavailable"
  | "model_unavailable"
  | "invalid_parameters"
  | "too_many_references"
  | "price_changed"
  | "insufficient_funds"
  | "parallel_limit"
  | "provider_paused"
  | "already_started"
  | "payments_disabled"
  | "amount_invalid";

export interface ApiErrorBody {
  error: { code: MiniAppErrorCode | string; message: string; requestId: string; details?: Record<string, number | string> };
}
