import type { StarTransaction } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const alice = { id: 111, first_name: "Alice" };

/** A polling bot that sells "pack_10" for 50 Stars and answers pre-checkout as told. */
async function shop(preCheckout: "approve" | "decline" | "ignore", options = {}): Promise<Harness> {
  const harness = await startHarness(options);
  harness.bot.command("buy", (ctx) =>
    ctx.replyWithInvoice("10 images", "A pack of 10 generations", "pack_10", "XTR", [{ label: "Pack", amount: 50 }]),
  );
  harness.bot.on("pre_checkout_query", async (ctx) => {
    if (preCheckout === "approve") await ctx.answerPreCheckoutQuery(true);
    if (preCheckout === "decline") await ctx.answerPreCheckoutQuery(false, "Sold out");
  });
  harness.bot.on("message:successful_payment", (ctx) => ctx.reply(`Thanks! ${ctx.message.successful_payment.total_amount}⭐`));
  harness.bot.on("message:refunded_payment", (ctx) => ctx.reply(`Refunded ${ctx.message.refunded_payment.total_amount}⭐`));
  await harness.startPolling();
  return harness;
}

async function invoiceFor(harness: Harness) {
  await harness.tg.user(alice).sendText("/buy");
  return harness.tg.waitForBotMessage(111, (m) => m.invoice !== undefined);
}

describe("Stars payments", () => {
  it("completes the exchange when the bot approves the pre-checkout query", async () => {
    h = await shop("approve");
    const invoice = await invoiceFor(h);
    expect(invoice.invoice).toEqual({
      title: "10 images",
      description: "A pack of 10 generations",
      start_parameter: "",
      currency: "XTR",
      total_amount: 50,
    });

    const outcome = await h.tg.user(alice).pay(invoice);
    expect(outcome.ok).toBe(true);
    expect(outcome.chargeId).toMatch(/^stx/);
    expect(outcome.successfulPaymentMessage?.successful_payment).toEqual({
      currency: "XTR",
      total_amount: 50,
      invoice_payload: "pack_10",
      telegram_payment_charge_id: outcome.chargeId,
      provider_payment_charge_id: "",
    });
    const query = await h.tg.waitForCall("answerPreCheckoutQuery");
    expect(query.payload).toMatchObject({ ok: true });
    expect((await h.tg.waitForBotMessage(111, (m) => m.text?.startsWith("Thanks") === true)).text).toBe("Thanks! 50⭐");
    expect(h.tg.starTransactions).toEqual([
      {
        id: outcome.chargeId,
        amount: 50,
        date: expect.any(Number),
        source: { type: "user", transaction_type: "invoice_payment", user: { id: 111, is_bot: false, first_name: "Alice" }, invoice_payload: "pack_10" },
      },
    ]);
    expect(await h.bot.api.getMyStarBalance()).toEqual({ amount: 50 });
    await expect(h.tg.user(alice).pay(invoice)).rejects.toThrow(/paid already/);

    const late = await h.call("answerPreCheckoutQuery", { pre_checkout_query_id: query.payload.pre_checkout_query_id, ok: true });
    expect(late.body.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
  });

  it("sends no successful_payment when the bot declines", async () => {
    h = await shop("decline");
    const outcome = await h.tg.user(alice).pay(await invoiceFor(h));
    expect(outcome).toEqual({ ok: false, errorMessage: "Sold out" });
    expect(h.tg.chat(111).messages.some((m) => m.successful_payment !== undefined)).toBe(false);
    expect(h.tg.starTransactions).toEqual([]);
  });

  it("sends no successful_payment when the bot never answers", async () => {
    h = await shop("ignore", { preCheckoutTimeoutMs: 300 });
    const outcome = await h.tg.user(alice).pay(await invoiceFor(h));
    expect(outcome).toEqual({ ok: false, timedOut: true });
    expect(h.tg.chat(111).messages.some((m) => m.successful_payment !== undefined)).toBe(false);
    expect(h.tg.starTransactions).toEqual([]);
  });

  it("refunds once, then answers CHARGE_ALREADY_REFUNDED", async () => {
    h = await shop("approve");
    const outcome = await h.tg.user(alice).pay(await invoiceFor(h));
    const chargeId = outcome.chargeId ?? "";

    expect(await h.bot.api.refundStarPayment(111, chargeId)).toBe(true);
    expect(h.tg.chat(111).messages.at(-1)?.refunded_payment).toEqual({
      currency: "XTR",
      total_amount: 50,
      invoice_payload: "pack_10",
      telegram_payment_charge_id: chargeId,
    });
    // The bot receives the refund as a message update and reacts to it.
    expect((await h.tg.waitForBotMessage(111, (m) => m.text?.startsWith("Refunded") === true)).text).toBe("Refunded 50⭐");

    const twice = await h.call("refundStarPayment", { user_id: 111, telegram_payment_charge_id: chargeId });
    expect(twice.body).toEqual({ ok: false, error_code: 400, description: "Bad Request: CHARGE_ALREADY_REFUNDED" });
    const unknown = await h.call("refundStarPayment", { user_id: 111, telegram_payment_charge_id: "stxNope" });
    expect(unknown.body.description).toBe("Bad Request: CHARGE_NOT_FOUND");
    const otherUser = await h.call("refundStarPayment", { user_id: 222, telegram_payment_charge_id: chargeId });
    expect(otherUser.body.description).toBe("Bad Request: CHARGE_NOT_FOUND");

    expect(h.tg.starTransactions.map((t) => [t.id, t.source !== undefined ? "in" : "out"])).toEqual([
      [chargeId, "in"],
      [chargeId, "out"],
    ]);
    expect(await h.bot.api.getMyStarBalance()).toEqual({ amount: 0 });
  });

  it("pays invoice links repeatedly and pages getStarTransactions chronologically", async () => {
    h = await shop("approve");
    const link = await h.bot.api.createInvoiceLink("Pack", "Five images", "link_5", "", "XTR", [{ label: "Pack", amount: 20 }]);
    expect(link).toMatch(/^https:\/\/t\.me\/\$[\w-]+$/);
    const user = h.tg.user(alice);
    await user.sendText("/start");
    const charges: string[] = [];
    for (let i = 0; i < 3; i++) charges.push((await user.payInvoiceLink(link)).chargeId ?? "");
    expect(new Set(charges).size).toBe(3);

    const page = async (offset: number, limit: number) =>
      ((await h.call("getStarTransactions", { offset, limit })).body.result as { transactions: StarTransaction[] }).transactions.map((t) => t.id);
    expect(await page(0, 2)).toEqual(charges.slice(0, 2));
    expect(await page(2, 2)).toEqual(charges.slice(2));
    expect(await page(3, 100)).toEqual([]);
  });

  it("checks invoice parameters", async () => {
    h = await startHarness();
    await h.tg.user(alice).sendText("/start");
    const send = async (params: Record<string, unknown>) =>
      (
        await h.call("sendInvoice", {
          chat_id: 111,
          title: "Pack",
          description: "Images",
          payload: "p",
          currency: "XTR",
          prices: [{ label: "Pack", amount: 10 }],
          ...params,
        })
      ).body.description;
    expect(await send({})).toBeUndefined();
    expect(await send({ prices: [{ label: "a", amount: 5 }, { label: "b", amount: 5 }] })).toBe("Bad Request: STARS_INVOICE_INVALID");
    expect(await send({ payload: "x".repeat(129) })).toBe("Bad Request: invoice payload must be 1-128 bytes long");
    expect(await send({ title: "" })).toBe('Bad Request: parameter "title" is required');
  });
});
