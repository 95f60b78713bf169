import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export type WebAppName = "admin" | "miniapp" | "sandbox";

/** Fresh builds of some web apps, side by side in a temporary directory. */
export interface BuiltWebApps {
  /** Where `app` was built; undefined when it was not asked for (the server then serves dist/web). */
  dir(app: WebAppName): string | undefined;
  remove(): void;
}

/**
 * `npm run build:web` for `apps`, so a browser test runs them as they are in the working tree, never a
 * stale dist/.
 */
export async function buildWebApps(...apps: WebAppName[]): Promise<BuiltWebApps> {
  const root = mkdtempSync(join(tmpdir(), `${apps.join("-")}-build-`));
  try {
    await Promise.all(apps.map((app) => buildWebApp(app, join(root, app))));
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    dir: (app) => (apps.includes(app) ? join(root, app) : undefined),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** NODE_ENV is "test" under vitest, which would bundle React's development build. */
async function buildWebApp(app: WebAppName, outDir: string): Promise<void> {
  const configFile = fileURLToPath(new URL(`../../../web/${app}/vite.config.ts`, import.meta.url));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile, mode: "production", logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
