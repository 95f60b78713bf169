import { adminPanelProblems, ConfigError, createConfig, type Config } from "./config.js";
import { createApp, migrateDatabase, type App } from "./app.js";
import { parseRoles } from "./roles.js";
import { registerSandboxChatPage } from "./sandbox/chat-page/register-chat-page.js";
import { withSandboxAdmin } from "./http/routes/admin/sandbox-admin.js";
import { startSandbox, type Sandbox } from "./sandbox/start-sandbox.js";
import { startOfflineProviderIfNeeded } from "./sandbox/offline-provider.js";

/** Hard limit for a graceful stop; orchestrators usually kill after 10 s anyway. */
const EXIT_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config: Config;
  let roles;
  try {
    config = createConfig(process.env);
    roles = parseRoles(process.argv.slice(2));
    const problems = adminPanelProblems(config, roles);
    if (problems.length > 0) throw new ConfigError(problems);
  } catch (error) {
    const lines = error instanceof ConfigError ? error.problems : [error instanceof Error ? error.message : String(error)];
    process.stderr.write(`Bananapics cannot start; fix the configuration:\n${lines.map((l) => `  - ${l}`).join("\n")}\n`);
    process.exit(1);
  }

  // The deployment's one-off step: migrate, then exit without starting any role (docs/deploy.md).
  if (process.argv.includes("--migrate-only")) {
    await migrateDatabase(config);
    process.exit(0);
  }

  let sandbox: Sandbox | undefined;
  if (config.sandbox) {
    sandbox = await startSandbox(config);
    // The chat page's default user administers the sandbox, so /admin and the web panel work out of the box.
    config = withSandboxAdmin(sandbox.config);
  }

  const offlineProvider = await startOfflineProviderIfNeeded(config);
  if (offlineProvider) config = offlineProvider.config;

  const app: App = await createApp(config, { roles });
  // Routes must exist before the server listens in app.start().
  if (sandbox && app.http) registerSandboxChatPage(app.http, sandbox);
  if (offlineProvider) {
    app.logger.warn({ provider: offlineProvider.fake.baseUrl }, "no WAVESPEED_API_KEY: images come from the offline provider");
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      app.logger.error("graceful shutdown took too long, exiting");
      process.exit(1);
    }, EXIT_DEADLINE_MS);
    deadline.unref();
    void app
      .stop()
      .then(() => sandbox?.stop())
      .then(() => offlineProvider?.stop())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("unhandledRejection", (reason) => app.logger.error({ err: reason }, "unhandled promise rejection"));

  await app.start();
  sandbox?.announce(app, app.logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`Bananapics failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
