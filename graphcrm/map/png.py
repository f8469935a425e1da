"""Render a map page to a PNG or a PDF through headless Chromium, where it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from graphcrm.atomic import replacing
from graphcrm.errors import GraphCRMError
from graphcrm.words import Said

__all__ = ["find_chromium", "render_png", "render_pdf"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The Chromium to use: ``GRAPHCRM_CHROMIUM``, else the first on the PATH."""
    chosen = os.environ.get("GRAPHCRM_CHROMIUM")
    if chosen:
        return chosen
    return next((found for name in _CANDIDATES if (found := shutil.which(name))), None)


def _chromium() -> str:
    chromium = find_chromium()
    if chromium is None:
        raise GraphCRMError(Said("error.no_chromium"))
    return chromium


def _run(page: str, target: Path, output: str, flags: list[str], wait_ms: int) -> None:
    """Open ``page`` in a headless Chromium with no network and a throwaway profile, let it
    lay itself out within ``wait_ms`` of virtual time, and write what ``output`` (a flag
    naming the file) produces to ``target`` atomically."""
    chromium = _chromium()
    with tempfile.TemporaryDirectory(prefix="graphcrm-shot-") as tmp:
        source = Path(tmp) / "map.html"
        source.write_text(page, encoding="utf-8")
        made = Path(tmp) / f"map{target.suffix or '.out'}"
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", f"--user-data-dir={Path(tmp) / 'profile'}",
            *flags, f"--virtual-time-budget={wait_ms}", f"{output}={made}", source.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
        if result.returncode != 0 or not made.exists() or not made.stat().st_size:
            raise GraphCRMError(Said("error.chromium", why=result.stderr[-300:]))
        with replacing(target) as temporary:
            shutil.copyfile(made, temporary)


#: A slide's picture: a 16:9 page of 1600 × 900 CSS pixels, drawn at twice the resolution
#: (3200 × 1800 pixels), so that a card's text stays sharp on a projector or zoomed in.
SLIDE, SCALE = (1600, 900), 2


def render_png(page: str, target: Path, *, width: int = SLIDE[0], height: int = SLIDE[1],
               scale: int = SCALE, wait_ms: int = 8000) -> None:
    """Write a picture of the HTML ``page`` to ``target`` (PNG) for a 16:9 slide: the title,
    the date, the map and the legend, ``width`` × ``height`` CSS pixels drawn at ``scale``
    device pixels each.

    Raises
    ------
    GraphCRMError
        No Chromium, or it failed to render.
    """
    _run(page, target, "--screenshot",
         [f"--window-size={width},{height}", f"--force-device-scale-factor={scale}"], wait_ms)


def render_pdf(page: str, target: Path, *, size: tuple[int, int] = (1123, 794),
               wait_ms: int = 8000) -> None:
    """Print the HTML ``page`` to ``target`` (PDF, one landscape page) with Chromium's print
    to PDF. ``size`` is the printed page in CSS pixels (the page's ``@page`` rule gives the
    paper): the window is made that size, so the map is laid out once, as printed. Its
    Chinese text reads as written (:func:`graphcrm.map.pdftext.fix_radicals`).

    Raises
    ------
    GraphCRMError
        No Chromium, or it failed to print.
    """
    _run(page, target, "--print-to-pdf",
         [f"--window-size={size[0]},{size[1]}", "--no-pdf-header-footer",
          "--force-device-scale-factor=2"], wait_ms)
    from graphcrm.map.pdftext import fix_radicals

    fix_radicals(target)  # 客户 searchable as 客户, not 客⼾
