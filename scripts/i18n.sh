#!/usr/bin/env bash
# extract|compile the translations of ckanext-dazhou (domain ckanext-dazhou, locale zh_Hans_CN).
#   extract: update i18n/ckanext-dazhou.pot and merge it into the zh_Hans_CN .po (then translate)
#   compile: build the .mo files CKAN loads (run by install.sh; .mo files are not committed)
source "$(dirname "$0")/lib.sh"
I18N="$ROOT/ckanext-dazhou/ckanext/dazhou/i18n"
POT="$I18N/ckanext-dazhou.pot"
PYBABEL="$VENV/bin/pybabel"

case "${1:-}" in
  extract)
    (cd "$ROOT" && "$PYBABEL" extract -F babel.cfg --no-wrap --omit-header -o "$POT" .)
    "$PYBABEL" update --no-wrap -D ckanext-dazhou -i "$POT" -d "$I18N" -l zh_Hans_CN
    grep -c '^msgstr ""$' "$I18N/zh_Hans_CN/LC_MESSAGES/ckanext-dazhou.po" | sed 's/^/untranslated or multi-line entries: /'
    ;;
  compile)
    "$PYBABEL" compile -D ckanext-dazhou -d "$I18N" --statistics 2>&1 | grep -v '^$' || true
    ;;
  *) die "usage: $0 extract|compile" ;;
esac
