import type { EventEmitter } from "node:events";
import type {
  Document,
  ForceReply,
  InlineKeyboardMarkup,
  Invoice,
  Message,
  MessageEntity,
  PhotoSize,
  RefundedPayment,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  ResponseParameters,
  StarTransaction,
  SuccessfulPayment,
  Update,
  UserFromGetMe,
} from "grammy/types";

/** Where the emulator listens and how long Telegram-side timeouts last (short values keep tests fast). */
export interface EmulatorOptions {
  /** Interface to bind; loopback by default so the emulator is never reachable from outside. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How long `pay()` waits for answerPreCheckoutQuery; Telegram allows 10 s. */
  preCheckoutTimeoutMs?: number;
}

/** One running emulator: an HTTP server that answers like api.telegram.org for the bots registered on it. */
export interface TelegramEmulator {
  /** Base URL without trailing slash, for grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  /** Adds a bot; the bot id defaults to the numeric prefix of the token, like Telegram's. */
  registerBot(opts: { token: string; username: string; firstName?: string; id?: number }): EmulatedBot;
  /** The bot registered with this token; throws for unknown tokens. */
  bot(token: string): EmulatedBot;
  /** Ends pending long polls and webhook deliveries and closes the server. */
  stop(): Promise<void>;
}

/** The Telegram error body, as `failNext` injects it and as call records report it. */
export interface ApiErrorBody {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** One Bot API request the bot made, as answered by the emulator. */
export interface ApiCallRecord {
  /** Canonical method name (e.g. "sendMessage") even if the bot spelled it in another case. */
  method: string;
  /** Parameters after parsing; uploaded files are replaced by {file_id, file_unique_id, file_size, ...}. */
  payload: Record<string, unknown>;
  /** When the request arrived (ms since epoch); `calls` itself is ordered by completion. */
  at: number;
  ok: boolean;
  result?: unknown;
  error?: ApiErrorBody;
}

/** The markup a bot attached to a message: inline keyboards travel with the message, the rest changes the user's keyboard. */
export type AnyReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** A message as the user sees it right now (edits applied); a snapshot, later changes do not affect it. */
export interface EmulatedMessage {
  message_id: number;
  chat_id: number;
  from: "bot" | "user";
  date: number;
  text?: string;
  caption?: string;
  /** Entities of the text, or of the caption for media messages. */
  entities?: MessageEntity[];
  reply_markup?: AnyReplyMarkup;
  photo?: PhotoSize[];
  document?: Document;
  invoice?: Invoice;
  successful_payment?: SuccessfulPayment;
  refunded_payment?: RefundedPayment;
  media_group_id?: string;
  edited: boolean;
  /** The full Bot API object, as getUpdates or an API result would show it now. */
  message: Message;
}

/** A chat as the user sees it; properties are live, each read returns fresh snapshots. */
export interface ChatView {
  /** Messages in sending order, deleted ones removed. */
  readonly messages: EmulatedMessage[];
  lastBotMessage(): EmulatedMessage | undefined;
  /** The latest sendChatAction in this chat. */
  readonly chatAction?: { action: string; at: number };
}

/** What the bot answered to a button press (answerCallbackQuery parameters), or the URL a URL button opens. */
export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

/** How a simulated payment ended. */
export interface PaymentOutcome {
  /** True only if the bot approved the pre-checkout query and successful_payment was sent. */
  ok: boolean;
  /** The bot's error_message when it declined. */
  errorMessage?: string;
  /** True when the bot did not answer the pre-checkout query in time. */
  timedOut?: boolean;
  chargeId?: string;
  successfulPaymentMessage?: Message;
}

/** The profile of a simulated Telegram user. */
export interface UserProfile {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** The webhook as the bot configured it through setWebhook. */
export interface WebhookConfig {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
}

/** What a photo sent by a simulated user contains. */
export interface UserPhotoOptions {
  caption?: string;
  /** Any image sharp can read; a generated 800×600 JPEG by default. */
  image?: Buffer;
  media_group_id?: string;
}

/** What a document sent by a simulated user contains. */
export interface UserDocumentOptions {
  file_name: string;
  /** Derived from the file name when omitted, as clients do. */
  mime_type?: string;
  content: Buffer;
  caption?: string;
  media_group_id?: string;
}

/** One item of an album sent by a simulated user. */
export interface AlbumItem {
  kind: "photo" | "document";
  /** The photo (generated when omitted), or the document's bytes. */
  image?: Buffer;
  file_name?: string;
  mime_type?: string;
}

/** A simulated user in a private chat with one bot: everything it does becomes a realistic update. */
export interface UserActor {
  readonly id: number;
  /**
   * Sends text, trimmed like Telegram does; /commands get bot_command entities like Telegram adds them.
   * Throws for blank text, which clients cannot send.
   */
  sendText(text: string, extra?: { reply_to_message_id?: number }): Promise<Message>;
  sendPhoto(opts?: UserPhotoOptions): Promise<Message>;
  sendDocument(opts: UserDocumentOptions): Promise<Message>;
  /** 2–10 items, one update each, sharing a media_group_id; the caption goes on the first item. */
  sendAlbum(items: AlbumItem[], caption?: string): Promise<Message[]>;
  /**
   * Presses an inline button found by text or callback_data in the message's current state.
   * Resolves with the bot's answerCallbackQuery parameters, or undefined if it does not answer within 5 s.
   * URL and web app buttons resolve with {url} and send no update. Throws if there is no such button.
   */
  pressButton(message: EmulatedMessage | number, buttonTextOrData: string): Promise<CallbackAnswer | undefined>;
  /** Pays an invoice message the bot sent to this user, going through the pre-checkout exchange. */
  pay(invoiceMessage: EmulatedMessage | number): Promise<PaymentOutcome>;
  /** Pays an invoice created with createInvoiceLink. */
  payInvoiceLink(link: string): Promise<PaymentOutcome>;
  /** Sends my_chat_member (kicked); afterwards every send to this chat answers 403. */
  blockBot(): void;
  /** Sends my_chat_member (member) and lets the bot write again. */
  unblockBot(): void;
}

/** Input accepted by pushUpdate: any update, with update_id assigned when missing. */
export type UpdateInput = Omit<Update, "update_id"> & { update_id?: number };

/** One bot registered on the emulator, with the controls a test needs. */
export interface EmulatedBot {
  readonly token: string;
  readonly info: UserFromGetMe;
  /** Creates (or returns) a simulated private-chat user; the bot can write to it after its first update. */
  user(u: UserProfile): UserActor;
  /** Queues a raw update for getUpdates or delivers it to the webhook; the sender's chat becomes reachable. */
  pushUpdate(update: UpdateInput): Update;
  /** A text message in a group (negative id; -100… makes a supergroup), so tests can check the bot ignores groups. */
  pushGroupMessage(from: UserProfile, chatId: number, text: string): Update;
  /** A channel post in a channel (registered on the fly if needed). */
  pushChannelPost(chatId: number, text: string): Update;
  /** Registers a channel the bot administers so it can post there. */
  addChannel(id: number, title: string, username?: string): void;
  /** Every Bot API call, in completion order. */
  readonly calls: ApiCallRecord[];
  /**
   * The first call of `method` after the latest markCalls() that matches the predicate, waiting for it if needed.
   * Calls are not consumed: to wait for the next one, call markCalls() first or use a predicate.
   */
  waitForCall(method: string, predicate?: (c: ApiCallRecord) => boolean, timeoutMs?: number): Promise<ApiCallRecord>;
  /** Moves the cursor of waitForCall and waitForBotMessage to "now". */
  markCalls(): void;
  /** The next `count` calls of `method` answer this error without any effect. */
  failNext(method: string, error: ApiErrorBody, count?: number): void;
  chat(chatId: number): ChatView;
  /**
   * The first bot message in the chat sent or edited after the latest markCalls() that matches the predicate,
   * as it was right after that send or edit; waits for it if needed.
   */
  waitForBotMessage(chatId: number, predicate?: (m: EmulatedMessage) => boolean, timeoutMs?: number): Promise<EmulatedMessage>;
  readonly webhook: WebhookConfig | undefined;
  /** The bot's Stars ledger in chronological order, as getStarTransactions returns it. */
  starTransactions: StarTransaction[];
  /**
   * Emits "message" and "edit" (EmulatedMessage), "delete" ({chat_id, message_id}),
   * "chat_action" ({chat_id, action, at}), "update" (Update) and "call" (ApiCallRecord).
   */
  events: EventEmitter;
}
