import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuditLog, generations, ledgerEntries, starPayments, users } from "../../../src/db/schema/index.js";
import { ADMIN_ACTIONS } from "../../../src/domain/admin/audit-log.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import type { BotAppHarness } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { invoiceForPreset, moneyOf, onboard } from "../payments/payment-helpers.js";
import { paymentToken } from "../../../src/bot/features/admin/payment-refunds.js";
import { ADMIN_ID, adminActor, auditOf, callbacks, forgePress, latestWith, openCard, press, say, seen, startAdminApp, userRow } from "./admin-harness.js";

let nextUserId = 7_780_000;

describe.each(TEST_TARGETS)("the admin menu end to end on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startAdminApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function deliveredGeneration(userId: number, spec: { price: number; trial?: boolean }) {
    const [row] = await h.app.database.db
      .insert(generations)
      .values({
        userId,
        modelKey: "nano-banana-pro",
        mode: "text_to_image",
        providerModelId: "x",
        prompt: "a banana",
        priceCredits: spec.trial ? 0 : spec.price,
        paidWithTrial: spec.trial ?? false,
        status: "delivered",
        chatId: 1,
        deadlineAt: new Date(),
      })
      .returning();
    return row!;
  }

  it("is invisible to everyone else: /admin gets the usual unknown-command answer", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "ru");
    const answer = await say(h, user, "/admin");
    expect(answer.text).toBe(seen(h, "ru", "unknown-command"));
    // Even a user who never accepted the terms learns nothing about it.
    const stranger = h.bot.user({ id: ++nextUserId, first_name: "Eve", language_code: "en" });
    await say(h, stranger, "/start");
    const other = await say(h, stranger, "/admin");
    expect(other.text).not.toContain(seen(h, "en", "admin-menu-title"));
  });

  it("refuses every admin button pressed by a non-admin, with no effect", async () => {
    const id = ++nextUserId;
    await onboard(h, id, "en", "Mallory");
    const victim = ++nextUserId;
    await onboard(h, victim, "en", "Victim");
    const { userId } = await moneyOf(h, victim);
    await credit(h.app.database.db, { userId, amount: 300, kind: LEDGER_KINDS.purchase, reference: "t", idempotencyKey: `t:${victim}` });
    const generation = await deliveredGeneration(userId, { price: 120 });
    const forged = [
      "adm:menu",
      "adm:stats",
      "adm:users",
      "adm:prov",
      "adm:bc",
      `adm:u:${userId}`,
      `adm:adj:${userId}`,
      `adm:ban:${userId}`,
      `adm:grefok:${generation.id}`,
      `adm:pays:${userId}`,
      `adm:delok:${userId}:request`,
      "bcast:cancel:1",
    ];
    for (const data of forged) {
      h.bot.markCalls();
      const queryId = forgePress(h, { id, first_name: "Mallory" }, data);
      const answer = await h.bot.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === queryId);
      expect(answer.payload.text, data).toBe(seen(h, "en", "menu-expired"));
    }
    // A text that would answer an admin question is just a prompt for a non-admin.
    const after = await moneyOf(h, victim);
    expect(after.balance).toBe(300);
    expect((await userRow(h, victim)).banned).toBe(false);
    expect((await userRow(h, victim)).erasedAt).toBeNull();
    const [refund] = await h.app.database.db.select().from(generations).where(eq(generations.id, generation.id));
    expect(refund?.refundedAt).toBeNull();
    expect(await auditOf(h, userId)).toEqual([]);
    expect(h.bot.chat(id).messages.some((m) => (m.text ?? "").includes(seen(h, "en", "admin-menu-title")))).toBe(false);
  });

  it("shows the menu, statistics and the provider screen to an admin", async () => {
    const admin = await adminActor(h);
    const menu = h.bot.chat(ADMIN_ID).lastBotMessage()!;
    expect(callbacks(menu)).toEqual(["adm:stats", "adm:users", "adm:bc", "adm:prov"]);
    const stats = await press(h, admin, menu, "adm:stats");
    const [count] = await h.app.database.db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`${users.telegramId} is not null`);
    expect(stats.text).toContain(seen(h, "en", "admin-stats", { ...zeros(), usersTotal: count!.n }).split("\n")[3]!);
    expect(stats.text).toContain(seen(h, "en", "admin-balance-unknown"));
    const provider = await press(h, admin, stats, "adm:menu");
    const providerScreen = await press(h, admin, provider, "adm:prov");
    expect(providerScreen.text).toContain(seen(h, "en", "admin-provider-no-failures"));
  });

  it("finds a user, adjusts credits with a reason, bans and unbans them (told in their language), all audited", async () => {
    const admin = await adminActor(h);
    const id = ++nextUserId;
    const user = await onboard(h, id, "ru", "Борис");
    const { userId } = await moneyOf(h, id);

    const menu = await say(h, admin, "/admin", (m) => callbacks(m).includes("adm:users"));
    const ask = await press(h, admin, menu, "adm:users");
    expect(ask.text).toBe(seen(h, "en", "admin-users-ask"));
    const card = await say(h, admin, String(id), (m) => (m.text ?? "").includes(`Telegram id ${id}`));
    expect(card.text).toContain("Борис");
    expect(callbacks(card)).toEqual(expect.arrayContaining([`adm:adj:${userId}`, `adm:ban:${userId}`, `adm:gens:${userId}`, `adm:pays:${userId}`]));

    await press(h, admin, card, `adm:adj:${userId}`, (m) => m.text === seen(h, "en", "admin-adjust-ask"));
    await say(h, admin, "+500 outage <compensation>", (m) => m.text === seen(h, "en", "admin-adjust-done", { delta: "+500", balance: 500 }));
    expect(await moneyOf(h, id)).toMatchObject({ balance: 500, ledgerSum: 500 });
    const [entry] = await h.app.database.db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, userId));
    expect(entry).toMatchObject({ kind: LEDGER_KINDS.adminAdjustment, delta: 500, note: "outage <compensation>" });

    await press(h, admin, await latestWith(h, ADMIN_ID, `adm:adj:${userId}`), `adm:adj:${userId}`, (m) => m.text === seen(h, "en", "admin-adjust-ask"));
    await say(h, admin, "-9000 mistake", (m) => m.text === seen(h, "en", "admin-adjust-insufficient", { amount: 9000, balance: 500 }));
    expect((await moneyOf(h, id)).balance).toBe(500);

    await press(h, admin, await latestWith(h, ADMIN_ID, `adm:ban:${userId}`), `adm:ban:${userId}`, (m) => m.text === seen(h, "en", "admin-ban-ask"));
    h.bot.markCalls();
    await admin.sendText("spam & <b>abuse</b>");
    const notice = await h.bot.waitForBotMessage(id);
    expect(notice.text).toBe(seen(h, "ru", "banned", { reason: "spam & <b>abuse</b>" }));
    await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === seen(h, "en", "admin-ban-done"));
    const refusedUser = await say(h, user, "/help");
    expect(refusedUser.text).toBe(seen(h, "ru", "banned", { reason: "spam & <b>abuse</b>" }));

    await press(h, admin, await latestWith(h, ADMIN_ID, `adm:unban:${userId}`), `adm:unban:${userId}`, (m) => m.text === seen(h, "en", "admin-unban-ask"));
    h.bot.markCalls();
    await admin.sendText("appeal accepted");
    expect((await h.bot.waitForBotMessage(id)).text).toBe(seen(h, "ru", "admin-notice-unbanned"));
    await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === seen(h, "en", "admin-unban-done"));
    expect((await say(h, user, "/help")).text).toBe(seen(h, "ru", "help-text"));

    const log = await auditOf(h, userId);
    expect(log.map((a) => [a.adminTelegramId, a.action, a.reason])).toEqual([
      [ADMIN_ID, ADMIN_ACTIONS.creditsAdjusted, "outage <compensation>"],
      [ADMIN_ID, ADMIN_ACTIONS.userBanned, "spam & <b>abuse</b>"],
      [ADMIN_ID, ADMIN_ACTIONS.userUnbanned, "appeal accepted"],
    ]);
    expect(log[0]).toMatchObject({ before: { balance: 0 }, after: { balance: 500, delta: 500 } });
    // The card, shown again after the unban, lists the latest actions.
    const refreshed = await latestWith(h, ADMIN_ID, `adm:ban:${userId}`);
    expect(refreshed.text).toContain(seen(h, "en", "admin-action-user-unbanned"));
    expect(refreshed.text).toContain(seen(h, "en", "admin-action-credits-adjusted"));
  });

  it("refunds a generation's credits once, never a trial", async () => {
    const admin = await adminActor(h);
    const id = ++nextUserId;
    await onboard(h, id, "en");
    const { userId } = await moneyOf(h, id);
    const paid = await deliveredGeneration(userId, { price: 150 });
    const trial = await deliveredGeneration(userId, { price: 0, trial: true });
    const card = await openCard(h, admin, id);
    const list = await press(h, admin, card, `adm:gens:${userId}`, (m) => callbacks(m).includes(`adm:gref:${paid.id}`));
    expect(callbacks(list)).not.toContain(`adm:gref:${trial.id}`);
    const confirm = await press(h, admin, list, `adm:gref:${paid.id}`, (m) => callbacks(m).includes(`adm:grefok:${paid.id}`));
    const done = await press(h, admin, confirm, `adm:grefok:${paid.id}`, (m) => (m.text ?? "").startsWith("✅"));
    expect(done.text).toBe(seen(h, "en", "admin-refund-generation-done", { id: paid.id, credits: 150, balance: 150 }));
    // A second press (a stale confirmation) and a forged press for the trial both change nothing.
    h.bot.markCalls();
    forgePress(h, { id: ADMIN_ID, first_name: "Ada" }, `adm:grefok:${paid.id}`);
    await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === seen(h, "en", "admin-error-already-refunded"));
    h.bot.markCalls();
    forgePress(h, { id: ADMIN_ID, first_name: "Ada" }, `adm:grefok:${trial.id}`);
    await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === seen(h, "en", "admin-error-trial-generation"));
    expect(await moneyOf(h, id)).toMatchObject({ balance: 150, ledgerSum: 150 });
    expect((await auditOf(h, userId)).map((a) => a.action)).toEqual([ADMIN_ACTIONS.generationRefunded]);
  });

  it("refunds a Stars payment: Telegram returns the Stars, the credits are taken back, the user is told", async () => {
    const admin = await adminActor(h);
    const id = ++nextUserId;
    const user = await onboard(h, id, "en");
    const invoice = await invoiceForPreset(h, user, 70);
    h.bot.markCalls();
    await user.pay(invoice);
    await waitUntil(async () => (await moneyOf(h, id)).balance === 1000, "the purchase is credited");
    const { userId } = await moneyOf(h, id);
    const [payment] = await h.app.database.db.select().from(starPayments).where(eq(starPayments.userId, userId));
    const token = paymentToken(payment!.chargeId);
    const card = await openCard(h, admin, id);
    const list = await press(h, admin, card, `adm:pays:${userId}`, (m) => callbacks(m).includes(`adm:pref:${userId}:${token}`));
    const confirm = await press(h, admin, list, `adm:pref:${userId}:${token}`, (m) => callbacks(m).includes(`adm:prefok:${userId}:${token}`));
    h.bot.markCalls();
    await admin.pressButton(confirm, `adm:prefok:${userId}:${token}`);
    await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === seen(h, "en", "admin-refund-payment-done", { stars: 70, deducted: 1000, shortfall: 0 }));
    await h.bot.waitForBotMessage(id, (m) => m.text === seen(h, "en", "payment-refunded", { stars: 70, credits: seen(h, "en", "money-credits", { count: 1000 }), balance: seen(h, "en", "money-credits", { count: 0 }) }));
    expect(await moneyOf(h, id)).toMatchObject({ balance: 0, ledgerSum: 0 });
    expect(h.bot.starTransactions.filter((t) => t.id === payment!.chargeId)).toHaveLength(2);
    const [audited] = await h.app.database.db.select().from(adminAuditLog).where(eq(adminAuditLog.target, `star_payment:${payment!.chargeId}`));
    expect(audited).toMatchObject({ adminTelegramId: ADMIN_ID, action: ADMIN_ACTIONS.paymentRefunded, targetUserId: userId });
  });

  it("erases an account at once for a verified request, audited, through the privacy capability", async () => {
    const admin = await adminActor(h);
    const id = ++nextUserId;
    await onboard(h, id, "en", "Gone");
    const { userId } = await moneyOf(h, id);
    await credit(h.app.database.db, { userId, amount: 300, kind: LEDGER_KINDS.purchase, reference: "t", idempotencyKey: `t:erase:${id}` });
    const card = await openCard(h, admin, id);
    const reasons = await press(h, admin, card, `adm:del:${userId}`, (m) => callbacks(m).includes(`adm:delr:${userId}:request`));
    const confirm = await press(h, admin, reasons, `adm:delr:${userId}:request`, (m) => callbacks(m).includes(`adm:delok:${userId}:request`));
    expect(confirm.text).toBe(seen(h, "en", "admin-delete-confirm", { name: "Gone", balance: 300, reason: seen(h, "en", "admin-delete-reason-admin-request") }));
    const done = await press(h, admin, confirm, `adm:delok:${userId}:request`, (m) => (m.text ?? "").startsWith("✅"));
    expect(done.text).toBe(seen(h, "en", "admin-delete-done", { forfeited: 300 }));
    const [row] = await h.app.database.db.select().from(users).where(eq(users.id, userId));
    expect(row).toMatchObject({ telegramId: null, firstName: null, balance: 0 });
    expect(row?.erasedAt).not.toBeNull();
    const log = await auditOf(h, userId);
    expect(log.at(-1)).toMatchObject({ adminTelegramId: ADMIN_ID, action: ADMIN_ACTIONS.accountErased, after: { erased: true, forfeitedCredits: 300, reason: "admin_request" } });
  });
});

/** Every number of the statistics screen as 0, so one line can be rendered with one real value. */
function zeros(): Record<string, number | string> {
  const keys = ["banned", "blockedBot", "newToday", "new7d", "new30d", "active7d", "active30d", "paying", "revenueToday", "revenue7d", "revenue30d", "revenueTotal", "generations", "delivered", "failed", "inProgress", "bought", "spent", "refunded", "reversed", "bonuses", "adjustments"];
  return Object.fromEntries([...keys.map((k) => [k, 0]), ["successRate", "—"], ["byModel", ""], ["providerBalance", ""]]);
}
