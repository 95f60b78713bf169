import type { KeyValueStore } from "../../infra/kv/index.js";
import type { Logger } from "../../infra/logger.js";
import { settleWithin } from "../../infra/deadline.js";

/** Whether new generations may start: "paused" while the provider account is nearly empty. */
export type ProviderAvailability = "ok" | "paused";

export interface ProviderBalanceGuardOptions {
  /** The provider account's balance in USD (the Wavespeed client satisfies this). */
  balance: { getBalance(): Promise<number> };
  kv: KeyValueStore;
  minBalanceUsd: number;
  /** Tells every admin; called at most once per `alertIntervalMs` across all processes. */
  alertAdmins(balanceUsd: number, minBalanceUsd: number): Promise<void>;
  logger: Logger;
  /** How long a known balance is reused. Default 60 s. */
  cacheTtlMs?: number;
  /** How long "the provider did not answer" is reused, so a down provider is not asked on every start. Default 15 s. */
  unknownTtlMs?: number;
  /** A user waits on this check, so the lookup is cut short. Default 3 s. */
  lookupTimeoutMs?: number;
  /** Default 10 minutes. */
  alertIntervalMs?: number;
}

const BALANCE_KEY = "provider:balance";
const ALERT_KEY = "provider:balance-alerted";
const UNKNOWN = "unknown";

/**
 * Declines new generations politely while the provider balance is below the threshold, instead of
 * charging users for generations the provider would refuse. The balance is cached in the shared store;
 * an unknown balance (provider unreachable) does not pause: the submit path has its own refunds, and a
 * pause would turn a provider blip into a full outage.
 */
export class ProviderBalanceGuard {
  private readonly cacheTtlMs: number;
  private readonly unknownTtlMs: number;
  private readonly lookupTimeoutMs: number;
  private readonly alertIntervalMs: number;
  private refreshing: Promise<number | undefined> | undefined;

  constructor(private readonly options: ProviderBalanceGuardOptions) {
    this.cacheTtlMs = options.cacheTtlMs ?? 60_000;
    this.unknownTtlMs = options.unknownTtlMs ?? 15_000;
    this.lookupTimeoutMs = options.lookupTimeoutMs ?? 3000;
    this.alertIntervalMs = options.alertIntervalMs ?? 600_000;
  }

  /** Call before charging for a new generation; "paused" means decline with `generation-provider-paused`. */
  async check(): Promise<ProviderAvailability> {
    const balance = await this.balanceUsd();
    if (balance === undefined || balance >= this.options.minBalanceUsd) return "ok";
    this.options.logger.warn({ balanceUsd: balance, minBalanceUsd: this.options.minBalanceUsd }, "provider balance low: generations paused");
    // The user's answer must not wait for the admins' messages.
    void this.alertOnce(balance);
    return "paused";
  }

  /** The cached balance, or a fresh lookup; undefined when the provider did not answer in time. */
  async balanceUsd(): Promise<number | undefined> {
    const cached = await this.options.kv.get(BALANCE_KEY);
    if (cached === UNKNOWN) return undefined;
    if (cached !== null && Number.isFinite(Number(cached))) return Number(cached);
    // Users pressing Generate together share one lookup instead of each asking the provider.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Forgets the cached balance, e.g. after the provider refused a submit for lack of credit. */
  async invalidate(): Promise<void> {
    await this.options.kv.del(BALANCE_KEY);
  }

  private async refresh(): Promise<number | undefined> {
    const fresh = await this.lookup();
    await this.options.kv.set(BALANCE_KEY, fresh === undefined ? UNKNOWN : String(fresh), fresh === undefined ? this.unknownTtlMs : this.cacheTtlMs);
    return fresh;
  }

  private async lookup(): Promise<number | undefined> {
    try {
      const outcome = await settleWithin(this.options.balance.getBalance(), this.lookupTimeoutMs);
      return outcome.timedOut ? undefined : outcome.value;
    } catch (error) {
      this.options.logger.warn({ err: error }, "provider balance unknown: not pausing generations");
      return undefined;
    }
  }

  private async alertOnce(balance: number): Promise<void> {
    try {
      if (!(await this.options.kv.setIfAbsent(ALERT_KEY, String(balance), this.alertIntervalMs))) return;
      await this.options.alertAdmins(balance, this.options.minBalanceUsd);
    } catch (error) {
      this.options.logger.error({ err: error }, "could not alert the admins about the provider balance");
    }
  }
}
