import { EventEmitter } from "node:events";
import type { Chat, Message, StarTransaction, Update, User, UserFromGetMe } from "grammy/types";
import { dispatchApiCall } from "./api-dispatch.js";
import { BotSettings } from "./bot-settings.js";
import { CallbackQueries } from "./callback-queries.js";
import { ChatRegistry, privateChatOf, userFromProfile } from "./chat-registry.js";
import type { ChatState, StoredMessage } from "./chat-state.js";
import { unixNow } from "./clock.js";
import { toEmulatedMessage } from "./emulated-message.js";
import { FileStore } from "./files.js";
import { Invoices } from "./invoices.js";
import { newMessage } from "./message-factory.js";
import { PreCheckoutQueries } from "./pre-checkout-queries.js";
import { StarLedger } from "./star-ledger.js";
import type {
  ApiCallRecord,
  ApiErrorBody,
  ChatView,
  EmulatedBot,
  EmulatedMessage,
  UpdateInput,
  UserActor,
  UserProfile,
  WebhookConfig,
} from "./types.js";
import { UpdateQueue, webhookConflict } from "./update-queue.js";
import { isUpdateAllowed } from "./update-types.js";
import { UserActorImpl } from "./user-actor.js";
import { botCommandEntities } from "./validation/command-entities.js";
import { WaitableLog } from "./waitable-log.js";
import { WebhookDelivery } from "./webhook-delivery.js";

/** A bot message appearing or changing, as waitForBotMessage searches them. */
interface MessageEvent {
  kind: "sent" | "edited";
  message: EmulatedMessage;
}

const DEFAULT_WAIT_MS = 5_000;
/** Update ids start at an arbitrary positive number, like Telegram's. */
const FIRST_UPDATE_ID = 100_000_001;

/**
 * One bot on the emulator: the state Telegram keeps for it (chats, files, updates, payments, settings)
 * and the controls tests use. Method handlers work on the public fields; tests use the EmulatedBot API.
 */
export class EmulatedBotImpl implements EmulatedBot {
  readonly events = new EventEmitter();
  starTransactions: StarTransaction[] = [];
  readonly chats = new ChatRegistry();
  readonly files = new FileStore();
  readonly invoices = new Invoices();
  readonly ledger = new StarLedger(this.starTransactions);
  readonly callbackQueries = new CallbackQueries();
  readonly preCheckoutQueries: PreCheckoutQueries;
  readonly settings = new BotSettings();
  readonly updates = new UpdateQueue();
  /** The allowed_updates of the latest getUpdates or setWebhook that gave one. */
  allowedUpdates: string[] | undefined;
  lastWebhookError: { date: number; message: string } | undefined;

  private readonly callLog = new WaitableLog<ApiCallRecord>();
  private readonly messageLog = new WaitableLog<MessageEvent>();
  private readonly injectedFailures = new Map<string, ApiErrorBody[]>();
  private readonly actors = new Map<number, UserActorImpl>();
  private webhookConfig: WebhookConfig | undefined;
  private delivery: WebhookDelivery | undefined;
  private nextUpdateId = FIRST_UPDATE_ID;

  constructor(
    readonly token: string,
    readonly info: UserFromGetMe,
    preCheckoutTimeoutMs: number,
  ) {
    this.preCheckoutQueries = new PreCheckoutQueries(preCheckoutTimeoutMs);
    // A live chat page attaches listeners per open tab; Node's leak warning at 10 would be noise.
    this.events.setMaxListeners(0);
  }

  get calls(): ApiCallRecord[] {
    return this.callLog.items;
  }

  get webhook(): WebhookConfig | undefined {
    return this.webhookConfig === undefined ? undefined : { ...this.webhookConfig };
  }

  /** The bot as a User, for `from` of its messages. */
  get botUser(): User {
    return { id: this.info.id, is_bot: true, first_name: this.info.first_name, username: this.info.username };
  }

  user(profile: UserProfile): UserActor {
    const existing = this.actors.get(profile.id);
    if (existing !== undefined) return existing;
    const actor = new UserActorImpl(this, profile);
    this.actors.set(profile.id, actor);
    return actor;
  }

