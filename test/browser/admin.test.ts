import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, sql } from "drizzle-orm";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { createConfig } from "../../src/config.js";
import { generations, ledgerEntries, starPayments, users } from "../../src/db/schema/index.js";
import { withSandboxAdmin } from "../../src/http/routes/admin/sandbox-admin.js";
import { startOfflineProviderIfNeeded, type OfflineProvider } from "../../src/sandbox/offline-provider.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start-sandbox.js";
import type { EmulatedMessage, UserActor } from "../../src/sandbox/telegram-emulator/index.js";
import { buttonData, generateButton } from "../e2e/generation/generation-harness.js";
import { uniquePrefix } from "../support/targets.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const RESULTS_DIR = fileURLToPath(new URL("../../test-results/", import.meta.url));
const VITE_CONFIG = fileURLToPath(new URL("../../web/admin/vite.config.ts", import.meta.url));
const required = process.env.REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);

if (!available) {
  // Loud on purpose: a green run without a browser proves nothing about the panel.
  console.warn(
    required
      ? `REQUIRE_BROWSER=1 but there is no chromium at ${CHROMIUM}: the admin panel browser test fails.`
      : `SKIPPING the admin panel browser test: no chromium at ${CHROMIUM} (apt-get install chromium). CI sets REQUIRE_BROWSER=1 to make this a failure.`,
  );
}

