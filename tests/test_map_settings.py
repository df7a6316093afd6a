"""The map settings: the tile server's URL template becomes a source of the Content-Security-
Policy's img-src; a template that is neither an http(s) URL nor a path stops the settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import map_tile_sources
from tests.test_settings import run

PRINT_IMG_SRC = (
    "import django; from django.conf import settings; django.setup(); "
    "print(' '.join(map(str, settings.SECURE_CSP['img-src'])))"
)


@pytest.mark.parametrize(
    ("template", "sources"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://{s}.tiles.example.org/{z}/{x}/{y}.png", ["https://*.tiles.example.org"]),
        ("http://localhost:8080/tiles/{z}/{x}/{y}.png", ["http://localhost:8080"]),
        ("/tiles/{z}/{x}/{y}.png", []),  # the site's own
    ],
)
def test_the_tile_server_becomes_an_image_source(template, sources):
    assert map_tile_sources(template) == sources


@pytest.mark.parametrize(
    "template",
    [
        "javascript:alert(1)",
        "//tile.example.org/{z}/{x}/{y}.png",
        "ftp://tile.example.org/{z}/{x}/{y}.png",
        "https://tiles{s}.example.org/{z}/{x}/{y}.png",
        "https://tile.example.org;script-src *",
        "https://tile example.org/{z}",
        "https:///{z}",
        "",
    ],
)
def test_other_templates_are_refused(template):
    with pytest.raises(ImproperlyConfigured, match="VITRINE_MAP_TILES must be"):
        map_tile_sources(template)


def test_the_environment_sets_the_tile_server_and_the_policy_follows():
    result = run(
        ["-c", PRINT_IMG_SRC], VITRINE_MAP_TILES="https://{s}.maps.example.net/{z}/{x}/{y}"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["'self'", "https://*.maps.example.net"]
    refused = run(["-c", PRINT_IMG_SRC], VITRINE_MAP_TILES="data:image/png;base64,AAAA")
    assert refused.returncode != 0
    assert "VITRINE_MAP_TILES must be" in refused.stderr
