"""A search-index commit that returns once the new documents can be found.

CKAN's `search.commit()` asks Solr not to wait for the new searcher (waitSearcher=false), so a
search made right after it - the report of an import saying "stored", a test comparing the
index - can still see the old index for a moment. Bulk writes that end in a report use this.
"""
from __future__ import annotations

from ckan.lib.search import SearchIndexError
from ckan.lib.search.common import make_connection


def commit_and_wait() -> None:
    try:
        make_connection().commit(waitSearcher=True)
    except Exception as error:  # pysolr raises its own and socket errors alike
        raise SearchIndexError(error) from error
