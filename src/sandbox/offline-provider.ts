import { randomBytes } from "node:crypto";
import type { Config } from "../config.js";
import { startFakeWavespeed, type FakeWavespeed } from "./fake-wavespeed/index.js";

export interface OfflineProvider {
  /** The configuration pointing the Wavespeed client at the local fake. */
  readonly config: Config;
  readonly fake: FakeWavespeed;
  stop(): Promise<void>;
}

/**
 * Without WAVESPEED_API_KEY the service still generates images: a local fake of the Wavespeed HTTP API
 * starts on 127.0.0.1 and the app talks to it through the very same client, with a random key the fake
 * checks like the real API would. Returns undefined when a real key is configured.
 */
export async function startOfflineProviderIfNeeded(config: Config): Promise<OfflineProvider | undefined> {
  if (config.wavespeed.apiKey) return undefined;
  const apiKey = `offline-${randomBytes(12).toString("hex")}`;
  const fake = await startFakeWavespeed({ host: "127.0.0.1", port: 0, apiKey, latencyMs: 3000 });
  return {
    config: { ...config, wavespeed: { apiKey, baseUrl: fake.baseUrl, offline: true } },
    fake,
    stop: () => fake.stop(),
  };
}
