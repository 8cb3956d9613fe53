#!/usr/bin/env bash
# Pins every base image of the Dockerfile to the digest its tag points to
# now (the multi-platform index digest), for security updates:
#
#   scripts/pin-images.sh            # rewrite the FROM lines
#   scripts/pin-images.sh --check    # only say which digests are out of date
#
# Needs a registry and `docker buildx` (or `crane`). The tag stays in the
# line for people; the digest is what is pulled. Commit the change and let
# CI build the image.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOCKERFILE="$ROOT/Dockerfile"
CHECK=${1:-}

digest_of() { # image:tag -> sha256:...
  if command -v crane >/dev/null; then
    crane digest "$1"
  elif docker buildx version >/dev/null 2>&1; then
    docker buildx imagetools inspect "$1" --format '{{json .Manifest}}' |
      python3 -c 'import json, sys; print(json.load(sys.stdin)["digest"])'
  else
    echo "needs crane or docker buildx" >&2
    exit 2
  fi
}

stale=0
while read -r reference; do
  tag=${reference%@*}
  pinned=${reference#*@}
  [ "$tag" = "$reference" ] && pinned=""
  now=$(digest_of "$tag")
  case "$now" in sha256:[0-9a-f]*) ;; *) echo "$tag: no digest ($now)" >&2; exit 1 ;; esac
  if [ "$now" = "$pinned" ]; then
    echo "$tag: up to date ($now)"
    continue
  fi
  stale=1
  echo "$tag: ${pinned:-unpinned} -> $now"
  if [ "$CHECK" != "--check" ]; then
    python3 - "$DOCKERFILE" "$reference" "$tag@$now" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace(f"FROM {old}", f"FROM {new}"))
PY
  fi
done < <(awk '/^FROM / { print $2 }' "$DOCKERFILE")
[ "$CHECK" = "--check" ] && exit "$stale"
exit 0
