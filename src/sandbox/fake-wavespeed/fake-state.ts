import type { FakeTaskRecord } from "./fake-task.js";
import type { MediaStore } from "./media-store.js";
import type { BackgroundWork } from "./background-work.js";
import type { FakeTaskOutcome } from "./types.js";

/** The behaviour knobs as they apply to the next submitted task. */
export interface FakeRates {
  latencyMs: number;
  failureRate: number;
  contentBlockRate: number;
  nsfwRate: number;
}

/** Everything the route handlers share; owned by one running fake. */
export interface FakeState {
  /** Base of the URLs handed to clients. */
  publicBaseUrl: string;
  /** Every base URL that points at this fake, to recognise its own media in edit inputs. */
  ownBaseUrls: string[];
  apiKey: string | undefined;
  webhookSecret: string;
  rates: FakeRates;
  balanceUsd: number;
  random: () => number;
  tasks: Map<string, FakeTaskRecord>;
  media: MediaStore;
  scriptedOutcomes: FakeTaskOutcome[];
  background: BackgroundWork;
}
