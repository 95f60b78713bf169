import type { Config } from "../../../config.js";

/**
 * Alex, the chat page's default user (src/sandbox/chat-page/simulated-users.ts): as the sandbox's admin
 * they can use /admin in the chat, sign in to the panel with one click, and see broadcasts staged in
 * their chat.
 */
export const SANDBOX_DEFAULT_ADMIN_ID = 100_000_001;

/**
 * The sandbox's configuration with an admin: SANDBOX_ADMIN_ID, else the chat page's default user. When
 * ADMIN_IDS is empty that user becomes the one admin; otherwise ADMIN_IDS stays as it is and the
 * shortcut signs in as SANDBOX_ADMIN_ID or the first of them. Only for the sandbox, where every user
 * is simulated anyway.
 */
export function withSandboxAdmin(config: Config): Config {
  if (!config.sandbox) return config;
  const adminIds = config.adminIds.length > 0 ? config.adminIds : [config.adminPanel.sandboxAdminId ?? SANDBOX_DEFAULT_ADMIN_ID];
  const sandboxAdminId = config.adminPanel.sandboxAdminId ?? adminIds[0];
  return { ...config, adminIds, adminPanel: { ...config.adminPanel, sandboxAdminId } };
}
