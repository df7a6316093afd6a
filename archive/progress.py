"""Progress of long management commands: a bar on a terminal, a line every few seconds elsewhere.

On a terminal the bar is drawn again on each step. Anywhere else (a log file, a pipe, systemd's
journal) a plain line is printed at most every `interval` seconds (VITRINE_PROGRESS_INTERVAL,
5 by default; 0: on every step), so a long phase still shows in the log that it is moving:

    document: 120,000/316,000 indexed (38%), 2,210/s, 54 s so far, about 89 s to go

Every line is flushed at once: a redirected stdout would otherwise keep it in its buffer.
"""

import time
from typing import IO

from django.conf import settings
from django.core.management.base import OutputWrapper


class Progress:
    """Counts the steps of one phase (`progress(count)`), and says so (module docstring);
    `finish()` prints the summary line."""

    def __init__(
        self,
        label: str,
        total: int,
        stream: IO[str] | OutputWrapper,
        *,
        verb: str = "indexed",
        interval: float | None = None,
    ) -> None:
        self.label, self.total, self.done, self.stream = label, total, 0, stream
        self.verb = verb
        self.interval = settings.VITRINE_PROGRESS_INTERVAL if interval is None else interval
        self.started = self.printed = time.monotonic()
        self.printed_done = 0
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        whole = max(self.total, 1)
        if self.tty:
            width = 30
            filled = min(int(width * self.done / whole), width)
            self._write(
                f"\r{self.label:<11} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done:>9,}/{self.total:,}  {rate:,.0f}/s"
            )
        elif now - self.printed >= self.interval and self.done != self.printed_done:
            self.printed, self.printed_done = now, self.done
            left = max(self.total - self.done, 0)
            to_go = f", about {left / rate:,.0f} s to go" if left and rate else ""
            self._write(
                f"{self.label}: {self.done:,}/{self.total:,} {self.verb} "
                f"({100 * self.done / whole:.0f}%), {rate:,.0f}/s, "
                f"{elapsed:,.0f} s so far{to_go}\n"
            )

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        end = "\n" if self.tty else ""
        self._write(f"{end}{self.label}: {self.done:,} {self.verb} in {elapsed:.1f} s\n")

    def _write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")  # it would end a bar's line
        else:
            self.stream.write(text)
        self.stream.flush()
