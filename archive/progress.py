"""A progress bar for long management commands (a terminal line; a summary otherwise)."""

import time


class Progress:
    """A one-line progress bar on a terminal; plain lines otherwise."""

    def __init__(self, label: str, total: int, stream, *, verb: str = "indexed") -> None:
        self.label, self.total, self.done, self.stream = label, max(total, 1), 0, stream
        self.verb = verb
        self.started = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, count: int) -> None:
        self.done += count
        if self.tty:
            width = 30
            filled = int(width * self.done / self.total)
            rate = self.done / max(time.monotonic() - self.started, 1e-6)
            self.stream.write(
                f"\r{self.label:<11} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done:>9,}/{self.total:,}  {rate:,.0f}/s"
            )
            self.stream.flush()

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        end = "\n" if self.tty else ""
        self.stream.write(f"{end}{self.label}: {self.done:,} {self.verb} in {elapsed:.1f} s\n")
