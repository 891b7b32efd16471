"""DCAT feeds of the catalog: the public feed, the government sharing feed, the file export."""
