import type { FastifyInstance } from "fastify";
import type { SettingsService } from "../../../domain/settings/settings-service.js";
import type { AdminRoutes } from "./admin-route.js";
import { settingListView, settingsPatchBody } from "./api-schemas.js";
import { isoOrNull } from "./views.js";

/** The runtime business settings: validated per key and across keys, audited, in effect at once in every process. */
export function registerSettingsRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: { settings: SettingsService }): void {
  const out = async (list: ReturnType<SettingsService["list"]>) => ({
    settings: (await list).map((s) => ({ ...s, updatedAt: isoOrNull(s.updatedAt) })),
  });

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/settings",
    tag: "settings",
    summary: "Every business setting: the value in effect, its env default, and who changed it last",
    response: settingListView,
    handler: async () => out(deps.settings.list()),
  });

  routes.json(scope, {
    method: "PATCH",
    url: "/api/admin/settings",
    tag: "settings",
    summary: "Changes settings together or not at all (null: back to the env default); 400 invalid_settings names each refused key",
    body: settingsPatchBody,
    response: settingListView,
    handler: async ({ body, admin }) => out(deps.settings.update(admin.telegramId, body.changes, body.reason)),
  });
}
