# Multi-stage build: the web app, then the server, then a small runtime image.
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY openapi.yaml ./
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend frontend
RUN cd frontend && npm run build

FROM rust:1-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY api api
COPY entity entity
COPY migration migration
COPY src src
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /app spoluplan
WORKDIR /app
COPY --from=server /src/target/release/spoluplan /usr/local/bin/spoluplan
COPY --from=web /src/frontend/dist /app/web
ENV SPOLUPLAN_BIND=0.0.0.0:8080 \
    SPOLUPLAN_STATIC_DIR=/app/web \
    SPOLUPLAN_DATA_DIR=/app/data \
    SPOLUPLAN_LOG_FORMAT=json
RUN mkdir -p /app/data && chown spoluplan /app/data
USER spoluplan
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD curl -fsS http://127.0.0.1:8080/api/v1/health/ready || exit 1
ENTRYPOINT ["spoluplan"]
# `serve` never creates a SQLite database by itself: start a new installation once with
# `serve --init` (or `migrate`), so that a lost volume is reported rather than replaced.
CMD ["serve"]
