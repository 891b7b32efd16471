"""DCAT-AP 3 profile of the catalog (`dazhou_dcat_ap` in `ckan.rdf.profiles`)."""
from __future__ import annotations

from ckanext.dazhou.profiles import rdfxml
from ckanext.dazhou.profiles.profile import DazhouDCATAPProfile

rdfxml.install()  # before any .rdf is written (the profile is loaded first)

__all__ = ["DazhouDCATAPProfile"]