  pushUpdate(input: UpdateInput): Update {
    const updateId = input.update_id ?? this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, updateId + 1);
    const { update_id: _given, ...content } = input;
    // Cloned so later edits of stored messages cannot change an update already queued.
    const update = structuredClone({ update_id: updateId, ...content }) as Update;
    this.noteParticipants(update);
    if (!isUpdateAllowed(update, this.allowedUpdates)) return update;
    this.events.emit("update", update);
    if (this.delivery !== undefined) this.delivery.enqueue(update);
    else this.updates.enqueue(update);
    return update;
  }

  pushGroupMessage(from: UserProfile, chatId: number, text: string): Update {
    const title = `Group ${chatId}`;
    const chat: Chat =
      chatId <= -1_000_000_000_000 ? { id: chatId, type: "supergroup", title } : { id: chatId, type: "group", title };
    const entities = botCommandEntities(text);
    return this.receiveMessage(this.chats.ensure(chat), userFromProfile(from), {
      text,
      ...(entities.length > 0 ? { entities } : {}),
    });
  }

  pushChannelPost(chatId: number, text: string): Update {
    const state = this.chats.ensure({ id: chatId, type: "channel", title: `Channel ${chatId}` });
    return this.receiveMessage(state, this.botUser, { text }, "channel_post");
  }

  addChannel(id: number, title: string, username?: string): void {
    this.chats.ensure(
      username === undefined ? { id, type: "channel", title } : { id, type: "channel", title, username },
    );
  }

  waitForCall(method: string, predicate?: (c: ApiCallRecord) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<ApiCallRecord> {
    return this.callLog.waitFor(
      (call) => call.method === method && (predicate === undefined || predicate(call)),
      timeoutMs,
      () => {
        const seen = this.callLog
          .sinceMark()
          .map((call) => (call.ok ? call.method : `${call.method} (${call.error?.description ?? "error"})`));
        return `No matching ${method} call within ${timeoutMs} ms; calls since mark: [${seen.join(", ")}]`;
      },
    );
  }

  markCalls(): void {
    this.callLog.setMark();
    this.messageLog.setMark();
  }

  failNext(method: string, error: ApiErrorBody, count = 1): void {
    const key = method.toLowerCase();
    const queue = this.injectedFailures.get(key) ?? [];
    for (let i = 0; i < count; i++) queue.push(error);
    this.injectedFailures.set(key, queue);
  }

  chat(chatId: number): ChatView {
    const chats = this.chats;
    return {
      get messages() {
        return (chats.get(chatId)?.all() ?? []).map(toEmulatedMessage);
      },
      lastBotMessage() {
        const last = (chats.get(chatId)?.all() ?? []).filter((m) => m.from === "bot").at(-1);
        return last === undefined ? undefined : toEmulatedMessage(last);
      },
      get chatAction() {
        const action = chats.get(chatId)?.chatAction;
        return action === undefined ? undefined : { ...action };
      },
    };
  }

  waitForBotMessage(
    chatId: number,
    predicate?: (m: EmulatedMessage) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<EmulatedMessage> {
    return this.messageLog
      .waitFor(
        (event) =>
          event.message.from === "bot" &&
          event.message.chat_id === chatId &&
          (predicate === undefined || predicate(event.message)),
        timeoutMs,
        () => {
          const seen = this.messageLog
            .sinceMark()
            .filter((event) => event.message.chat_id === chatId && event.message.from === "bot")
            .map((event) => `${event.kind} #${event.message.message_id} ${JSON.stringify(event.message.text ?? event.message.caption ?? "")}`);
          return `No matching bot message in chat ${chatId} within ${timeoutMs} ms; seen since mark: [${seen.join(", ")}]`;
        },
      )
      .then((event) => event.message);
  }

  /** Consumes one injected failure for the method, if a test queued one. */
  takeInjectedFailure(method: string): ApiErrorBody | undefined {
    return this.injectedFailures.get(method.toLowerCase())?.shift();
  }

  recordCall(record: ApiCallRecord): void {
    this.callLog.push(record);
    this.events.emit("call", record);
  }

  /**
   * A message from a user (or a channel post) that the bot receives as an update; the sender is
   * ignored for channels, whose posts are signed by the channel.
   */
  receiveMessage(
    chat: ChatState,
    sender: User,
    content: Partial<Message>,
    kind: "message" | "channel_post" = "message",
  ): Update {
    const message = newMessage(chat, sender, content);
    this.storeMessage(chat, { message, from: "user", edited: false });
    return this.pushUpdate({ [kind]: message } as UpdateInput);
  }

  /** A message appeared in a chat (sent by either side). */
  storeMessage(chat: ChatState, stored: StoredMessage): void {
    chat.add(stored);
    const snapshot = toEmulatedMessage(stored);
    this.messageLog.push({ kind: "sent", message: snapshot });
    this.events.emit("message", snapshot);
  }

  /** A stored message was changed in place by an edit method. */
  noteEdit(stored: StoredMessage): void {
    stored.edited = true;
    const snapshot = toEmulatedMessage(stored);
    this.messageLog.push({ kind: "edited", message: snapshot });
    this.events.emit("edit", snapshot);
  }

  noteDelete(chatId: number, messageId: number): void {
    this.events.emit("delete", { chat_id: chatId, message_id: messageId });
  }

  noteChatAction(chat: ChatState, action: string): void {
    chat.chatAction = { action, at: Date.now() };
    this.events.emit("chat_action", { chat_id: chat.chat.id, ...chat.chatAction });
  }

  /** setWebhook: pending updates move to the webhook, and a waiting getUpdates ends with 409. */
  setWebhook(config: WebhookConfig, dropPendingUpdates: boolean): void {
    const carried = this.stopDelivery();
    const pending = dropPendingUpdates ? [] : [...carried, ...this.updates.drain()];
    this.updates.clear();
    this.updates.interrupt(webhookConflict());
    this.webhookConfig = config;
    this.lastWebhookError = undefined;
    const delivery = new WebhookDelivery(
      { url: config.url, ...(config.secretToken !== undefined ? { secretToken: config.secretToken } : {}) },
      {
        onReply: async (payload) => {
          const { method, ...fields } = payload;
          await dispatchApiCall(this, String(method), { fields, uploads: new Map() });
        },
        onError: (message) => {
          this.lastWebhookError = { date: unixNow(), message };
        },
      },
    );
    this.delivery = delivery;
    for (const update of pending) delivery.enqueue(update);
  }

  /** deleteWebhook: undelivered updates become available to getUpdates again unless dropped. */
  deleteWebhook(dropPendingUpdates: boolean): boolean {
    const wasSet = this.webhookConfig !== undefined;
    const undelivered = this.stopDelivery();
    this.webhookConfig = undefined;
    if (dropPendingUpdates) this.updates.clear();
    else for (const update of undelivered) this.updates.enqueue(update);
    return wasSet;
  }

  get pendingUpdateCount(): number {
    return this.delivery?.pendingCount ?? this.updates.size;
  }

  /** Ends everything that keeps connections or timers busy. */
  shutdown(): void {
    this.stopDelivery();
    this.updates.interrupt([]);
  }

  private stopDelivery(): Update[] {
    const undelivered = this.delivery?.stop() ?? [];
    this.delivery = undefined;
    return undelivered;
  }

  /**
   * Whoever sends an update has interacted with the bot, so the bot may write to their chat; queries
   * in raw updates become answerable, as if Telegram had sent them.
   */
  private noteParticipants(update: Update): void {
    const message = update.message ?? update.edited_message ?? update.channel_post ?? update.my_chat_member;
    const chat = message?.chat;
    if (chat !== undefined) {
      const state = this.chats.ensure(chat);
      const messageId = update.message?.message_id ?? update.channel_post?.message_id;
      if (messageId !== undefined) state.reserveMessageId(messageId);
    }
    const from = update.callback_query?.from ?? update.pre_checkout_query?.from;
    if (from !== undefined) this.chats.ensure(privateChatOf(from));
    if (update.callback_query !== undefined) this.callbackQueries.register(update.callback_query.id);
    if (update.pre_checkout_query !== undefined) this.preCheckoutQueries.register(update.pre_checkout_query.id);
  }
}
