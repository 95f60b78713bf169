import type { FastifyInstance } from "fastify";
import type { Database } from "../../../db/client.js";
import { refundPaymentByAdmin } from "../../../domain/admin/payment-refund.js";
import { listPayments } from "../../../domain/admin/payment-list.js";
import type { PurchaseHooks } from "../../../domain/payments/star-payments.js";
import type { StarsGateway } from "../../../domain/payments/stars-gateway.js";
import type { AdminRoutes } from "./admin-route.js";
import { chargeParams, paymentListQuery, paymentListView, paymentRefundView } from "./api-schemas.js";
import { iso, isoOrNull } from "./views.js";

export interface PaymentRouteDeps {
  db: Database;
  stars: StarsGateway;
  /** The referral program: a refund also takes back the referrer's commission. */
  purchaseHooks: PurchaseHooks;
}

/** Stars payments: the list with totals, and a refund (Telegram returns the Stars, the credits are taken back). */
export function registerPaymentRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: PaymentRouteDeps): void {
  routes.json(scope, {
    method: "GET",
    url: "/api/admin/payments",
    tag: "payments",
    summary: "Stars payments newest first, by status and user, with the Stars and credits of everything that matches",
    query: paymentListQuery,
    response: paymentListView,
    handler: async ({ query }) => {
      const list = await listPayments(deps.db, query);
      return { ...list, items: list.items.map((p) => ({ ...p, createdAt: iso(p.createdAt), refundedAt: isoOrNull(p.refundedAt) })) };
    },
  });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/payments/:chargeId/refund",
    tag: "payments",
    summary: "Refunds a Stars payment through Telegram and takes its credits back (never below zero), audited; safe to repeat",
    params: chargeParams,
    response: paymentRefundView,
    handler: async ({ params, admin }) => {
      const result = await refundPaymentByAdmin(deps.db, deps.stars, deps.purchaseHooks, { adminTelegramId: admin.telegramId, chargeId: params.chargeId });
      return { telegram: result.telegram, creditsTakenBack: result.deducted, shortfall: result.shortfall };
    },
  });
}
