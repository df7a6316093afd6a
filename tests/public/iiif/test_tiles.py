"""Deep-zoom tiles made at ingest (archive.tiles): their geometry, the files, and how the IIIF image
view serves them — read from storage, never drawn, never counted against a client, and never
shown for a photograph the visitor may not see."""

import io
import math
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from archive import derivatives, tiles
from archive.models import Photograph
from public.iiif import image_api, throttle
from tests import factories
from tests.public.iiif.conftest import QUADRANTS, close, opened, photograph, quadrant_image
from tests.public.iiif.test_private import HIDDEN

BASE = "/iiif/image/quadrants"


def viewer_requests(info: dict) -> list[str]:
    """The image requests a deep-zoom viewer makes from an info.json: every tile at every scale
    factor, as OpenSeadragon 6 writes them (`full` and `max` where it does), and every size."""
    width, height = info["width"], info["height"]
    size = info["tiles"][0]["width"]
    requests = []
    for factor in info["tiles"][0]["scaleFactors"]:
        level_w, level_h = math.ceil(width / factor), math.ceil(height / factor)
        if level_w < size and level_h < size:
            scaled = "max" if factor == 1 else f"{level_w},{level_h}"
            requests.append(f"full/{scaled}/0/default.jpg")
            continue
        span = size * factor
        for row, y in enumerate(range(0, height, span)):
            for column, x in enumerate(range(0, width, span)):
                w, h = min(span, width - x), min(span, height - y)
                region = "full" if (w, h) == (width, height) else f"{x},{y},{w},{h}"
                out = (min(size, level_w - column * size), min(size, level_h - row * size))
                scaled = "max" if out == (width, height) else f"{out[0]},{out[1]}"
                requests.append(f"{region}/{scaled}/0/default.jpg")
    requests += [f"full/{s['width']},{s['height']}/0/default.jpg" for s in info["sizes"]]
    return requests


def stored_tiles(photo: Photograph, media_root: Path) -> dict[str, bytes]:
    directory = media_root / derivatives.directory(photo.sha256) / "tiles"
    return {str(path): path.read_bytes() for path in directory.rglob("*") if path.is_file()}


@pytest.fixture
def nothing_drawn(monkeypatch):
    """Fail any drawing, rate-limit count or render slot: what follows must come from storage."""

    def fail(*args, **kwargs):
        raise AssertionError("drawn, counted or slotted, but should have been read from storage")

    monkeypatch.setattr(image_api, "render", fail)
    monkeypatch.setattr(throttle, "retry_after", fail)
    monkeypatch.setattr(throttle, "render_slot", fail)


# --- Geometry (no database) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height"),
    [(1, 1), (511, 300), (512, 512), (513, 40), (1200, 800), (6000, 4000), (4097, 3)],
)
def test_the_tiles_of_each_level_cover_it_exactly_and_are_found_by_their_request(width, height):
    made = {"size": 512, "width": width, "height": height, "levels": []}
    factors = tiles.scale_factors(width, height, 512)
    assert factors[-1] * 512 >= max(width, height) > factors[-1] * 256 or factors == [1]
    for factor in factors:
        level_w, level_h = tiles.level_size(width, height, factor)
        covered = 0
        for _part, (x, y, w, h) in tiles.tiles(width, height, 512, factor):
            out = tiles.level_size(w, h, factor)
            covered += out[0] * out[1]
            # Found: this tile, or the same region at the same size at another factor.
            found = tiles.find("base", made, (x, y, w, h), out)
            assert found is not None
            found_factor, found_part = found.removesuffix(".jpg").split("/")[-2:]
            found_tiles = dict(tiles.tiles(width, height, 512, int(found_factor)))
            assert found_tiles[found_part] == (x, y, w, h)
            assert tiles.level_size(w, h, int(found_factor)) == out
            # Off the grid, or another size: not a stored tile.
            assert tiles.find("base", made, (x, y, w, h), (out[0] + 1, out[1])) is None
            if x + 1 < width and w > 1:
                assert tiles.find("base", made, (x + 1, y, w - 1, h), out) is None
        assert covered == level_w * level_h


