"""Views of the discovery URLs that Django does not provide as they are needed: a sitemap page
written quickly enough for 50,000 URLs, and robots.txt."""

import io

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@require_safe
@x_robots_tag
def sitemap(request: HttpRequest, sitemaps: dict, section: str) -> HttpResponse:
    """One page (`?p=`) of one sitemap as a sitemaps.org <urlset>.

    Django's sitemap view renders each URL through a template, too slow for a full page of
    50,000 URLs. This writes the same XML with Django's XML writer (the one its feeds use)
    from the same Sitemap classes, their pagination and their `location` and `lastmod`.
    """
    if section not in sitemaps:
        raise Http404(f"No sitemap for {section!r}.")
    site: Sitemap = sitemaps[section]()
    try:
        page = site.paginator.page(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(f"No page {request.GET.get('p')!r} in this sitemap: {exc}") from None
    origin = f"{request.scheme}://{request.get_host()}"
    lastmod = getattr(site, "lastmod", None)
    zone = timezone.get_current_timezone()
    # Written to memory, then sent at once: a response's own write() costs more per call.
    buffer = io.StringIO()
    xml = SimplerXMLGenerator(buffer, "utf-8")
    xml.startDocument()
    xml.startElement("urlset", {"xmlns": SITEMAP_NAMESPACE})
    for item in page.object_list:
        xml.startElement("url", {})
        xml.addQuickElement("loc", origin + site.location(item))
        if lastmod is not None:
            # sitemaps.org: W3C Datetime; the date alone is enough for a crawler.
            xml.addQuickElement("lastmod", lastmod(item).astimezone(zone).date().isoformat())
        xml.endElement("url")
    xml.endElement("urlset")
    xml.endDocument()
    return HttpResponse(buffer.getvalue(), content_type="application/xml; charset=utf-8")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The robots exclusion file (RFC 9309) with the sitemap index's absolute URL."""
    context = {
        "admin": reverse("admin:index"),
        "sitemap": request.build_absolute_uri(reverse("discovery:sitemap-index")),
    }
    return render(request, "discovery/robots.txt", context, content_type="text/plain")
