import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { parseAdminInput } from "./admin-error.js";
import { requestAdmin, type AdminIdentity } from "./admin-auth.js";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler gets: the parsed inputs and the signed-in admin. */
export interface RouteInput<P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  admin: AdminIdentity;
  request: FastifyRequest;
  reply: FastifyReply;
}

interface RouteDoc {
  method: HttpMethod;
  url: string;
  summary: string;
  tag: string;
  params?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  body?: z.ZodType | undefined;
  /** Reachable without a session (the login); everything else needs a signed-in admin. */
  public?: boolean | undefined;
  bodyLimit?: number | undefined;
}

/** A JSON route: its response is parsed by `response` on the way out, so only declared fields leave. */
type Schema = z.ZodType | undefined;

export interface JsonRouteSpec<P extends Schema, Q extends Schema, B extends Schema, R extends z.ZodType> extends RouteDoc {
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  handler(input: RouteInput<P, Q, B>): Promise<z.input<R>>;
}

/** A route reachable without a session: the login. Its handler has no admin to act as. */
export interface PublicRouteSpec<B extends Schema, R extends z.ZodType> extends Omit<RouteDoc, "public" | "params" | "query"> {
  body?: B;
  response: R;
  handler(input: Omit<RouteInput<undefined, undefined, B>, "admin">): Promise<z.input<R>>;
}

/** A route that answers bytes itself (the file proxy). */
export interface RawRouteSpec<P extends Schema, Q extends Schema> extends RouteDoc {
  params?: P;
  query?: Q;
  /** The content types it answers with, for the API description. */
  produces: string[];
  handler(input: RouteInput<P, Q, undefined>): Promise<FastifyReply>;
}

/** A route as the API description and the auth hook see it. */
export interface RegisteredRoute extends RouteDoc {
  status: number;
  response?: z.ZodType | undefined;
  produces?: string[] | undefined;
}

/**
 * The admin API's routes: each is registered on Fastify and recorded here, so the OpenAPI document is
 * written from the same schemas that parse the requests, and the auth hook knows the few public ones.
 */
export class AdminRoutes {
  readonly routes: RegisteredRoute[] = [];

  isPublic(method: string, url: string | undefined): boolean {
    return this.routes.some((r) => r.public === true && r.method === method && r.url === url);
  }

  json<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, R extends z.ZodType = z.ZodType>(
    scope: FastifyInstance,
    spec: JsonRouteSpec<P, Q, B, R>,
  ): void {
    this.routes.push({ ...spec, public: false, status: spec.status ?? 200 });
    scope.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit !== undefined ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (request, reply) => {
        const result = await spec.handler({ ...parse<P, Q, B>(spec, request, reply), admin: requestAdmin(request) });
        return reply.code(spec.status ?? 200).send(spec.response.parse(result));
      },
    });
  }

  publicJson<B extends Schema = undefined, R extends z.ZodType = z.ZodType>(scope: FastifyInstance, spec: PublicRouteSpec<B, R>): void {
    this.routes.push({ ...spec, public: true, status: 200 });
    scope.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        const result = await spec.handler(parse<undefined, undefined, B>(spec, request, reply));
        return reply.send(spec.response.parse(result));
      },
    });
  }

  raw<P extends Schema = undefined, Q extends Schema = undefined>(scope: FastifyInstance, spec: RawRouteSpec<P, Q>): void {
    this.routes.push({ ...spec, public: false, status: 200 });
    scope.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => spec.handler({ ...parse<P, Q, undefined>(spec, request, reply), admin: requestAdmin(request) }),
    });
  }
}

function parse<P, Q, B>(spec: RouteDoc, request: FastifyRequest, reply: FastifyReply): Omit<RouteInput<P, Q, B>, "admin"> {
  const read = (schema: z.ZodType | undefined, value: unknown) => (schema ? parseAdminInput(schema, value) : undefined);
  return {
    params: read(spec.params, request.params) as Out<P>,
    query: read(spec.query, request.query) as Out<Q>,
    body: read(spec.body, request.body) as Out<B>,
    request,
    reply,
  };
}
