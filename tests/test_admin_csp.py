"""The admin's Content-Security-Policy (config/csp.py): the site's, plus the one inline handler
(by its hash, with 'unsafe-hashes') and the style attributes that third-party admin templates
have. Django's admin puts the request's nonce on its own scripts and styles. Chromium, enforcing
the policy, reports no violation on the admin pages: tests/browser/test_csp.py."""

import re

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.csp import CSP, build_policy

from config.csp import ADMIN_INLINE_HANDLERS, AdminContentSecurityPolicyMiddleware, source_hash
from tests.public.test_csp import inline_code, parse_policy, sources_for

HANDLER = re.compile(r"\son[a-z]+=\"([^\"]*)\"")


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_the_admin_gets_its_own_policy(client, db):
    response = client.get("/admin/login/")
    policy = parse_policy(response["Content-Security-Policy"])
    nonce = nonce_of(response)
    site = parse_policy(build_policy(settings.SECURE_CSP, nonce))
    assert policy["script-src"] == [
        *site["script-src"],
        "'unsafe-hashes'",
        *map(source_hash, ADMIN_INLINE_HANDLERS),
    ]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    # Inline <script> and <style> elements still need the nonce; Django's admin gives it.
    for directive in ("script-src-elem", "style-src-elem"):
        assert "'unsafe-inline'" not in sources_for(policy, directive)
    del policy["script-src"], policy["style-src-attr"], site["script-src"]
    assert policy == site  # everything else as on the site
    found = inline_code(response.text)
    assert f'nonce="{nonce}"' in response.text
    assert found.nonces <= {nonce}


def test_a_public_page_never_gets_the_admins_policy(client, db):
    response = client.get("/")
    assert response["Content-Security-Policy"] == build_policy(settings.SECURE_CSP)
    assert "style-src-attr" not in response["Content-Security-Policy"]
    assert "unsafe-hashes" not in response["Content-Security-Policy"]


def test_the_admins_inline_handlers_are_the_ones_allowed_by_hash(curator_client):
    """import-export's export page: its one inline handler is allowed, by the hash of exactly its
    text (a new version of the template that changed it would fail here, not in a curator's
    browser)."""
    response = curator_client.get("/admin/archive/person/export/")
    assert response.status_code == 200
    handlers = set(HANDLER.findall(response.text))
    assert handlers == set(ADMIN_INLINE_HANDLERS)
    policy = parse_policy(response["Content-Security-Policy"])
    assert {source_hash(handler) for handler in handlers} <= set(policy["script-src"])
    assert source_hash("alert(1)") not in policy["script-src"]


def test_other_admin_pages_have_no_other_handlers(curator_client):
    for path in ("/admin/", "/admin/archive/person/", "/admin/archive/person/add/"):
        response = curator_client.get(path)
        assert response.status_code == 200, path
        assert set(HANDLER.findall(response.text)) <= set(ADMIN_INLINE_HANDLERS), path
        assert "style-src-attr 'unsafe-inline'" in response["Content-Security-Policy"], path


def test_a_views_own_policy_is_kept():
    request = RequestFactory().get("/admin/")
    own = {"default-src": [CSP.NONE]}

    def view(request):
        response = HttpResponse()
        response._csp_config = own  # as csp_override sets it
        return response

    response = AdminContentSecurityPolicyMiddleware(view)(request)
    assert response._csp_config is own


@override_settings(SECURE_CSP={})
def test_no_policy_at_all_when_the_site_has_none(client, db):
    assert "Content-Security-Policy" not in client.get("/admin/login/")
    assert "Content-Security-Policy" not in client.get("/")
