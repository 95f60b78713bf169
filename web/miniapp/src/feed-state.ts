import type { GenerationPage, GenerationView } from "../../../src/http/routes/miniapp/api-types.js";

/** The history as loaded so far: newest first, older pages appended as the user scrolls. */
export interface FeedState {
  items: GenerationView[];
  /** Where the next (older) page starts; null once the end is reached. */
  cursor: string | null;
  /** The first page has arrived. */
  loaded: boolean;
  loading: boolean;
  failed: boolean;
}

export type FeedAction =
  | { type: "loading" }
  | { type: "failed" }
  /** An older page (or the first one). */
  | { type: "page"; page: GenerationPage; first: boolean }
  /** A generation appeared or changed (live event, a start, a refresh of the head). */
  | { type: "upsert"; items: GenerationView[] };

export const initialFeed: FeedState = { items: [], cursor: null, loaded: false, loading: false, failed: false };

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case "loading":
      return { ...state, loading: true, failed: false };
    case "failed":
      return { ...state, loading: false, failed: true };
    case "page": {
      const merged = upsert(state.items, action.page.items, true);
      // A refresh of the first page must not forget how far the user already scrolled.
      const cursor = action.first && state.loaded ? state.cursor : action.page.nextCursor;
      return { ...state, items: merged, cursor, loaded: true, loading: false, failed: false };
    }
    case "upsert":
      return { ...state, items: upsert(state.items, action.items, state.loaded && state.cursor === null) };
  }
}

/**
 * Replaces known generations in place and adds new ones in order. A page fetched before a live event
 * arrived may carry an older state of the same generation: the newer `updatedAt` wins. An unknown
 * generation older than everything loaded belongs to a page not loaded yet (unless the end was
 * reached), so it waits for that page.
 */
function upsert(items: GenerationView[], incoming: GenerationView[], acceptOlder: boolean): GenerationView[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const oldest = items.at(-1)?.createdAt;
  for (const item of incoming) {
    const known = byId.get(item.id);
    if (known !== undefined) {
      if (item.updatedAt >= known.updatedAt) byId.set(item.id, item);
    } else if (acceptOlder || oldest === undefined || item.createdAt >= oldest) {
      byId.set(item.id, item);
    }
  }
  return [...byId.values()].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
}
