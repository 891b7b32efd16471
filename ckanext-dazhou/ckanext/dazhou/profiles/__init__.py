"""DCAT-AP 3 profile of the catalog (`dazhou_dcat_ap` in `ckan.rdf.profiles`)."""
from __future__ import annotations

from ckanext.dazhou.profiles.profile import DazhouDCATAPProfile

__all__ = ["DazhouDCATAPProfile"]
