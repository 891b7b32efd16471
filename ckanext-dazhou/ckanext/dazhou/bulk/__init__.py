"""Bulk creation of datasets through package_create (issue 17)."""
