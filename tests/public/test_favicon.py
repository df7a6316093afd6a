"""The site's icon: /favicon.ico answers an ICO image (no 404 in any browser's console), and every
page — public, error and admin — links the SVG and the ICO."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from tests import factories

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def icon_links(page: str) -> dict[str, str]:
    """The page's <link rel="icon"> addresses by type ("" for none given)."""
    links = re.findall(r"<link rel=\"icon\"[^>]*>", page)
    found = {}
    for link in links:
        href = re.search(r'href="([^"]+)"', link).group(1)
        kind = re.search(r'type="([^"]+)"', link)
        found[kind.group(1) if kind else ""] = href
    return found


def test_favicon_ico_is_an_image(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert "public" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= image.info["sizes"]
    for size in (16, 32, 48):
        image.size = (size, size)
        image.load()
        frame = image.convert("RGBA")
        assert frame.size == (size, size)
        assert frame.getpixel((size // 2, size // 2))[3] == 255  # the drawing is opaque…
        assert frame.getpixel((0, 0))[3] < 128  # …within rounded corners
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405


def test_the_svg_is_a_small_valid_drawing():
    path = finders.find("favicon.svg")
    root = ET.parse(path).getroot()  # noqa: S314 (our own file)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 32 32"
    assert root.find(f"{SVG}title").text == "Vitrine"
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}image")]


def test_every_kind_of_page_links_the_icon(client, admin_client):
    person = factories.PersonFactory(slug="bukharin")
    pages = {
        "home": client.get("/"),
        "record": client.get(person.get_absolute_url()),
        "not found": client.get("/persons/nobody/"),
        "admin login": client.get("/admin/login/"),
        "admin": admin_client.get("/admin/"),
        "admin change": admin_client.get(f"/admin/archive/person/{person.pk}/change/"),
    }
    for name, response in pages.items():
        links = icon_links(response.content.decode())
        assert links.get("") == "/favicon.ico", name
        assert links.get("image/svg+xml", "").endswith("favicon.svg"), name
