"""Render a map page to a PNG through headless Chromium, where Chromium is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from graphcrm.atomic import replacing
from graphcrm.errors import GraphCRMError

__all__ = ["find_chromium", "render_png"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The Chromium to use: ``GRAPHCRM_CHROMIUM``, else the first on the PATH."""
    chosen = os.environ.get("GRAPHCRM_CHROMIUM")
    if chosen:
        return chosen
    return next((found for name in _CANDIDATES if (found := shutil.which(name))), None)


def render_png(page: str, target: Path, *, width: int = 1600, height: int = 1000,
               wait_ms: int = 8000) -> None:
    """Write a screenshot of the HTML ``page`` to ``target`` (PNG).

    The page lays itself out within ``wait_ms`` of virtual time; the browser runs with no
    network and a throwaway profile.

    Raises
    ------
    GraphCRMError
        No Chromium, or it failed to render.
    """
    chromium = find_chromium()
    if chromium is None:
        raise GraphCRMError("--png needs Chromium (install the chromium package, or set "
                            "GRAPHCRM_CHROMIUM to a Chrome or Chromium executable)")
    with tempfile.TemporaryDirectory(prefix="graphcrm-png-") as tmp:
        source = Path(tmp) / "map.html"
        source.write_text(page, encoding="utf-8")
        shot = Path(tmp) / "map.png"
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--window-size={width},{height}", f"--virtual-time-budget={wait_ms}",
            f"--screenshot={shot}", source.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or not shot.exists():
            raise GraphCRMError(f"Chromium could not render the map: {result.stderr[-300:]}")
        with replacing(target) as temporary:
            shutil.copyfile(shot, temporary)
