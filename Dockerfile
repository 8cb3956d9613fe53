# syntax=docker/dockerfile:1
# Multi-stage release build of õppepala. The image carries the binary, the
# embedded default data (data/) and the model files (models/), runs as a
# non-root user and serves on port 8080. The search index is built from
# data/ at first start into /srv/oppepala/index (mount a volume there, or
# `oppepala index import` a snapshot, to skip that).

# Base images are pinned by digest: a rebuild gets the same bytes whatever
# the tags point to later. Refresh them (security updates) with
# `scripts/pin-images.sh` where a registry is reachable; the test
# `every_base_image_is_pinned_by_digest` refuses an unpinned FROM.
FROM rust:1.95-bookworm@sha256:6258907abe69656e41cd992e0b705cdcfabcbbe3db374f92ed2d47121282d4a1 AS build
WORKDIR /src
# The whole workspace (root crate and crates/*) is copied and built in one
# step; BuildKit cache mounts keep the registry and the target folder
# between builds, so a code change recompiles only what changed, and no
# stub manifest can fall out of step with Cargo.toml (benches, crates).
COPY Cargo.toml Cargo.lock ./
COPY crates ./crates
COPY src ./src
COPY benches ./benches
COPY examples ./examples
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin oppepala \
    && cp target/release/oppepala /usr/local/bin/oppepala

FROM debian:bookworm-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /srv/oppepala --create-home oppepala
WORKDIR /srv/oppepala
COPY --from=build /usr/local/bin/oppepala /usr/local/bin/oppepala
COPY --chown=oppepala:oppepala data ./data
COPY --chown=oppepala:oppepala models ./models
RUN mkdir -p index && chown oppepala:oppepala index
USER oppepala
ENV OPPEPALA_LISTEN=0.0.0.0:8080 \
    OPPEPALA_DATA_DIR=/srv/oppepala/data \
    OPPEPALA_INDEX_DIR=/srv/oppepala/index \
    OPPEPALA_MODELS_DIR=/srv/oppepala/models
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD ["oppepala", "healthcheck", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["oppepala"]
CMD ["serve"]
