"""The org chart as a printed page of vector drawing and real text: the PDF for a slide or a
handout, whose names a reader can select, copy and search.

The interactive page draws on a canvas, which a PDF can only hold as a picture. For print,
the same data — the org chart's card positions, card lines and colours, bands, reporting
lines and ties (:func:`graphcrm.map.data.map_data`) — is drawn as inline SVG in a static
page with no script at all: Chromium prints it as shapes and text. Every user string is
escaped.
"""

from __future__ import annotations

import html
from typing import Any

from graphcrm.map.anchors import extent
from graphcrm.map.layout import CARD_HEIGHT, CARD_WIDTH
from graphcrm.map.page import PAPER_SIZES

__all__ = ["render_print_page"]

_FACE = "'Noto Sans CJK SC', 'Microsoft YaHei', system-ui, sans-serif"
_W, _H = CARD_WIDTH - 12, CARD_HEIGHT - 12  # a card as drawn, inside its layout cell


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _colour(value: object, fallback: str) -> str:
    text = str(value or "")
    return text if text.startswith("#") and len(text) in (4, 7) and all(
        c in "0123456789abcdefABCDEF" for c in text[1:]) else fallback


def _svg(data: dict[str, Any]) -> str:
    nodes = {n["id"]: n for n in data["nodes"] if "x" in n and "y" in n}
    bands = data["meta"].get("bands") or []
    frame = data["meta"].get("frame")
    shown = extent(list(nodes.values()), bands, tuple(frame) if frame else None)
    if shown is None:
        return "<svg xmlns='http://www.w3.org/2000/svg'></svg>"
    left, top = shown[0] - 10, shown[1] - 10
    width, height = shown[2] - shown[0] + 20, shown[3] - shown[1] + 20
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='{left:.0f} {top:.0f} "
           f"{width:.0f} {height:.0f}' preserveAspectRatio='xMinYMin meet' "
           f"font-family=\"{_FACE}\">"]
    for band in bands:
        colour = _colour(band.get("color"), "#9e9e9e")
        organization = band.get("kind") == "organization"
        dashes = "" if organization else ' stroke-dasharray="6 4"'
        out.append(f"<rect x='{band['x']:.1f}' y='{band['y']:.1f}' width='{band['width']:.1f}' "
                   f"height='{band['height']:.1f}' fill='{colour}' fill-opacity='"
                   f"{0.07 if organization else 0.05}' stroke='{colour}' stroke-width='"
                   f"{2 if organization else 1}'{dashes}/>")
        out.append(f"<text x='{band['x'] + 10:.1f}' y='{band['y'] + 21:.1f}' font-size='"
                   f"{16 if organization else 13}' font-weight='{600 if organization else 400}' "
                   f"fill='{colour if organization else '#555555'}'>{_e(band.get('label', ''))}"
                   "</text>")
    for edge in data["edges"]:
        start, end = nodes.get(edge.get("from")), nodes.get(edge.get("to"))
        if start is None or end is None or edge.get("hidden"):
            continue
        colour = _colour((edge.get("color") or {}).get("color"), "#8d8d8d")
        if edge.get("layer") == "tree":  # down from the superior's card to the report's
            middle = (start["y"] - _H / 2 + end["y"] + _H / 2) / 2
            out.append(f"<path d='M{end['x']:.1f},{end['y'] + _H / 2:.1f} V{middle:.1f} "
                       f"H{start['x']:.1f} V{start['y'] - _H / 2:.1f}' fill='none' "
                       f"stroke='{colour}' stroke-width='1.5'/>")
            continue
        dashes = " stroke-dasharray='8 6'" if edge.get("dashes") else ""
        out.append(f"<line x1='{start['x']:.1f}' y1='{start['y']:.1f}' x2='{end['x']:.1f}' "
                   f"y2='{end['y']:.1f}' stroke='{colour}' stroke-opacity='0.8' stroke-width='"
                   f"{min(3.0, float(edge.get('width') or 1)):.1f}'{dashes}/>")
    for node in nodes.values():
        fill = node.get("color") or {}
        dashed = ' stroke-dasharray="5 4"' if (node.get("shapeProperties") or {}).get(
            "borderDashes") else ""
        x, y = node["x"] - _W / 2, node["y"] - _H / 2
        out.append(f"<rect x='{x:.1f}' y='{y:.1f}' width='{_W:.0f}' height='{_H:.0f}' rx='6' "
                   f"fill='{_colour(fill.get('background'), '#ffffff')}' "
                   f"stroke='{_colour(fill.get('border'), '#607d8b')}' stroke-width='"
                   f"{float(node.get('borderWidth') or 1):.1f}'{dashed}/>")
        lines = [line for line in str(node.get("label") or "").split("\n") if line]
        bold = ' font-weight="600"'
        spans = "".join(
            f"<tspan x='{x + 8:.1f}' dy='{15 if i else 0}'{'' if i else bold}>{_e(line)}"
            "</tspan>" for i, line in enumerate(lines))
        out.append(f"<text x='{x + 8:.1f}' y='{y + 18:.1f}' font-size='12' fill='#1a1a1a'>"
                   f"{spans}</text>")
    out.append("</svg>")
    return "".join(out)


def render_print_page(data: dict[str, Any], paper: str = "a4") -> str:
    """A static page for print: the title and subtitle, the org chart as SVG, the legend.

    >>> page = render_print_page({"nodes": [{"id": "n0", "x": 0, "y": 0,
    ...     "label": "王<建国>"}], "edges": [], "meta": {"title": "T", "subtitle": "S",
    ...     "bands": [], "legend": []}})
    >>> "王&lt;建国&gt;" in page and "<script" not in page
    True
    """
    meta = data["meta"]
    rows = meta.get("legend") or []
    swatches = [_colour(r.get("color") or r.get("line") or r.get("border"), "#333333")
                for r in rows]
    legend = "".join(
        f"<li><span style='color:{swatch}'>{_e(row.get('symbol') or '■')}</span> "
        f"{_e(row.get('label', ''))}</li>" for row, swatch in zip(rows, swatches, strict=True))
    size = PAPER_SIZES.get(paper, PAPER_SIZES["a4"])[0]
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{_e(meta.get('title', ''))}</title>
<style>
@page {{ size: {size}; margin: 0; }}
html, body {{ margin: 0; height: 100%; font-family: {_FACE}; color: #1a1a1a; }}
body {{ display: flex; flex-direction: column; padding: 8mm 10mm; box-sizing: border-box; }}
h1 {{ font-size: 20pt; margin: 0 0 2mm; }}
p {{ font-size: 9pt; color: #555; margin: 0 0 3mm; }}
main {{ flex: 1; display: flex; min-height: 0; gap: 4mm; }}
svg {{ flex: 1; min-width: 0; height: 100%; }}
ul {{ list-style: none; margin: 0; padding: 0; font-size: 7pt; width: 48mm; }}
li {{ margin: 0 0 0.6mm; }}
</style></head>
<body><h1>{_e(meta.get('title', ''))}</h1><p>{_e(meta.get('subtitle', ''))}</p>
<main>{_svg(data)}<ul>{legend}</ul></main></body></html>
"""
