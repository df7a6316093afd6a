"""robots.txt: crawlers may read the public site, not the curators' admin; the sitemap is named."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The robots exclusion file (RFC 9309) with the sitemap index's absolute URL."""
    context = {
        "admin": reverse("admin:index"),
        "sitemap": request.build_absolute_uri(reverse("discovery:sitemap-index")),
    }
    return render(request, "discovery/robots.txt", context, content_type="text/plain")
