# Production image of the API. better-sqlite3 compiles natively, so the build stage has a toolchain;
# the runtime stage carries only the built app and production dependencies.
# Node 22: the production line of package.json "engines" (README.md, "Requirements"). The node:22
# tag follows its latest release; the build stage's Nest CLI warns (EBADENGINE) below 22.22.3.
ARG NODE_VERSION=22
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness: a process that no longer answers is marked unhealthy (and restarted by an orchestrator); readiness
# (/api/health, 503 while the store is away) is for load balancers, not a reason to restart.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The command line runs in the same image, on the same DATA_DIR and environment, e.g.
#   docker compose exec api-a node dist/apps/api/src/cli.js projections:status --json
# (README.md, "Command line"); `--help` lists its commands.
CMD ["node", "dist/apps/api/src/main.js"]
