import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/config.js";
import { plainText } from "../support/plain-text.js";
import { startBrowserSandbox, type BrowserSandbox } from "./support/browser-sandbox.js";
import { buildWebApps, type BuiltWebApps } from "./support/built-web-apps.js";
import { browserTestRuns, launchChromium, resultPath, watchProblems } from "./support/chromium.js";

describe.skipIf(!browserTestRuns("the sandbox chat page"))("the sandbox chat page in chromium", () => {
  let browser: Browser;
  let builds: BuiltWebApps | undefined;
  let h: BrowserSandbox;

  beforeAll(async () => {
    browser = await launchChromium();
    builds = await buildWebApps("sandbox");
    h = await startBrowserSandbox(builds);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    builds?.remove();
  });

  const t = (locale: Locale, key: string, vars?: Record<string, string | number>) => plainText(h.app.translator.t(locale, key, vars));

  /** The newest bot bubble, where a person looks for the bot's answer. */
  const lastBotMessage = (page: Page) => page.locator('.message-row[data-from="bot"]').last();
  const lastBotText = async (page: Page) => (await lastBotMessage(page).locator(".text").allTextContents()).join("");

  /** Runs in the page: every image has loaded (the test's tsconfig has no DOM types, hence the shape). */
  const allLoaded = (images: unknown[]) => images.every((img) => (img as { complete: boolean; naturalWidth: number }).naturalWidth > 0);

  async function send(page: Page, text: string): Promise<void> {
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill(text);
    await box.press("Enter");
  }

  it("creates a user, completes onboarding by pressing buttons, switches the language and sends an album", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const problems = watchProblems(page);

    await page.goto(`${h.url}/sandbox`);
    await page.getByText("Simulation — not connected to Telegram").waitFor();

    // A new user whose Telegram language the bot does not speak: the first screen uses DEFAULT_LOCALE (uz).
    const form = page.locator("form.new-user");
    await form.getByLabel("Telegram id").fill("555000111");
    await form.getByLabel("First name").fill("Dilnoza");
    await form.getByLabel("Username").fill("dilnoza_test");
    await form.getByLabel("Language code").selectOption("other");
    await form.getByLabel("Other code").fill("de");
    await form.getByRole("button", { name: "Create and open chat" }).click();
    await page.locator(".user-item.selected", { hasText: "Dilnoza" }).waitFor();
    await page.getByRole("button", { name: "START" }).waitFor();

    await send(page, "/start");
    await page.locator('.message-row[data-from="user"]', { hasText: "/start" }).waitFor();
    await expect.poll(() => lastBotText(page), { timeout: 15_000 }).toBe(t("uz", "onboarding-choose-language", { name: "Dilnoza" }));

    await lastBotMessage(page).getByRole("button", { name: t("uz", "language-name-en") }).click();
    await expect.poll(() => lastBotText(page), { timeout: 10_000 }).toBe(t("en", "onboarding-consent"));
    // HTML formatting arrives as entities and renders as elements.
    await lastBotMessage(page).locator("strong", { hasText: "Before we start" }).waitFor();
    await expect.poll(() => lastBotMessage(page).locator(".edited").count()).toBe(1);

    await lastBotMessage(page).getByRole("button", { name: t("en", "btn-accept") }).click();
    await page.locator(".toast", { hasText: t("en", "onboarding-accepted") }).waitFor();
    await expect.poll(() => lastBotText(page), { timeout: 10_000 }).toBe(t("en", "home-welcome", { name: "Dilnoza" }));

    await send(page, "/language");
    await expect.poll(() => lastBotText(page), { timeout: 10_000 }).toBe(t("en", "language-choose"));
    await lastBotMessage(page).getByRole("button", { name: t("en", "language-name-ru") }).click();
    await page.locator(".toast", { hasText: t("ru", "language-changed") }).waitFor();
    await expect.poll(() => lastBotText(page), { timeout: 10_000 }).toBe(t("ru", "language-changed"));

    await send(page, "/help");
    await expect.poll(() => lastBotText(page), { timeout: 10_000 }).toBe(t("ru", "help-text"));
    await page.waitForTimeout(300);
    await page.screenshot({ path: resultPath("sandbox.png") });

    // Two photos from the attach button become one album with the text box as its caption.
    const images = await Promise.all(
      ["#f5b300", "#3390ec"].map(async (color, i) => ({
        name: `photo-${i + 1}.png`,
        mimeType: "image/png",
        buffer: await sharp({ create: { width: 640, height: 480, channels: 3, background: color } }).png().toBuffer(),
      })),
    );
    await page.getByTestId("attach-photos").setInputFiles(images);
    await page.getByText("Album of 2 photos").waitFor();
    await expect.poll(() => page.locator(".attachment img").evaluateAll(allLoaded)).toBe(true);
    await send(page, "две картинки");
    const album = page.locator('.message-row[data-from="user"]', { hasText: "две картинки" });
    await album.waitFor();
    await expect.poll(() => album.locator(".photo-grid img").count()).toBe(2);
    await expect.poll(() => album.locator(".photo-grid img").evaluateAll(allLoaded)).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: resultPath("sandbox-mobile.png") });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
