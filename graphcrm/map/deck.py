"""The org chart as an editable PowerPoint slide (python-pptx): native shapes a bid team can
move and retype in PowerPoint or WPS.

One 16:9 slide: the title (the project's name) and the subtitle (customer, valuation date,
coverage, what is left out) as text boxes; a rectangle per organization or department band;
a rounded rectangle per card — its lines of text (name, title, roles, coverage …), filled with
the stance's colour and bordered as on the page; an elbow connector per reporting line and a
straight one per tie drawn over the chart, each bound to the two cards it joins (move a card
and its lines follow); the legend as text. Positions are the org chart's own
(:mod:`graphcrm.map.layout`), scaled to fill the slide: the same chart as the page, the PNG
and the PDF.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from graphcrm.atomic import replacing
from graphcrm.map.anchors import extent
from graphcrm.map.layout import CARD_HEIGHT, CARD_WIDTH

__all__ = ["write_deck", "SLIDE_INCHES"]

#: A 16:9 slide, in inches (PowerPoint's default widescreen).
SLIDE_INCHES = (13.333, 7.5)
#: The chart's frame on the slide (inches): below the title, left of the legend.
_FRAME = (0.3, 1.05, 10.9, 6.25)
_LEGEND = (11.35, 1.05, 1.8, 6.25)


def _rgb(color: str) -> Any:
    from pptx.dml.color import RGBColor

    color = color.lstrip("#")
    return RGBColor.from_string(color.upper() if len(color) == 6 else "9E9E9E")


def _text(shape: Any, lines: list[str], size: float, *, bold_first: bool = False,
          color: str = "#1A1A1A") -> None:
    from pptx.util import Pt

    frame = shape.text_frame
    frame.word_wrap = True
    for margin in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, margin, Pt(max(1.0, size * 0.35)))
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold_first and i == 0
        run.font.color.rgb = _rgb(color)


def _count_ids(shapes: Any) -> None:
    """Give the slide's shape tree a counter for new shape ids. python-pptx finds the next
    id by searching every shape already on the slide (an XPath over the tree per shape:
    quadratic — 22 of the 29 s a 500-card chart took); the slide is ours alone while it is
    written, so counting from the largest id there is the same ids, in linear time."""
    base = type(shapes)

    class Counted(base):  # type: ignore[valid-type,misc]
        @property
        def _next_shape_id(self) -> int:
            self._graphcrm_last += 1
            return int(self._graphcrm_last)

    last = base._next_shape_id.fget(shapes)
    shapes.__class__ = Counted
    shapes._graphcrm_last = last - 1


def write_deck(data: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write the org chart of the map ``data`` (:func:`graphcrm.map.data.map_data`, an org
    chart's) as one editable 16:9 slide to ``path`` (atomically).

    Parameters
    ----------
    data
        The map's data: nodes with positions (``x``, ``y``), card text (``label``) and
        colours; edges with their layer (``tree``: reporting lines; ``overlay``: ties drawn
        over the chart); ``meta`` with the title, subtitle, bands and legend.
    path
        The ``.pptx`` file to write.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> data = {"nodes": [{"id": "n0", "label": "★ 王建国\\n总经理", "x": 0, "y": 0,
    ...                    "color": {"background": "#ffffff", "border": "#607d8b"}}],
    ...         "edges": [], "meta": {"title": "T", "subtitle": "S", "bands": [],
    ...                               "legend": []}}
    >>> out = write_deck(data, pathlib.Path(tempfile.mkdtemp()) / "chart.pptx")
    >>> from pptx import Presentation
    >>> [s.name for s in Presentation(out).slides[0].shapes]
    ['title', 'subtitle', 'card n0', 'legend']
    """
    from pptx import Presentation
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_INCHES[0]), Inches(SLIDE_INCHES[1])
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _count_ids(slide.shapes)
    meta = data["meta"]
    title = slide.shapes.add_textbox(Inches(0.3), Inches(0.15), Inches(12.7), Inches(0.5))
    title.name = "title"
    _text(title, [str(meta.get("title") or "")], 24, bold_first=True)
    subtitle = slide.shapes.add_textbox(Inches(0.3), Inches(0.62), Inches(12.7), Inches(0.4))
    subtitle.name = "subtitle"
    _text(subtitle, [str(meta.get("subtitle") or "")], 10, color="#555555")

    nodes = [n for n in data["nodes"] if "x" in n and "y" in n]
    bands = meta.get("bands") or []
    shown = extent(nodes, bands, tuple(meta["frame"]) if meta.get("frame") else None)
    left, top, right, bottom = shown or (0.0, 0.0, 1.0, 1.0)
    width, height = right - left or 1.0, bottom - top or 1.0
    emu_per_unit = min(Inches(_FRAME[2]) / width, Inches(_FRAME[3]) / height)
    # from the top left: a chart that grew along the side the slide has room on keeps every
    # card where last week's slide had it
    x0, y0 = Inches(_FRAME[0]), Inches(_FRAME[1])

    def at(x: float, y: float) -> tuple[Emu, Emu]:
        return Emu(int(x0 + (x - left) * emu_per_unit)), Emu(int(y0 + (y - top) * emu_per_unit))

    def span(length: float) -> Emu:
        return Emu(max(1, int(length * emu_per_unit)))

    points_per_unit = emu_per_unit / 12700  # 12,700 EMU to the point
    for band in bands:  # behind everything
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *at(band["x"], band["y"]),
                                       span(band["width"]), span(band["height"]))
        shape.name = f"band {band.get('label') or band.get('kind')}"
        shape.fill.background()
        shape.line.color.rgb = _rgb(str(band.get("color") or "#9E9E9E"))
        shape.line.width = Pt(0.75)
        shape.shadow.inherit = False
        _text(shape, [str(band.get("label") or "")], max(4.0, 11 * points_per_unit),
              color=str(band.get("color") or "#555555"))
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    cards = {}
    for node in nodes:
        x, y = at(node["x"] - CARD_WIDTH / 2, node["y"] - CARD_HEIGHT / 2)
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, span(CARD_WIDTH),
                                       span(CARD_HEIGHT))
        shape.name = f"card {node['id']}"
        colour = node.get("color") or {}
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(str(colour.get("background") or "#FFFFFF"))
        shape.line.color.rgb = _rgb(str(colour.get("border") or "#607D8B"))
        shape.line.width = Pt(max(0.5, float(node.get("borderWidth") or 1) * 0.75))
        shape.shadow.inherit = False
        lines = [line for line in str(node.get("label") or "").split("\n") if line]
        _text(shape, lines, max(3.0, 12 * points_per_unit), bold_first=True)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        cards[node["id"]] = shape
    for edge in data["edges"]:
        start, end = cards.get(edge.get("from")), cards.get(edge.get("to"))
        if start is None or end is None or edge.get("hidden"):
            continue
        tree = edge.get("layer") == "tree"
        line = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW if tree else MSO_CONNECTOR.STRAIGHT,
                                          0, 0, 0, 0)
        line.name = f"{'reports' if tree else 'tie'} {edge['from']}-{edge['to']}"
        if tree:  # from the report's top to the superior's bottom (sites: 0 top, 2 bottom)
            line.begin_connect(start, 0)
            line.end_connect(end, 2)
        else:
            line.begin_connect(start, 3)
            line.end_connect(end, 1)
        colour = (edge.get("color") or {}).get("color") or "#8D8D8D"
        line.line.color.rgb = _rgb(str(colour))
        # thin, as on a printed org chart: the cards carry the story, not the lines
        line.line.width = Pt(0.75 if tree else min(1.5, 0.4 + 0.2 * float(edge.get("width") or 1)))
    legend = slide.shapes.add_textbox(*(Inches(v) for v in _LEGEND))
    legend.name = "legend"
    legend.text_frame.word_wrap = True
    for i, row in enumerate(meta.get("legend") or []):
        paragraph = legend.text_frame.paragraphs[0] if i == 0 \
            else legend.text_frame.add_paragraph()
        swatch = row.get("color") or row.get("line") or row.get("border") or "#333333"
        for text, colour in ((f"{row.get('symbol') or '■'} ", swatch),  # the colour it explains
                             (str(row["label"]), "#333333")):
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(7)
            run.font.color.rgb = _rgb(str(colour))
    with replacing(path) as temporary:
        deck.save(str(temporary))
    return Path(path)
