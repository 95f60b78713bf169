import type { InlineKeyboardButton, Message, MessageEntity, User } from "grammy/types";
import { privateChatOf, userFromProfile } from "./chat-registry.js";
import type { ChatState, StoredMessage } from "./chat-state.js";
import { unixNow } from "./clock.js";
import type { EmulatedBotImpl } from "./emulated-bot.js";
import { mimeTypeFor } from "./files.js";
import { createNumericIdSource, nextMediaGroupId } from "./ids.js";
import { runPayment } from "./payment-flow.js";
import { defaultUserImage, PhotoRejected, storePhoto } from "./photo-sizes.js";
import type {
  AlbumItem,
  CallbackAnswer,
  EmulatedMessage,
  PaymentOutcome,
  UserActor,
  UserDocumentOptions,
  UserPhotoOptions,
  UpdateInput,
  UserProfile,
} from "./types.js";
import { botCommandEntities } from "./validation/command-entities.js";

const callbackQueryIds = createNumericIdSource();

/**
 * A simulated user in a private chat with one bot. It does what a Telegram client would let a person
 * do, so misuse (pressing a missing button, paying a non-invoice) throws in the test instead of
 * producing an update Telegram could never send.
 */
export class UserActorImpl implements UserActor {
  readonly user: User;

  constructor(
    private readonly bot: EmulatedBotImpl,
    profile: UserProfile,
  ) {
    this.user = userFromProfile(profile);
  }

  get id(): number {
    return this.user.id;
  }

  async sendText(rawText: string, extra?: { reply_to_message_id?: number }): Promise<Message> {
    const text = rawText.trim();
    if (text === "") throw new Error("Telegram clients do not send empty messages");
    const content: Partial<Message> = { text, ...withEntities("entities", botCommandEntities(text)) };
    if (extra?.reply_to_message_id !== undefined) {
      const replied = this.storedMessage(extra.reply_to_message_id);
      const { reply_to_message: _nested, ...repliedMessage } = structuredClone(replied.message);
      content.reply_to_message = repliedMessage as Message["reply_to_message"];
    }
    return this.send(content);
  }

  async sendPhoto(opts: UserPhotoOptions = {}): Promise<Message> {
    return this.send(await this.photoContent(opts.image, opts.caption, opts.media_group_id));
  }

  async sendDocument(opts: UserDocumentOptions): Promise<Message> {
    const { file_name, mime_type, content, caption, media_group_id } = opts;
    return this.send(this.documentContent(file_name, mime_type, content, caption, media_group_id));
  }

  async sendAlbum(items: AlbumItem[], caption?: string): Promise<Message[]> {
    if (items.length < 2 || items.length > 10) throw new Error("an album has 2-10 items");
    const documents = items.filter((item) => item.kind === "document").length;
    if (documents > 0 && documents < items.length) throw new Error("documents cannot be mixed with photos in an album");
    const groupId = nextMediaGroupId();
    const contents: Array<Partial<Message>> = [];
    for (const [index, item] of items.entries()) {
      const itemCaption = index === 0 ? caption : undefined;
      contents.push(
        item.kind === "photo"
          ? await this.photoContent(item.image, itemCaption, groupId)
          : this.documentContent(
              item.file_name ?? `file_${index + 1}.bin`,
              item.mime_type,
              item.image ?? Buffer.from(`document ${index + 1}`),
              itemCaption,
              groupId,
            ),
      );
    }
    return contents.map((content) => this.send(content));
  }

  async pressButton(message: EmulatedMessage | number, buttonTextOrData: string): Promise<CallbackAnswer | undefined> {
    const stored = this.storedMessage(typeof message === "number" ? message : message.message_id);
    const buttons = stored.message.reply_markup?.inline_keyboard.flat() ?? [];
    const button =
      buttons.find((candidate) => candidate.text === buttonTextOrData) ??
      buttons.find((candidate) => "callback_data" in candidate && candidate.callback_data === buttonTextOrData);
    if (button === undefined) {
      throw new Error(
        `No inline button "${buttonTextOrData}" in message ${stored.message.message_id}; buttons: ${JSON.stringify(buttons.map(describeButton))}`,
      );
    }
    if ("url" in button) return { url: button.url };
    if ("web_app" in button) return { url: button.web_app.url };
    if (!("callback_data" in button)) {
      throw new Error(`Button "${button.text}" is not a callback, URL or web app button: ${JSON.stringify(button)}`);
    }
    const queryId = callbackQueryIds();
    const answer = this.bot.callbackQueries.waitForAnswer(queryId);
    this.bot.pushUpdate({
      callback_query: {
        id: queryId,
        from: this.user,
        message: stored.message,
        chat_instance: this.chat().chatInstance,
        data: button.callback_data,
      },
    });
    return answer;
  }

