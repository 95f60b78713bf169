import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referrals, users } from "../../../src/db/schema/index.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { creditsText } from "../../../src/domain/payments/payment-notices.js";
import { refundStarPayment } from "../../../src/domain/payments/star-refund.js";
import { QUEUES } from "../../../src/jobs/queues.js";
import { telegramStarsGateway } from "../../../src/jobs/telegram-stars-gateway.js";
import type { UpdateInput } from "../../../src/sandbox/telegram-emulator/index.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { sleep, waitUntil } from "../../support/wait.js";
import { buttonData, invoiceForPreset, moneyOf, onboard, translations } from "../payments/payment-helpers.js";
import {
  botTexts,
  buy,
  entriesOf,
  expectedScreen,
  joinThroughLink,
  linkAndShare,
  noticeJobStates,
  noticeText,
  openReferral,
  referralRecordOf,
} from "./referral-helpers.js";

let nextUserId = 650_000;
const newUserId = () => ++nextUserId;
const DEFAULT_REWARDS = { joinBonus: 20, purchasePercent: 10, welcomeBonus: 0 };

describe.each(TEST_TARGETS)("referral program end to end on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The referral code of a user, as their /referral screen shows it. */
  async function codeOf(telegramId: number): Promise<string> {
    const { userId } = await moneyOf(h, telegramId);
    return (await h.app.referrals.overview(userId)).code;
  }

  it("A invites B and C: bonuses, counts, totals and notices in A's language", async () => {
    const [a, b, c] = [newUserId(), newUserId(), newUserId()];
    const anna = await onboard(h, a, "ru", "Anna");
    const ru = translations(h, "ru");

    // A's screen: a stable link with a share button, no one joined yet, the configured rewards.
    const first = await openReferral(h, anna);
    const { link, share } = linkAndShare(first);
    const code = link.split("?start=r_")[1]!;
    expect(link).toBe(`https://t.me/${h.app.bot!.botInfo.username}?start=r_${code}`);
    expect(code).toMatch(/^[a-z2-7]{10}$/);
    expect(link).not.toContain(String(a));
    expect(first.text).toBe(expectedScreen(h, "ru", { link, joined: 0, earned: 0, rewards: DEFAULT_REWARDS }));
    expect(share.origin + share.pathname).toBe("https://t.me/share/url");
    expect(share.searchParams.get("url")).toBe(link);
    expect(share.searchParams.get("text")).toBe(ru.t("referral-share-text"));
    expect(buttonData(first)).toEqual([ru.t("btn-referral-share"), "home:profile", "home:show"]);
    expect(linkAndShare(await openReferral(h, anna)).link).toBe(link);

    // The profile's button opens the same screen in place.
    h.bot.markCalls();
    await anna.sendText("/profile");
    const profile = await h.bot.waitForBotMessage(a);
    h.bot.markCalls();
    await anna.pressButton(profile, "ref:show");
    const fromProfile = await h.bot.waitForBotMessage(a);
    expect(fromProfile.message_id).toBe(profile.message_id);
    expect(fromProfile.text).toBe(first.text);

    // B joins (in English) and buys: A is told each time, in Russian.
    const bob = await joinThroughLink(h, b, "en", code, "Bob");
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "joined", referrerUserId: 0, bonus: 20 }));
    await buy(h, bob, 70);
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "purchase_bonus", referrerUserId: 0, bonus: 100 }));

    // C joins (in Uzbek) and buys more.
    const cleo = await joinThroughLink(h, c, "uz", code, "Cleo");
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "joined", referrerUserId: 0, bonus: 20 }));
    await buy(h, cleo, 140);
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "purchase_bonus", referrerUserId: 0, bonus: 200 }));

    // Counts and totals; never who.
    const after = await openReferral(h, anna);
    expect(after.text).toBe(expectedScreen(h, "ru", { link, joined: 2, earned: 20 + 100 + 20 + 200, rewards: DEFAULT_REWARDS }));
    for (const secret of ["Bob", "Cleo", String(b), String(c)]) expect(after.text).not.toContain(secret);

    expect(await moneyOf(h, a)).toMatchObject({ balance: 340, ledgerSum: 340, entries: 4 });
    expect(await moneyOf(h, b)).toMatchObject({ balance: 1000, ledgerSum: 1000, entries: 1 });
    expect(await moneyOf(h, c)).toMatchObject({ balance: 2000, ledgerSum: 2000, entries: 1 });

    // Each notice went out once, and only to A; the invitees got no welcome gift (it is 0 by default).
    await sleep(300);
    const notices = [
      noticeText(h, "ru", { kind: "joined", referrerUserId: 0, bonus: 20 }),
      noticeText(h, "ru", { kind: "purchase_bonus", referrerUserId: 0, bonus: 100 }),
      noticeText(h, "ru", { kind: "purchase_bonus", referrerUserId: 0, bonus: 200 }),
    ];
    const toA = botTexts(h, a);
    expect(toA.filter((text) => text === notices[0])).toHaveLength(2);
    expect(toA.filter((text) => text === notices[1])).toHaveLength(1);
    expect(toA.filter((text) => text === notices[2])).toHaveLength(1);
    for (const invitee of [b, c]) {
      expect(botTexts(h, invitee).some((text) => text.startsWith("🤝") || text.startsWith("🎁"))).toBe(false);
    }

    // A's history names the referral kinds in A's language.
    h.bot.markCalls();
    await anna.sendText("/history");
    const history = await h.bot.waitForBotMessage(a);
    expect(history.text).toContain(ru.plain("ledger-kind-referral-join-bonus"));
    expect(history.text).toContain(ru.plain("ledger-kind-referral-purchase-bonus"));
  });

  it("the same new user sending /start with the link twice at once yields one referral and one bonus", async () => {
    const [a, d] = [newUserId(), newUserId()];
    await onboard(h, a, "en", "Ann");
    const code = await codeOf(a);
    const { plain } = translations(h, "en");
    const dan = h.bot.user({ id: d, first_name: "Dan", language_code: "en" });
    h.bot.markCalls();
    await Promise.all([dan.sendText(`/start r_${code}`), dan.sendText(`/start r_${code}`)]);
    await waitUntil(() => botTexts(h, d).filter((text) => text === plain("onboarding-choose-language", { name: "Dan" })).length === 2, "both pickers");
    const picker = h.bot.chat(d).messages.find((m) => m.from === "bot")!;
    await dan.pressButton(picker, "onb:lang:en");
    const consent = await h.bot.waitForBotMessage(d, (m) => m.text === plain("onboarding-consent"));
    // Both presses leave before either is handled: "I accept" twice.
    h.bot.markCalls();
    await Promise.all([dan.pressButton(consent, "onb:accept"), dan.pressButton(consent, "onb:accept")]);
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "en", { kind: "joined", referrerUserId: 0, bonus: 20 }));
    await sleep(500);

    const record = await referralRecordOf(h, d);
    expect(record.rows).toHaveLength(1);
    expect(record.bonuses).toHaveLength(1);
    expect(await moneyOf(h, a)).toMatchObject({ balance: 20, ledgerSum: 20 });
    const joined = noticeText(h, "en", { kind: "joined", referrerUserId: 0, bonus: 20 });
    expect(botTexts(h, a).filter((text) => text === joined)).toHaveLength(1);
    expect(await h.app.database.db.select().from(users).where(eq(users.telegramId, d))).toHaveLength(1);
  });

  it("a link opened by an existing user, the owner, or with an unknown code changes nothing", async () => {
    const [a, x] = [newUserId(), newUserId()];
    const ann = await onboard(h, a, "en", "Ann");
    const xena = await onboard(h, x, "en", "Xena");
    const code = await codeOf(a);
    const { plain } = translations(h, "en");
    for (const [user, payload] of [
      [xena, `r_${code}`],
      [ann, `r_${code}`],
    ] as const) {
      h.bot.markCalls();
      await user.sendText(`/start ${payload}`);
      // An existing user simply lands on the home menu.
      expect((await h.bot.waitForBotMessage(user.id)).text).toBe(plain("home-welcome", { name: user === ann ? "Ann" : "Xena" }));
    }
    // A brand-new user with a code nobody has is onboarded as usual, unreferred.
    const y = newUserId();
    await joinThroughLink(h, y, "en", "zzzzzzzzzz", "Yuri");
    await sleep(500);
    for (const id of [a, x, y]) expect((await referralRecordOf(h, id)).rows).toEqual([]);
    expect(await moneyOf(h, a)).toMatchObject({ balance: 0, entries: 0 });
    // A's chat holds only what A did: onboarding and the home menu.
    expect(botTexts(h, a).some((text) => text === noticeText(h, "en", { kind: "joined", referrerUserId: 0, bonus: 20 }))).toBe(false);
  });

  it("a refunded purchase takes its commission back once, and the referrer is told once", async () => {
    const [f, g] = [newUserId(), newUserId()];
    await onboard(h, f, "uz", "Farida");
    const gus = await joinThroughLink(h, g, "en", await codeOf(f), "Gus");
    await h.bot.waitForBotMessage(f, (m) => m.text === noticeText(h, "uz", { kind: "joined", referrerUserId: 0, bonus: 20 }));
    const chargeId = await buy(h, gus, 210);
    await h.bot.waitForBotMessage(f, (m) => m.text === noticeText(h, "uz", { kind: "purchase_bonus", referrerUserId: 0, bonus: 300 }));
    expect(await moneyOf(h, f)).toMatchObject({ balance: 320 });

    // Telegram refunds on its own; the service message then arrives again, and an admin refunds too.
    h.bot.markCalls();
    await h.app.bot!.api.refundStarPayment(g, chargeId);
    const reversed = noticeText(h, "uz", { kind: "purchase_bonus_reversed", referrerUserId: 0, deducted: 300 });
    await h.bot.waitForBotMessage(f, (m) => m.text === reversed);
    const refundMessage = h.bot.chat(g).messages.find((m) => m.refunded_payment?.telegram_payment_charge_id === chargeId);
    for (let i = 0; i < 3; i++) h.bot.pushUpdate({ message: refundMessage!.message } as UpdateInput);
    const admin = await refundStarPayment(h.app.database.db, telegramStarsGateway(h.app.bot!.api), chargeId, h.app.referrals);
    expect(admin).toMatchObject({ telegram: "already_refunded", credits: { status: "already_reversed" } });
    await sleep(800);

    expect(await entriesOf(h, f, LEDGER_KINDS.referralPurchaseReversal)).toEqual([expect.objectContaining({ delta: -300 })]);
    expect(await moneyOf(h, f)).toMatchObject({ balance: 20, ledgerSum: 20 });
    expect(await moneyOf(h, g)).toMatchObject({ balance: 0, ledgerSum: 0 });
    expect(botTexts(h, f).filter((text) => text === reversed)).toHaveLength(1);
    const farida = h.bot.user({ id: f, first_name: "Farida" });
    const screen = await openReferral(h, farida);
    expect(screen.text).toBe(expectedScreen(h, "uz", { link: linkAndShare(screen).link, joined: 1, earned: 20, rewards: DEFAULT_REWARDS }));
    h.bot.markCalls();
    await farida.sendText("/history");
    expect((await h.bot.waitForBotMessage(f)).text).toContain(translations(h, "uz").plain("ledger-kind-referral-purchase-reversal"));
  });

  it("a purchase whose update was lost pays its commission when reconciliation repairs it", async () => {
    const [a, b] = [newUserId(), newUserId()];
    await onboard(h, a, "ru", "Anna");
    const bob = await joinThroughLink(h, b, "en", await codeOf(a), "Bob");
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "joined", referrerUserId: 0, bonus: 20 }));
    await invoiceForPreset(h, bob, 350);
    const payload = String((await h.bot.waitForCall("sendInvoice", (call) => call.payload.chat_id === b)).payload.payload);
    // Telegram charged Bob, but the successful_payment update never reached us.
    h.bot.starTransactions.push({
      id: `stxLOST${b}`,
      amount: 350,
      date: Math.floor(Date.now() / 1000),
      source: { type: "user", transaction_type: "invoice_payment", user: { id: b, is_bot: false, first_name: "Bob" }, invoice_payload: payload },
    });
    h.bot.markCalls();
    await h.app.queue.send(QUEUES.paymentReconciliation, {});
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "purchase_bonus", referrerUserId: 0, bonus: 500 }), 15_000);
    expect(await moneyOf(h, b)).toMatchObject({ balance: 5000 });
    expect(await moneyOf(h, a)).toMatchObject({ balance: 520, ledgerSum: 520 });
  });

  it("a referrer who blocked the bot still earns, and is skipped quietly", async () => {
    const [a, b, c] = [newUserId(), newUserId(), newUserId()];
    const ann = await onboard(h, a, "en", "Ann");
    const code = await codeOf(a);
    ann.blockBot();
    await waitUntil(async () => (await h.app.users.get(a))?.blockedAt !== null, "blocked_at is set");
    const sentToA = () => h.bot.calls.filter((call) => call.method === "sendMessage" && call.payload.chat_id === a);
    const before = sentToA().length;

    // Known as blocked: no attempt at all.
    await joinThroughLink(h, b, "en", code, "Bob");
    await waitUntil(async () => (await noticeJobStates(h, a)).some((job) => job.state === "completed"), "the notice job finished");
    expect(sentToA()).toHaveLength(before);

    // The membership update was missed: Telegram's 403 is the answer, taken quietly, not retried.
    await h.app.users.setBlocked(a, false);
    await joinThroughLink(h, c, "en", code, "Cleo");
    await waitUntil(async () => (await noticeJobStates(h, a)).filter((job) => job.state === "completed").length === 2, "both notice jobs finished");
    expect(sentToA().slice(before).map((call) => call.ok)).toEqual([false]);
    expect(await noticeJobStates(h, a)).toEqual([
      { state: "completed", retries: 0 },
      { state: "completed", retries: 0 },
    ]);
    expect(await moneyOf(h, a)).toMatchObject({ balance: 40, ledgerSum: 40 });
    expect(h.logLines.filter((line) => line.includes('"level":50') && line.includes("referral"))).toEqual([]);
  });

  it("registers /referral in the command menu of every language", async () => {
    await waitUntil(() => h.bot.calls.some((call) => call.method === "setMyCommands"), "the command menus were registered");
    await sleep(200);
    const menus = h.bot.calls.filter((call) => call.method === "setMyCommands");
    for (const menu of menus) {
      const commands = menu.payload.commands as Array<{ command: string; description: string }>;
      const locale = (menu.payload.language_code as "uz" | "ru" | "en" | undefined) ?? "en";
      expect(commands).toContainEqual({ command: "referral", description: translations(h, locale).t("cmd-referral") });
    }
  });
});

