import type { FastifyInstance } from "fastify";
import type { Database } from "../../../db/client.js";
import { listAuditLog } from "../../../domain/admin/audit-log-list.js";
import { ADMIN_ACTIONS } from "../../../domain/admin/audit-log.js";
import type { AdminRoutes } from "./admin-route.js";
import { auditListView, auditQuery } from "./api-schemas.js";
import { auditEntryOut } from "./views.js";

/** The audit log of every admin action, from the bot and the panel alike. */
export function registerAuditRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: { db: Database }): void {
  routes.json(scope, {
    method: "GET",
    url: "/api/admin/audit",
    tag: "audit",
    summary: "Admin actions newest first, by action, admin or user, with the state before and after",
    query: auditQuery,
    response: auditListView,
    handler: async ({ query }) => {
      const { items, total } = await listAuditLog(deps.db, query);
      return { items: items.map(auditEntryOut), total, actions: Object.values(ADMIN_ACTIONS) };
    },
  });
}
