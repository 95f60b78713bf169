import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's chromium (apt-get install chromium); playwright-core drives it and downloads no browser of its own. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const RESULTS_DIR = fileURLToPath(new URL("../../../test-results/", import.meta.url));
const required = process.env.REQUIRE_BROWSER === "1";
const available = existsSync(CHROMIUM);

/**
 * Whether the browser test of `subject` ("the admin panel") runs: when chromium is installed, and when
 * CI sets REQUIRE_BROWSER=1 (then a missing chromium fails it in launchChromium). Loud when chromium
 * is missing, on purpose: a green run without a browser proves nothing about the page.
 */
export function browserTestRuns(subject: string): boolean {
  if (!available) {
    console.warn(
      required
        ? `REQUIRE_BROWSER=1 but there is no chromium at ${CHROMIUM}: the browser test of ${subject} fails.`
        : `SKIPPING the browser test of ${subject}: no chromium at ${CHROMIUM} (apt-get install chromium). CI sets REQUIRE_BROWSER=1 to make this a failure.`,
    );
  }
  return available || required;
}

/** Headless chromium; also makes test-results/ for the screenshots (see resultPath). */
export async function launchChromium(): Promise<Browser> {
  if (!available) throw new Error(`REQUIRE_BROWSER=1 but chromium is not installed at ${CHROMIUM}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Where a screenshot named `fileName` goes: test-results/, kept by CI. */
export function resultPath(fileName: string): string {
  return join(RESULTS_DIR, fileName);
}

/** Console errors and page errors from now on: a CSP violation or a crash in the page shows up here. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return problems;
}
