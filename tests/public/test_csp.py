"""The Content-Security-Policy of the public site (SECURE_CSP, docs/deployment.md).

Every kind of public answer carries the header, and none allows inline script or style: the
site's own pages get exactly the site's policy, with no nonce (they need none); the API's
documentation pages get the site's policy with their viewers' additions (api/docs.py). The HTML
of every page has nothing the policy would block: no inline <script> (JSON-LD data blocks apart,
which browsers never run and the policy does not govern), no <style>, no style="" attributes, no
on…= handlers and no javascript: addresses. The templates are read for the same, so that a branch
the demo does not reach cannot bring one in. The browser tests (tests/browser/) check that
Chromium, enforcing the policy, reports no violation on these pages.
"""

import base64
import hashlib
import io
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.utils.csp import CSP, build_policy

from archive.kinds import KINDS
from exhibits.models import Exhibit
from search import index

ROOT = Path(settings.BASE_DIR)
OPENSEADRAGON = ROOT / "static" / "vendor" / "openseadragon" / "openseadragon.min.js"

# The directives every public answer must have, as the site's policy sets them.
REQUIRED = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
SCRIPT_DIRECTIVES = ("script-src", "script-src-elem", "script-src-attr")
STYLE_DIRECTIVES = ("style-src", "style-src-elem", "style-src-attr")


def parse_policy(header: str) -> dict[str, list[str]]:
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


def sources_for(policy: dict[str, list[str]], directive: str) -> list[str]:
    """The sources a directive allows, falling back as browsers do (…-elem/-attr to the plain
    directive, then default-src)."""
    for name in (directive, directive.rsplit("-", 1)[0] if directive.count("-") > 1 else None):
        if name and name in policy:
            return policy[name]
    return policy.get("default-src", [])


