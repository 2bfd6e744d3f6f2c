# Netzwerkstatt: one image with the built client and the built relay; boards live in the /data volume.
# Build: docker build --build-arg SOURCE_URL=https://… --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) -t netzwerkstatt .
# Run: see compose.yaml.
#
# The same image as `npm run build && npm run image` (deploy/buildImage.ts, which CI builds and
# tests): the build stage runs that very code to write the root file system, the final stage is
# FROM scratch with that folder and the same run configuration (deploy/imageConfig.ts; the unit
# test test/unit/imageConfig.test.ts holds the two equal). So the image holds Debian's base-files, libc6,
# libgcc-s1, libstdc++6, gcc-12-base, ca-certificates and tzdata, Node in /usr/local/bin, and /app:
# no shell, no apt, no npm (run the admin tool as `node dist/server/admin.js …`). With the commit's
# SOURCE_DATE_EPOCH its files equal the OCI image's layer byte for byte; without it every time is
# 1970-01-01 (the image is still the same at each build of one checkout).
#
# Node 22 is an LTS line (maintained until April 2027); NODE_VERSION pins the full version the
# image ships and the build stage runs, so a rebuild does not silently change the runtime. Bump it
# with each Node security release. Not 24 yet: better-sqlite3 12 (the newest that still runs on the
# Node 20 of the test machines) aborts the process on Node 24 when the garbage collector frees a
# statement ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook; seen in
# test/integration/imageNode.test.ts). Move to 24 together with better-sqlite3 13.
ARG NODE_VERSION=22.23.3

# --- build: client and server bundles, then the image's root file system in /rootfs ---
FROM node:${NODE_VERSION}-bookworm-slim AS build
# Reproducible times in the root file system (the commit's time, see above).
ARG SOURCE_DATE_EPOCH=0
WORKDIR /app
# better-sqlite3 compiles its binding when no prebuilt one matches; mmdebstrap unpacks the Debian
# packages of the image (as root, no chroot: the extract variant runs no maintainer scripts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ mmdebstrap \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json vite.config.ts Dockerfile ./
COPY client ./client
COPY shared ./shared
COPY server ./server
COPY deploy ./deploy
RUN npm run build && npm run image -- --rootfs-out /rootfs

# --- run: only the root file system npm run image writes; plain node on built JavaScript, not root ---
FROM scratch
COPY --from=build /rootfs /
ARG NODE_VERSION
ARG SOURCE_URL=""
LABEL org.opencontainers.image.title="Netzwerkstatt" \
      org.opencontainers.image.description="Self-hosted collaborative whiteboard for workshops" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.licenses="EUPL-1.2" \
      org.opencontainers.image.source="${SOURCE_URL}"
# Writable at run time: only DATA_DIR and TMPDIR. The root file system may be read-only
# (readOnlyRootFilesystem); /tmp can then be an emptyDir or tmpfs.
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_VERSION=${NODE_VERSION} \
    NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATA_DIR=/data \
    TMPDIR=/tmp \
    NPM_CONFIG_CACHE=/tmp/npm-cache \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# /app belongs to root, so the app's user cannot change the app; only /data is its own (uid 1000).
USER node
VOLUME ["/data"]
EXPOSE 8787
# No curl in the image: Node asks /healthz itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself as PID 1's child-free process: SIGTERM reaches the relay, which closes cleanly.
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
