import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { generations, users } from "../../src/db/schema/index.js";
import { credit } from "../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../src/domain/ledger/ledger-kinds.js";
import type { Sandbox } from "../../src/sandbox/start-sandbox.js";
import { plainText } from "../support/plain-text.js";
import { startBrowserSandbox, type BrowserSandbox } from "./support/browser-sandbox.js";
import { buildWebApps, type BuiltWebApps } from "./support/built-web-apps.js";
import { browserTestRuns, launchChromium, resultPath, watchProblems } from "./support/chromium.js";
import { upscaleRun } from "../support/tool-run-fixture.js";

/** Runs in the page: every image has loaded (the test's tsconfig has no DOM types, hence the shape). */
const allLoaded = (images: unknown[]) => images.length > 0 && images.every((img) => (img as { naturalWidth: number }).naturalWidth > 0);

describe.skipIf(!browserTestRuns("the Mini App"))("the Mini App in chromium, opened from the sandbox chat", () => {
  let browser: Browser;
  let builds: BuiltWebApps | undefined;
  let running: BrowserSandbox | undefined;
  let sandbox: Sandbox;
  let app: App;
  let url: string;

  beforeAll(async () => {
    browser = await launchChromium();
    builds = await buildWebApps("sandbox", "miniapp");
    running = await startBrowserSandbox(builds);
    ({ sandbox, app, url } = running);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    builds?.remove();
  });

  const t = (key: string, vars?: Record<string, string | number>) => plainText(app.translator.t("en", key, vars));
  const botMessages = (page: Page) => page.locator('.message-row[data-from="bot"]');

  it("shows the history, generates from an attached image with a live status, and the result also arrives in the chat", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const chat = await context.newPage();
    const chatProblems = watchProblems(chat);
    const telegramId = 555_000_222;

    // A user who met the bot in the chat: onboarding, then one image from the chat (the free trial).
    await chat.goto(`${url}/sandbox`);
    const form = chat.locator("form.new-user");
    await form.getByLabel("Telegram id").fill(String(telegramId));
    await form.getByLabel("First name").fill("Malika");
    await form.getByLabel("Language code").selectOption("en");
    await form.getByRole("button", { name: "Create and open chat" }).click();
    await chat.getByRole("button", { name: "START" }).click();
    await botMessages(chat).last().getByRole("button", { name: t("language-name-en") }).click();
    await botMessages(chat).last().getByRole("button", { name: t("btn-accept") }).click();
    const home = botMessages(chat).filter({ hasText: t("home-welcome", { name: "Malika" }) }).last();
    await home.waitFor();
    // Telegram's menu button opens the app as well (labelled in DEFAULT_LOCALE: one label serves every user).
    const menuButton = await fetch(`${sandbox.emulator.apiRoot}/bot${sandbox.bot.token}/getChatMenuButton`).then((r) => r.json());
    expect(menuButton).toEqual({ ok: true, result: { type: "web_app", text: plainText(app.translator.t(app.config.defaultLocale, "miniapp-menu-button")), web_app: { url: app.config.miniApp.url } } });

    const box = chat.getByRole("textbox", { name: "Message" });
    await box.fill("a lighthouse at dawn");
    await box.press("Enter");
    await botMessages(chat).last().getByRole("button", { name: t("btn-generate-trial") }).click();
    await botMessages(chat).filter({ hasText: "a lighthouse at dawn" }).locator(".document").waitFor({ timeout: 30_000 });

    // Credits for the next one, as a top-up would give.
    const [user] = await app.database.db.select().from(users).where(eq(users.telegramId, telegramId));
    if (!user) throw new Error("the user was not created");
    await credit(app.database.db, { userId: user.id, amount: 5000, kind: LEDGER_KINDS.adminAdjustment, reference: "test", idempotencyKey: "browser-test", note: "test" });
    // An image tool's run on that picture, as the bot's tool screen leaves it (tools are started in the chat).
    const [first] = await app.database.db.select().from(generations).where(eq(generations.userId, user.id));
    await app.database.db.insert(generations).values(
      upscaleRun(
        { userId: user.id, chatId: telegramId },
        { targetResolution: "4k", status: "delivered", statusShown: "delivered", resultFileIds: first?.resultFileIds ?? [] },
      ),
    );

    // The home menu's web app button opens the Mini App with initData signed like Telegram's.
    const [mini] = await Promise.all([context.waitForEvent("page"), home.getByRole("button", { name: t("btn-open-app") }).click()]);
    const problems = watchProblems(mini);
    await mini.waitForURL(/\/app#tgWebAppData=/);
    await mini.setViewportSize({ width: 390, height: 844 });

    // History: the chat's generation is there, with its image.
    const cards = mini.getByTestId("generation-card");
    const fromChat = cards.filter({ hasText: "a lighthouse at dawn" });
    await fromChat.waitFor();
    expect(await fromChat.getAttribute("data-phase")).toBe("done");
    await expect.poll(() => fromChat.locator("img").evaluateAll(allLoaded), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await mini.getByTestId("wallet").textContent()) ?? "").toContain("5,000 credits");
    // The tool run shows as one: the tool's name and option, no prompt to copy, nothing to regenerate.
    const toolRun = cards.and(mini.locator('[data-kind="tool"]'));
    await toolRun.waitFor();
    expect(await toolRun.getByTestId("tool-run").textContent()).toBe(`🔍 ${t("miniapp-tool-upscale")} · 4K`);
    expect(await toolRun.textContent()).toContain(t("miniapp-kind-tool"));
    expect(await toolRun.getByRole("button", { name: t("miniapp-copy-prompt") }).count()).toBe(0);
    expect(await toolRun.getByRole("button", { name: t("miniapp-regenerate") }).count()).toBe(0);
    expect(await toolRun.locator("img").getAttribute("alt")).toBe(`🔍 ${t("miniapp-tool-upscale")}`);
    expect(await fromChat.getByRole("button", { name: t("miniapp-copy-prompt") }).count()).toBe(1);

    // Compose: an attached image (really uploaded: it shows up in the chat), a prompt, Generate.
    const image = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#3390ec" } }).png().toBuffer();
    await mini.getByTestId("attach-input").setInputFiles({ name: "sea.png", mimeType: "image/png", buffer: image });
    await mini.locator('[data-testid="attachment"][data-status="ready"]').waitFor({ timeout: 15_000 });
    await botMessages(chat).filter({ hasText: t("miniapp-reference-caption") }).waitFor();
    const prompt = "the same lighthouse in a winter storm";
    await mini.getByRole("textbox", { name: t("miniapp-prompt-label") }).fill(prompt);

    // The model picker; the button then shows that model's exact price for an edit, as the charge computes it.
    await mini.getByRole("button", { name: /^Seedream v4 ▾$/ }).click();
    const models = mini.getByRole("dialog", { name: t("miniapp-choose-model") });
    await models.waitFor();
    await mini.waitForTimeout(300);
    await mini.screenshot({ path: resultPath("miniapp-models.png") });
    await models.getByRole("button", { name: /^Nano Banana\b/ }).first().click();
    const price = (await app.catalog.quote("nano-banana", "edit", {})).credits;
    const generate = mini.getByRole("button", { name: t("miniapp-generate", { price: t("miniapp-credits", { count: price }) }) });
    await expect.poll(() => generate.isEnabled(), { timeout: 10_000 }).toBe(true);
    await mini.screenshot({ path: resultPath("miniapp-composer.png") });
    await generate.click();

    // The new card shows its status live until the image is there.
    const card = cards.filter({ hasText: prompt });
    await card.waitFor();
    const phases = new Set<string>();
    await expect
      .poll(
        async () => {
          const phase = (await card.getAttribute("data-phase")) ?? "";
          phases.add(phase);
          return phase;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe("done");
    expect([...phases].some((phase) => phase === "queued" || phase === "processing")).toBe(true);
    await expect.poll(() => card.locator("img").evaluateAll(allLoaded), { timeout: 10_000 }).toBe(true);
    await mini.waitForTimeout(300);
    await mini.screenshot({ path: resultPath("miniapp.png") });

    // Full screen, in original quality.
    await card.getByRole("button", { name: t("miniapp-open-image") }).click();
    const viewer = mini.getByTestId("viewer");
    await expect.poll(() => viewer.locator("img").evaluateAll(allLoaded), { timeout: 10_000 }).toBe(true);
    await mini.screenshot({ path: resultPath("miniapp-viewer.png") });
    await viewer.getByRole("button", { name: t("miniapp-close") }).click();

    // The same result arrived in the chat, as a document with the prompt in its caption.
    const delivered = botMessages(chat).filter({ hasText: prompt }).locator(".document");
    await delivered.waitFor({ timeout: 15_000 });
    const [row] = await app.database.db
      .select()
      .from(generations)
      .where(and(eq(generations.userId, user.id), eq(generations.prompt, prompt)));
    expect(row).toMatchObject({ source: "miniapp", status: "delivered", chatId: telegramId });
    expect(row?.references).toHaveLength(1);
    const chatDocument = sandbox.bot.chat(telegramId).messages.filter((m) => m.document !== undefined).at(-1)?.document;
    expect(row?.resultFileIds).toEqual([chatDocument?.file_id]);
    expect(row?.modelKey).toBe("nano-banana");
    expect(row?.priceCredits).toBe(price);

    // Telegram's dark theme (here the system's, which the stand-in follows like the SDK follows Telegram's).
    const dark = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    await dark.goto(mini.url());
    await expect.poll(() => dark.getByTestId("generation-card").locator("img").evaluateAll(allLoaded), { timeout: 10_000 }).toBe(true);
    await dark.screenshot({ path: resultPath("miniapp-dark.png") });
    await dark.close();

    await chat.bringToFront();
    await chat.waitForTimeout(300);
    await chat.screenshot({ path: resultPath("miniapp-chat.png") });

    expect(problems).toEqual([]);
    expect(chatProblems).toEqual([]);
    await context.close();
  }, 180_000);

  it("outside Telegram (no launch data) only says to open it from the bot", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 700 } });
    const problems = watchProblems(page);
    await page.goto(`${url}/app`);
    await page.getByText(t("miniapp-open-from-bot")).waitFor();
    expect(await page.getByRole("link", { name: t("miniapp-open-bot", { bot: sandbox.bot.info.username }) }).getAttribute("href")).toBe(
      `https://t.me/${sandbox.bot.info.username}`,
    );
    expect(problems).toEqual([]);
    await page.close();
  });
});