class InlineCode(HTMLParser):
    """Collects what a Content-Security-Policy without 'unsafe-inline' would block, and the
    nonces of inline scripts that carry one."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.nonces: set[str] = set()
        self.json_ld = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.found.append(f"<{tag} {name}=…> (an inline event handler)")
            elif name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name in self.URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f'<{tag} {name}="{value}">')
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in values:
            if (values.get("type") or "").lower() == "application/ld+json":
                self.json_ld += 1
            elif values.get("nonce"):
                self.nonces.add(values["nonce"])
            else:
                self.found.append(f"inline <script {' '.join(n for n, _ in attrs)}>")

    handle_startendtag = handle_starttag


def inline_code(html: str) -> InlineCode:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser


def test_inline_code_finds_what_the_policy_blocks():
    html = (
        '<p style="color: red" onclick="go()">x</p><style>p {}</style><script>go()</script>'
        '<a href=" JavaScript:go()">x</a><svg><rect onload="go()"/></svg>'
        '<script type="application/ld+json">{}</script><script nonce="abc">ok()</script>'
        '<script src="/static/js/deep-zoom.js"></script><svg><rect width="50%"/></svg>'
    )
    parser = inline_code(html)
    assert len(parser.found) == 6, parser.found
    assert parser.json_ld == 1
    assert parser.nonces == {"abc"}


@pytest.mark.parametrize(
    ("header", "directive", "expected"),
    [
        (
            "default-src 'self'; script-src 'self' 'nonce-x'",
            "script-src-elem",
            ["'self'", "'nonce-x'"],
        ),
        ("default-src 'self'", "style-src-attr", ["'self'"]),
        (
            "default-src 'none'; style-src-attr 'unsafe-inline'",
            "style-src-attr",
            ["'unsafe-inline'"],
        ),
    ],
)
def test_sources_fall_back_as_browsers_do(header, directive, expected):
    assert sources_for(parse_policy(header), directive) == expected


class TestEveryPublicAnswer(TestCase):
    """The demo archive, exhibits and search index, loaded once; every kind of public answer."""

    @classmethod
    def setUpClass(cls) -> None:
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        cls.media_root = media.name
        cls.enterClassContext(override_settings(MEDIA_ROOT=media.name))
        super().setUpClass()

    def setUp(self) -> None:
        # The demo's files, not the empty folder each test gets (tests/conftest.py).
        self.enterContext(self.settings(MEDIA_ROOT=self.media_root))

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=io.StringIO())
        index.rebuild_kinds()

    def pages(self, client: Client) -> list[str]:
        """Every kind of public HTML page: home, timeline, a page of each record of each kind,
        the exhibits, their sections (one behind a content notice, shown and acknowledged),
        search (empty, with results and facets), a page that is not there, the API's docs."""
        pages = ["/", "/timeline/", "/exhibits/", "/search/", "/search/?q=Bukharin"]
        for kind in KINDS:
            records = list(kind.model.objects.public())
            assert records, f"the demo has public {kind.name} records"
            pages += [record.get_absolute_url() for record in records]
        for exhibit in Exhibit.objects.public():
            pages.append(exhibit.get_absolute_url())
            pages += [section.get_absolute_url() for section in exhibit.sections.all()]
        noticed = "/exhibits/nikolai-bukharin-a-life/trial-execution-rehabilitation/"
        acknowledge = re.search(r'href="([^"]*\?acknowledge=[^"]+)"', client.get(noticed).text)
        assert acknowledge, "the demo has a section behind a content notice"
        pages += [noticed, acknowledge.group(1).replace("&amp;", "&"), "/persons/no-such/"]
        return [*pages, "/api/docs/", "/api/redoc/"]

    def other_answers(self, client: Client) -> list[str]:
        """The public answers that are not HTML pages: search JSON, sitemaps, the feed, OAI-PMH,
        IIIF, the JSON API and its schema, citations, robots.txt, media files."""
        photograph_page = client.get("/photographs/bukharin-congress-of-educators-1925/").text
        info = re.search(r'data-iiif-info="([^"]+)"', photograph_page).group(1)
        image = re.search(r'<img[^>]+src="(/photographs/[^"]+\.img)"', photograph_page).group(1)
        return [
            "/search.json?q=Bukharin",
            "/sitemap.xml",
            "/sitemap-pages.xml",
            "/feed.atom",
            "/robots.txt",
            "/oai/?verb=Identify",
            "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
            info.removeprefix("http://testserver"),
            "/iiif/photographs/bukharin-congress-of-educators-1925/manifest.json",
            image,
            "/api/v1/",
            "/api/v1/persons/",
            "/api/v1/persons/nikolai-bukharin/",
            "/api/v1/no-such-thing/",
            "/api/schema/",
            "/api/docs/?script",
            "/persons/nikolai-bukharin/cite.bib",
            "/persons/nikolai-bukharin/sources.ris",
        ]

    def check_policy(self, path: str, response) -> list[str]:
        header = response.get("Content-Security-Policy")
        if not header:
            return [f"{path} ({response.status_code}): no Content-Security-Policy"]
        policy = parse_policy(header)
        problems = []
        for directive, sources in REQUIRED.items():
            if policy.get(directive) != sources:
                problems.append(f"{path}: {directive} is {policy.get(directive)}, not {sources}")
        for directive in SCRIPT_DIRECTIVES + STYLE_DIRECTIVES:
            for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"):
                if unsafe in sources_for(policy, directive):
                    problems.append(f"{path}: {directive} allows {unsafe}")
        return problems

    def test_every_public_page_has_the_policy_and_nothing_it_blocks(self):
        client = Client()
        site_policy = build_policy(settings.SECURE_CSP)  # no nonce: no site page asks for one
        problems = []
        pages = self.pages(client)
        assert len(pages) > 80
        for path in pages:
            response = client.get(path)
            if response.status_code != (404 if "no-such" in path else 200):
                problems.append(f"{path} answered {response.status_code}")
                continue
            assert response["Content-Type"].startswith("text/html"), path
            problems += self.check_policy(path, response)
            if not path.startswith("/api/") and response["Content-Security-Policy"] != site_policy:
                problems.append(
                    f"{path}: {response['Content-Security-Policy']!r} is not the site's"
                )
            if response.get("X-Frame-Options") != "DENY":
                problems.append(f"{path}: X-Frame-Options {response.get('X-Frame-Options')}")
            found = inline_code(response.content.decode())
            problems += [f"{path}: {item}" for item in found.found]
            nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
            if found.nonces and (not nonce or found.nonces != {nonce.group(1)}):
                problems.append(f"{path}: inline scripts' nonces {found.nonces} not the header's")
        assert not problems, "\n".join(problems)

    def test_every_other_public_answer_has_the_policy(self):
        client = Client()
        problems = []
        for path in self.other_answers(client):
            response = client.get(path)
            expected = 404 if "no-such" in path else 200
            if response.status_code != expected:
                problems.append(f"{path} answered {response.status_code}, not {expected}")
            problems += self.check_policy(path, response)
        assert not problems, "\n".join(problems)

    def test_json_ld_is_the_only_inline_script_and_pages_have_it(self):
        page = Client().get("/persons/nikolai-bukharin/").content.decode()
        found = inline_code(page)
        assert found.json_ld == 1
        assert not found.found and not found.nonces


