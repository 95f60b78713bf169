import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../../src/config.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { moneyOf, onboard, orderFor, sendForgedInvoice, translations } from "./payment-helpers.js";

let nextUserId = 625_000;

describe.each(TEST_TARGETS)("payments switched off, on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target, { env: { PAYMENTS_ENABLED: "0" } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(["uz", "ru"] as Locale[])("says so on /topup and refuses an older invoice at pre-checkout, in %s", async (locale) => {
    const { plain } = translations(h, locale);
    const id = ++nextUserId;
    const user = await onboard(h, id, locale);
    h.bot.markCalls();
    await user.sendText("/topup");
    expect((await h.bot.waitForBotMessage(id)).text).toBe(plain("topup-disabled"));
    // An invoice made before payments were switched off.
    const order = await orderFor(h, id);
    const invoice = await sendForgedInvoice(h, id, order.payload, 70);
    expect(await user.pay(invoice)).toMatchObject({ ok: false, errorMessage: plain("payment-refused-payments-disabled") });
    expect(await moneyOf(h, id)).toMatchObject({ balance: 0, entries: 0 });
  });
});
