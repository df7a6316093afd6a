"""How the search page and the JSON show a search: URL parameters, links, hits, facet panels,
the active filters' chips, the page links and the JSON answer.

Every link is a GET URL built from the parsed SearchQuery, so each state is a permalink and junk
in the address is not carried along. Nothing here searches: the views (search.views) and the API
pass in a SearchResults.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import escape

from archive.kinds import BY_NAME
from archive.models import Photograph
from archive.models.vocab import LANGUAGE_NAMES
from archive.pictures import derivative_sources
from search.facets import FACET_LABELS, KIND_LABELS
from search.forms import PARAMETERS
from search.query import (
    FACETS,
    MAX_PAGE,
    BestMatch,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
)
from search.rows import CYRILLIC_INITIALS, LATIN_INITIALS, OTHER_INITIAL

PAGE_WINDOW = 2  # page links shown either side of the current page
DEFAULTS = SearchQuery()
# SearchQuery attribute -> URL parameter name (PARAMETERS, the other way round).
ATTRIBUTES = {attribute: name for name, attribute in PARAMETERS.items()}


# The SearchQuery as URL parameters ----------------------------------------------------------------


def param_value(facet: str, value: object) -> str:
    """A facet value as the URL writes it (has_image is yes/no)."""
    if facet == "has_image":
        return "yes" if value else "no"
    return str(value)


def attribute_params(name: str, attribute: str, value: object) -> list[tuple[str, str]]:
    """The URL parameters for one SearchQuery attribute; none for its default."""
    if value is None or value == getattr(DEFAULTS, attribute):
        return []
    values = value if isinstance(value, tuple) else (value,)
    return [(name, param_value(name, v)) for v in values]


def query_params(query: SearchQuery, *, without: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The URL parameters that ask for this query; defaults are left out, and so are the
    parameters named in `without` (a browse page's kind is its address)."""
    return [
        param
        for name, attribute in PARAMETERS.items()
        if name not in without
        for param in attribute_params(name, attribute, getattr(query, attribute))
    ]


def query_json(query: SearchQuery) -> dict:
    """The parsed parameters, by URL name, for the JSON answer."""
    data = {}
    for name, attribute in PARAMETERS.items():
        value = getattr(query, attribute)
        if name == "has_image" and value is not None:
            value = param_value(name, value)
        data[name] = list(value) if isinstance(value, tuple) else value
    data["per_page"] = query.per_page
    return data


class Links:
    """URLs for the states next to the current one: a value toggled, a filter removed, a page.

    A page links to dozens of them, so each is made from the current query's parameters with only
    the changed attributes recomputed.
    """

    def __init__(self, path: str, query: SearchQuery, *, fixed: tuple[str, ...] = ()) -> None:
        """`fixed`: parameters the path itself stands for (a browse page's kind), never written
        into its URLs."""
        self.path, self.query, self.fixed = path, query, fixed
        self.params = {
            attribute: []
            if name in fixed
            else attribute_params(name, attribute, getattr(query, attribute))
            for name, attribute in PARAMETERS.items()
        }

    def url(self, query: SearchQuery) -> str:
        return self._url(query_params(query, without=self.fixed))

    def _url(self, params: list[tuple[str, str]]) -> str:
        return f"{self.path}?{urlencode(params)}" if params else self.path

    def changed(self, **changes) -> str:
        """The URL with these attributes changed; back to page 1 unless a page is given."""
        changes.setdefault("page", 1)
        if unknown := changes.keys() - ATTRIBUTES.keys():
            raise TypeError(f"Not a search attribute: {', '.join(sorted(unknown))}")
        params = []
        for name, attribute in PARAMETERS.items():
            if attribute in changes and name not in self.fixed:
                params += attribute_params(name, attribute, changes[attribute])
            else:
                params += self.params[attribute]
        return self._url(params)

    def toggled(self, facet: str, value: object) -> str:
        """The URL with this facet value selected if it was not, and removed if it was."""
        current = getattr(self.query, facet)
        if facet == "has_image":
            return self.changed(has_image=None if current == value else value)
        values = tuple(v for v in current if v != value)
        if len(values) == len(current):
            values = (*current, value)
        return self.changed(**{facet: values})

    def hidden_fields(self, *, without: tuple[str, ...]) -> list[tuple[str, str]]:
        """Parameters a form must carry as hidden inputs, except those it asks for itself."""
        return query_params(self.query, without=(*without, *self.fixed))


# Results and facets as the page and the JSON show them ------------------------------------------


