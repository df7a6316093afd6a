"""IIIF Image API 3.0 level 2: image information, every request parameter, errors and the cache."""

import pytest
from PIL import Image

from archive.models import DocumentPage
from tests import factories
from tests.public.iiif.conftest import QUADRANTS, close, opened, page, photograph, quadrant_image

pytestmark = pytest.mark.django_db

BASE = "/iiif/image/quadrants"


@pytest.fixture
def photo():
    return photograph()


def get(client, path: str, **headers):
    return client.get(path, headers=headers)


class TestInformation:
    def test_info_json_describes_the_service(self, client, photo):
        response = get(client, f"{BASE}/info.json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Link"] == '<http://iiif.io/api/image/3/level2.json>;rel="profile"'
        info = response.json()
        assert info["@context"] == "http://iiif.io/api/image/3/context.json"
        assert info["id"] == "http://testserver/iiif/image/quadrants"
        assert info["type"] == "ImageService3"
        assert info["protocol"] == "http://iiif.io/api/image"
        assert info["profile"] == "level2"
        assert (info["width"], info["height"]) == (1200, 800)
        # Twice its own size at most (IIIF_MAX_UPSCALE), within the server's 4000 × 4000.
        assert (info["maxWidth"], info["maxHeight"], info["maxArea"]) == (2400, 1600, 3_840_000)
        assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]
        assert {"width": 300, "height": 200} in info["sizes"]
        assert info["extraFormats"] == ["webp"]
        assert info["extraQualities"] == ["color", "gray", "bitonal"]
        assert "mirroring" in info["extraFeatures"]
        assert "rotationArbitrary" in info["extraFeatures"]

    def test_json_ld_when_asked_for(self, client, photo):
        response = get(client, f"{BASE}/info.json", Accept="application/ld+json")
        assert response["Content-Type"] == (
            'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
        )
        assert "Accept" in response["Vary"]

    def test_limits_come_from_settings(self, client, photo, settings):
        settings.IIIF_MAX_WIDTH, settings.IIIF_MAX_HEIGHT, settings.IIIF_MAX_AREA = (
            800,
            600,
            400_000,
        )
        info = get(client, f"{BASE}/info.json").json()
        assert (info["maxWidth"], info["maxHeight"], info["maxArea"]) == (800, 600, 400_000)
        assert all(size["width"] * size["height"] <= 400_000 for size in info["sizes"])

    def test_rights_uri_of_the_record(self, client):
        rights = factories.RightsStatementFactory(
            uri="https://creativecommons.org/licenses/by/4.0/"
        )
        photograph(rights=rights)
        info = get(client, f"{BASE}/info.json").json()
        assert info["rights"] == "http://creativecommons.org/licenses/by/4.0/"

    def test_base_uri_redirects_to_info_json(self, client, photo):
        response = get(client, BASE)
        assert response.status_code == 303
        assert response["Location"] == f"{BASE}/info.json"
        assert response["Access-Control-Allow-Origin"] == "*"

    def test_exif_orientation_is_applied(self, client):
        exif = Image.Exif()
        exif[0x0112] = 6  # rotated a quarter clockwise when shown
        factories.PhotographFactory(
            slug="turned",
            image=factories.ContentFile(quadrant_image(1200, 800, exif=exif), name="t.jpg"),
        )
        info = get(client, "/iiif/image/turned/info.json").json()
        assert (info["width"], info["height"]) == (800, 1200)
        image = opened(get(client, "/iiif/image/turned/full/max/0/default.png"))
        assert image.size == (800, 1200)
        # Turned clockwise, the bottom-left quadrant is now at the top left.
        assert close(image.getpixel((10, 10)), QUADRANTS["bottom-left"])


