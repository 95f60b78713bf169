# syntax=docker/dockerfile:1
# One image for every role (docs/deploy.md). Dependencies and the build happen in throwaway stages; the
# runtime stage holds only production dependencies, the compiled server, the built web pages and the
# files read at run time (migrations, locales, fonts), and runs as the unprivileged "node" user.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# Server (tsc) and web pages (vite), then drop the dev dependencies the build needed.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/drizzle ./drizzle
COPY --from=build --chown=node:node /app/locales ./locales
COPY --from=build --chown=node:node /app/assets ./assets
# Only the embedded (PGlite) mode writes here; with DATABASE_URL it stays empty.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
# Liveness of processes with the http role; compose overrides it for the one-off migrate step.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# main.ts stops gracefully on SIGTERM within 10 s (compose gives it 15 s).
STOPSIGNAL SIGTERM
# A larger young generation: the bot's per-update objects die young, and with V8's default 16 MB
# semi-spaces scavenges took about 8 % of its CPU under load (docs/performance.md). The space grows
# only when used, so an idle process stays as small. bench/ runs the app with these same options.
ENV NODE_OPTIONS="--max-semi-space-size=32"
# All three roles by default; a deployment picks roles per service, e.g. `--roles worker,http`.
CMD ["node", "dist/main.js"]
