import { and, eq, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { generations, ledgerEntries, starPayments, users } from "../../src/db/schema/index.js";
import type { Sandbox } from "../../src/sandbox/start-sandbox.js";
import type { EmulatedMessage, UserActor } from "../../src/sandbox/telegram-emulator/index.js";
import { buttonData, generateButton } from "../e2e/generation/generation-harness.js";
import { startBrowserSandbox, type BrowserSandbox } from "./support/browser-sandbox.js";
import { buildWebApps, type BuiltWebApps } from "./support/built-web-apps.js";
import { browserTestRuns, launchChromium, resultPath, watchProblems } from "./support/chromium.js";

/** Seeded users: telegram ids, and who pays. */
const CUSTOMERS = [555_100_001, 555_100_002, 555_100_003];
const PAYER = 555_100_002;
const PAID_STARS = 140;
const PROMPT = "a red fox in the snow";

describe.skipIf(!browserTestRuns("the admin panel"))("the admin panel in chromium, in the sandbox", () => {
  let browser: Browser;
  let builds: BuiltWebApps | undefined;
  let running: BrowserSandbox | undefined;
  let sandbox: Sandbox;
  let app: App;
  let url: string;
  const actors = new Map<number, UserActor>();

  beforeAll(async () => {
    browser = await launchChromium();
    builds = await buildWebApps("admin");
    running = await startBrowserSandbox(builds, { DEFAULT_LOCALE: "en", TRIAL_GENERATIONS: "0" });
    ({ sandbox, app, url } = running);

    // Seed through the bot, as real users would: onboarding for everyone, one Stars top-up.
    for (const id of CUSTOMERS) actors.set(id, await onboard(id));
    await topUp(actor(PAYER), PAID_STARS);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    builds?.remove();
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

  const shot = (page: Page, name: string) => page.screenshot({ path: resultPath(`admin-${name}.png`), fullPage: true });
  const kpi = (page: Page, name: string) => page.getByTestId(`kpi-${name}-value`);

  it("signs in, shows the seeded numbers, adjusts credits through the ledger, and its model and price changes reach the bot", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();

    // Sign in with the sandbox's shortcut; the session cookie is httpOnly.
    await page.goto(`${url}/admin`);
    await page.getByRole("button", { name: "Log in as admin (sandbox)" }).click();
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    // Watched from here: before signing in, the panel's session probe is answered 401, which the browser logs.
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