def hit_data(hit: Hit) -> dict:
    """A hit as the page and the JSON show it (URLs are paths)."""
    url = reverse(BY_NAME[hit.kind].url_name, kwargs={"slug": hit.slug})
    thumbnail = ""
    if hit.thumbnail_slug:
        thumbnail = reverse(
            "archive:photograph-file", kwargs={"slug": hit.thumbnail_slug, "variant": "thumbnail"}
        )
    return {
        "kind": hit.kind,
        "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
        "id": hit.object_id,
        "slug": hit.slug,
        "title": hit.title,
        "date": hit.date_text,
        "summary": hit.summary,
        "snippet_html": hit.snippet,
        "url": url,
        "thumbnail_url": thumbnail,
    }


def hits_with_pictures(hits: list[Hit]) -> list[dict]:
    """hit_data of each hit, with the display derivatives of image hits (WebP and JPEG srcsets,
    pixel size) for a <picture>, in one query for the page. The photographs are public: the
    index names only public images. Images without derivatives keep the plain thumbnail."""
    data = [{**hit_data(hit), "picture": None} for hit in hits]
    slugs = {hit.thumbnail_slug for hit in hits if hit.thumbnail_slug}
    if not slugs:
        return data
    records = dict(Photograph.objects.filter(slug__in=slugs).values_list("slug", "derivatives"))
    for hit, row in zip(hits, data, strict=True):
        record = records.get(hit.thumbnail_slug) or {}
        if record.get("sizes"):
            row["picture"] = derivative_sources(hit.thumbnail_slug, record)
    return data


def fallback_label(facet: str, value: object) -> str:
    """A label for a selected value the engine did not count (nothing public has it)."""
    if facet == "kind":
        return KIND_LABELS.get(str(value), str(value))
    if facet == "decade":
        return f"{value}s"
    if facet == "language":
        return LANGUAGE_NAMES.get(str(value), str(value))
    if facet == "has_image":
        return "With image" if value else "Without image"
    return f"#{value}"


def facet_values(results: SearchResults, facet: str) -> list[FacetValue]:
    """The engine's values of a facet, plus any selected value it did not count (as 0), so that
    every selection can be seen and undone."""
    values = list(results.facets.get(facet, []))
    counted = {v.value for v in values}
    for value in results.query.selected(facet):
        if value not in counted:
            values.append(FacetValue(value, fallback_label(facet, value), 0, selected=True))
    return values


def facet_panels(
    results: SearchResults,
    links: Links,
    *,
    facets: tuple[str, ...] = FACETS,
    headings: dict[str, str] | None = None,
) -> list[dict]:
    """The panels of these facets (a browse page shows its kind's own), each headed by its label
    or the heading given for it."""
    panels = []
    headings = {"decade": "Date", **(headings or {})}
    for facet in facets:
        values = facet_values(results, facet)
        most = max((v.count for v in values), default=0) or 1
        panels.append(
            {
                "name": facet,
                "label": headings.get(facet, FACET_LABELS[facet]),
                "values": [
                    {
                        "value": param_value(facet, v.value),
                        "label": v.label,
                        # As text, with thousands separators like the total: "(450,072)",
                        # so that the template need not localize each of the page's numbers.
                        "count": f"{v.count:,}",
                        "selected": v.selected,
                        "url": links.toggled(facet, v.value),
                        "percent": str(max(1, round(100 * v.count / most)) if v.count else 0),
                    }
                    for v in values
                ],
            }
        )
    return panels


def chips(results: SearchResults, links: Links, places: dict[int, str] | None = None) -> list[dict]:
    """The active filters, each with the URL that removes it; `places` names the places filtered
    on (SearchForm.place_names)."""
    query = results.query
    active = []
    if query.text:
        active.append({"label": f"Text: {query.text}", "url": links.changed(text="")})
    if query.initial:
        active.append({"label": f"Letter: {query.initial}", "url": links.changed(initial="")})
    for facet in FACETS:
        if facet in links.fixed:
            continue
        labels = {v.value: v.label for v in facet_values(results, facet)}
        for value in query.selected(facet):
            label = labels.get(value) or fallback_label(facet, value)
            active.append(
                {"label": f"{FACET_LABELS[facet]}: {label}", "url": links.toggled(facet, value)}
            )
    for pk in query.place:
        name = (places or {}).get(pk) or f"#{pk}"
        active.append({"label": f"Place: {name}", "url": links.toggled("place", pk)})
    if query.year_from is not None:
        active.append({"label": f"From {query.year_from}", "url": links.changed(year_from=None)})
    if query.year_to is not None:
        active.append({"label": f"To {query.year_to}", "url": links.changed(year_to=None)})
    return active


