#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine: Debian packages, then .venv.
# Each step is skipped when already done, so a second run takes seconds.
source "$(dirname "$0")/lib.sh"

# fonts-noto-cjk: without it Chromium draws every Chinese character of a screenshot as a box
DEBIAN_PACKAGES=(postgresql redis-server libpq-dev libmagic1 python3-dev gcc maven openjdk-17-jdk-headless chromium fonts-noto-cjk)

install_debian_packages() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand"
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOG_DIR/apt.log" 2>&1 \
    || die "apt-get install failed, see $LOG_DIR/apt.log"
}

install_python() {
  local stamp="$VENV/.dazhou-installed" want
  want=$(cat "$ROOT/requirements.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing Python packages into .venv"
  [ -x "$VENV/bin/python" ] || python3.11 -m venv "$VENV" 2>/dev/null || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip >"$LOG_DIR/pip.log" 2>&1 || true
  # ckanext-xloader 2.6.0 wants certifi>=2026.7.22, ckan[requirements] pins certifi==2026.6.17:
  # one resolve fails, so xloader goes second and lifts certifi (as docker/ckan/Containerfile)
  grep -v -E '^ckanext-xloader' "$ROOT/requirements.txt" >"$VENV/requirements-first.txt"
  "$VENV/bin/pip" install -q -r "$VENV/requirements-first.txt" -e "$ROOT" >>"$LOG_DIR/pip.log" 2>&1 \
    || die "pip install failed, see $LOG_DIR/pip.log"
  "$VENV/bin/pip" install -q $(grep -E '^ckanext-xloader' "$ROOT/requirements.txt" | cut -d' ' -f1) \
    >>"$LOG_DIR/pip.log" 2>&1 || die "pip install of ckanext-xloader failed, see $LOG_DIR/pip.log"
  echo "$want" >"$stamp"
}

install_debian_packages
install_python
"$ROOT/scripts/i18n.sh" compile >/dev/null  # .mo files are built, not committed
