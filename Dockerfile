# Netzwerkstatt: one image with the built client and the built relay; boards live in the /data volume.
# Build: docker build --build-arg SOURCE_URL=https://… -t netzwerkstatt .   Run: see compose.yaml.
#
# Node 22 is an LTS line (maintained until April 2027); both stages use the same full version, so a
# rebuild does not silently change the runtime. Bump it with each Node security release. Not 24
# yet: better-sqlite3 12 (the newest that still runs on the Node 20 of the test machines) aborts
# the process on Node 24 when the garbage collector frees a statement ("Assertion failed: (env) !=
# nullptr" in RemoveEnvironmentCleanupHook; seen in test/integration/imageNode.test.ts). Move to 24
# together with better-sqlite3 13. To pin exactly what was tested, add the digest as well:
#   FROM node:22.23.3-bookworm-slim@sha256:<digest from `docker buildx imagetools inspect`>

# --- build: native SQLite binding, client bundle, server bundle, then only the production dependencies ---
FROM node:22.23.3-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its binding when no prebuilt one matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json vite.config.ts ./
COPY client ./client
COPY shared ./shared
COPY server ./server
COPY deploy/buildServer.ts deploy/precompress.ts deploy/fontSubsets.ts deploy/bundleReport.ts ./deploy/
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- run: plain node on built JavaScript; no compiler, no sources, no dev dependencies, not root ---
FROM node:22.23.3-bookworm-slim
ARG SOURCE_URL=""
LABEL org.opencontainers.image.title="Netzwerkstatt" \
      org.opencontainers.image.description="Self-hosted collaborative whiteboard for workshops" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.licenses="EUPL-1.2" \
      org.opencontainers.image.source="${SOURCE_URL}"
# Writable at run time: only DATA_DIR and TMPDIR. The root file system may be read-only
# (readOnlyRootFilesystem); /tmp can then be an emptyDir or tmpfs. npm (for `npm run admin`)
# keeps its cache and logs in /tmp too.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATA_DIR=/data \
    TMPDIR=/tmp \
    NPM_CONFIG_CACHE=/tmp/npm-cache \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Owned by root, so the app's user cannot change the app; only /data is its own.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
# No curl in the slim image: Node asks /healthz itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself as PID 1's child-free process: SIGTERM reaches the relay, which closes cleanly.
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
