"""The admin's Content-Security-Policy: the site's (SECURE_CSP) with the two things it lacks.

Django's own admin needs nothing more than the site's policy: its templates put the request's
nonce on every <script> and <style> they write. Two of the packages that extend it do not:
- django-import-export's export page has an inline event handler,
  `onchange="onSelectToggleChange(event)"` (its "Select all" box). It is allowed by its hash
  with 'unsafe-hashes', which admits that one handler and nothing else;
- django-import-export's export page and django-simple-history's history pages have `style=""`
  attributes (`padding: 0`, `font-weight: bold`, `border-top: 0`). style-src-attr
  'unsafe-inline' admits style attributes only; <style> elements still need the nonce, and no
  script runs without it.

Public pages never get this policy (docs/deployment.md, "Content-Security-Policy").
"""

import base64
import hashlib

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.csp import CSP

# Inline event handlers of the admin's third-party templates, allowed by their hash.
ADMIN_INLINE_HANDLERS = ("onSelectToggleChange(event)",)  # import_export/export.html


def source_hash(text: str) -> str:
    """The CSP source expression ('sha256-…') for an inline script, style or handler."""
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def admin_policy(policy: dict) -> dict:
    """The admin's policy: `policy` (the site's) with the handlers and style attributes above."""
    admin = dict(policy)
    admin["script-src"] = [
        *policy.get("script-src", policy.get("default-src", [CSP.SELF])),
        CSP.UNSAFE_HASHES,
        *map(source_hash, ADMIN_INLINE_HANDLERS),
    ]
    admin["style-src-attr"] = [CSP.UNSAFE_INLINE]
    return admin


class AdminContentSecurityPolicyMiddleware:
    """Gives answers under the admin's address the admin's policy.

    List it after django.middleware.csp.ContentSecurityPolicyMiddleware, which reads the policy
    this sets as it writes the header. A view that chose its own policy (csp_override) keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # _csp_config is what django.views.decorators.csp.csp_override sets on a response.
        if settings.SECURE_CSP and not hasattr(response, "_csp_config") and self.is_admin(request):
            response._csp_config = admin_policy(settings.SECURE_CSP)
        return response

    @staticmethod
    def is_admin(request) -> bool:
        try:
            prefix = reverse("admin:index")
        except NoReverseMatch:
            return False
        return request.path.startswith(prefix)
