"""The search app's models: the index rows and the stored facet counts (tables named archive_*
since they were made while search lived inside the archive app)."""

from search.counts import SearchFacetCell, SearchFacetCount, SearchValueCell
from search.entry import SearchEntry, SearchIndexState

__all__ = [
    "SearchEntry",
    "SearchFacetCell",
    "SearchFacetCount",
    "SearchIndexState",
    "SearchValueCell",
]
