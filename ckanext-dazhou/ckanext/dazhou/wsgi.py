"""WSGI entry point: CKAN with the config file named by CKAN_INI.

uWSGI loads it (`module = ckanext.dazhou.wsgi:application`) in `make dev` and in the
production image alike, so development serves what is deployed. CKAN's loader also reads the
file's logging sections and the CKAN_* environment variables (database, Solr, Redis URLs).
"""
from __future__ import annotations

from ckan.cli import load_config
from ckan.config.middleware import make_app

application = make_app(load_config())
