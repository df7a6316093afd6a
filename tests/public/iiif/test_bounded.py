"""Bounded image work (public/iiif/throttle.py): upscaling capped at IIIF_MAX_UPSCALE times an
image's size, render slots shared by every process of the machine (503 + Retry-After when none is
free), a rate limit per client address for drawings (429 + Retry-After), none of which applies to
cached images or to the tiles made at ingest, and none of which reveals a hidden image."""

import os
import subprocess
import sys
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings

from public.iiif import image_api, throttle
from public.iiif.request import Limits
from tests.public.iiif.conftest import opened, photograph
from tests.public.iiif.test_private import HIDDEN
from tests.test_settings import run

pytestmark = pytest.mark.django_db

BASE = "/iiif/image/quadrants"
# A period no test outlives: every count of a test falls in one window.
LONG_PERIOD = 10**9


@pytest.fixture
def photo():
    return photograph()  # 1200 × 800


def fresh(number: int) -> str:
    """A drawing nothing has asked for before (a width of its own, from 100: none of the
    sizes made at ingest of a 1200 × 800 image, which are 300 and 600 wide)."""
    return f"{BASE}/full/{100 + number},/0/default.jpg"


# --- Upscaling --------------------------------------------------------------------------------


class TestUpscaleCap:
    def test_info_json_states_each_images_own_limits(self, client, photo, settings):
        info = client.get(f"{BASE}/info.json").json()
        assert (info["maxWidth"], info["maxHeight"], info["maxArea"]) == (2400, 1600, 3_840_000)
        assert "sizeUpscaling" in info["extraFeatures"]  # up to those limits
        settings.IIIF_MAX_UPSCALE = 1
        info = client.get(f"{BASE}/info.json").json()
        assert (info["maxWidth"], info["maxHeight"], info["maxArea"]) == (1200, 800, 960_000)

    def test_a_large_image_keeps_the_servers_limits(self, client):
        photograph(slug="large", width=3000, height=2500)
        info = client.get("/iiif/image/large/info.json").json()
        assert (info["maxWidth"], info["maxHeight"], info["maxArea"]) == (4000, 4000, 12_000_000)

    @pytest.mark.parametrize(
        "size", ["^2401,", "^,1601", "^pct:201", "^!3000,3000", "^3464,3464", "^2400,1601"]
    )
    def test_an_upscale_beyond_the_images_limits_is_refused_with_the_reason(
        self, client, photo, size
    ):
        response = client.get(f"{BASE}/full/{size}/0/default.jpg")
        assert response.status_code == 400
        reason = response.content.decode()
        assert reason.startswith("size: ")
        assert "this image's limit of 2400 × 1600" in reason
        assert "enlarged to 2 times its own size at most" in reason

    def test_the_attack_of_the_report_is_refused_before_any_drawing(
        self, client, photo, monkeypatch
    ):
        monkeypatch.setattr(image_api, "render", _must_not_be_called)
        response = client.get(f"{BASE}/full/^3464,3464/33/gray.webp")
        assert response.status_code == 400

    def test_up_to_the_limits_is_drawn(self, client, photo):
        response = client.get(f"{BASE}/full/^2400,/0/default.jpg")
        assert response.status_code == 200
        assert opened(response).size == (2400, 1600)

    @pytest.mark.parametrize(
        ("region", "expected"),
        [("full", (2400, 1600)), ("0,0,100,100", (1600, 1600)), ("0,0,600,200", (2400, 800))],
    )
    def test_upscaled_max_is_clamped_to_the_limits(self, client, photo, region, expected):
        response = client.get(f"{BASE}/{region}/^max/0/default.jpg")
        assert response.status_code == 200
        assert opened(response).size == expected

    def test_the_factor_is_a_setting(self, client, photo, settings):
        settings.IIIF_MAX_UPSCALE = 3
        response = client.get(f"{BASE}/full/^max/0/default.jpg")
        assert opened(response).size == (3600, 2400)
        settings.IIIF_MAX_UPSCALE = 1
        assert client.get(f"{BASE}/full/^1201,/0/default.jpg").status_code == 400
        assert opened(client.get(f"{BASE}/full/^max/0/default.jpg")).size == (1200, 800)

    def test_limits_for_an_image(self, settings):
        settings.IIIF_MAX_WIDTH, settings.IIIF_MAX_HEIGHT = 4000, 4000
        settings.IIIF_MAX_AREA = 10**7
        assert Limits.for_image(1000, 500) == Limits(2000, 1000, 2_000_000, upscale=2)
        assert Limits.for_image(3000, 100) == Limits(4000, 200, 800_000, upscale=2)
        assert Limits.for_image(3000, 2000) == Limits(4000, 4000, 10**7)  # the server's


