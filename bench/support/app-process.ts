import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { APP_REDIS_URL } from "./environment.js";
import { ROOT, startChild, type Child } from "./processes.js";

export const WEBHOOK_SECRET = "bench-webhook-secret-0123456789";
export const PROVIDER_KEY = "bench-provider-key-0123456789";

export interface AppProcessOptions {
  /** `--roles` value, e.g. "bot,http" or "worker". */
  roles: string;
  botToken: string;
  telegramApiRoot: string;
  providerBaseUrl: string;
  /** PostgreSQL; without it the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Use the benchmark's Redis database; without it the in-memory store. */
  redis: boolean;
  httpPort?: number;
  /** Set: Telegram updates come by webhook to this URL, and workers hand it to the provider. */
  publicUrl?: string;
  env?: Record<string, string>;
}

/** The compiled entry point, as `npm start` and the Docker image run it. */
const ENTRY = join(ROOT, "dist", "main.js");

/**
 * The Node options of the production image (its `ENV NODE_OPTIONS` line), so the benchmarks measure
 * the app as it is deployed; read from the Dockerfile so the two cannot drift apart.
 */
function productionNodeOptions(): string {
  const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
  const line = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile);
  if (!line) throw new Error('the Dockerfile has no ENV NODE_OPTIONS="…" line for the benchmarks to copy');
  return line[1]!;
}

/**
 * Starts the app as production does: `node dist/main.js --roles …` (built by `npm run bench` first),
 * pointed at the emulator and the fake provider.
 */
export function startApp(options: AppProcessOptions): Child {
  if (!existsSync(ENTRY)) throw new Error("dist/main.js is missing: run `npm run build:server` (npm run bench does it)");
  const env: Record<string, string> = {
    NODE_ENV: "production",
    BOT_TOKEN: options.botToken,
    TELEGRAM_API_ROOT: options.telegramApiRoot,
    WAVESPEED_API_KEY: PROVIDER_KEY,
    WAVESPEED_BASE_URL: options.providerBaseUrl,
    DATA_DIR: options.dataDir,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: String(options.httpPort ?? 0),
    DEFAULT_LOCALE: "en",
    LOG_LEVEL: "info",
    NODE_OPTIONS: productionNodeOptions(),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.redis ? { REDIS_URL: APP_REDIS_URL } : {}),
    ...(options.publicUrl ? { BOT_MODE: "webhook", PUBLIC_URL: options.publicUrl, WEBHOOK_SECRET } : {}),
    ...options.env,
  };
  return startChild([ENTRY, "--roles", options.roles], env);
}

/** Resolves when the app logged that it started; rejects with its output if it did not. */
export async function appStarted(child: Child, timeoutMs = 60_000): Promise<number> {
  const { at } = await child.waitForLine(/"msg":"started"/, timeoutMs);
  return at - child.spawnedAt;
}
