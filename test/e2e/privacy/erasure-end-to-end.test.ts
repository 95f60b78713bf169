import { request } from "node:http";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, ledgerEntries, starPayments, users } from "../../../src/db/schema/index.js";
import type { AccountExport } from "../../../src/domain/privacy/account-export.js";
import { ERASED_TELEGRAM_ID } from "../../../src/domain/privacy/purge-rules.js";
import { QUEUES } from "../../../src/jobs/queues.js";
import { WAVESPEED_WEBHOOK_PATH } from "../../../src/http/routes/wavespeed-webhook.js";
import { TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { dumpDatabase } from "../../domain/privacy/user-data-fixture.js";
import { buttonData, generateButton, solidImage } from "../generation/generation-harness.js";
import { buy, joinThroughLink } from "../referrals/referral-helpers.js";
import { onboard } from "../payments/payment-helpers.js";
import { PROVIDER_KEY, startPrivacyApp, type PrivacyHarness } from "./privacy-app.js";

/** The address the probes connect from: loopback, but not the server's own 127.0.0.1. */
const CLIENT_IP = "127.0.0.2";
/** What a proxy in front would claim the client is. */
const FORWARDED_IP = "203.0.113.77";
const PROMPT = "turn my portrait into a watercolor lighthouse keeper";

let nextUserId = 880_000;

describe.each(TEST_TARGETS)("an account's life and erasure end to end on $name", (target) => {
  let h: PrivacyHarness;
  beforeAll(async () => {
    h = await startPrivacyApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** An HTTP request to our server from CLIENT_IP, claiming FORWARDED_IP through the usual proxy headers. */
  function probe(path: string, method = "GET", body?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${h.app.httpUrl()}${path}`,
        {
          method,
          localAddress: CLIENT_IP,
          headers: { "x-forwarded-for": FORWARDED_IP, "x-real-ip": FORWARDED_IP, "content-type": "application/json" },
        },
        (res) => {
          // Policy 9: the service uses no cookies.
          if (res.headers["set-cookie"] !== undefined) reject(new Error(`${path} set a cookie`));
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  it("uses the service fully, exports, deletes, is purged after the grace period, and leaves nothing personal, no IP, token or key behind", async () => {
    const db = h.app.database.db;
    const t = (key: string, vars?: Record<string, string | number>) => plainText(h.app.translator.t("en", key, vars));

    // A referrer, and the subject who joins through their link with a full Telegram profile.
    const referrerId = ++nextUserId;
    const referrer = await onboard(h, referrerId, "en", "Rita");
    const [referrerRow] = await db.select().from(users).where(eq(users.telegramId, referrerId));
    const code = (await h.app.referrals.overview(referrerRow!.id)).code;
    const id = ++nextUserId;
    h.bot.user({ id, first_name: "Zarafshon", last_name: "Quillfeather", username: "zara_quill_77", language_code: "de" });
    // The home screen greets with the full name.
    const user = await joinThroughLink(h, id, "en", code, "Zarafshon Quillfeather");
    const [before] = await db.select().from(users).where(eq(users.telegramId, id));
    const ownCode = (await h.app.referrals.overview(before!.id)).code;

    // Pays with Stars and edits a photo.
    await buy(h, user, 70);
    h.bot.markCalls();
    await user.sendPhoto({ image: await solidImage({ r: 200, g: 40, b: 90 }), caption: PROMPT });
    const menu = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    await user.pressButton(menu, generateButton(menu).data);
    await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id, 30_000);
    await waitUntil(async () => (await db.select().from(generations).where(eq(generations.userId, before!.id)))[0]?.status === "delivered", "delivered", 10_000);
    const [generation] = await db.select().from(generations).where(eq(generations.userId, before!.id));
    const personal = [
      String(id),
      "Zarafshon",
      "Quillfeather",
      "zara_quill_77",
      PROMPT,
      ownCode,
      ...generation!.references.flatMap((r) => [r.fileId, r.fileUniqueId, r.uploadedUrl ?? "missing upload"]),
      ...generation!.outputs,
      ...generation!.resultFileIds,
    ];
    expect(generation!.references).toHaveLength(1);
    expect(generation!.resultFileIds.length).toBeGreaterThan(0);

    // The export has all of it.
    h.bot.markCalls();
    await user.sendText("/export");
    const exported = await h.bot.waitForBotMessage(id, (m) => m.document !== undefined);
    const file = await h.app.bot!.api.getFile(exported.document!.file_id);
    const document = (await (await fetch(`${h.emulator.apiRoot}/file/bot${TEST_BOT_TOKEN}/${file.file_path}`)).json()) as AccountExport;
    const exportedText = JSON.stringify(document);
    for (const value of personal) expect(exportedText, `the export lacks ${value}`).toContain(value);
    expect(document.star_payments).toEqual([expect.objectContaining({ stars: 70, status: "credited" })]);
    expect(document.referrals).toEqual([expect.objectContaining({ invitee_user_id: before!.id, referrer_user_id: null })]);

    // Traffic from outside reaches the HTTP server (health, metrics, an unknown path, the provider webhook).
    const remotes: string[] = [];
    h.app.http!.server.on("connection", (socket) => remotes.push(socket.remoteAddress ?? ""));
    expect(await probe("/healthz")).toBe(200);
    expect(await probe("/metrics")).toBe(200);
    expect(await probe("/no-such-page")).toBe(404);
    expect(await probe(WAVESPEED_WEBHOOK_PATH, "POST", JSON.stringify({ id: "task-from-nowhere" }))).toBe(401);
    expect(remotes).toContain(CLIENT_IP);

    // Deletion requested and confirmed; then the grace period passes (the due date is moved into the past).
    h.bot.markCalls();
    await user.sendText("/deleteme");
    const explanation = await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("priv:del-yes"));
    await user.pressButton(explanation, "priv:del-yes");
    await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("priv:cancel"));
    const balance = (await db.select().from(users).where(eq(users.id, before!.id)))[0]!.balance;
    expect(balance).toBeGreaterThan(0);
    await db.update(users).set({ deletionDueAt: sql`now() - interval '1 minute'` }).where(eq(users.id, before!.id));
    await h.app.queue.send(QUEUES.accountPurge, {});
    await waitUntil(async () => (await db.select().from(users).where(eq(users.id, before!.id)))[0]?.erasedAt !== null, "the purge job erased the account", 15_000);

    // Personal fields are gone everywhere; the pseudonymous records stay and the ledger still sums.
    const dump = await dumpDatabase(db);
    for (const value of personal) expect(dump, `"${value}" is still in the database`).not.toContain(value);
    const [erased] = await db.select().from(users).where(eq(users.id, before!.id));
    expect(erased).toMatchObject({ telegramId: null, firstName: null, lastName: null, username: null, balance: 0 });
    const ledger = await db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, before!.id));
    expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(0);
    expect(ledger.map((e) => e.kind)).toEqual(expect.arrayContaining(["purchase", "generation_charge", "account_erasure"]));
    expect(await db.select().from(starPayments).where(eq(starPayments.userId, before!.id))).toEqual([
      expect.objectContaining({ payerTelegramId: ERASED_TELEGRAM_ID, stars: 70 }),
    ]);
    expect(await h.app.kv.get(`session:${id}`)).toBeNull();

    // The same person starts again as a brand-new user.
    h.bot.markCalls();
    await user.sendText("/start");
    const picker = await h.bot.waitForBotMessage(id);
    expect(picker.text).toBe(t("onboarding-choose-language", { name: "Zarafshon Quillfeather" }));
    const [fresh] = await db.select().from(users).where(eq(users.telegramId, id));
    expect(fresh!.id).not.toBe(before!.id);
    expect(fresh!.balance).toBe(0);
    // The referrer is still served; their link's counts rest on the kept referral row.
    h.bot.markCalls();
    await referrer.sendText("/help");
    await h.bot.waitForBotMessage(referrerId, (m) => m.text === t("help-text"));

    // No secret and no address of a client anywhere: not in the logs, not in the database.
    const logs = h.logLines.join("\n");
    expect(h.logLines.length).toBeGreaterThan(20);
    for (const secret of [TEST_BOT_TOKEN, PROVIDER_KEY, TEST_WEBHOOK_SECRET, CLIENT_IP, FORWARDED_IP]) {
      expect(logs, `the logs contain ${secret}`).not.toContain(secret);
      expect(dump, `the database contains ${secret}`).not.toContain(secret);
    }
    // The only addresses in the logs are the server's own (where it listens, where the emulator is).
    const addresses = new Set(logs.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []);
    expect([...addresses].filter((a) => a !== "127.0.0.1" && a !== "0.0.0.0")).toEqual([]);
    // And nothing the person wrote or was called.
    for (const value of [PROMPT, "Zarafshon", "Quillfeather", "zara_quill_77"]) expect(logs, `the logs contain "${value}"`).not.toContain(value);
  }, 90_000);
});
