"""Write the CKAN config of this container from the image's template and the environment.

Usage: python envconfig.py TEMPLATE PRODUCTION_OPTIONS OUT

CKAN___<NAME> sets option NAME with `__` read as a dot, lower-cased when it names a dotted
option (CKAN___SMTP__MAIL_FROM → smtp.mail_from) and kept as written otherwise (Flask's
CKAN___SECRET_KEY → SECRET_KEY). Secrets therefore live only in the environment and in the
written file (mode 0600, inside the container), never in the image or the repository.
"""
from __future__ import annotations

import configparser
import os
import sys

PREFIX = "CKAN___"
# CKAN reads these itself (CONFIG_FROM_ENV_VARS); without them nothing works
REQUIRED = ("CKAN_SQLALCHEMY_URL", "CKAN_SOLR_URL", "CKAN_REDIS_URL", "CKAN_SITE_URL", "CKAN___SECRET_KEY")


def option_name(variable: str) -> str:
    name = variable[len(PREFIX):].replace("__", ".")
    return name.lower() if "." in name else name


def _parser() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # CKAN's keys are case-sensitive (SECRET_KEY, ckan.*)
    return parser


def build(template: str, production: str, environ: dict[str, str]) -> configparser.ConfigParser:
    config = _parser()
    config.read(template, encoding="utf-8")
    options = _parser()
    options.read(production, encoding="utf-8")
    for key, value in options.items("app:main"):
        config.set("app:main", key, value)
    for variable, value in sorted(environ.items()):
        if variable.startswith(PREFIX) and len(variable) > len(PREFIX):
            # CKAN interpolates %(...)s: a literal % in a password must stay literal
            config.set("app:main", option_name(variable), value.replace("%", "%%"))
    return config


def main(argv: list[str]) -> int:
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        print(f"envconfig: missing environment variables: {' '.join(missing)}", file=sys.stderr)
        return 2
    template, production, out = argv
    config = build(template, production, dict(os.environ))
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        config.write(handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