def page_links(results: SearchResults, links: Links) -> dict:
    """The links to the pages of a search's results."""
    return numbered_pages(
        results.query.page, results.page_count, lambda number: links.changed(page=number)
    )


def numbered_pages(page: int, page_count: int, url: Callable[[int], str]) -> dict:
    """Links to the first and last pages and those around this one, with gaps between, and to
    the previous and next pages; `url(n)` is page n's URL."""
    last = min(page_count, MAX_PAGE)
    numbers = sorted(
        {1, last, *range(max(1, page - PAGE_WINDOW), min(last, page + PAGE_WINDOW) + 1)}
    )
    items, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            items.append({"gap": True})
        items.append(
            {"number": number, "url": url(number), "current": number == page, "gap": False}
        )
        previous = number
    return {
        "items": items if last > 1 else [],
        "previous": url(page - 1) if 1 < page <= last + 1 else "",
        "next": url(page + 1) if page < last else "",
        "last_url": url(last),
        "last": last,
    }


def best_match_data(best: BestMatch | None) -> dict | None:
    """The best match as the page and the JSON show it: a record as a hit is shown, a place with
    its page, a subject as the search for its records (URLs are paths)."""
    if best is None:
        return None
    if best.kind in BY_NAME:
        hit = Hit(
            kind=best.kind,
            object_id=best.object_id,
            slug=best.slug,
            title=best.title,
            date_text=best.date_text,
            summary=best.summary,
            snippet=escape(best.summary[:300]),
            thumbnail_slug=best.thumbnail_slug,
        )
        return hits_with_pictures([hit])[0]
    if best.kind == "place":
        url = reverse("archive:place-detail", kwargs={"slug": best.slug})
        label = "Place"
    else:
        url = f"{reverse('search')}?{urlencode({'subject': best.object_id})}"
        label = "Subject"
    summary = f"{best.count:,} public record{pluralize(best.count)}" if best.count else ""
    return {
        "kind": best.kind,
        "kind_label": label,
        "id": best.object_id,
        "slug": best.slug,
        "title": best.title,
        "date": "",
        "summary": summary,
        "snippet_html": summary,
        "url": url,
        "thumbnail_url": "",
        "picture": None,
    }


def letter_links(results: SearchResults, links: Links) -> dict:
    """The A–Z bar: the Latin letters, then (when a record files under one) the Russian Cyrillic
    ones and any other Cyrillic initial found, then "#" (when used); each with its count under
    the other filters, a link when it has records, and the current one marked."""
    counts = dict(results.initials)
    current = results.query.initial
    extra = sorted(k for k in counts if k not in LATIN_INITIALS + CYRILLIC_INITIALS + OTHER_INITIAL)

    def row(letters) -> list[dict]:
        return [
            {
                "letter": letter,
                "count": f"{counts.get(letter, 0):,}",
                "url": links.changed(initial=letter)
                if counts.get(letter) or letter == current
                else "",
                "current": letter == current,
            }
            for letter in letters
        ]

    cyrillic = [*CYRILLIC_INITIALS, *extra]
    shown = set(counts) | {current}
    return {
        "rows": [
            row(LATIN_INITIALS),
            # The Cyrillic letters once a record files under one of them.
            row(cyrillic if shown & set(cyrillic) else []),
            row([OTHER_INITIAL] if OTHER_INITIAL in shown else []),
        ],
        "all_url": links.changed(initial=""),
        "current": current,
    }


def search_json(results: SearchResults, request: HttpRequest, notes: tuple[str, ...] = ()) -> dict:
    """The JSON answer: the parsed query, the page of results, every facet's counts, the best
    match of its words and any notes about the search text."""
    best = best_match_data(results.best_match)
    if best is not None:
        best = {
            **{key: value for key, value in best.items() if key != "picture"},
            "url": request.build_absolute_uri(best["url"]),
            "thumbnail_url": best["thumbnail_url"]
            and request.build_absolute_uri(best["thumbnail_url"]),
        }
    return {
        "query": query_json(results.query),
        "notes": list(notes),
        "total": results.total,
        "page": results.query.page,
        "page_count": results.page_count,
        "fuzzy_names": results.fuzzy_names,
        "best_match": best,
        "results": [
            {
                **data,
                "url": request.build_absolute_uri(data["url"]),
                "thumbnail_url": data["thumbnail_url"]
                and request.build_absolute_uri(data["thumbnail_url"]),
            }
            for data in map(hit_data, results.hits)
        ],
        "facets": {
            facet: [
                {
                    "value": param_value(facet, v.value),
                    "label": v.label,
                    "count": v.count,
                    "selected": v.selected,
                }
                for v in results.facets.get(facet, [])
            ]
            for facet in FACETS
        },
    }
