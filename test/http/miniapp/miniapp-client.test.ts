import { describe, expect, it } from "vitest";
import type { GenerationView } from "../../../src/http/routes/miniapp/api-types.js";
import { takeEvents } from "../../../web/miniapp/src/api/event-stream.js";
import { feedReducer, initialFeed, type FeedState } from "../../../web/miniapp/src/feed-state.js";

const view = (n: number, phase: GenerationView["phase"] = "done"): GenerationView => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  phase,
  status: phase === "done" ? "delivered" : "queued",
  prompt: `prompt ${n}`,
  model: { key: "nano-banana", name: "Nano Banana" },
  kind: "generation",
  mode: "text_to_image",
  params: {},
  price: 78,
  paidWithTrial: false,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  updatedAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  failure: null,
  results: [],
  references: [],
  source: "miniapp",
});
const ids = (state: FeedState) => state.items.map((item) => item.prompt);

describe("the Mini App's history state", () => {
  it("appends older pages, keeps the newest first, and puts live updates in place", () => {
    let state = feedReducer(initialFeed, { type: "page", first: true, page: { items: [view(9), view(8)], nextCursor: "8" } });
    state = feedReducer(state, { type: "page", first: false, page: { items: [view(7), view(6)], nextCursor: "6" } });
    expect(ids(state)).toEqual(["prompt 9", "prompt 8", "prompt 7", "prompt 6"]);
    expect(state.cursor).toBe("6");

    state = feedReducer(state, { type: "upsert", items: [view(10, "queued")] });
    state = feedReducer(state, { type: "upsert", items: [{ ...view(8), phase: "failed" }] });
    expect(ids(state)).toEqual(["prompt 10", "prompt 9", "prompt 8", "prompt 7", "prompt 6"]);
    expect(state.items[2]?.phase).toBe("failed");

    // A page fetched before the last live event does not turn the clock back.
    const newer = { ...view(10, "done"), updatedAt: new Date(Date.UTC(2026, 0, 1, 1)).toISOString() };
    state = feedReducer(state, { type: "upsert", items: [newer] });
    state = feedReducer(state, { type: "page", first: true, page: { items: [view(10, "queued")], nextCursor: "10" } });
    expect(state.items[0]?.phase).toBe("done");

    // An old generation that changed beyond what is loaded waits for its page.
    state = feedReducer(state, { type: "upsert", items: [view(2)] });
    expect(ids(state)).not.toContain("prompt 2");

    // Refreshing the first page (after a reconnect) keeps how far the user scrolled.
    state = feedReducer(state, { type: "page", first: true, page: { items: [view(10), view(9)], nextCursor: "9" } });
    expect(state.cursor).toBe("6");
    expect(state.items).toHaveLength(5);
  });

  it("reads server-sent events split anywhere across chunks", () => {
    const wire = ": connected\n\nevent: generation\ndata: {\"a\":1}\n\n: ping\n\nevent: generation\ndata: {\"a\":2}\n\n";
    const seen: string[] = [];
    let buffer = "";
    for (const chunk of [wire.slice(0, 20), wire.slice(20, 41), wire.slice(41)]) {
      const taken = takeEvents(buffer + chunk);
      buffer = taken.rest;
      seen.push(...taken.events.map((e) => `${e.event}:${e.data}`));
    }
    expect(seen).toEqual(['generation:{"a":1}', 'generation:{"a":2}']);
    expect(buffer).toBe("");
  });
});
