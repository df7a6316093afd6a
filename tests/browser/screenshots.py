"""Screenshots of the pages the browser tests visit, for a person to look at.

Set VITRINE_SCREENSHOTS to a folder (e.g. /tmp/shots) and every page is saved there, whole, as
PNG named after the page and the viewport width; unset, nothing is written.
"""

import os
from pathlib import Path


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot of `page` as NAME.png when VITRINE_SCREENSHOTS is set."""
    folder = os.environ.get("VITRINE_SCREENSHOTS", "")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
