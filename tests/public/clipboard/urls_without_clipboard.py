"""The site's URLs without the clipboard's (a site that does not serve it shows no buttons)."""

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    pattern for pattern in site_urlpatterns if getattr(pattern, "app_name", "") != "clipboard"
]