def test_sizes_are_the_reduced_images_within_the_limits_smallest_first():
    assert tiles.sizes(6000, 4000, 512, 4000, 4000, 12_000_000) == [
        (16, 375, 250),
        (8, 750, 500),
        (4, 1500, 1000),
        (2, 3000, 2000),
    ]
    assert tiles.sizes(6000, 4000, 512, 2000, 4000, 12_000_000)[-1] == (4, 1500, 1000)
    assert tiles.sizes(6000, 4000, 512, 4000, 4000, 1_000_000)[-1] == (8, 750, 500)


# --- Made at ingest ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_ingest_stores_every_tile_and_reduced_size(settings):
    photo = photograph()  # 1200 × 800: tiles at 1, 2 and 4; sizes 300 × 200 and 600 × 400
    assert photo.derivatives["tiles"] == {"size": 512, "width": 1200, "height": 800, "levels": [2]}
    stored = stored_tiles(photo, Path(settings.MEDIA_ROOT))
    names = tiles.names(derivatives.directory(photo.sha256), photo.derivatives["tiles"])
    assert sorted(str(Path(settings.MEDIA_ROOT) / name) for name in names) == sorted(stored)
    assert len(stored) == 3 * 2 + 2 + 1 + 1  # 6 at full size, 2 at half, 1 at quarter, 600 × 400
    for name in names:
        with Image.open(Path(settings.MEDIA_ROOT) / name) as image:
            assert image.format == "JPEG"


@pytest.mark.django_db
def test_every_request_of_a_viewer_is_read_from_the_stored_tiles(client, settings, nothing_drawn):
    photo = photograph()
    info = client.get(f"{BASE}/info.json").json()
    stored = stored_tiles(photo, Path(settings.MEDIA_ROOT))
    served = set()
    for request in viewer_requests(info):
        response = client.get(f"{BASE}/{request}")
        assert response.status_code == 200, request
        assert response["Content-Type"] == "image/jpeg"
        assert "public" in response["Cache-Control"]
        assert response.content in stored.values(), request
        served.add(response.content)
    # 9 tiles and the one size larger than a tile (300 × 200 is the tile at factor 4).
    assert len(served) == len(stored) == 10


@pytest.mark.django_db
def test_stored_tiles_show_the_right_part_of_the_picture(client, nothing_drawn):
    photograph()
    top_left = opened(client.get(f"{BASE}/0,0,512,512/512,512/0/default.jpg"))
    assert top_left.size == (512, 512)
    assert close(top_left.getpixel((10, 10)), QUADRANTS["top-left"])
    # The last tile of the first row: the right edge, 176 pixels wide.
    edge = opened(client.get(f"{BASE}/1024,0,176,512/176,512/0/default.jpg"))
    assert edge.size == (176, 512)
    assert close(edge.getpixel((170, 10)), QUADRANTS["top-right"])
    half = opened(client.get(f"{BASE}/0,0,1024,800/512,400/0/default.jpg"))
    assert close(half.getpixel((500, 390)), QUADRANTS["bottom-right"])
    level = opened(client.get(f"{BASE}/full/600,/0/color.jpg"))  # a size; color is default
    assert close(level.getpixel((5, 395)), QUADRANTS["bottom-left"])


