import type { FastifyInstance } from "fastify";
import type { Database } from "../../../db/client.js";
import { providerOverview } from "../../../domain/admin/provider-overview.js";
import type { GenerationTotals } from "../../../domain/admin/statistics.js";
import type { AdminRoutes } from "./admin-route.js";
import { providerView, type ProviderView } from "./api-schemas.js";
import { iso } from "./views.js";

export interface ProviderRouteDeps {
  db: Database;
  /** The provider's balance in USD (cached); undefined when unknown; null when there is no provider at all. */
  balance(): Promise<number | undefined> | null;
  /** The threshold below which new generations pause, as in effect now. */
  minBalanceUsd(): number;
  modelNames(): Promise<ReadonlyMap<string, string>>;
}

/** Failures listed, as on the bot's provider screen. */
const RECENT_FAILURES = 10;

/** The image provider: balance against the pause threshold, the queue, success over 24 h and 7 d, recent failures. */
export function registerProviderRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: ProviderRouteDeps): void {
  routes.json(scope, {
    method: "GET",
    url: "/api/admin/provider",
    tag: "provider",
    summary: "Provider balance and status, the generation queue, 24 h and 7 d results by model, and the latest failures",
    response: providerView,
    handler: async () => {
      const lookup = deps.balance();
      const [overview, balance, names] = await Promise.all([providerOverview(deps.db, new Date(), RECENT_FAILURES), lookup, deps.modelNames()]);
      const minBalanceUsd = deps.minBalanceUsd();
      const status: ProviderView["status"] =
        balance === null ? "none" : balance === undefined ? "unknown" : balance < minBalanceUsd ? "low" : "ok";
      const totals = (t: GenerationTotals) => ({ ...t, byModel: t.byModel.map((m) => ({ ...m, name: names.get(m.modelKey) ?? m.modelKey })) });
      return {
        status,
        balanceUsd: balance ?? null,
        minBalanceUsd,
        waiting: overview.waiting,
        running: overview.running,
        last24h: totals(overview.last24h),
        last7d: totals(overview.last7d),
        recentFailures: overview.recentFailures.map((f) => ({ ...f, at: iso(f.at) })),
      };
    },
  });
}
