import pg from "pg";
import { Redis } from "ioredis";
import { createConfig } from "../src/config.js";
import { createApp } from "../src/app.js";
import { startFakeWavespeed } from "../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator } from "../src/sandbox/telegram-emulator/index.js";
import { createScratchDatabase, APP_REDIS_URL } from "./support/environment.js";
import { freePort } from "./support/free-port.js";
import { serviceUser } from "./support/user-scripts.js";
import { runWorkload } from "./support/workload.js";
import { collectingLogger } from "../test/support/collecting-logger.js";

const queries = new Map<string, number>();
const origClientQuery = pg.Client.prototype.query;
let counting = false;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(pg.Client.prototype as any).query = function (this: unknown, ...args: unknown[]) {
  if (counting) { const a = args[0] as string | { text?: string }; const text = typeof a === "string" ? a : a?.text ?? "?"; const k = text.replace(/\s+/g, " ").slice(0, 110); queries.set(k, (queries.get(k) ?? 0) + 1); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (origClientQuery as any).apply(this, args);
};
const cmds = new Map<string, number>();
const origSend = Redis.prototype.sendCommand;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(Redis.prototype as any).sendCommand = function (this: Redis, cmd: { name: string; args: unknown[] }, ...rest: unknown[]) {
  if (counting) { const k = cmd.name + " " + String(cmd.args[0] ?? "").replace(/[0-9]+/g, "N").replace(/^bp:/, ""); cmds.set(k, (cmds.get(k) ?? 0) + 1); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (origSend as any).apply(this, [cmd, ...rest]);
};
const emulator = await startTelegramEmulator();
const provider = await startFakeWavespeed({ apiKey: "bench-provider-key-0123456789" });
const db = await createScratchDatabase();
const port = await freePort();
const token = "7100000001:BENCHserviceAAAAbbbbCCCCdddd_1";
const bot = emulator.registerBot({ token, username: "svc" });
const config = createConfig({ BOT_TOKEN: token, TELEGRAM_API_ROOT: emulator.apiRoot, WAVESPEED_API_KEY: "bench-provider-key-0123456789", WAVESPEED_BASE_URL: provider.baseUrl, DATABASE_URL: db.url, REDIS_URL: APP_REDIS_URL, HTTP_HOST: "127.0.0.1", HTTP_PORT: String(port), BOT_MODE: "webhook", PUBLIC_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: "bench-webhook-secret-0123456789", DEFAULT_LOCALE: "en" });
const app = await createApp(config, { roles: new Set(["bot", "http"]), logger: collectingLogger([]).logger, kvPrefix: "bpcount:" + Date.now() + ":" });
await app.start();
await runWorkload({ bot, newUser: (i) => serviceUser(bot, 5_000_000 + i), steps: 70, concurrency: 4 });
counting = true;
const r = await runWorkload({ bot, newUser: (i) => serviceUser(bot, 6_000_000 + i), steps: 700, concurrency: 8 });
counting = false;
console.log("steps", r.answered);
const per = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${(v / r.answered).toFixed(2).padStart(6)} ${k}`).join("\n");
console.log("SQL per update", [...queries.values()].reduce((a, b) => a + b, 0) / r.answered);
console.log(per(queries));
console.log("Redis per update", [...cmds.values()].reduce((a, b) => a + b, 0) / r.answered);
console.log(per(cmds));
await app.stop(); await emulator.stop(); await provider.stop(); await db.drop();
