"""The API's documentation pages, /api/docs/ (Swagger UI) and /api/redoc/ (Redoc), kept within the
site's Content-Security-Policy (SECURE_CSP; docs/deployment.md), with no 'unsafe-inline'.

Both templates (templates/api/) take their page rules from static files instead of a <style>
block, and neither has an inline script: Swagger UI's start-up script is fetched from
`docs/?script` (drf-spectacular's split view), Redoc's is static/js/redoc.js. Each page's policy
adds only what its viewer needs:
- both draw icons from data: images (img-src data:);
- Redoc's styled-components add <style> elements as it renders; js/redoc.js hands Redoc this
  answer's nonce, which it puts on each of them. Two more are added while its bundle loads,
  before a nonce can be handed over: an empty one and perfect-scrollbar's rules, allowed by their
  hashes, which belong to the Redoc of drf-spectacular-sidecar's current version (the browser
  test of the page fails if an upgrade changes them);
- Redoc's search runs in a web worker made from a blob: URL (worker-src blob:).
Redoc's sidebar also shows Redocly's logo from cdn.redoc.ly: the policy blocks it (the site
loads nothing from elsewhere), and Redoc then leaves it out.
"""

from django.conf import settings
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_STYLE_HASHES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # an empty <style>
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",  # perfect-scrollbar's rules
)


def docs_policy(*, redoc: bool = False) -> dict:
    """The site's policy with what a documentation page needs added (see above)."""
    policy = dict(settings.SECURE_CSP)
    policy["img-src"] = [*policy.get("img-src", [CSP.SELF]), "data:"]
    if redoc:
        style = [source for source in policy.get("style-src", [CSP.SELF]) if source != CSP.NONCE]
        policy["style-src"] = [*style, CSP.NONCE, *REDOC_STYLE_HASHES]
        policy["worker-src"] = [CSP.SELF, "blob:"]
    return policy


@method_decorator(csp_override(docs_policy()), name="dispatch")
class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


@method_decorator(csp_override(docs_policy(redoc=True)), name="dispatch")
class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"