def test_the_api_documentation_pages_add_only_what_their_viewers_need(client, db):
    """Swagger UI: data: images. Redoc: data: images, its <style> elements by nonce and two by
    hash, and a blob: worker. Neither allows inline script, nor inline style by 'unsafe-inline'."""
    site = parse_policy(build_policy(settings.SECURE_CSP))
    swagger = parse_policy(client.get("/api/docs/")["Content-Security-Policy"])
    assert swagger == {**site, "img-src": [*site["img-src"], "data:"]}
    response = client.get("/api/redoc/")
    redoc = parse_policy(response["Content-Security-Policy"])
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert redoc["script-src"] == site["script-src"] + [f"'nonce-{nonce}'"]
    assert redoc["worker-src"] == ["'self'", "blob:"]
    assert f"'nonce-{nonce}'" in redoc["style-src"]
    # Redoc gets its nonce from the tag of the script that starts it.
    assert f'<script src="/static/js/redoc.js" nonce="{nonce}"></script>' in response.text


def test_openseadragons_style_is_allowed_by_its_hash():
    """OpenSeadragon adds one <style> (its touch-screen rule) as a viewer opens; the policy allows
    that rule, by its hash, and nothing else inline. Updating OpenSeadragon changes the rule:
    then this fails, and SECURE_CSP needs the new hash."""
    script = OPENSEADRAGON.read_text()
    rules = re.findall(
        r'setAttribute\("data-openseadragon-mobile-css","true"\);\w+\.textContent="([^"]*)"',
        script,
    )
    assert len(rules) == 1, "OpenSeadragon's own <style> is not where it was"
    digest = base64.b64encode(hashlib.sha256(rules[0].encode()).digest()).decode()
    assert settings.SECURE_CSP["style-src"] == [CSP.SELF, CSP.NONCE, f"'sha256-{digest}'"]


TEMPLATES = ROOT / "templates"
INLINE_IN_TEMPLATES = re.compile(
    r"<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:|<script\b(?![^>]*\bsrc=)[^>]*>",
    re.IGNORECASE,
)


INLINE_IN_SCRIPTS = re.compile(
    r"\.(?:inner|outer)HTML\s*=|insertAdjacentHTML|setAttribute\(\s*['\"]style"
    r"|\beval\(|new Function"
)


def test_public_templates_have_no_inline_script_or_style():
    """The site's templates (the admin's apart: config/csp.py) and its own JavaScript bring in
    nothing the policy blocks, in any branch."""
    found = []
    public = [
        path
        for path in TEMPLATES.rglob("*.html")
        if path.relative_to(TEMPLATES).parts[0] not in {"admin"}
    ]
    assert len(public) > 40
    for path in public:
        for match in INLINE_IN_TEMPLATES.finditer(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)!r}")
    # The site's own scripts: markup or style attributes written as text, or code made from text.
    for path in (ROOT / "static" / "js").glob("*.js"):
        for match in INLINE_IN_SCRIPTS.finditer(path.read_text()):
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)!r}")
    assert not found, "\n".join(found)
