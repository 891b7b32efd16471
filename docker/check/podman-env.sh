# Source it: podman and buildah of make deploy-check use their own settings and storage
# (vfs under the cache folder, reused by the next run), never the machine's.
CHECK_CACHE="${DAZHOU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dazhou}/deploy-check"
mkdir -p "$CHECK_CACHE/storage" "$CHECK_CACHE/run"
export CONTAINERS_CONF="$ROOT/docker/check/containers.conf"
export CONTAINERS_STORAGE_CONF="$CHECK_CACHE/storage.conf"
cat >"$CONTAINERS_STORAGE_CONF" <<CONF
[storage]
driver = "vfs"
graphroot = "$CHECK_CACHE/storage"
runroot = "$CHECK_CACHE/run"
CONF
