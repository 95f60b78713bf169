import type { FastifyInstance } from "fastify";
import type { EmulatedMessage } from "../telegram-emulator/index.js";
import type { Sandbox } from "../start-sandbox.js";
import { registerChatApiRoutes } from "./chat-api-routes.js";
import { ChatEventStreams } from "./chat-event-streams.js";
import { defaultChatPageDir, registerChatPageAssets } from "./chat-page-assets.js";
import { MAX_UPLOAD_BODY_BYTES } from "./media-upload.js";
import { toMessageView } from "./message-view.js";
import { SimulatedUsers } from "./simulated-users.js";

export interface ChatPageOptions {
  /** The built page; dist/web/sandbox by default. Tests point it at a fresh build. */
  pageDir?: string;
}

/**
 * Puts the sandbox chat page on the app's HTTP server: the page at /sandbox and its API at
 * /sandbox/api, acting as simulated users of `sandbox.bot`. Only for sandbox mode: the API has no
 * authentication, since it exists to impersonate anyone. Call it before the server listens (Fastify
 * takes no routes afterwards).
 */
export function registerSandboxChatPage(
  http: FastifyInstance,
  sandbox: Pick<Sandbox, "emulator" | "bot">,
  options: ChatPageOptions = {},
): void {
  const { bot } = sandbox;
  const paid = new Set<string>();
  const view = (message: EmulatedMessage) => toMessageView(message, paid.has(`${message.chat_id}:${message.message_id}`));
  const streams = new ChatEventStreams(bot, view);

  // One encapsulated plugin, so the multipart parser and the static files stay out of other routes.
  void http.register(async (scope) => {
    scope.addContentTypeParser("multipart/form-data", { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BODY_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.addHook("preClose", (done) => {
      streams.closeAll();
      done();
    });
    registerChatApiRoutes(scope, {
      apiRoot: sandbox.emulator.apiRoot,
      bot,
      users: new SimulatedUsers(bot.info.id),
      streams,
      view,
      markPaid: (chatId, messageId) => paid.add(`${chatId}:${messageId}`),
    });
    registerChatPageAssets(scope, options.pageDir ?? defaultChatPageDir());
  });
}
