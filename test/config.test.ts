import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createConfig } from "../src/config.js";
import { problemsOf } from "./support/config-problems.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678";

describe("createConfig", () => {
  it("gives working defaults for an empty environment (the local sandbox)", () => {
    const config = createConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.botMode).toBe("polling");
    expect(config.defaultLocale).toBe("uz");
    expect(config.dataDir).toBe("./data");
    expect(config.http.port).toBe(8080);
  });

  it("never starts the sandbox by itself when a token is set", () => {
    expect(createConfig({ BOT_TOKEN: TOKEN }).sandbox).toBe(false);
    expect(createConfig({ BOT_TOKEN: TOKEN, SANDBOX: "1" }).sandbox).toBe(true);
  });

  it("parses admin ids", () => {
    expect(createConfig({ ADMIN_IDS: "1, 22,333" }).adminIds).toEqual([1, 22, 333]);
  });

  it.each([
    [{ BOT_MODE: "webhook", BOT_TOKEN: TOKEN, PUBLIC_URL: "https://bot.example.com" }, "WEBHOOK_SECRET"],
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ ADMIN_IDS: "12,abc" }, "ADMIN_IDS"],
    [{ HTTP_PORT: "http" }, "HTTP_PORT"],
    [{ DEFAULT_LOCALE: "de" }, "DEFAULT_LOCALE"],
    [{ BOT_TOKEN: "nonsense" }, "BOT_TOKEN"],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL"],
  ])("rejects %j naming %s", (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it("reports every problem at once, one line each", () => {
    const problems = problemsOf({ ADMIN_IDS: "x", DATABASE_URL: "nope", LOG_LEVEL: "loud" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["ADMIN_IDS", "DATABASE_URL", "LOG_LEVEL"]);
  });
});

describe("GALLERY_CHANNEL_ID", () => {
  it("is off when unset, empty or 0, and takes a channel id or @username", () => {
    expect(createConfig({}).galleryChannelId).toBeUndefined();
    expect(createConfig({ GALLERY_CHANNEL_ID: "" }).galleryChannelId).toBeUndefined();
    expect(createConfig({ GALLERY_CHANNEL_ID: "0" }).galleryChannelId).toBeUndefined();
    expect(createConfig({ GALLERY_CHANNEL_ID: "-1001234567890" }).galleryChannelId).toBe(-1001234567890);
    expect(createConfig({ GALLERY_CHANNEL_ID: "@bananapics_gallery" }).galleryChannelId).toBe("@bananapics_gallery");
  });

  it.each(["12345", "bananapics", "-100abc", "https://t.me/gallery"])("refuses %j, naming the variable", (value) => {
    const problems = problemsOf({ GALLERY_CHANNEL_ID: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^GALLERY_CHANNEL_ID: must be a channel id/);
  });
});

describe("starting with bad configuration", () => {
  it.each([
    [{ BOT_MODE: "webhook", BOT_TOKEN: TOKEN, PUBLIC_URL: "https://bot.example.com" }, "WEBHOOK_SECRET"],
    [{ DATABASE_URL: "postgres//oops" }, "DATABASE_URL"],
    [{ ADMIN_IDS: "admin" }, "ADMIN_IDS"],
  ])("exits non-zero and names the variable for %j", (env, variable) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toContain(variable);
  });
});
