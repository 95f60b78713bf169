import { createServer } from "node:net";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { Logger } from "../infra/logger.js";
import { startTelegramEmulator, type EmulatedBot, type TelegramEmulator } from "./telegram-emulator/index.js";

/** Not a real token: it only ever reaches the emulator on 127.0.0.1. */
export const SANDBOX_BOT_TOKEN = "1000000001:SANDBOX_local_only_not_a_real_token";
export const SANDBOX_BOT_USERNAME = "bananapics_sandbox_bot";

export interface Sandbox {
  /** The configuration the app must run with: bot pointed at the emulator, data kept apart. */
  readonly config: Config;
  readonly emulator: TelegramEmulator;
  readonly bot: EmulatedBot;
  /** Logs where to open the sandbox once the HTTP server listens. */
  announce(app: { httpUrl(): string | undefined }, logger: Logger): void;
  stop(): Promise<void>;
}

/**
 * The local sandbox: an in-process Telegram emulator with the bot registered on it. It always uses its
 * own embedded database under DATA_DIR/sandbox and in-memory state, whatever DATABASE_URL and REDIS_URL
 * say, so trying things out can never touch a live bot's data.
 */
export async function startSandbox(config: Config): Promise<Sandbox> {
  const emulator = await startTelegramEmulator({ host: "127.0.0.1", port: 0 });
  const bot = emulator.registerBot({
    token: SANDBOX_BOT_TOKEN,
    username: SANDBOX_BOT_USERNAME,
    firstName: "Bananapics (sandbox)",
  });
  // The bot's web app buttons need the Mini App's URL before the HTTP server listens, so a port of 0
  // ("any") is settled here instead.
  const host = config.http.host === "0.0.0.0" ? "127.0.0.1" : config.http.host;
  const port = config.http.port === 0 ? await freeLoopbackPort(host) : config.http.port;
  const sandboxConfig: Config = {
    ...config,
    sandbox: true,
    botToken: SANDBOX_BOT_TOKEN,
    botUsername: SANDBOX_BOT_USERNAME,
    telegramApiRoot: emulator.apiRoot,
    botMode: "polling",
    databaseUrl: undefined,
    redisUrl: undefined,
    dataDir: config.dataDir.startsWith("memory://") ? config.dataDir : join(config.dataDir, "sandbox"),
    // The chat page acts as any simulated user without authentication: keep it on this machine unless
    // the operator chose another address on purpose.
    http: { ...config.http, host, port },
    // Telegram would require https; the sandbox's chat page opens the app on this machine instead.
    miniApp: { ...config.miniApp, url: `http://${urlHost(host)}:${port}/app` },
  };
  return {
    config: sandboxConfig,
    emulator,
    bot,
    announce(app, logger) {
      const url = app.httpUrl();
      const page = url ? `${url.replace("127.0.0.1", "localhost")}/sandbox` : undefined;
      logger.info(
        { sandboxUrl: page, telegramEmulator: emulator.apiRoot, dataDir: sandboxConfig.dataDir },
        `Sandbox ready: no BOT_TOKEN, so the bot talks to a local Telegram emulator. Open ${page ?? "(http role not running)"}`,
      );
      // Logs are JSON for machines; a person who just ran `npm start` needs the address in plain sight.
      if (page) process.stderr.write(`\n  🍌 Bananapics sandbox is running: open ${page}\n\n`);
    },
    async stop() {
      await emulator.stop();
    },
  };
}

/** A port that was free a moment ago on `host`; the HTTP server takes it right after. */
async function freeLoopbackPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The host part of a URL to a server listening on `host`. */
function urlHost(host: string): string {
  if (host === "127.0.0.1" || host === "::1" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
