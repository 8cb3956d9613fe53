#!/usr/bin/env bash
# Dependency audit with cargo-deny (deny.toml).
#
#   scripts/audit.sh                      # licences, bans, sources (offline),
#                                         # advisories from a local copy of the
#                                         # RustSec database if there is one
#   AUDIT_ADVISORIES=1 scripts/audit.sh   # also fetch the RustSec database
#                                         # (a git clone from GitHub: network)
#
# Installs cargo-deny with `cargo install --locked cargo-deny` when missing
# (crates.io only; about 3.5 CPU-minutes of compiling, once per machine).
# licenses, bans and sources read Cargo.lock and the crates' manifests in
# ~/.cargo/registry and run with --offline. advisories needs the database
# in ~/.cargo/advisory-dbs/: without a copy and without access to GitHub it
# cannot run, and this script says so instead of failing. Exit status:
# cargo-deny's (non-zero on a rejected licence, a banned or wildcard crate,
# an unknown source, or an advisory when advisories run).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-deny >/dev/null; then
  echo "installing cargo-deny (once)" >&2
  cargo install --locked cargo-deny
fi
cargo deny --version
# cargo-deny reads the whole locked tree, other platforms' crates included
# (wasm-bindgen, android_system_properties...), which `cargo build` on Linux
# never downloads: fetch them from crates.io first so --offline finds them.
cargo fetch --locked --quiet
cargo deny --offline check --hide-inclusion-graph licenses bans sources
if [ "${AUDIT_ADVISORIES:-0}" = 1 ]; then
  cargo deny check advisories
elif compgen -G "$HOME/.cargo/advisory-dbs/advisory-db-*/crates" >/dev/null; then
  echo "advisories: against the local copy of the RustSec database (not fetched)"
  cargo deny --offline check advisories
else
  echo "advisories: not checked (no local RustSec database; AUDIT_ADVISORIES=1 fetches it from GitHub)"
fi
