import { createConfig } from "../../../src/config.js";
import { createApp, type App } from "../../../src/app.js";
import { registerSandboxChatPage } from "../../../src/sandbox/chat-page/register-chat-page.js";
import { startSandbox, type Sandbox } from "../../../src/sandbox/start-sandbox.js";
import { uniquePrefix } from "../../support/targets.js";

export interface SandboxAppHarness {
  app: App;
  sandbox: Sandbox;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:43127. */
  url: string;
  stop(): Promise<void>;
}

/** The app in sandbox mode with the chat page, wired as src/main.ts does when there is no BOT_TOKEN. */
export async function startSandboxApp(options: { pageDir?: string; env?: Record<string, string> } = {}): Promise<SandboxAppHarness> {
  const sandbox = await startSandbox(
    createConfig({ DATA_DIR: "memory://", HTTP_HOST: "127.0.0.1", HTTP_PORT: "0", LOG_LEVEL: "silent", ...options.env }),
  );
  const app = await createApp(sandbox.config, {
    roles: new Set(["bot", "http", "worker"]),
    kvPrefix: uniquePrefix(),
    jobPollingIntervalSeconds: 0.5,
  });
  if (app.http === undefined) throw new Error("the sandbox app has no HTTP server");
  registerSandboxChatPage(app.http, sandbox, options.pageDir !== undefined ? { pageDir: options.pageDir } : {});
  await app.start();
  const url = app.httpUrl();
  if (url === undefined) throw new Error("the HTTP server did not start");
  return {
    app,
    sandbox,
    url,
    async stop() {
      await app.stop();
      await sandbox.stop();
    },
  };
}