@pytest.mark.django_db
def test_an_image_turned_by_exif_is_tiled_as_shown(client, nothing_drawn):
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter clockwise: 800 × 1200
    factories.PhotographFactory(
        slug="turned",
        image=ContentFile(quadrant_image(1200, 800, exif=exif), name="turned.jpg"),
    )
    tile = opened(client.get("/iiif/image/turned/0,0,512,512/512,512/0/default.jpg"))
    assert close(tile.getpixel((10, 10)), QUADRANTS["bottom-left"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "request_path",
    [
        "0,0,512,512/512,512/0/gray.jpg",
        "0,0,512,512/512,512/0/default.png",
        "0,0,512,512/512,512/90/default.jpg",
        "0,0,512,512/512,512/!0/default.jpg",
        "0,0,512,512/256,256/0/default.jpg",  # not a tile of the pyramid
        "1,0,512,512/512,512/0/default.jpg",
    ],
)
def test_anything_else_is_drawn(client, monkeypatch, request_path):
    photograph()
    drawn = []
    real_render = image_api.render

    def render(source, drawing):
        drawn.append(drawing)
        return real_render(source, drawing)

    monkeypatch.setattr(image_api, "render", render)
    assert client.get(f"{BASE}/{request_path}").status_code == 200
    assert len(drawn) == 1


@pytest.mark.django_db
def test_a_tile_missing_from_storage_is_drawn_instead(client, settings):
    photo = photograph()
    name = tiles.name(derivatives.directory(photo.sha256), 512, 1, "0,0")
    (Path(settings.MEDIA_ROOT) / name).unlink()
    response = client.get(f"{BASE}/0,0,512,512/512,512/0/default.jpg")
    assert response.status_code == 200
    assert close(opened(response).getpixel((10, 10)), QUADRANTS["top-left"])


@pytest.mark.django_db
def test_another_tile_size_is_drawn_until_the_tiles_are_made_again(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    photograph()
    settings.IIIF_TILE_SIZE = 256
    info = client.get(f"{BASE}/info.json").json()
    assert info["tiles"][0]["width"] == 256
    response = client.get(f"{BASE}/0,0,256,256/256,256/0/default.jpg")
    assert response.status_code == 200  # drawn

    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_derivatives", "--all", stdout=io.StringIO())
    photo = Photograph.objects.get()
    assert photo.derivatives["tiles"]["size"] == 256
    assert {Path(path).parts[-3] for path in stored_tiles(photo, Path(settings.MEDIA_ROOT))} == {
        "256"
    }  # the 512-pixel tiles, no longer used, are gone
    monkeypatch.setattr(image_api, "render", lambda *a: pytest.fail("drawn"))
    monkeypatch.setattr(throttle, "retry_after", lambda *a: pytest.fail("counted"))
    for request in viewer_requests(info):
        assert client.get(f"{BASE}/{request}").status_code == 200, request


@pytest.mark.django_db
def test_make_derivatives_adds_tiles_to_photographs_made_before_them(
    client, settings, django_capture_on_commit_callbacks
):
    photo = photograph()
    record = {key: value for key, value in photo.derivatives.items() if key != "tiles"}
    Photograph.objects.filter(pk=photo.pk).update(derivatives=record)
    for path in stored_tiles(photo, Path(settings.MEDIA_ROOT)):
        Path(path).unlink()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_derivatives", stdout=io.StringIO())

    photo.refresh_from_db()
    assert photo.derivatives["tiles"]["size"] == 512
    assert len(stored_tiles(photo, Path(settings.MEDIA_ROOT))) == 10


@pytest.mark.django_db
def test_identical_originals_share_their_tiles_until_the_last_is_deleted(
    settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = photograph(slug="first")
        second = photograph(slug="second")
    assert first.sha256 == second.sha256
    media = Path(settings.MEDIA_ROOT)
    assert len(stored_tiles(first, media)) == 10
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert len(stored_tiles(second, media)) == 10
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert stored_tiles(second, media) == {}


# --- Nothing hidden shows through -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(HIDDEN))
def test_a_hidden_photographs_tiles_are_404_for_the_public(client, staff_client, settings, state):
    photo = photograph(slug="quadrants", **HIDDEN[state])
    info = staff_client.get(f"{BASE}/info.json").json()
    requests = viewer_requests(info)
    assert len(requests) == 11
    for request in requests:
        assert client.get(f"{BASE}/{request}").status_code == 404, request
        staff = staff_client.get(f"{BASE}/{request}")
        assert staff.status_code == 200, request
        assert staff["Cache-Control"] == "private, no-store"
    # The files themselves have no address of their own.
    for path in stored_tiles(photo, Path(settings.MEDIA_ROOT)):
        relative = Path(path).relative_to(settings.MEDIA_ROOT)
        assert client.get(f"{settings.MEDIA_URL}{relative}").status_code == 404
        assert client.get(f"/media/{relative}").status_code == 404
