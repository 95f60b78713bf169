import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../../src/i18n/translator.js";
import type { GenerationView } from "../../../src/http/routes/miniapp/api-types.js";
import { takeEvents } from "../../../web/miniapp/src/api/event-stream.js";
import { feedReducer, initialFeed, type FeedState } from "../../../web/miniapp/src/feed-state.js";
import { itemTitle, toolOptions } from "../../../web/miniapp/src/tool-run.js";
import { formatPattern, parseMessages } from "../../../web/miniapp/src/i18n/fluent-lite.js";

const view = (n: number, phase: GenerationView["phase"] = "done"): GenerationView => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  phase,
  status: phase === "done" ? "delivered" : "queued",
  prompt: `prompt ${n}`,
  model: { key: "nano-banana", name: "Nano Banana" },
  kind: "generation",
  tool: null,
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

describe("the Mini App's names for tool runs", () => {
  /** The app's translator over locales/<locale>/miniapp.ftl (messages.ts bundles the same files with Vite). */
  const translator = (locale: "uz" | "ru" | "en") => {
    const messages = parseMessages(readFileSync(join(LOCALES_DIR, locale, "miniapp.ftl"), "utf8"));
    return (key: string) => {
      const pattern = messages.get(key);
      return pattern === undefined ? key : formatPattern(pattern, locale, {});
    };
  };
  const tool = (key: string, options: string[]) => ({ key, emoji: "🛠", options });

  it("names a tool run by its tool in the user's language, a generation by its prompt", () => {
    const ru = translator("ru");
    expect(itemTitle(ru, { prompt: "", model: { key: "upscale", name: "Upscale" }, tool: tool("upscale", []) })).toBe("🛠 Увеличить");
    // A tool without texts of its own keeps its catalog name.
    expect(itemTitle(ru, { prompt: "", model: { key: "recolor", name: "Recolor Pro" }, tool: tool("recolor", []) })).toBe("🛠 Recolor Pro");
    expect(itemTitle(ru, { prompt: "a cat", model: { key: "nano-banana", name: "Nano Banana" }, tool: null })).toBe("a cat");
  });

  it("shows the options as the bot's captions do", () => {
    expect(toolOptions(translator("uz"), tool("restore", ["Dust-Scratch V2"]))).toBe("Chang va tirnalishlar V2");
    expect(toolOptions(translator("en"), tool("enhance", ["CGI", "2048*2048"]))).toBe("CGI · 2048×2048");
    expect(toolOptions(translator("en"), tool("upscale", ["8k"]))).toBe("8K");
  });
});
