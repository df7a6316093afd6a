"""Discovery URLs at the site root: /sitemap.xml (an index), /sitemap-<kind>.xml, /feed.atom and
/robots.txt. Included by config/urls.py."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from public.discovery import views
from public.discovery.exhibit_sitemaps import ExhibitSitemap, SectionSitemap
from public.discovery.feeds import NewlyPublishedFeed
from public.discovery.sitemaps import PagesSitemap, record_sitemaps

app_name = "discovery"

# Sitemap classes (or factories), not instances: the views make a fresh one per request.
SITEMAPS = {
    "pages": PagesSitemap,
    "exhibits": ExhibitSitemap,
    "sections": SectionSitemap,
    **record_sitemaps(),
}

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "discovery:sitemap"},
        name="sitemap-index",
    ),
    path("sitemap-<slug:section>.xml", views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feed.atom", NewlyPublishedFeed(), name="feed"),
    path("robots.txt", views.robots_txt, name="robots"),
]
