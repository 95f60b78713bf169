import { useCallback, useEffect, useReducer, useRef } from "react";
import type { GenerationView } from "../../../src/http/routes/miniapp/api-types.js";
import type { MiniAppApi } from "./api/client.js";
import { openEventStream } from "./api/event-stream.js";
import { feedReducer, initialFeed, type FeedState } from "./feed-state.js";

export interface Feed {
  state: FeedState;
  /** Fetches the newest page again (after a failure). */
  reload(): void;
  /** Loads the next older page, unless one is loading or the end was reached. */
  loadMore(): void;
  /** Shows a generation at once (one just started), before its first live event. */
  add(item: GenerationView): void;
}

/**
 * The user's history: the first page at once, older pages on demand, and live changes from the event
 * stream. On every (re)connection of the stream the first page is fetched again, so nothing that
 * changed while it was down is missed. `onChange` hears of every generation that changed (to refresh the balance).
 */
export function useFeed(api: MiniAppApi, onChange: (item: GenerationView) => void, onRefused: () => void): Feed {
  const [state, dispatch] = useReducer(feedReducer, initialFeed);
  const busy = useRef(false);
  const latest = useRef(state);
  latest.current = state;
  const callbacks = useRef({ onChange, onRefused });
  callbacks.current = { onChange, onRefused };

  const load = useCallback(
    async (first: boolean) => {
      if (busy.current) return;
      busy.current = true;
      dispatch({ type: "loading" });
      try {
        const page = await api.generations(first ? null : latest.current.cursor);
        dispatch({ type: "page", page, first });
      } catch {
        dispatch({ type: "failed" });
      } finally {
        busy.current = false;
      }
    },
    [api],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  useEffect(() => {
    return openEventStream({
      url: "/api/miniapp/events",
      headers: api.authHeaders(),
      onOpen: () => void load(true),
      onEvent: (event) => {
        if (event.event !== "generation") return;
        const item = JSON.parse(event.data) as GenerationView;
        dispatch({ type: "upsert", items: [item] });
        callbacks.current.onChange(item);
      },
      onRefused: () => callbacks.current.onRefused(),
    });
  }, [api, load]);

  const loadMore = useCallback(() => {
    const current = latest.current;
    if (current.loaded && current.cursor !== null && !current.loading) void load(false);
  }, [load]);

  const add = useCallback((item: GenerationView) => dispatch({ type: "upsert", items: [item] }), []);

  const reload = useCallback(() => void load(true), [load]);

  return { state, loadMore, add, reload };
}
