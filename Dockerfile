# syntax=docker/dockerfile:1
#
# Latchkey's images, one Dockerfile with two targets (see "Deploying with containers" in the
# README; compose.yaml runs both beside PostgreSQL):
#
#   docker build --target app    -t latchkey-app .     # the web server (standalone Next build)
#   docker build --target worker -t latchkey-worker .  # npm run worker: outbox and reconciliation
#
# tests/e2e/standalone.spec.ts runs the CMD lines below (read from this file) against a real
# PostgreSQL server: no container engine runs where Latchkey is developed.

ARG NODE_IMAGE=node:20-bookworm-slim

# ── Dependencies: exactly package-lock.json ─────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ── Build: next build + the standalone folder completed (scripts/build-standalone.mjs) ──────────
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build:standalone

# ── Production dependencies only, for the worker ───────────────────────────────────────────────
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ── The web server ──────────────────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS app
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The standalone folder holds the server, the node_modules it traced, static assets, public/ and
# the migrations (applied at start under an advisory lock). Embedded PGlite data (no
# DATABASE_URL) would live in /app/data: mount a volume there.
COPY --from=build --chown=node:node /src/.next/standalone ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "serve.js"]

# ── The worker (also runs the CLIs: admin:create, db:migrate, keys:rotate) ──────────────────────
FROM ${NODE_IMAGE} AS worker
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps --chown=node:node /src/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node lib ./lib
USER node
CMD ["node_modules/.bin/tsx", "--require", "./lib/cli/allow-server-only.cjs", "lib/cli/worker.ts"]
