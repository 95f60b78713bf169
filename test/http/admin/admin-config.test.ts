import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { adminPanelProblems, createConfig } from "../../../src/config.js";
import { SANDBOX_DEFAULT_ADMIN_ID, withSandboxAdmin } from "../../../src/http/routes/admin/sandbox-admin.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { problemsOf } from "../../support/config-problems.js";

const secret = "0123456789abcdef0123456789abcdef";

describe("admin panel configuration", () => {
  it("requires ADMIN_SESSION_SECRET where the panel serves admins with a real bot, naming the variable", () => {
    const http = new Set(["http"] as const);
    const production = createConfig({ BOT_TOKEN: TEST_BOT_TOKEN, ADMIN_IDS: "1,2" });
    expect(adminPanelProblems(production, http)).toEqual([expect.stringMatching(/^ADMIN_SESSION_SECRET: is required/)]);
    expect(adminPanelProblems(createConfig({ BOT_TOKEN: TEST_BOT_TOKEN, ADMIN_IDS: "1", ADMIN_SESSION_SECRET: secret }), http)).toEqual([]);
    // Not serving HTTP, no admins to sign in, or the sandbox: nothing to sign, or its own secret.
    expect(adminPanelProblems(production, new Set(["bot", "worker"] as const))).toEqual([]);
    expect(adminPanelProblems(createConfig({ BOT_TOKEN: TEST_BOT_TOKEN }), http)).toEqual([]);
    expect(adminPanelProblems(createConfig({ ADMIN_IDS: "1" }), http)).toEqual([]);
    expect(adminPanelProblems(createConfig({ BOT_TOKEN: TEST_BOT_TOKEN, ADMIN_IDS: "1", SANDBOX: "1" }), http)).toEqual([]);
  });

  it("refuses a short or placeholder secret and has a short session by default", () => {
    expect(problemsOf({ ADMIN_SESSION_SECRET: "short" })).toEqual([expect.stringMatching(/^ADMIN_SESSION_SECRET: must be at least 32/)]);
    expect(problemsOf({ ADMIN_SESSION_SECRET: "a".repeat(40) })).toEqual([expect.stringMatching(/^ADMIN_SESSION_SECRET: looks like a placeholder/)]);
    expect(problemsOf({ ADMIN_SESSION_TTL_MINUTES: "2000" })).toEqual([expect.stringMatching(/^ADMIN_SESSION_TTL_MINUTES/)]);
    expect(problemsOf({ SANDBOX_ADMIN_ID: "alex" })).toEqual([expect.stringMatching(/^SANDBOX_ADMIN_ID/)]);
    expect(createConfig({}).adminPanel).toEqual({
      sessionSecret: undefined,
      sessionTtlSeconds: 7200,
      loginAttemptsPer15Minutes: 10,
      apiRequestsPerMinute: 600,
      sandboxAdminId: undefined,
    });
  });

  it("gives the sandbox an admin: the chat page's default user, or the one configured", () => {
    expect(withSandboxAdmin(createConfig({})).adminIds).toEqual([SANDBOX_DEFAULT_ADMIN_ID]);
    expect(withSandboxAdmin(createConfig({})).adminPanel.sandboxAdminId).toBe(SANDBOX_DEFAULT_ADMIN_ID);
    expect(withSandboxAdmin(createConfig({ SANDBOX_ADMIN_ID: "42" })).adminIds).toEqual([42]);
    const configured = withSandboxAdmin(createConfig({ ADMIN_IDS: "7,8" }));
    expect([configured.adminIds, configured.adminPanel.sandboxAdminId]).toEqual([[7, 8], 7]);
    // Never outside the sandbox.
    const production = createConfig({ BOT_TOKEN: TEST_BOT_TOKEN });
    expect(withSandboxAdmin(production)).toBe(production);
  });
});

describe("starting the service", () => {
  it("refuses to serve the panel with a real bot and admins but no ADMIN_SESSION_SECRET, naming the variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts", "--roles", "http"], {
      env: { PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_BOT_TOKEN, ADMIN_IDS: "1", DATA_DIR: "memory://" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("ADMIN_SESSION_SECRET: is required");
  });
});
