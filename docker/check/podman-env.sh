# Source it: podman and buildah of make deploy-check use their own settings and storage
# (under the cache folder, reused by the next run), never the machine's. Overlay by default
# (a container starts in about a second here); DAZHOU_PODMAN_DRIVER=vfs where the kernel
# refuses overlay (vfs copies the whole image per container and per build step: minutes each).
CHECK_CACHE="${DAZHOU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dazhou}/deploy-check"
PODMAN_DRIVER="${DAZHOU_PODMAN_DRIVER:-overlay}"
mkdir -p "$CHECK_CACHE/storage-$PODMAN_DRIVER" "$CHECK_CACHE/run-$PODMAN_DRIVER"
export CONTAINERS_CONF="$ROOT/docker/check/containers.conf"
export CONTAINERS_STORAGE_CONF="$CHECK_CACHE/storage-$PODMAN_DRIVER.conf"
cat >"$CONTAINERS_STORAGE_CONF" <<CONF
[storage]
driver = "$PODMAN_DRIVER"
graphroot = "$CHECK_CACHE/storage-$PODMAN_DRIVER"
runroot = "$CHECK_CACHE/run-$PODMAN_DRIVER"
CONF
