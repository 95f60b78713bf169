import type { FastifyInstance } from "fastify";

/** A route as registered: its method and URL pattern. */
export interface RouteEntry {
  method: string;
  url: string;
}

/**
 * Records every route registered on the server from now on, in every plugin. Install it right after
 * the server is created: the authorization test walks this list, so a route nobody thought of is
 * still checked, and the start log reports how many routes the process serves.
 */
export function recordRoutes(http: FastifyInstance): RouteEntry[] {
  const entries: RouteEntry[] = [];
  http.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) entries.push({ method, url: route.url });
  });
  return entries;
}
