#!/usr/bin/env bash
# The local stand-in for debian:bookworm-slim (no image registry here): mmdebstrap's minbase
# of Debian 12 imported as localhost/dazhou-base:bookworm. Skipped when the image exists.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/docker/check/podman-env.sh"
IMAGE=localhost/dazhou-base:bookworm
if podman image exists "$IMAGE"; then echo "base: $IMAGE exists"; exit 0; fi
tar="$CHECK_CACHE/base.tar"
mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$tar" http://deb.debian.org/debian
podman import --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' "$tar" "$IMAGE" >/dev/null
rm -f "$tar"
echo "base: $IMAGE built"
