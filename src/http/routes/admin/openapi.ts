import { z } from "zod";
import { COOKIE_PATH, CSRF_HEADER, SESSION_COOKIE } from "./admin-auth.js";
import type { RegisteredRoute } from "./admin-route.js";
import { apiErrorSchema } from "./admin-error.js";

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "openapi-3.0", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

/** The fields of an object schema as OpenAPI parameters. */
function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const ERRORS = {
  "400": "Invalid input, or refused by a business rule (see `error.code`)",
  "401": "No valid session: sign in",
  "403": "Not an admin, or the CSRF token is missing or wrong",
  "404": "No such thing",
  "409": "Not possible in the current state",
  "429": "Too many requests from this address",
};

/**
 * The admin API as OpenAPI 3.0, written from the same zod schemas that parse its requests and shape
 * its responses, so it cannot drift from the code. Served to signed-in admins only.
 */
export function openApiDocument(routes: readonly RegisteredRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const content = route.response
      ? { "application/json": { schema: jsonSchema(route.response, "output") } }
      : Object.fromEntries((route.produces ?? []).map((type) => [type, { schema: { type: "string", format: "binary" } }]));
    const operation: JsonSchema = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: route.summary,
      tags: [route.tag],
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      responses: {
        [String(route.status)]: { description: "OK", content },
        ...Object.fromEntries(
          Object.entries(ERRORS)
            .filter(([code]) => !(route.public && (code === "401" || code === "403" || code === "404")))
            .map(([code, description]) => [code, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } }]),
        ),
      },
      security: route.public ? [] : route.method === "GET" ? [{ session: [] }] : [{ session: [], csrf: [] }],
    };
    if (route.body) operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "Bananapics admin API",
      version: "1",
      description:
        "The API of the web admin panel. Sign in with the Telegram Login Widget (POST /api/admin/auth/login); " +
        `the session is the httpOnly cookie \`${SESSION_COOKIE}\`, and every request that changes something must carry ` +
        `the session's CSRF token in \`${CSRF_HEADER}\`.`,
    },
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: `Set by the login, path ${COOKIE_PATH}` },
        csrf: { type: "apiKey", in: "header", name: CSRF_HEADER, description: "csrfToken from the login or GET /api/admin/auth/me" },
      },
      schemas: { ApiError: jsonSchema(apiErrorSchema, "output") },
    },
  };
}