# --- Render slots -----------------------------------------------------------------------------

HOLDER = """
import sys
import django
django.setup()
from public.iiif import throttle
with throttle.render_slot(int(sys.argv[1])) as free:
    print("held" if free else "none", flush=True)
    sys.stdin.read()
"""


@contextmanager
def slot_held_elsewhere(slots: int = 1, pixels: int = 0):
    """One render slot held by another process (the project's own code, in a new Python), to
    draw `pixels` pixels, until the block ends (or the process it yields is told to end)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        IIIF_RENDER_LOCK_DIR=str(throttle.slot_directory()),
        IIIF_RENDER_SLOTS=str(slots),
        IIIF_RENDER_WAIT_MS="0",
    )
    holder = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", HOLDER, str(pixels)],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        release(holder)


def release(holder: subprocess.Popen) -> None:
    if not holder.stdin.closed:
        holder.stdin.close()
    holder.wait(timeout=30)


@pytest.fixture
def short_wait(settings):
    settings.IIIF_RENDER_SLOTS = 1
    settings.IIIF_RENDER_WAIT_MS = 50


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("called, but should not have been")


class TestRenderSlots:
    def test_no_free_slot_is_503_with_retry_after(self, client, photo, short_wait):
        with slot_held_elsewhere():
            response = client.get(fresh(1))
        assert response.status_code == 503
        assert response["Retry-After"] == str(throttle.BUSY_RETRY_AFTER)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "private, no-store"
        assert "busy" in response.content.decode()
        # Released (the holder ended), the same request is drawn.
        assert client.get(fresh(1)).status_code == 200

    def test_cached_images_and_stored_tiles_need_no_slot(
        self, client, photo, short_wait, monkeypatch
    ):
        assert client.get(fresh(2)).status_code == 200
        with slot_held_elsewhere():
            monkeypatch.setattr(image_api, "render", _must_not_be_called)
            assert client.get(fresh(2)).status_code == 200  # from the cache
            tile = client.get(f"{BASE}/0,0,512,512/512,512/0/default.jpg")  # made at ingest
            assert tile.status_code == 200

    def test_the_slots_are_counted_across_processes(self, client, photo, settings):
        settings.IIIF_RENDER_SLOTS, settings.IIIF_RENDER_WAIT_MS = 2, 50
        with slot_held_elsewhere(slots=2):
            assert client.get(fresh(3)).status_code == 200  # the second slot
            with slot_held_elsewhere(slots=2):
                assert client.get(fresh(4)).status_code == 503

    def test_a_request_waits_while_the_slots_draw_small_images(
        self, client, photo, settings, monkeypatch
    ):
        """A tile's worth of drawing ends soon: the request waits, trying again after each pause;
        here the other process lets go during the first pause."""
        settings.IIIF_RENDER_SLOTS, settings.IIIF_RENDER_WAIT_MS = 1, 600_000
        with slot_held_elsewhere(pixels=512 * 512) as holder:
            pauses = []
            monkeypatch.setattr(throttle, "_pause", lambda s: pauses.append(release(holder)))
            assert client.get(fresh(5)).status_code == 200
        assert len(pauses) == 1

    def test_no_wait_while_every_slot_draws_a_large_image(
        self, client, photo, settings, monkeypatch
    ):
        """A large drawing takes seconds: waiting would only hold this worker too."""
        settings.IIIF_RENDER_SLOTS, settings.IIIF_RENDER_WAIT_MS = 1, 600_000
        with slot_held_elsewhere(pixels=throttle.SMALL_DRAWING + 1):
            monkeypatch.setattr(throttle, "_pause", _must_not_be_called)
            response = client.get(fresh(6))
        assert response.status_code == 503
        assert response["Retry-After"] == str(throttle.BUSY_RETRY_AFTER)

    def test_threads_of_one_process_share_the_slots(self, short_wait):
        with throttle.render_slot() as first, throttle.render_slot() as second:
            assert (first, second) == (True, False)
        with throttle.render_slot() as again:
            assert again

    def test_a_slot_freed_during_the_wait_is_taken(self, settings, short_wait, monkeypatch):
        """The waiting request tries again after each pause: here the holder lets go during the
        first pause, and the next try gets the slot."""
        settings.IIIF_RENDER_WAIT_MS = 60_000
        holder = throttle.render_slot()
        assert holder.__enter__()
        pauses = []

        def pause(seconds):
            pauses.append(seconds)
            holder.__exit__(None, None, None)

        monkeypatch.setattr(throttle, "_pause", pause)
        with throttle.render_slot() as free:
            assert free
        assert len(pauses) == 1

    def test_no_cap_when_slots_is_zero(self, settings):
        settings.IIIF_RENDER_SLOTS = 0
        with throttle.render_slot() as first, throttle.render_slot() as second:
            assert first and second


# --- Rate limit -------------------------------------------------------------------------------


@pytest.fixture
def two_per_client(settings):
    settings.IIIF_RATE_LIMIT_RENDERS = 2
    settings.IIIF_RATE_LIMIT_PERIOD = LONG_PERIOD


class TestRateLimit:
    def test_an_anonymous_client_beyond_its_drawings_gets_429(self, client, photo, two_per_client):
        assert client.get(fresh(1)).status_code == 200
        assert client.get(fresh(2)).status_code == 200
        refused = client.get(fresh(3))
        assert refused.status_code == 429
        assert 1 <= int(refused["Retry-After"]) <= LONG_PERIOD
        assert refused["Access-Control-Allow-Origin"] == "*"
        assert refused["Cache-Control"] == "private, no-store"
        assert "Too many images" in refused.content.decode()
        # What is drawn already, or was made at ingest, is still served.
        assert client.get(fresh(1)).status_code == 200
        assert client.get(f"{BASE}/0,0,512,512/512,512/0/default.jpg").status_code == 200
        assert client.get(f"{BASE}/info.json").status_code == 200

    def test_each_address_has_its_own_count(self, client, photo, two_per_client):
        for number in range(3):
            client.get(fresh(number), REMOTE_ADDR="10.0.0.1")
        assert client.get(fresh(1), REMOTE_ADDR="10.0.0.1").status_code == 200  # cached
        assert client.get(fresh(9), REMOTE_ADDR="10.0.0.1").status_code == 429
        assert client.get(fresh(10), REMOTE_ADDR="10.0.0.2").status_code == 200

    def test_an_ipv6_client_counts_by_its_64_network(self, client, photo, two_per_client):
        client.get(fresh(1), REMOTE_ADDR="2001:db8:1:2::a")
        client.get(fresh(2), REMOTE_ADDR="2001:db8:1:2::b")
        assert client.get(fresh(3), REMOTE_ADDR="2001:db8:1:2:ffff::c").status_code == 429
        assert client.get(fresh(4), REMOTE_ADDR="2001:db8:1:3::a").status_code == 200

    def test_staff_are_not_limited(self, staff_client, photo, two_per_client):
        for number in range(5):
            assert staff_client.get(fresh(number)).status_code == 200

    def test_zero_means_no_limit(self, client, photo, settings):
        settings.IIIF_RATE_LIMIT_RENDERS = 0
        for number in range(4):
            assert client.get(fresh(number)).status_code == 200

    def test_the_count_is_shared_by_processes_sharing_the_cache(
        self, client, photo, settings, tmp_path
    ):
        """Another process (a second gunicorn worker) draws twice for 10.9.9.9 through the same
        file-based cache: this process refuses that address's next drawing."""
        location = tmp_path / "iiif-cache"
        backend = "django.core.cache.backends.filebased.FileBasedCache"
        settings.CACHES = {
            **settings.CACHES,
            "iiif": {"BACKEND": backend, "LOCATION": str(location)},
        }
        settings.IIIF_RATE_LIMIT_RENDERS, settings.IIIF_RATE_LIMIT_PERIOD = 2, LONG_PERIOD
        counter = (
            "import django; django.setup()\n"
            "from django.contrib.auth.models import AnonymousUser\n"
            "from django.test import RequestFactory\n"
            "from public.iiif import throttle\n"
            "request = RequestFactory().get('/', REMOTE_ADDR='10.9.9.9')\n"
            "request.user = AnonymousUser()\n"
            "print([throttle.retry_after(request) for _ in range(2)])\n"
        )
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            IIIF_CACHE_BACKEND=backend,
            IIIF_CACHE_LOCATION=str(location),
            IIIF_RATE_LIMIT_RENDERS="2",
            IIIF_RATE_LIMIT_PERIOD=str(LONG_PERIOD),
        )
        result = subprocess.run(  # noqa: S603 (fixed arguments)
            [sys.executable, "-c", counter],
            cwd=django_settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert result.stdout.strip() == "[None, None]"
        assert client.get(fresh(1), REMOTE_ADDR="10.9.9.9").status_code == 429
        assert client.get(fresh(1), REMOTE_ADDR="10.9.9.8").status_code == 200


# --- Nothing hidden shows through ---------------------------------------------------------------


@pytest.mark.parametrize("state", list(HIDDEN))
def test_a_hidden_image_is_404_even_when_the_limits_would_refuse(
    client, state, two_per_client, short_wait
):
    """Refusals (429, 503) come after the visibility check: they never tell that a hidden image
    exists."""
    photograph(slug="hidden", **HIDDEN[state])
    photograph(slug="shown")
    for number in range(2):
        client.get(f"/iiif/image/shown/full/{100 + number},/0/default.jpg")
    with slot_held_elsewhere():
        assert client.get("/iiif/image/shown/full/299,/0/default.jpg").status_code == 429
        for url in (
            "/iiif/image/hidden/full/301,/0/default.jpg",
            "/iiif/image/hidden/0,0,512,512/512,512/0/default.jpg",
            "/iiif/image/hidden/full/^2400,/0/default.jpg",
            "/iiif/image/hidden/full/^9999,/0/default.jpg",
        ):
            assert client.get(url).status_code == 404, url


# --- Settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("IIIF_MAX_UPSCALE", "0", "IIIF_MAX_UPSCALE and IIIF_RATE_LIMIT_PERIOD must be at least 1"),
        ("IIIF_RATE_LIMIT_PERIOD", "0", "must be at least 1"),
        ("IIIF_RENDER_SLOTS", "-1", "must not be negative"),
        ("IIIF_RATE_LIMIT_RENDERS", "-5", "must not be negative"),
    ],
)
def test_impossible_settings_are_refused_at_start(variable, value, message):
    result = run(
        ["-c", "from django.conf import settings; settings.IIIF_MAX_UPSCALE"], **{variable: value}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_lock_directory_is_under_the_project_unless_absolute(tmp_path):
    code = "from django.conf import settings; print(settings.IIIF_RENDER_LOCK_DIR)"
    assert run(["-c", code]).stdout.strip() == str(django_settings.BASE_DIR / "var/iiif-render")
    relative = run(["-c", code], IIIF_RENDER_LOCK_DIR="run/slots").stdout.strip()
    assert relative == str(django_settings.BASE_DIR / "run/slots")
    assert run(["-c", code], IIIF_RENDER_LOCK_DIR=str(tmp_path)).stdout.strip() == str(tmp_path)
