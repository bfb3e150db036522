# syntax=docker/dockerfile:1
# Pathavana web app: the React build served by an unprivileged nginx on 8080.
# Build from the repository root:
#   docker build -f deploy/docker/web.Dockerfile -t pathavana/web:dev .
# Runs as UID 101 with a read-only root filesystem; nginx writes only to /tmp (a volume).

ARG NODE_TAG=22.14.0-alpine3.21
ARG NGINX_TAG=1.27.4-alpine

# ---- build ----------------------------------------------------------------------------------
FROM node:${NODE_TAG} AS build
WORKDIR /web
ENV CI=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
COPY web/package.json web/package-lock.json ./
RUN npm ci
COPY web/ ./
RUN npm run build

# ---- runtime --------------------------------------------------------------------------------
FROM nginxinc/nginx-unprivileged:${NGINX_TAG} AS runtime

ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="pathavana-web" \
      org.opencontainers.image.description="Pathavana travel planner: the React web app behind nginx" \
      org.opencontainers.image.source="https://github.com/pathavana/pathavana" \
      org.opencontainers.image.url="https://github.com/pathavana/pathavana" \
      org.opencontainers.image.documentation="https://github.com/pathavana/pathavana/blob/main/docs/deploy.md" \
      org.opencontainers.image.vendor="Pathavana" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="docker.io/nginxinc/nginx-unprivileged"

COPY deploy/docker/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /web/dist /usr/share/nginx/html
USER 101:101
VOLUME ["/tmp"]
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