  async pay(invoiceMessage: EmulatedMessage | number): Promise<PaymentOutcome> {
    const messageId = typeof invoiceMessage === "number" ? invoiceMessage : invoiceMessage.message_id;
    const invoice = this.bot.invoices.forMessage(this.id, messageId);
    if (invoice === undefined) throw new Error(`Message ${messageId} is not an invoice in the chat with user ${this.id}`);
    if (invoice.paid) throw new Error(`Invoice message ${messageId} was paid already; Telegram shows a receipt instead`);
    return runPayment(this.bot, this.user, this.chat(), invoice.terms, () => this.bot.invoices.markPaid(this.id, messageId));
  }

  async payInvoiceLink(link: string): Promise<PaymentOutcome> {
    const terms = this.bot.invoices.forLink(link);
    if (terms === undefined) throw new Error(`Unknown invoice link ${link}`);
    return runPayment(this.bot, this.user, this.chat(), terms, () => undefined);
  }

  blockBot(): void {
    this.setBlocked(true);
  }

  unblockBot(): void {
    this.setBlocked(false);
  }

  private setBlocked(blocked: boolean): void {
    const chat = this.chat();
    const oldStatus = chat.blocked ? "kicked" : "member";
    chat.blocked = blocked;
    const member = (status: "kicked" | "member") =>
      status === "kicked"
        ? { status, user: this.bot.botUser, until_date: 0 }
        : { status, user: this.bot.botUser };
    this.bot.pushUpdate({
      my_chat_member: {
        chat: chat.chat,
        from: this.user,
        date: unixNow(),
        old_chat_member: member(oldStatus),
        new_chat_member: member(blocked ? "kicked" : "member"),
      },
    } as UpdateInput);
  }

  /** The private chat; it becomes known to the bot with the user's first update. */
  private chat(): ChatState {
    return this.bot.chats.ensure(privateChatOf(this.user));
  }

  private storedMessage(messageId: number): StoredMessage {
    const stored = this.chat().get(messageId);
    if (stored === undefined) throw new Error(`No message ${messageId} in the chat with user ${this.id}`);
    return stored;
  }

  private send(content: Partial<Message>): Message {
    const update = this.bot.receiveMessage(this.chat(), this.user, content);
    return update.message as Message;
  }

  private async photoContent(
    image: Buffer | undefined,
    caption: string | undefined,
    groupId: string | undefined,
  ): Promise<Partial<Message>> {
    const stored = await storePhoto(this.bot.files, image ?? (await defaultUserImage())).catch((error: unknown) => {
      if (error instanceof PhotoRejected) throw new Error(`Telegram would not accept this image as a photo: ${error.code}`);
      throw error;
    });
    return {
      photo: stored.sizes,
      ...captionContent(caption),
      ...(groupId !== undefined ? { media_group_id: groupId } : {}),
    };
  }

  private documentContent(
    fileName: string,
    mimeType: string | undefined,
    content: Buffer,
    caption: string | undefined,
    groupId: string | undefined,
  ): Partial<Message> {
    const file = this.bot.files.add("document", { bytes: content }, { file_name: fileName, mime_type: mimeType ?? mimeTypeFor(fileName) });
    return {
      document: {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_name: fileName,
        mime_type: file.mime_type,
        file_size: content.length,
      },
      ...captionContent(caption),
      ...(groupId !== undefined ? { media_group_id: groupId } : {}),
    };
  }
}

function captionContent(caption: string | undefined): Partial<Message> {
  if (caption === undefined || caption === "") return {};
  return { caption, ...withEntities("caption_entities", botCommandEntities(caption)) };
}

function withEntities(field: "entities" | "caption_entities", entities: MessageEntity[]): Partial<Message> {
  return entities.length > 0 ? { [field]: entities } : {};
}

function describeButton(button: InlineKeyboardButton): string {
  return "callback_data" in button ? `${button.text} (${button.callback_data})` : button.text;
}