class TestImageRequests:
    @pytest.mark.parametrize(
        ("region", "size", "expected_size", "corner"),
        [
            ("full", "max", (1200, 800), "top-left"),
            ("square", "max", (800, 800), "top-left"),
            ("600,0,600,400", "max", (600, 400), "top-right"),
            ("pct:0,50,50,50", "max", (600, 400), "bottom-left"),
            ("600,400,5000,5000", "max", (600, 400), "bottom-right"),  # clipped to the image
            ("full", "300,", (300, 200), "top-left"),
            ("full", ",100", (150, 100), "top-left"),
            ("full", "pct:25", (300, 200), "top-left"),
            ("full", "150,150", (150, 150), "top-left"),  # distorted, as asked
            ("full", "!300,300", (300, 200), "top-left"),
            ("full", "^2400,", (2400, 1600), "top-left"),
            ("full", "^pct:150", (1800, 1200), "top-left"),
            ("full", "^!2000,2000", (2000, 1333), "top-left"),
            # ^max: up to this image's limits, twice its size (IIIF_MAX_UPSCALE; test_bounded.py)
            ("0,0,600,400", "^max", (2400, 1600), "top-left"),
        ],
    )
    def test_region_and_size(self, client, photo, region, size, expected_size, corner):
        response = get(client, f"{BASE}/{region}/{size}/0/default.png")
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "image/png"
        image = opened(response)
        assert image.size == expected_size
        assert close(image.getpixel((5, 5)), QUADRANTS[corner])

    @pytest.mark.parametrize(
        ("rotation", "size", "corner"),
        [
            ("0", (1200, 800), "top-left"),
            ("90", (800, 1200), "bottom-left"),
            ("180", (1200, 800), "bottom-right"),
            ("270", (800, 1200), "top-right"),
            ("!0", (1200, 800), "top-right"),
            ("!180", (1200, 800), "bottom-left"),
            ("360", (1200, 800), "top-left"),
        ],
    )
    def test_rotation_and_mirroring(self, client, photo, rotation, size, corner):
        image = opened(get(client, f"{BASE}/full/max/{rotation}/default.png"))
        assert image.size == size
        assert close(image.getpixel((5, 5)), QUADRANTS[corner])

    def test_arbitrary_rotation_has_transparent_corners_in_png(self, client, photo):
        image = opened(get(client, f"{BASE}/full/300,/45/default.png"))
        assert image.mode == "RGBA"
        assert image.width > 300 and image.height > 200
        assert image.getpixel((0, 0))[3] == 0

    @pytest.mark.parametrize(
        ("quality", "modes"), [("default", {"RGB"}), ("color", {"RGB"}), ("gray", {"L"})]
    )
    def test_quality(self, client, photo, quality, modes):
        image = opened(get(client, f"{BASE}/full/120,/0/{quality}.png"))
        assert image.mode in modes

    def test_bitonal_is_black_and_white(self, client, photo):
        image = opened(get(client, f"{BASE}/full/120,/0/bitonal.png"))
        assert image.mode == "1"
        assert {colour for _, colour in image.convert("L").getcolors()} <= {0, 255}

    @pytest.mark.parametrize(
        ("fmt", "content_type", "pillow"),
        [
            ("jpg", "image/jpeg", "JPEG"),
            ("png", "image/png", "PNG"),
            ("webp", "image/webp", "WEBP"),
        ],
    )
    def test_formats(self, client, photo, fmt, content_type, pillow):
        response = get(client, f"{BASE}/full/200,/0/default.{fmt}")
        assert response["Content-Type"] == content_type
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "public, max-age=86400"
        assert opened(response).format == pillow

    def test_reduced_jpeg_decoding_gives_the_same_picture(self, client):
        """Large JPEGs are decoded at 1/2–1/8 scale for small outputs: same size, same content."""
        photograph(slug="large", width=4000, height=3000)
        image = opened(get(client, "/iiif/image/large/1000,750,2000,1500/250,/0/default.png"))
        assert image.size == (250, 188)
        assert close(image.getpixel((5, 5)), QUADRANTS["top-left"])
        assert close(image.getpixel((244, 182)), QUADRANTS["bottom-right"])
        assert close(image.getpixel((244, 5)), QUADRANTS["top-right"])

    def test_a_tile_like_a_viewer_asks_for(self, client, photo):
        info = get(client, f"{BASE}/info.json").json()
        tile = info["tiles"][0]["width"]
        image = opened(get(client, f"{BASE}/1024,512,176,288/176,/0/default.jpg"))
        assert image.size == (176, 288)
        assert tile == 512

    def test_document_page_images_are_served_too(self, client):
        document = factories.DocumentFactory(slug="letter")
        first = page(document, 0, "f. 1")
        identifier = f"letter~{first.pk}"
        info = get(client, f"/iiif/image/{identifier}/info.json").json()
        assert (info["width"], info["height"]) == (600, 900)
        assert info["id"] == f"http://testserver/iiif/image/{identifier}"
        image = opened(get(client, f"/iiif/image/{identifier}/full/60,/0/default.jpg"))
        assert image.size == (60, 90)


