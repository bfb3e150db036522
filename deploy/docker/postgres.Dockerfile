# syntax=docker/dockerfile:1
# The in-cluster PostgreSQL (dev; any deployment without RDS): PostgreSQL 15 with pgBackRest beside
# it, for archive_command (archive-push) and pgBackRest's TLS server, through which the backup
# CronJob reads the data directory (deploy/k8s/components/in-cluster-data). Build from the root:
#   docker build -f deploy/docker/postgres.Dockerfile -t pathavana/postgres:dev .
# pgBackRest must be the same version here and in the backend image (backend.Dockerfile's
# PGBACKREST_VERSION): a TLS client and server of different versions refuse each other.
# Both come from the PostgreSQL project's apt repository (apt.postgresql.org), which the
# postgres:15 Debian image already carries.

ARG POSTGRES_TAG=15.12-bookworm
FROM postgres:${POSTGRES_TAG}

ARG PGBACKREST_VERSION=2.54.2
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="pathavana-postgres" \
      org.opencontainers.image.description="PostgreSQL 15 with pgBackRest ${PGBACKREST_VERSION} (archive-push, TLS server) for Pathavana's in-cluster database" \
      org.opencontainers.image.source="https://github.com/pathavana/pathavana" \
      org.opencontainers.image.documentation="https://github.com/pathavana/pathavana/blob/main/docs/runbooks/backup.md" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="postgres:${POSTGRES_TAG}"

RUN apt-get update \
 && apt-get install -y --no-install-recommends "pgbackrest=${PGBACKREST_VERSION}-*" ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && pgbackrest version | grep -qx "pgBackRest ${PGBACKREST_VERSION}"

# The postgres user (UID 999 in the Debian image) runs both containers of the pod.
USER 999:999
