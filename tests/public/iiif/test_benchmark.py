"""`manage.py benchmark_iiif` runs end to end on a small original and cleans up after itself."""

import io

import pytest
from django.core.management import call_command

from archive.models import Photograph

pytestmark = pytest.mark.django_db


def test_prints_every_line_and_leaves_nothing_behind():
    out = io.StringIO()
    call_command("benchmark_iiif", width=1200, height=800, repeat=1, stdout=out)
    text = out.getvalue()
    for label in (
        "info.json, first",
        "tile 512 at full size, first",
        "tile at 1/8",
        "thumbnail !480,480, first",
        "tile 512, cached",
        "process peak resident size",
    ):
        assert label in text, text
    assert not Photograph.objects.filter(slug="bench-iiif").exists()
