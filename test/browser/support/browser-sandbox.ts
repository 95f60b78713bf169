import { createApp, type App } from "../../../src/app.js";
import { createConfig } from "../../../src/config.js";
import { withSandboxAdmin } from "../../../src/http/routes/admin/sandbox-admin.js";
import { registerSandboxChatPage } from "../../../src/sandbox/chat-page/register-chat-page.js";
import { startOfflineProviderIfNeeded } from "../../../src/sandbox/offline-provider.js";
import { startSandbox, type Sandbox } from "../../../src/sandbox/start-sandbox.js";
import { uniquePrefix } from "../../support/targets.js";
import type { BuiltWebApps } from "./built-web-apps.js";

export interface BrowserSandbox {
  sandbox: Sandbox;
  app: App;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:43127. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The service as src/main.ts runs it without BOT_TOKEN (the sandbox with its admin, the offline image
 * provider, every role, the chat page), serving `builds` where they were made. `env` adds to an
 * in-memory, silent configuration on a free port.
 */
export async function startBrowserSandbox(builds: BuiltWebApps, env: Record<string, string> = {}): Promise<BrowserSandbox> {
  const sandbox = await startSandbox(createConfig({ DATA_DIR: "memory://", HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", LOG_LEVEL: "silent", ...env }));
  const withAdmin = withSandboxAdmin(sandbox.config);
  const provider = await startOfflineProviderIfNeeded(withAdmin);
  let app: App | undefined;
  const stop = async () => {
    await app?.stop();
    await provider?.stop();
    await sandbox.stop();
  };
  try {
    app = await createApp(provider?.config ?? withAdmin, {
      roles: new Set(["bot", "http", "worker"]),
      kvPrefix: uniquePrefix(),
      jobPollingIntervalSeconds: 0.5,
      adminDir: builds.dir("admin"),
      miniAppDir: builds.dir("miniapp"),
    });
    if (app.http === undefined) throw new Error("the sandbox app has no HTTP server");
    const pageDir = builds.dir("sandbox");
    registerSandboxChatPage(app.http, sandbox, pageDir !== undefined ? { pageDir } : {});
    await app.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { sandbox, app, url: app.httpUrl() ?? "", stop };
}
