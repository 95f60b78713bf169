import { describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { SendRateLimiter } from "../../../src/domain/broadcasts/send-rate-limiter.js";
import { liveConfig } from "../../../src/domain/settings/live-config.js";
import { defaultSettingValues, toRuntimeSettings, type RuntimeSettings } from "../../../src/domain/settings/setting-definitions.js";
import { MemoryStore } from "../../../src/infra/kv/index.js";

describe("the live config", () => {
  const config = createConfig({ ALBUM_DEBOUNCE_MS: "900", BROADCAST_RATE_PER_SECOND: "25" });
  let current: RuntimeSettings = toRuntimeSettings(defaultSettingValues(config));
  const live = liveConfig(config, () => current);

  it("reads the editable numbers from the current settings on every access, and everything else from the config", () => {
    expect(live.pricing).toEqual(config.pricing);
    const values = defaultSettingValues(config);
    current = toRuntimeSettings({ ...values, "pricing.markupPercent": 15, "generation.promptMaxLength": 300, "broadcasts.ratePerSecond": 3, "provider.minBalanceUsd": 7.5 });
    expect(live.pricing.markupPercent).toBe(15);
    expect(live.generationLimits).toEqual({ ...config.generationLimits, promptMaxLength: 300 });
    expect(live.generationLimits.albumDebounceMs).toBe(900);
    expect(live.broadcasts.ratePerSecond).toBe(3);
    expect(live.generationWorker.providerMinBalanceUsd).toBe(7.5);
    expect(live.generationWorker.deadlineSeconds).toBe(config.generationWorker.deadlineSeconds);
    expect(live.adminIds).toBe(config.adminIds);
    expect(Object.isFrozen(live.payments)).toBe(true);
  });

  it("gives the broadcast limiter a rate it reads at every send", () => {
    let rate = 5;
    const limiter = new SendRateLimiter({ kv: new MemoryStore(), ratePerSecond: () => rate });
    expect(limiter.ratePerSecond).toBe(5);
    rate = 2;
    expect(limiter.ratePerSecond).toBe(2);
    rate = 0;
    expect(() => limiter.ratePerSecond).toThrow(RangeError);
    expect(() => new SendRateLimiter({ kv: new MemoryStore(), ratePerSecond: 0 })).toThrow(RangeError);
  });
});
