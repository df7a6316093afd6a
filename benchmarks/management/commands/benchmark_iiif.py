"""Benchmark the IIIF image service on a large original: image information, first and cached
tiles, a thumbnail, and memory.

    manage.py benchmark_iiif --width 6000 --height 4000 --repeat 5

Draws a photograph-like JPEG of the given size with Pillow, stores it through the storage API as
a published photograph (slug "bench-iiif"), and requests through Django's test client, as a
viewer would: info.json, tiles at full resolution and at 1/4 and 1/8 scale, a 480-pixel
thumbnail and `full/max`. "First" requests empty the IIIF cache before each one (the image is
drawn from the original); "cached" requests repeat one tile from the cache. Memory: the peak of
Python allocations (tracemalloc) during one first request, and the process's peak resident size
(getrusage), which includes Pillow's pixel buffers. The photograph and its files are deleted at
the end. Use a development database: the command writes to the database it is given.
"""

import io
import resource
import statistics
import time
import tracemalloc

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.test import Client
from PIL import Image, ImageDraw, ImageFilter

from archive import images
from archive.models import Photograph, Status
from benchmarks.management.commands.benchmark_pages import django_test_environment

SLUG = "bench-iiif"


def draw_original(width: int, height: int) -> bytes:
    """A JPEG with photograph-like detail (noise, gradients, shapes), so decoding costs what a
    real photograph's does."""
    noise = Image.effect_noise((width, height), 40).filter(ImageFilter.GaussianBlur(1))
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5)))
    draw = ImageDraw.Draw(image)
    for index in range(0, width, max(1, width // 24)):
        draw.ellipse((index, height // 4, index + width // 30, height // 4 + width // 30), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


class Command(BaseCommand):
    help = "Time IIIF info.json, first and cached tiles and a thumbnail on a large original."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--width", type=int, default=6000, help="original width (pixels)")
        parser.add_argument("--height", type=int, default=4000, help="original height")
        parser.add_argument("--repeat", type=int, default=5, help="timed requests per line")

    def handle(self, *args, width: int, height: int, repeat: int, **options) -> None:
        Photograph.objects.filter(slug=SLUG).delete()
        started = time.perf_counter()
        content = draw_original(width, height)
        self.stdout.write(
            f"original: {width} × {height} JPEG, {len(content) / 1e6:.1f} MB "
            f"(drawn in {time.perf_counter() - started:.1f} s)"
        )
        started = time.perf_counter()
        photograph = Photograph.objects.create(
            slug=SLUG,
            title="IIIF benchmark original",
            alt_text="Noise and gradients drawn for the IIIF benchmark.",
            status=Status.PUBLISHED,
            image=ContentFile(content, name=f"{SLUG}.jpg"),
        )
        self.stdout.write(
            f"ingest (fixity, thumbnail): {(time.perf_counter() - started) * 1000:.0f} ms"
        )
        try:
            with django_test_environment():
                self.measure(photograph, repeat)
        finally:
            for field in (photograph.image, photograph.thumbnail):
                if field:
                    field.storage.delete(field.name)
            photograph.delete()

    def timed(self, client: Client, url: str, *, cold: bool) -> float:
        if cold:
            caches["iiif"].clear()
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:200]}")
        return elapsed

    def line(self, label: str, client: Client, url: str, repeat: int, *, cold: bool) -> None:
        times = [self.timed(client, url, cold=cold) for _ in range(repeat)]
        self.stdout.write(
            f"{label:<34}{statistics.median(times):>9.1f}{max(times):>9.1f}"
            f"{max_rss_mb():>10.0f}  {url.removeprefix(f'/iiif/image/{SLUG}')}"
        )

    def measure(self, photograph: Photograph, repeat: int) -> None:
        client = Client()
        base = f"/iiif/image/{SLUG}"
        self.stdout.write(f"\n{'request':<34}{'median':>9}{'max':>9}{'RSS MB':>10}  (ms)")
        self.line("info.json, first", client, f"{base}/info.json", repeat, cold=True)
        self.line("info.json, repeated", client, f"{base}/info.json", repeat, cold=False)
        tiles = [
            ("tile 512 at full size, first", "0,0,512,512/512,/0/default.jpg"),
            ("tile at 1/4 (2048 px), first", "0,0,2048,2048/512,/0/default.jpg"),
            ("tile at 1/8 (4096 px), first", "0,0,4096,4096/512,/0/default.jpg"),
            ("thumbnail !480,480, first", "full/!480,480/0/default.jpg"),
            ("full/max, first", "full/max/0/default.jpg"),
        ]
        for label, request in tiles:
            self.line(label, client, f"{base}/{request}", repeat, cold=True)
        cached = f"{base}/0,0,512,512/512,/0/default.jpg"
        self.timed(client, cached, cold=True)
        self.line("tile 512, cached", client, cached, max(repeat, 20), cold=False)

        started = time.perf_counter()
        images.thumbnail_content(photograph.image)
        self.stdout.write(
            f"\nsite thumbnail (images.thumbnail_content): "
            f"{(time.perf_counter() - started) * 1000:.0f} ms"
        )
        for label, request in (tiles[0], tiles[-1]):
            caches["iiif"].clear()
            tracemalloc.start()
            client.get(f"{base}/{request}")
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.stdout.write(f"Python allocation peak, {label}: {peak / 1e6:.1f} MB")
        self.stdout.write(f"process peak resident size: {max_rss_mb():.0f} MB")
