"""Time the ingest of one large original (default 6000 × 4000 JPEG, photograph-like content):
validation by decoding, checksum, metadata, the display derivatives with the thumbnail, and
print the figures and the process's peak memory. Files go to an in-memory storage: nothing is
written to the media storage or the database."""

import io
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

from archive import derivatives, images


def photo_like(width: int, height: int, fmt: str) -> bytes:
    """Smooth gradients, shapes and fine grain: compresses like a real photograph, not a card."""
    small = Image.linear_gradient("L").resize((width // 8, height // 8))
    base = Image.merge("RGB", (small, small.rotate(90).resize(small.size), small.transpose(0)))
    draw = ImageDraw.Draw(base)
    for i in range(40):
        x, y = (i * 997) % base.width, (i * 631) % base.height
        draw.ellipse((x, y, x + base.width // 6, y + base.height // 5), fill=(i * 6, 90, 200 - i))
    image = base.resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 18).convert("RGB")
    image = Image.blend(image, grain, 0.12)
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 90}, "TIFF": {"compression": "tiff_deflate"}}
    image.save(buffer, fmt, **options.get(fmt, {}))
    return buffer.getvalue()


def _draw_to(path: str, width: int, height: int, fmt: str) -> None:
    Path(path).write_bytes(photo_like(width, height, fmt))


def draw_apart(width: int, height: int, fmt: str) -> bytes:
    """Draw the original in a forked process, so its drawing does not count in our peak."""
    with tempfile.NamedTemporaryFile(suffix=".img") as target:
        process = multiprocessing.get_context("fork").Process(
            target=_draw_to, args=(target.name, width, height, fmt)
        )
        process.start()
        process.join()
        return Path(target.name).read_bytes()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--width", type=int, default=6000)
        parser.add_argument("--height", type=int, default=4000)
        parser.add_argument("--format", default="JPEG", choices=sorted(images.ACCEPTED_FORMATS))
        parser.add_argument("--repeat", type=int, default=3)

    @staticmethod
    def ingest_once(data: bytes) -> list[tuple[str, float]]:
        """Each ingest step on a fresh upload, with its duration in seconds."""
        upload = ContentFile(data, name="original")
        storage = InMemoryStorage()
        steps = {
            "validate (decode)": lambda: images.validate_image_file(upload),
            "SHA-256": lambda: images.stream_fixity(upload),
            "metadata": lambda: images.read_metadata(upload),
            # As at ingest: the eight derivatives and the thumbnail from one decoding.
            "derivatives+thumb": lambda: derivatives.derive(upload, "0" * 64, storage),
        }
        timings = []
        for label, step in steps.items():
            started = time.perf_counter()
            step()
            timings.append((label, time.perf_counter() - started))
        return timings

    def handle(self, *args, **options) -> None:
        width, height, fmt = options["width"], options["height"], options["format"]
        self.stdout.write(f"Drawing a {width}×{height} {fmt} original…")
        data = draw_apart(width, height, fmt)
        before = peak_mib()
        self.stdout.write(
            f"{len(data) / 1e6:.1f} MB; derivatives {derivatives.WIDTHS} px wide in "
            f"{', '.join(derivatives.FORMATS)}; peak RSS so far {before:.0f} MiB"
        )
        rows: dict[str, list[float]] = {}
        for _ in range(options["repeat"]):
            for label, seconds in self.ingest_once(data):
                rows.setdefault(label, []).append(seconds)
        total = [sum(times) for times in zip(*rows.values(), strict=True)]
        self.stdout.write(f"{'step':<20} {'median s':>9} {'best s':>8}")
        for label, times in [*rows.items(), ("whole ingest", total)]:
            ordered = sorted(times)
            median = ordered[len(ordered) // 2]
            self.stdout.write(f"{label:<20} {median:>9.2f} {ordered[0]:>8.2f}")
        self.stdout.write(f"peak RSS {peak_mib():.0f} MiB (+{peak_mib() - before:.0f} MiB)")
