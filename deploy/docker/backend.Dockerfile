# syntax=docker/dockerfile:1
# Pathavana backend: the one executable (serve, migrate, backup, restore-drill, ...).
# Build from the repository root:
#   docker build -f deploy/docker/backend.Dockerfile -t pathavana/backend:dev .
# Runs as a non-root user with a read-only root filesystem; the only writable places are the
# /data and /tmp volumes (Kubernetes: emptyDir volumes; compose: a named volume and a tmpfs).

ARG DOTNET_SDK_TAG=10.0
ARG DOTNET_RUNTIME_TAG=10.0

# ---- build ----------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_SDK_TAG} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
# Restore first, from the project and build files only, so the layer survives code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Pathavana/Pathavana.csproj src/Pathavana/
# ReadyToRun: the assemblies are compiled ahead of time for the image's architecture, so a pod
# starts without JIT-compiling its start-up path (bench/startup/run.sh measures the difference).
# buildx sets TARGETARCH (amd64 or arm64); the runtime identifier follows it.
ARG TARGETARCH=amd64
RUN RID=linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64) \
 && dotnet restore src/Pathavana/Pathavana.csproj --runtime "$RID" -p:PublishReadyToRun=true
COPY src/Pathavana/ src/Pathavana/
ARG VERSION=0.0.0-dev
RUN RID=linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64) \
 && dotnet publish src/Pathavana/Pathavana.csproj \
      --configuration Release --no-restore --output /app \
      --runtime "$RID" --self-contained false -p:PublishReadyToRun=true \
      -p:UseAppHost=false -p:Version=${VERSION} -p:TreatWarningsAsErrors=true \
 && mkdir -p /rootfs/data /rootfs/tmp

# ---- runtime --------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_RUNTIME_TAG} AS runtime

ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="pathavana-backend" \
      org.opencontainers.image.description="Pathavana travel planner: the ASP.NET Core backend (serve, migrate)" \
      org.opencontainers.image.source="https://github.com/pathavana/pathavana" \
      org.opencontainers.image.url="https://github.com/pathavana/pathavana" \
      org.opencontainers.image.documentation="https://github.com/pathavana/pathavana/blob/main/docs/deploy.md" \
      org.opencontainers.image.vendor="Pathavana" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet"

ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    TMPDIR=/tmp

# The backup service's tools (docs/runbooks/backup.md): pgBackRest for `pathavana backup` on
# self-managed PostgreSQL (the same version as deploy/docker/postgres.Dockerfile's: its TLS server
# refuses another), and PostgreSQL 15's server binaries, with which `pathavana restore-drill` starts
# the restored copy. Both from the PostgreSQL project's apt repository for the image's release.
ARG PGBACKREST_VERSION=2.54.2
ARG POSTGRES_MAJOR=15
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl gnupg \
 && . /etc/os-release \
 && curl -fsSL https://www.postgresql.org/media/keys/ACCC4CF8.asc | gpg --dearmor -o /usr/share/keyrings/pgdg.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/pgdg.gpg] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && mkdir -p /etc/postgresql-common/createcluster.d \
 && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/no-main-cluster.conf \
 && apt-get install -y --no-install-recommends "pgbackrest=${PGBACKREST_VERSION}-*" "postgresql-${POSTGRES_MAJOR}" \
 && apt-get purge -y curl gnupg && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/* \
 && pgbackrest version | grep -qx "pgBackRest ${PGBACKREST_VERSION}"
ENV Backup__PostgresBinDirectory=/usr/lib/postgresql/${POSTGRES_MAJOR}/bin

WORKDIR /app
COPY --from=build --chown=root:root /app ./
# The non-root 'app' user (UID 1654) the .NET images ship with owns only the writable volumes.
COPY --from=build --chown=1654:1654 /rootfs/data /data
COPY --from=build --chown=1654:1654 /rootfs/tmp /tmp
USER 1654:1654
VOLUME ["/data", "/tmp"]

# 8080: the HTTP API and /health/*; 9464: /metrics when Metrics__Port=9464 (never publish it).
EXPOSE 8080 9464

ENTRYPOINT ["dotnet", "pathavana.dll"]
CMD ["serve"]
