# syntax=docker/dockerfile:1
#
# talentd and talentctl in a minimal image: static binaries (pure Go, no cgo —
# SQLite is modernc.org/sqlite), distroless base with CA certificates and
# tzdata but no shell or package manager, running as a non-root user.
#
#   docker build -t talent .                      # from the repository root
#   docker run -p 8080:8080 -v talent-data:/data talent
#   docker run --rm --entrypoint /usr/local/bin/talentctl talent migrate status
#
# See deploy/README.md for the compose file with PostgreSQL and Meilisearch.

ARG GO_VERSION=1.26

# ---- build ------------------------------------------------------------------
# The builder runs on the build machine's own platform and cross-compiles
# (pure Go makes that free), so multi-arch builds need no emulation.
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
ARG TARGETOS
ARG TARGETARCH
WORKDIR /src
# Modules first: this layer is reused until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
# CGO_ENABLED=0: a static binary that runs on distroless/static (no libc).
# -trimpath: no build-machine paths in the binary; -s -w: no symbol table
# or DWARF (talentd 63 MB → 55 MB; panics still print file:line).
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags "-s -w" -o /out/ ./cmd/talentd ./cmd/talentctl
# The data directory must exist and belong to the runtime user before the
# volume is mounted: a new named volume copies the image's ownership, and
# distroless has no shell to mkdir/chown later.
RUN mkdir -p /out/data

# ---- runtime ----------------------------------------------------------------
# distroless/static: CA certificates (TLS to PostgreSQL/SMTP), tzdata,
# /etc/passwd with nonroot (65532); nothing else.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/talentd /out/talentctl /usr/local/bin/
COPY --from=build --chown=65532:65532 /out/data /data
# Production defaults; TALENT_DATABASE_URL and TALENT_MEILI_* come from the
# deployment (without them talentd uses SQLite and the embedded index
# under /data, which is fine for a single container trial).
ENV TALENT_ADDR=:8080 \
    TALENT_DATA_DIR=/data \
    TALENT_LOG_FORMAT=json
USER 65532:65532
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
# No HEALTHCHECK: distroless has no shell or curl to run one, and Docker's
# HEALTHCHECK only runs commands inside the container. Probe GET /healthz
# (alive) and GET /readyz (database and search reachable) from outside: the
# orchestrator, load balancer or Prometheus.
# talentd stops gracefully on SIGTERM (the default stop signal): it stops
# accepting connections, drains requests in flight, then stops its workers.
ENTRYPOINT ["/usr/local/bin/talentd"]
