import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../../src/config.js";
import { users } from "../../../src/db/schema/index.js";
import { listBroadcastRecipients } from "../../../src/domain/privacy/broadcast-audience.js";
import { DELETION_REASONS } from "../../../src/domain/privacy/deletion-reasons.js";
import type { AccountExport } from "../../../src/domain/privacy/account-export.js";
import { creditsText } from "../../../src/domain/payments/payment-notices.js";
import type { EmulatedMessage } from "../../../src/sandbox/telegram-emulator/index.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { buttonData, invoiceForPreset, moneyOf, onboard, orderFor } from "../payments/payment-helpers.js";

let nextUserId = 770_000;
const newUserId = () => ++nextUserId;
const DAY = 24 * 3600 * 1000;

describe.each(TEST_TARGETS)("data rights in the bot on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const t = (locale: Locale, key: string, vars?: Record<string, string | number>) => plainText(h.app.translator.t(locale, key, vars));
  const row = async (telegramId: number) => (await h.app.database.db.select().from(users).where(eq(users.telegramId, telegramId)))[0]!;

  async function command(user: { id: number; sendText(text: string): Promise<unknown> }, text: string, predicate?: (m: EmulatedMessage) => boolean) {
    h.bot.markCalls();
    await user.sendText(text);
    return h.bot.waitForBotMessage(user.id, predicate);
  }

  /** Downloads a document the bot sent, the way a Telegram client would. */
  async function downloadDocument(fileId: string): Promise<Buffer> {
    const file = await h.app.bot!.api.getFile(fileId);
    const response = await fetch(`${h.emulator.apiRoot}/file/bot${h.bot.token}/${file.file_path}`);
    return Buffer.from(await response.arrayBuffer());
  }

  it("/mydata lists what is held, how much and for how long", async () => {
    const id = newUserId();
    const user = await onboard(h, id, "en", "Mia");
    const screen = await command(user, "/mydata");
    const accepted = await row(id);
    expect(screen.text).toContain(t("en", "privacy-summary-title"));
    expect(screen.text).toContain(t("en", "privacy-summary-account", { telegramId: String(id) }));
    expect(screen.text).toContain(t("en", "privacy-summary-consent", { version: 1, date: accepted.acceptedPolicyAt!.getTime() }));
    expect(screen.text).toContain(t("en", "privacy-summary-generations", { count: 0 }));
    expect(screen.text).toContain(t("en", "privacy-summary-retention"));
    expect(screen.text).toContain("within 30 days");
    expect(buttonData(screen)).toEqual(["priv:export", "priv:del", "home:settings", "home:show"]);
  });

  it("/export sends a JSON document with the user's data, at most once per interval", async () => {
    const id = newUserId();
    const user = await onboard(h, id, "ru", "Lev");
    await invoiceForPreset(h, user, 70);
    h.bot.markCalls();
    await user.sendText("/export");
    const sent = await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id);
    const message = await h.bot.waitForBotMessage(id, (m) => m.document !== undefined);
    expect(message.document?.file_name).toMatch(/^bananapics-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(String(sent.payload.caption)).toContain("Bananapics");
    const document = JSON.parse((await downloadDocument(message.document!.file_id)).toString("utf8")) as AccountExport;
    expect(document.schema_version).toBe(1);
    expect(document.users).toEqual([expect.objectContaining({ telegram_id: id, first_name: "Lev", locale: "ru", accepted_policy_version: 1 })]);
    expect(document.star_orders).toEqual([expect.objectContaining({ stars: 70, status: "pending" })]);
    for (const key of ["generations", "ledger_entries", "star_payments", "referrals", "support_messages", "broadcast_recipients"]) {
      expect(Array.isArray(document[key]), key).toBe(true);
    }

    const refusal = await command(user, "/export");
    expect(refusal.text).toBe(t("ru", "privacy-export-too-soon", { minutes: 10, wait: 10 }));
    expect(h.bot.calls.filter((c) => c.method === "sendDocument" && c.payload.chat_id === id)).toHaveLength(1);
  });

  it("news can be turned off and on in the settings, and an opted-out user is not in any broadcast audience", async () => {
    const id = newUserId();
    const user = await onboard(h, id, "en", "Noa");
    const inAudience = async () => {
      const found = await listBroadcastRecipients(h.app.database.db, "optional", { afterUserId: (await row(id)).id - 1, limit: 1 });
      return found[0]?.telegramId === id;
    };
    expect((await row(id)).broadcastOptIn).toBe(true);
    expect(await inAudience()).toBe(true);

    const settings = await command(user, "/settings");
    expect(settings.text).toContain(t("en", "settings-broadcasts", { state: t("en", "settings-state-on") }));
    expect(settings.text).toContain(t("en", "settings-essential-note"));
    h.bot.markCalls();
    const answer = await user.pressButton(settings, "set:pref:bc:off");
    expect(answer?.text).toBe(t("en", "settings-saved"));
    const changed = await h.bot.waitForBotMessage(id, (m) => m.text?.includes(t("en", "settings-state-off")) ?? false);
    expect(buttonData(changed)).toContain("set:pref:bc:on");
    expect((await row(id)).broadcastOptIn).toBe(false);
    expect(await inAudience()).toBe(false);

    // The gallery: off by default; the reference-image choice appears once the gallery is on.
    expect(buttonData(changed)).not.toContain("set:pref:galref:on");
    h.bot.markCalls();
    await user.pressButton(changed, "set:pref:gal:on");
    const gallery = await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("set:pref:galref:on"));
    await user.pressButton(gallery, "set:pref:galref:on");
    await waitUntil(async () => (await row(id)).galleryReferencesOptIn, "the reference images are in the gallery");
    expect((await row(id)).galleryOptIn).toBe(true);

    h.bot.markCalls();
    await user.pressButton(gallery, "set:pref:bc:on");
    await waitUntil(async () => (await row(id)).broadcastOptIn, "news are on again");
    expect(await inAudience()).toBe(true);
  });

  it("/deleteme explains, marks the account, answers everything else with the date, and Cancel keeps it", async () => {
    const id = newUserId();
    const user = await onboard(h, id, "en", "Ola");
    const explanation = await command(user, "/deleteme");
    const dueShown = explanation.text!;
    expect(dueShown).toContain(t("en", "privacy-delete-title"));
    expect(dueShown).toContain(t("en", "privacy-delete-export-hint"));
    expect(dueShown).toContain(creditsText((k, v) => t("en", k, v), 0));
    expect(buttonData(explanation)).toEqual(["priv:del-yes", "priv:keep"]);

    h.bot.markCalls();
    const before = Date.now();
    await user.pressButton(explanation, "priv:del-yes");
    const scheduled = await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("priv:cancel"));
    const marked = await row(id);
    expect(marked.deletionReason).toBe(DELETION_REASONS.userRequest);
    expect(marked.deletionDueAt!.getTime() - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(marked.deletionDueAt!.getTime() - Date.now()).toBeLessThanOrEqual(30 * DAY);
    expect(scheduled.text).toBe(t("en", "privacy-deletion-scheduled", { date: marked.deletionDueAt!.getTime() }));

    // Nothing else is processed: a command, a prompt, an old button.
    const pending = t("en", "privacy-deletion-pending", { date: marked.deletionDueAt!.getTime() });
    for (const text of ["/help", "/topup", "a cat in space"]) {
      const answer = await command(user, text);
      expect(answer.text).toBe(pending);
      expect(buttonData(answer)).toEqual(["priv:cancel"]);
    }
    const home = h.bot.chat(id).messages.find((m) => buttonData(m).includes("home:create"))!;
    h.bot.markCalls();
    await user.pressButton(home, "home:create");
    await h.bot.waitForBotMessage(id, (m) => m.text === pending);

    // A new payment is refused at pre-checkout with the same notice.
    h.bot.pushUpdate({
      pre_checkout_query: {
        id: `pcq-del-${id}`,
        from: { id, is_bot: false, first_name: "Ola" },
        currency: "XTR",
        total_amount: 70,
        invoice_payload: "ord_AAAAAAAAAAAAAAAAAAAAAAAA",
      },
    });
    const refused = await h.bot.waitForCall("answerPreCheckoutQuery", (c) => c.payload.pre_checkout_query_id === `pcq-del-${id}`);
    expect(refused.payload).toMatchObject({ ok: false, error_message: pending });

    // Cancel: everything works again.
    const notice = h.bot.chat(id).lastBotMessage()!;
    h.bot.markCalls();
    const cancelled = await user.pressButton(notice, "priv:cancel");
    expect(cancelled?.text).toBe(t("en", "privacy-deletion-cancelled"));
    await h.bot.waitForBotMessage(id, (m) => m.text === t("en", "privacy-deletion-cancelled") && buttonData(m).includes("home:create"));
    expect((await row(id)).deletionDueAt).toBeNull();
    expect((await command(user, "/help")).text).toBe(t("en", "help-text"));
  });

  it("a payment already made while the account waits for deletion is still credited", async () => {
    const id = newUserId();
    const user = await onboard(h, id, "en", "Pay");
    // The invoice was approved before the request; Telegram's successful_payment arrives after it.
    const order = await orderFor(h, id, 70);
    const requested = await h.app.privacy.requestDeletion((await row(id)).id, DELETION_REASONS.userRequest);
    expect(requested.profile?.deletionDueAt).not.toBeNull();
    h.bot.markCalls();
    h.bot.pushUpdate({
      message: {
        message_id: 990_001,
        date: Math.floor(Date.now() / 1000),
        chat: { id, type: "private", first_name: "Pay" },
        from: { id, is_bot: false, first_name: "Pay" },
        successful_payment: {
          currency: "XTR",
          total_amount: 70,
          invoice_payload: order.payload,
          telegram_payment_charge_id: `stxPENDING${id}`,
          provider_payment_charge_id: "",
        },
      },
    });
    await h.bot.waitForBotMessage(id, (m) => m.text?.startsWith("✅") ?? false);
    expect(await moneyOf(h, id)).toMatchObject({ balance: order.credits, ledgerSum: order.credits, entries: 1 });
    // Anything else is still answered with the deletion notice.
    expect((await command(user, "/profile")).text).toBe(t("en", "privacy-deletion-pending", { date: requested.profile!.deletionDueAt! }));
  });

  it("withdrawing consent in the settings is deletion, with the same explanation", async () => {
    const id = newUserId();
    const user = await onboard(h, id, "uz", "Umid");
    const settings = await command(user, "/settings");
    h.bot.markCalls();
    await user.pressButton(settings, "priv:wd");
    const explanation = await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("priv:wd-yes"));
    expect(explanation.text).toContain(t("uz", "privacy-withdraw-title"));
    expect(explanation.text).toContain(t("uz", "privacy-delete-export-hint"));
    h.bot.markCalls();
    await user.pressButton(explanation, "priv:wd-yes");
    await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("priv:cancel"));
    expect((await row(id)).deletionReason).toBe(DELETION_REASONS.consentWithdrawn);
  });

  it("the rights need no consent: before accepting the terms /mydata and /deleteme answer, and Keep changes nothing", async () => {
    const id = newUserId();
    const user = h.bot.user({ id, first_name: "Pia", language_code: "en" });
    await command(user, "/start");
    const data = await command(user, "/mydata");
    expect(data.text).toContain(t("en", "privacy-summary-no-consent"));
    const explanation = await command(user, "/deleteme");
    h.bot.markCalls();
    await user.pressButton(explanation, "priv:keep");
    await h.bot.waitForBotMessage(id, (m) => m.text === t("en", "privacy-delete-kept"));
    expect((await row(id)).deletionDueAt).toBeNull();
  });

  it("an account an admin erased as a child's cannot be cancelled, and the person comes back as a new user", async () => {
    const id = newUserId();
    const user = await onboard(h, id, "en", "Kim");
    const old = await row(id);
    const outcome = await h.app.privacy.eraseNow(old.id, { adminTelegramId: 1, reason: DELETION_REASONS.childAccount });
    expect(outcome.status).toBe("erased");
    const picker = await command(user, "/start");
    expect(picker.text).toBe(t("en", "onboarding-choose-language", { name: "Kim" }));
    const fresh = await row(id);
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.acceptedPolicyVersion).toBeNull();
  });

  it("/mydata, /export and /deleteme are in the command menu and the help, in every language", async () => {
    await waitUntil(() => h.bot.calls.some((c) => c.method === "setMyCommands"), "the command menus were registered");
    const menus = h.bot.calls.filter((c) => c.method === "setMyCommands");
    for (const locale of ["uz", "ru", "en"] as const) {
      const menu = menus.find((c) => c.payload.language_code === locale);
      const commands = (menu?.payload.commands ?? []) as Array<{ command: string; description: string }>;
      for (const name of ["mydata", "export", "deleteme"]) {
        expect(commands).toContainEqual({ command: name, description: h.app.translator.t(locale, `cmd-${name}`) });
        expect(t(locale, "help-text")).toContain(`/${name}`);
      }
    }
  });
});