/** `npm run build:web` for the panel; NODE_ENV is "test" under vitest, which would bundle React's development build. */
async function buildPanel(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: VITE_CONFIG, mode: "production", logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** Seeded users: telegram ids, and who pays. */
const CUSTOMERS = [555_100_001, 555_100_002, 555_100_003];
const PAYER = 555_100_002;
const PAID_STARS = 140;
const PROMPT = "a red fox in the snow";

describe.skipIf(!available && !required)("the admin panel in chromium, in the sandbox", () => {
  let sandbox: Sandbox;
  let provider: OfflineProvider | undefined;
  let app: App;
  let url: string;
  let browser: Browser;
  let buildDir: string;
  const actors = new Map<number, UserActor>();

  beforeAll(async () => {
    if (!available) throw new Error(`REQUIRE_BROWSER=1 but chromium is not installed at ${CHROMIUM}`);
    // A fresh build of the panel as it is in the working tree, so the test never runs a stale dist/.
    buildDir = mkdtempSync(join(tmpdir(), "admin-build-"));
    await buildPanel(buildDir);
    // As src/main.ts runs it without BOT_TOKEN: the sandbox, its admin, the offline provider.
    sandbox = await startSandbox(
      createConfig({ DATA_DIR: "memory://", HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", LOG_LEVEL: "silent", DEFAULT_LOCALE: "en", TRIAL_GENERATIONS: "0" }),
    );
    provider = await startOfflineProviderIfNeeded(withSandboxAdmin(sandbox.config));
    const config = provider?.config ?? withSandboxAdmin(sandbox.config);
    app = await createApp(config, { roles: new Set(["bot", "http", "worker"]), kvPrefix: uniquePrefix(), jobPollingIntervalSeconds: 0.5, adminDir: buildDir });
    await app.start();
    url = app.httpUrl() ?? "";
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(RESULTS_DIR, { recursive: true });

    // Seed through the bot, as real users would: onboarding for everyone, one Stars top-up.
    for (const id of CUSTOMERS) actors.set(id, await onboard(id));
    await topUp(actor(PAYER), PAID_STARS);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await provider?.stop();
    await sandbox?.stop();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  const bot = () => sandbox.bot;
  const actor = (id: number) => {
    const found = actors.get(id);
    if (!found) throw new Error(`no actor ${id}`);
    return found;
  };

  async function onboard(id: number): Promise<UserActor> {
    const user = bot().user({ id, first_name: `Customer${id % 1000}`, language_code: "en" });
    bot().markCalls();
    await user.sendText("/start");
    const picker = await bot().waitForBotMessage(id);
    await user.pressButton(picker, "onb:lang:en");
    const consent = await bot().waitForBotMessage(id, (m) => buttonData(m).includes("onb:accept"));
    await user.pressButton(consent, "onb:accept");
    await bot().waitForBotMessage(id, (m) => buttonData(m).includes("home:create"));
    return user;
  }

  async function topUp(user: UserActor, stars: number): Promise<void> {
    bot().markCalls();
    await user.sendText("/topup");
    const menu = await bot().waitForBotMessage(user.id, (m) => buttonData(m).includes(`topup:pick:${stars}`));
    await user.pressButton(menu, `topup:pick:${stars}`);
    const confirmation = await bot().waitForBotMessage(user.id, (m) => buttonData(m).includes(`topup:pay:${stars}`));
    bot().markCalls();
    await user.pressButton(confirmation, `topup:pay:${stars}`);
    const invoice = await bot().waitForBotMessage(user.id, (m) => m.invoice !== undefined);
    const outcome = await user.pay(invoice);
    if (!outcome.ok) throw new Error(`the top-up failed: ${JSON.stringify(outcome)}`);
    // Credited by the bot's successful_payment handler, a moment after Telegram says "paid".
    const deadline = Date.now() + 10_000;
    while ((await app.database.db.select().from(starPayments)).length === 0) {
      if (Date.now() > deadline) throw new Error("the payment was never recorded");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends a prompt and returns the draft menu (with its Generate button). */
  async function draftMenu(user: UserActor, prompt: string): Promise<EmulatedMessage> {
    bot().markCalls();
    await user.sendText(prompt);
    return bot().waitForBotMessage(user.id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")));
  }

  /** The model keys the draft's model menu offers. */
  async function offeredModels(user: UserActor, menu: EmulatedMessage): Promise<string[]> {
    const draftId = buttonData(menu).find((d) => d.startsWith("g:go:"))?.split(":")[2];
    bot().markCalls();
    await user.pressButton(menu, `g:m:${draftId}`);
    const list = await bot().waitForBotMessage(user.id, (m) => buttonData(m).some((d) => d.startsWith(`g:sm:${draftId}:`)));
    return buttonData(list)
      .filter((d) => d.startsWith(`g:sm:${draftId}:`))
      .map((d) => d.split(":")[3] ?? "");
  }

  /**
   * Console errors and page errors from now on: a CSP violation or a crash shows up here. Start it
   * after signing in: before, the panel's session probe is answered 401, which the browser logs.
   */
  function watchProblems(page: Page): string[] {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    return problems;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(RESULTS_DIR, `admin-${name}.png`), fullPage: true });
  const kpi = (page: Page, name: string) => page.getByTestId(`kpi-${name}-value`);

  it("signs in, shows the seeded numbers, adjusts credits through the ledger, and its model and price changes reach the bot", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();

    // Sign in with the sandbox's shortcut; the session cookie is httpOnly.
    await page.goto(`${url}/admin`);
    await page.getByRole("button", { name: "Log in as admin (sandbox)" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    const problems = watchProblems(page);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "bp_admin")).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/admin" });

    // The dashboard's numbers are the seeded data's.
    const db = app.database.db;
    const [known] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`${users.telegramId} is not null`);
    expect(known?.n).toBe(CUSTOMERS.length);
    await expect.poll(async () => kpi(page, "users-total").textContent()).toBe(String(CUSTOMERS.length));
    expect(await kpi(page, "users-paying").textContent()).toBe("1");
    expect(await kpi(page, "revenue-total").textContent()).toBe(`⭐ ${PAID_STARS}`);
    expect(await kpi(page, "generations-total").textContent()).toBe("0");
    expect(await page.locator(".chart svg").count()).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(300);
    await shot(page, "dashboard");

    // Users → search → the customer's card → +500 credits with a reason.
    const customer = CUSTOMERS[0] ?? 0;
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("searchbox").fill(String(customer));
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.getByTestId("user-row").count()).toBe(1);
    await shot(page, "users");
    await page.getByTestId("user-row").getByRole("link").click();
    await page.getByTestId("user-detail").waitFor();
    const form = page.getByTestId("credit-form");
    await form.getByLabel("Amount").fill("500");
    await form.getByLabel("Reason").fill("compensation for the outage");
    await form.getByRole("button", { name: "Apply" }).click();
    await page.getByText("+500 credits; the balance is now 500.").waitFor();
    await page.getByTestId("ledger-row").filter({ hasText: "compensation for the outage" }).waitFor();
    await expect.poll(async () => page.getByTestId("fact-balance").locator("dd").textContent()).toBe("500");
    await shot(page, "user-detail");

    const [row] = await db.select().from(users).where(eq(users.telegramId, customer));
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, row?.id ?? 0));
    expect(entries).toEqual([expect.objectContaining({ delta: 500, balanceAfter: 500, kind: "admin_adjustment", note: "compensation for the outage" })]);
    expect(row?.balance).toBe(500);

    // Models: turning one off removes it from the bot's model menu at once.
    const user = actor(customer);
    const before = await offeredModels(user, await draftMenu(user, PROMPT));
    expect(before.length).toBeGreaterThanOrEqual(2);
    const victim = before[1] ?? "";
    await page.getByRole("link", { name: "Models" }).click();
    const modelRow = page.locator(`[data-testid="model-row"][data-model="${victim}"]`);
    await modelRow.getByRole("switch").uncheck();
    await expect.poll(() => modelRow.getAttribute("data-enabled")).toBe("false");
    await shot(page, "models");
    const after = await offeredModels(user, await draftMenu(user, PROMPT));
    expect(after).not.toContain(victim);
    expect(after).toEqual(before.filter((key) => key !== victim));

    // Settings: a higher markup changes what the bot shows and charges, with no restart.
    const oldPrice = generateButton(await draftMenu(user, PROMPT)).price;
    expect(typeof oldPrice).toBe("number");
    await page.getByRole("link", { name: "Settings" }).click();
    const markup = page.getByTestId("setting-pricing.markupCredits").getByRole("textbox");
    expect(await markup.inputValue()).toBe("40");
    await markup.fill("95");
    await page.getByPlaceholder("Reason (optional, kept in the audit log)").fill("price rise");
    await page.getByRole("button", { name: "Save 1 change(s)" }).click();
    await page.getByText("1 change(s) saved.").waitFor();
    await shot(page, "settings");
    const menu = await draftMenu(user, PROMPT);
    const { data, price } = generateButton(menu);
    expect(price).toBe((oldPrice as number) + 55);
    bot().markCalls();
    await user.pressButton(menu, data);
    await expect
      .poll(async () => (await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.userId, row?.id ?? 0), eq(ledgerEntries.kind, "generation_charge")))).map((e) => e.delta), {
        timeout: 10_000,
      })
      .toEqual([-(price as number)]);
    const [charged] = await db.select().from(generations).where(eq(generations.userId, row?.id ?? 0));
    expect(charged?.priceCredits).toBe(price);

    // The audit log shows all of it.
    await page.getByRole("link", { name: "Audit log" }).click();
    for (const action of ["credits_adjusted", "model_changed", "setting_changed", "admin_signed_in"]) {
      await page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first().waitFor();
    }
    await shot(page, "audit");

    // The remaining pages render without errors.
    await page.getByRole("link", { name: "Generations" }).click();
    await page.getByTestId("generation").first().waitFor();
    await shot(page, "generations");
    await page.getByRole("link", { name: "Payments" }).click();
    await page.getByTestId("payment-row").first().waitFor();
    await shot(page, "payments");
    await page.getByRole("link", { name: "Provider" }).click();
    await page.getByTestId("provider-status").waitFor();
    await shot(page, "provider");
    await page.getByRole("link", { name: "Broadcasts" }).click();
    await page.getByRole("link", { name: "New broadcast" }).click();
    await page.getByRole("textbox").first().fill("<b>New models</b> are here: try <i>Nano Banana Pro</i>!");
    await page.getByLabel("Add a link button").check();
    await page.getByLabel("Button text").fill("Open the bot");
    await page.getByLabel("Link", { exact: true }).fill("https://t.me/bananapics_sandbox_bot");
    await expect.poll(() => page.getByTestId("broadcast-preview").locator("strong").textContent()).toBe("New models");
    await shot(page, "broadcast-new");

    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it("is usable on a phone: the menu is a drawer and tables become cards", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${url}/admin`);
    await page.getByRole("button", { name: "Log in as admin (sandbox)" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    const problems = watchProblems(page);
    await expect.poll(async () => kpi(page, "users-total").textContent()).toBe(String(CUSTOMERS.length));
    // Nothing wider than the screen.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await shot(page, "phone-dashboard");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByTestId("user-row").first().waitFor();
    // The drawer closed behind the link (its slide takes 0.2 s).
    await expect.poll(() => page.getByRole("navigation", { name: "Menu" }).evaluate((nav) => nav.getBoundingClientRect().right)).toBeLessThanOrEqual(0);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await shot(page, "phone-users");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