describe.each(TEST_TARGETS)("referral amounts from the configuration on $name", (target) => {
  let h: BotAppHarness;
  afterAll(async () => {
    await h?.stop();
  });

  it("other amounts change both what is paid and what is shown, the welcome gift included", async () => {
    h = await startBotApp(target, { env: { REFERRAL_JOIN_BONUS: "35", REFERRAL_PURCHASE_PERCENT: "25", REFERRAL_WELCOME_BONUS: "15" } });
    const rewards = { joinBonus: 35, purchasePercent: 25, welcomeBonus: 15 };
    const [a, b] = [newUserId(), newUserId()];
    const ann = await onboard(h, a, "ru", "Anna");
    const screen = await openReferral(h, ann);
    const { link } = linkAndShare(screen);
    expect(screen.text).toBe(expectedScreen(h, "ru", { link, joined: 0, earned: 0, rewards }));
    expect(screen.text).toContain("25%");

    const en = translations(h, "en");
    const bob = await joinThroughLink(h, b, "en", link.split("?start=r_")[1]!, "Bob");
    const gift = plainText(en.t("referral-welcome-bonus", { credits: creditsText(en.t, 15) }));
    expect(botTexts(h, b)).toContain(gift);
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "joined", referrerUserId: 0, bonus: 35 }));
    expect(await moneyOf(h, b)).toMatchObject({ balance: 15, ledgerSum: 15 });

    await buy(h, bob, 70);
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "ru", { kind: "purchase_bonus", referrerUserId: 0, bonus: 250 }));
    expect(await moneyOf(h, a)).toMatchObject({ balance: 285, ledgerSum: 285 });
    expect((await openReferral(h, ann)).text).toBe(expectedScreen(h, "ru", { link, joined: 1, earned: 285, rewards }));
  });

  it("with every reward at 0 the screen promises nothing, a join is still announced, and nothing is paid", async () => {
    await h?.stop();
    h = await startBotApp(target, { env: { REFERRAL_JOIN_BONUS: "0", REFERRAL_PURCHASE_PERCENT: "0" } });
    const rewards = { joinBonus: 0, purchasePercent: 0, welcomeBonus: 0 };
    const [a, b] = [newUserId(), newUserId()];
    const ann = await onboard(h, a, "en", "Ann");
    const screen = await openReferral(h, ann);
    const { link } = linkAndShare(screen);
    expect(screen.text).toBe(expectedScreen(h, "en", { link, joined: 0, earned: 0, rewards }));
    expect(screen.text).toContain(translations(h, "en").plain("referral-no-rewards"));

    const bob = await joinThroughLink(h, b, "en", link.split("?start=r_")[1]!, "Bob");
    await h.bot.waitForBotMessage(a, (m) => m.text === noticeText(h, "en", { kind: "joined", referrerUserId: 0, bonus: 0 }));
    await buy(h, bob, 70);
    await sleep(800);
    expect(await moneyOf(h, a)).toMatchObject({ balance: 0, entries: 0 });
    const joined = noticeText(h, "en", { kind: "joined", referrerUserId: 0, bonus: 0 });
    expect(botTexts(h, a).filter((text) => text === joined)).toHaveLength(1);
    expect(botTexts(h, a).some((text) => text.startsWith("💸"))).toBe(false);
    expect((await openReferral(h, ann)).text).toBe(expectedScreen(h, "en", { link, joined: 1, earned: 0, rewards }));
    expect(await h.app.database.db.select().from(referrals).where(eq(referrals.referrerUserId, (await moneyOf(h, a)).userId))).toHaveLength(1);
  });
});