class TestCache:
    def test_a_drawn_image_is_served_from_the_cache(self, client, photo):
        url = f"{BASE}/0,0,512,512/256,/0/default.jpg"
        first = get(client, url)
        photo.image.storage.delete(photo.image.name)  # the original is gone: only the cache has it
        second = get(client, url)
        assert second.status_code == 200
        assert second.content == first.content

    def test_a_new_original_is_not_served_from_the_old_cache(self, client, photo):
        url = f"{BASE}/full/40,/0/default.png"
        before = opened(get(client, url)).getpixel((2, 2))
        photo.image = factories.image_file("new.jpg", width=1200, height=800, color="#ffffff")
        photo.save()
        after = opened(get(client, url)).getpixel((2, 2))
        assert before != after


class TestBadRequests:
    """Each bad request is a 400 with its reason in plain text, never a 500."""

    @pytest.mark.parametrize(
        ("path", "reason"),
        [
            ("nonsense/max/0/default.jpg", "region"),
            ("1,2,3/max/0/default.jpg", "region"),
            ("-1,0,10,10/max/0/default.jpg", "region"),
            ("pct:0,0,101,10/max/0/default.jpg", "region"),
            ("0,0,0,10/max/0/default.jpg", "region"),
            ("1200,0,10,10/max/0/default.jpg", "outside the image"),
            ("0,800,10,10/max/0/default.jpg", "outside the image"),
            ("pct:100,0,10,10/max/0/default.jpg", "zero size"),
            ("full/big/0/default.jpg", "size"),
            ("full/full/0/default.jpg", "size"),
            ("full/0,/0/default.jpg", "zero size"),
            ("full/,0/0/default.jpg", "zero size"),
            ("full/pct:0/0/default.jpg", "zero size"),
            ("full/pct:-5/0/default.jpg", "size"),
            ("full/!100,/0/default.jpg", "size"),
            ("full/1201,/0/default.jpg", "scaling up"),
            ("full/pct:101/0/default.jpg", "scaling up"),
            ("full/max/twelve/default.jpg", "rotation"),
            ("full/max/361/default.jpg", "rotation"),
            ("full/max/-90/default.jpg", "rotation"),
            ("full/max/0/sepia.jpg", "quality"),
            ("full/max/0/default.gif", "gif"),
            ("full/max/0/default.tiff", "tiff"),
            ("full/max/0/default", "format"),
            ("pct:nan,0,10,10/max/0/default.jpg", "finite"),
            ("full/^pct:inf/0/default.jpg", "finite"),
            ("full/pct:1e400/0/default.jpg", "finite"),
            ("full/max/nan/default.jpg", "finite"),
        ],
    )
    def test_bad_parameters(self, client, photo, path, reason):
        response = get(client, f"{BASE}/{path}")
        assert response.status_code == 400, response.content
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert reason.lower() in response.content.decode().lower()

    @pytest.mark.parametrize("size", ["^5000,", "^,5000", "^pct:500", "^4000,4000"])
    def test_sizes_above_the_limits(self, client, photo, size):
        response = get(client, f"{BASE}/full/{size}/0/default.jpg")
        assert response.status_code == 400
        assert "limit" in response.content.decode()

    def test_area_limit(self, client, photo, settings):
        settings.IIIF_MAX_AREA = 500_000
        response = get(client, f"{BASE}/full/1200,/0/default.jpg")
        assert response.status_code == 400
        assert "500,000 pixels" in response.content.decode()
        # max keeps inside the area limit
        image = opened(get(client, f"{BASE}/full/max/0/default.jpg"))
        assert image.width * image.height <= 500_000

    def test_unknown_identifier_is_404(self, client, photo):
        for path in ("nobody/info.json", "nobody/full/max/0/default.jpg", "nobody"):
            response = get(client, f"/iiif/image/{path}")
            assert response.status_code == 404
            assert response["Access-Control-Allow-Origin"] == "*"

    def test_bad_page_identifiers_are_404(self, client):
        document = factories.DocumentFactory(slug="letter")
        first = page(document)
        other = factories.DocumentFactory(slug="other")
        for identifier in ("letter~x", "letter~", f"other~{first.pk}", "~1", f"letter~{first.pk}9"):
            assert get(client, f"/iiif/image/{identifier}/info.json").status_code == 404
        assert other.pk and DocumentPage.objects.count() == 1

    def test_a_missing_original_is_404(self, client, photo):
        photo.image.storage.delete(photo.image.name)
        for path in ("info.json", "full/max/0/default.jpg"):
            response = get(client, f"{BASE}/{path}")
            assert response.status_code == 404
            assert "missing" in response.content.decode()

    def test_a_photograph_without_an_image_is_404(self, client):
        factories.PhotographFactory(slug="empty", image="")
        assert get(client, "/iiif/image/empty/info.json").status_code == 404

    def test_post_is_not_allowed(self, client, photo):
        assert client.post(f"{BASE}/info.json").status_code == 405
