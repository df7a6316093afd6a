"""Featured searches ready to show: on the home page with their live counts, and in exhibit
blocks with their first results.

Counts and results come from the search engine (search.engine), so they are the search page's
own: public records only, counted exactly. Each page reads the index's generation and the cache
once for all its featured searches; the home page's counts not cached are taken in one statement.
A featured search whose saved query the search form rejects (written by some road other than the
admin) is left out, never an error; so is a cover photograph the public may not see.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.template.defaultfilters import pluralize
from django.utils.safestring import SafeString, mark_safe

from archive import visibility
from archive.models import Photograph
from exhibits import sanitize, saved_queries
from exhibits.models import FeaturedSearch
from search import engine
from search.presentation import hits_with_pictures
from search.query import SearchQuery

HOME_PAGE_LIMIT = 6  # featured searches on the home page
BLOCK_RESULTS = 6  # results an exhibit block shows


@dataclass
class Featured:
    """A featured search as a page shows it."""

    search: FeaturedSearch
    query: SearchQuery
    url: str  # the search page with the saved query ("" on a site without a search page)
    html: SafeString  # the text, sanitised again at render
    cover: Photograph | None = None  # only a public photograph with a thumbnail
    total: int = 0
    results: list[dict] = field(default_factory=list)  # search.presentation.hit_data, pictures

    @property
    def title(self) -> str:
        return self.search.title

    @property
    def total_text(self) -> str:
        return f"{self.total:,}"

    @property
    def records_text(self) -> str:
        return f"{self.total:,} record{pluralize(self.total)}"


def _prepared(searches: Iterable[FeaturedSearch], *, covers: bool) -> list[Featured]:
    """The searches whose saved query can be read; with their covers if `covers` (joined by the
    caller's query)."""
    ready = []
    for search in searches:
        try:
            query = saved_queries.parse(search.query)
        except ValidationError:
            continue  # stored past the admin's checks: left out
        cover = search.cover if covers and search.cover_id else None
        if cover is not None and not (visibility.is_public(cover) and cover.thumbnail):
            cover = None
        ready.append(
            Featured(
                search=search,
                query=query,
                url=saved_queries.search_url(query),
                # Sanitised on save already; again here, where it becomes HTML.
                html=mark_safe(sanitize.clean_html(search.text)),  # noqa: S308
                cover=cover,
            )
        )
    return ready


def for_home_page(limit: int = HOME_PAGE_LIMIT) -> list[Featured]:
    """The public featured searches chosen for the home page, in their order, with their live
    counts: one query for the searches, one cache read, one statement for the counts not cached."""
    searches = visibility.public(
        FeaturedSearch.objects.filter(home_page=True).select_related("cover")
    ).order_by("position", "title", "pk")[:limit]
    featured = _prepared(searches, covers=True)
    for item, total in zip(featured, engine.totals([f.query for f in featured]), strict=True):
        item.total = total
    return featured


def with_results(
    searches: Iterable[FeaturedSearch], per_search: int = BLOCK_RESULTS
) -> dict[int, Featured]:
    """Featured searches by id, each with its total and first results: one search each (the
    cache read once for all of them) and one query for all their pictures."""
    featured = _prepared(searches, covers=False)  # a block shows no cover
    queries = [replace(item.query, page=1, per_page=per_search) for item in featured]
    answers = engine.search_many(queries)
    pictured = iter(hits_with_pictures([hit for answer in answers for hit in answer.hits]))
    for item, answer in zip(featured, answers, strict=True):
        item.total = answer.total
        item.results = [next(pictured) for _ in answer.hits]
    return {item.search.pk: item for item in featured}
