import type { LabeledPrice } from "grammy/types";
import { badRequest } from "./api-error.js";
import { randomToken } from "./ids.js";
import { characterCount } from "./validation/formatted-text.js";
import type { Params } from "./validation/params.js";

/** What a user agrees to pay: the visible invoice plus the payload Telegram hands back to the bot. */
export interface InvoiceTerms {
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: LabeledPrice[];
  total_amount: number;
  start_parameter?: string;
  subscription_period?: number;
}

/** The only subscription period Telegram currently accepts: 30 days. */
const SUBSCRIPTION_PERIOD = 2_592_000;

/** Reads the invoice parameters shared by sendInvoice and createInvoiceLink, with the documented limits. */
export function readInvoiceTerms(params: Params): InvoiceTerms {
  const title = params.requiredString("title");
  const description = params.requiredString("description");
  const payload = params.requiredString("payload");
  const currency = params.requiredString("currency").toUpperCase();
  if (characterCount(title) > 32) throw badRequest("invoice title must be 1-32 characters long");
  if (characterCount(description) > 255) throw badRequest("invoice description must be 1-255 characters long");
  if (Buffer.byteLength(payload, "utf8") > 128) throw badRequest("invoice payload must be 1-128 bytes long");
  if (currency !== "XTR" && !params.has("provider_token")) throw badRequest("PAYMENT_PROVIDER_INVALID");

  const prices = readPrices(params.json("prices", "can't parse prices JSON object"));
  if (currency === "XTR" && prices.length !== 1) throw badRequest("STARS_INVOICE_INVALID");
  const total = prices.reduce((sum, price) => sum + price.amount, 0);
  if (total <= 0) throw badRequest("CURRENCY_TOTAL_AMOUNT_INVALID");

  const terms: InvoiceTerms = { title, description, payload, currency, prices, total_amount: total };
  const startParameter = params.string("start_parameter");
  if (startParameter !== undefined) terms.start_parameter = startParameter;
  const period = params.integer("subscription_period");
  if (period !== undefined) {
    if (period !== SUBSCRIPTION_PERIOD || currency !== "XTR") throw badRequest("SUBSCRIPTION_PERIOD_INVALID");
    terms.subscription_period = period;
  }
  return terms;
}

function readPrices(value: unknown): LabeledPrice[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest('parameter "prices" is required');
  return value.map((item: unknown) => {
    const price = item as Partial<LabeledPrice> | null;
    if (typeof price?.label !== "string" || !Number.isSafeInteger(price.amount)) {
      throw badRequest("can't parse prices: LabeledPrice must have a label and an integer amount");
    }
    return { label: price.label, amount: price.amount as number };
  });
}

/** Invoices the bot issued: per invoice message (payable once) and per invoice link (payable repeatedly). */
export class Invoices {
  private readonly byMessage = new Map<string, { terms: InvoiceTerms; paid: boolean }>();
  private readonly byLink = new Map<string, InvoiceTerms>();

  rememberMessage(chatId: number, messageId: number, terms: InvoiceTerms): void {
    this.byMessage.set(`${chatId}:${messageId}`, { terms, paid: false });
  }

  /** The invoice of a message and whether it was paid already (Telegram then shows a receipt instead). */
  forMessage(chatId: number, messageId: number): { terms: InvoiceTerms; paid: boolean } | undefined {
    return this.byMessage.get(`${chatId}:${messageId}`);
  }

  markPaid(chatId: number, messageId: number): void {
    const entry = this.byMessage.get(`${chatId}:${messageId}`);
    if (entry !== undefined) entry.paid = true;
  }

  createLink(terms: InvoiceTerms): string {
    const link = `https://t.me/$${randomToken(18)}`;
    this.byLink.set(link, terms);
    return link;
  }

  forLink(link: string): InvoiceTerms | undefined {
    return this.byLink.get(link);
  }
}
