import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../../src/config.js";

describe("generation worker configuration", () => {
  it("has safe defaults: 10-minute deadline, NSFW blocked, strict webhook signatures, $1 balance floor, 30 s requests", () => {
    expect(createConfig({}).generationWorker).toEqual({
      deadlineSeconds: 600,
      nsfwPolicy: "block",
      providerMinBalanceUsd: 1,
      providerWebhookVerify: "strict",
      providerTimeoutSeconds: 30,
    });
  });

  it("reads every setting from the environment", () => {
    const config = createConfig({
      GENERATION_DEADLINE_SECONDS: "300",
      NSFW_POLICY: "allow",
      PROVIDER_MIN_BALANCE_USD: "2.5",
      WAVESPEED_WEBHOOK_VERIFY: "log",
      WAVESPEED_TIMEOUT_SECONDS: "45",
    });
    expect(config.generationWorker).toEqual({
      deadlineSeconds: 300,
      nsfwPolicy: "allow",
      providerMinBalanceUsd: 2.5,
      providerWebhookVerify: "log",
      providerTimeoutSeconds: 45,
    });
  });

  it("names each bad variable", () => {
    try {
      createConfig({ GENERATION_DEADLINE_SECONDS: "5", NSFW_POLICY: "maybe", PROVIDER_MIN_BALANCE_USD: "-1", WAVESPEED_WEBHOOK_VERIFY: "off" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).problems.map((p) => p.split(":")[0]).sort();
      expect(variables).toEqual(["GENERATION_DEADLINE_SECONDS", "NSFW_POLICY", "PROVIDER_MIN_BALANCE_USD", "WAVESPEED_WEBHOOK_VERIFY"]);
    }
  });
});
