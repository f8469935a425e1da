"""Render map data into one self-contained HTML page that opens from disk with no network.

Everything is inline: vis-network's JavaScript (from the pyvis wheel), the page's script and
style. The data travels as JSON in a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` escaped, and the page's script puts every user string on the page with
``textContent``. A Content-Security-Policy allows only the two inline scripts (by their
SHA-256) and inline styles, and no connection of any kind: nothing leaves the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

__all__ = ["render_page", "vis_network_js", "PAPER_SIZES"]

#: Each of :data:`graphcrm.domain.PAPERS` as printed (landscape): A4, and a 16:9 slide
#: (PowerPoint's 13.33 × 7.5 in), with the window size in CSS pixels that lays the page out
#: exactly as printed.
PAPER_SIZES = {"a4": ("297mm 210mm", (1123, 794)), "16:9": ("338.7mm 190.5mm", (1280, 720))}

_HERE = Path(__file__).resolve().parent


@cache
def vis_network_js() -> str:
    """vis-network's standalone build, as shipped inside the pyvis wheel."""
    path = files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON that cannot end its ``<script>`` block or open a tag or entity."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def render_page(data: dict[str, Any], paper: str = "a4", slide: bool = False) -> str:
    """The whole HTML page for map ``data`` (nodes, edges, options, meta), printing on
    ``paper`` (a key of :data:`PAPER_SIZES`). A ``slide`` page is the one pictures and PDFs
    are made of: no controls, the legend in a column beside the map."""
    vis, script = vis_network_js(), _asset("map.js")
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_sha256(vis)} {_sha256(script)}",
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    values = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(data["meta"]["title"]),
        "STYLE": _asset("map.css").replace("__GRAPHCRM_PAPER__", PAPER_SIZES[paper][0]),
        "DATA": _script_json(data),
        "SCRIPT": script,
        "BODY": "gc-slide" if slide else "",
        "VIS": vis,
    }
    # one pass over the template: inserted text (user data among it) is never scanned again
    return re.sub(r"__GRAPHCRM_([A-Z]+)__", lambda m: values[m.group(1)], _asset("template.html"))
