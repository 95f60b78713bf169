/**
 * The JSON contract between the sandbox chat page (web/sandbox) and its API (/sandbox/api). Types only,
 * so the page can import them without pulling server code into the browser bundle.
 */

/** A simulated Telegram user, as the page creates and lists them. */
export interface SimulatedUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** A Telegram message entity; offsets and lengths count UTF-16 code units, like JavaScript strings. */
export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

/** What pressing a button does, so the page can show the right affordance without knowing the Bot API. */
export type ButtonKind = "callback" | "url" | "web_app" | "pay" | "copy_text" | "unsupported";

export interface ButtonView {
  text: string;
  kind: ButtonKind;
  /** For url buttons: opened by the page directly, as Telegram clients do without telling the bot. */
  url?: string;
  /** For copy_text buttons. */
  copyText?: string;
}

/** A photo: a size fit for the chat bubble and the original for viewing and downloading. */
export interface PhotoView {
  fileId: string;
  width: number;
  height: number;
  originalFileId: string;
}

export interface DocumentView {
  fileId: string;
  fileName: string;
  mimeType?: string;
  size?: number;
}

export interface InvoiceView {
  title: string;
  description: string;
  currency: string;
  totalAmount: number;
  /** Paid through this page; Telegram then shows a receipt instead of the Pay button. */
  paid: boolean;
}

/** successful_payment and refunded_payment service messages. */
export interface PaymentView {
  kind: "paid" | "refunded";
  currency: string;
  totalAmount: number;
  chargeId: string;
}

/** A reply keyboard (the buttons replacing the phone keyboard) or its removal. */
export type ReplyKeyboardView = { kind: "keyboard"; rows: string[][]; oneTime: boolean; placeholder?: string } | { kind: "remove" };

/** One message of a private chat, as the page renders it. */
export interface ChatMessageView {
  id: number;
  from: "bot" | "user";
  /** Unix seconds. */
  date: number;
  edited: boolean;
  /** The text, or the caption of a media message. */
  text?: string;
  entities?: TextEntity[];
  photo?: PhotoView;
  document?: DocumentView;
  mediaGroupId?: string;
  invoice?: InvoiceView;
  payment?: PaymentView;
  inlineKeyboard?: ButtonView[][];
  replyKeyboard?: ReplyKeyboardView;
}

/** The bot the sandbox runs; never its token. */
export interface BotInfoView {
  id: number;
  username: string;
  firstName: string;
}

/** The answer to POST …/press. */
export type PressResult =
  /** The bot answered the callback query (text may be a toast, or an alert when showAlert). */
  | { kind: "answer"; text?: string; showAlert?: boolean; url?: string }
  /** The bot did not answer within 5 s; Telegram stops the spinner silently. */
  | { kind: "no_answer" }
  /** A URL to open: a URL button, or a web app with signed initData in its fragment. */
  | { kind: "open"; url: string; webApp: boolean };

/** The answer to POST …/pay: how Telegram's checkout ended. */
export interface PayResult {
  ok: boolean;
  errorMessage?: string;
  timedOut?: boolean;
  chargeId?: string;
}

/**
 * Server-sent events of GET /sandbox/api/users/:id/events. The stream starts with `history` (the whole
 * chat), so a page that (re)connects never misses what happened in between.
 */
export interface ChatEvents {
  history: { messages: ChatMessageView[] };
  message: ChatMessageView;
  edit: ChatMessageView;
  delete: { messageId: number };
  chat_action: { action: string; at: number };
}

/** Every error answer of the API. */
export interface ApiErrorView {
  error: { code: string; message: string; requestId: string };
}
