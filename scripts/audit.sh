#!/usr/bin/env bash
# Dependency audit with cargo-deny (deny.toml).
#
#   scripts/audit.sh            # licences, bans, sources: offline
#   AUDIT_ADVISORIES=1 scripts/audit.sh   # also RustSec advisories (fetches
#                                         # the advisory database: network)
#
# Installs cargo-deny with `cargo install --locked cargo-deny` when missing
# (a few minutes of compiling, once per machine). Exit status is cargo-deny's.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-deny >/dev/null; then
  echo "installing cargo-deny (once)" >&2
  cargo install --locked cargo-deny
fi
checks=(licenses bans sources)
if [ "${AUDIT_ADVISORIES:-0}" = 1 ]; then
  checks+=(advisories)
fi
cargo deny check "${checks[@]}"
