"""The interactive stakeholder map: one self-contained HTML page, in a file or a notebook.

:func:`stakeholder_map` builds it from the people graph (see :mod:`graphcrm.map.data` for
what it shows and :mod:`graphcrm.map.page` for how it stays safe and offline).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

from graphcrm.analysis.valued import ValuedGraph
from graphcrm.atomic import replacing
from graphcrm.errors import BadArgument
from graphcrm.map.anchors import Previous
from graphcrm.map.data import MapSettings, map_data, organization_map_data
from graphcrm.map.orgchart import read_positions
from graphcrm.map.page import PAPER_SIZES, render_page
from graphcrm.stores.base import OrganizationSummary
from graphcrm.words import Said

__all__ = ["StakeholderMap", "MapSettings", "stakeholder_map", "organization_map",
           "read_positions"]


class StakeholderMap:
    """A rendered map: ``html`` is the page; it shows itself inline in Jupyter.

    Example
    -------
    >>> import networkx as nx
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph(projects={}, organizations={})
    >>> G.add_node("a", name="Ana", org_id="o", org_name="O", org_kind="customer",
    ...            projects={}, last_interaction=None)
    >>> m = stakeholder_map(value(G, dt.date(2026, 1, 1)))
    >>> m.node_count, "<iframe" in m._repr_html_()
    (1, True)
    """

    def __init__(self, data: dict) -> None:
        self.data = data
        self.html = render_page(data)

    @property
    def node_count(self) -> int:
        """How many nodes the page shows."""
        return len(self.data["nodes"])

    @property
    def edge_count(self) -> int:
        """How many edges the page shows."""
        return len(self.data["edges"])

    def keeping(self, slide: StakeholderMap | Previous | None) -> StakeholderMap:
        """This page, keeping the places of the slide written with it (its key people's
        chart: a map, or the part an earlier page kept), so that the next slide laid out
        against this page (``positions=``) keeps them where they stood."""
        from graphcrm.map.anchors import slide_part

        part = slide_part(slide.data) if isinstance(slide, StakeholderMap) else \
            slide.part() if slide is not None else {}
        if not part or self.data["meta"].get("layout") != "orgchart":
            return self
        return StakeholderMap({**self.data, "meta": {**self.data["meta"], "slide": part}})

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` atomically (never a half-written file); return the path."""
        with replacing(path) as temporary:
            temporary.write_text(self.html, encoding="utf-8")
        return Path(path)

    def png(self, path: str | os.PathLike[str]) -> Path:
        """Render the map to a PNG through headless Chromium (for slides and bid documents):
        title, customer, valuation date, the map and its legend."""
        from graphcrm.map.png import render_png

        render_png(render_page(self.data, slide=True), Path(path))
        return Path(path)

    def pdf(self, path: str | os.PathLike[str], paper: str = "a4") -> Path:
        """Print the map to a one-page landscape PDF through headless Chromium's print to
        PDF, on ``paper`` ``"a4"`` or ``"16:9"`` (a slide): title, customer, valuation date,
        the map and its legend, as text a PDF reader can search — an org chart drawn in
        vector, every card's name and title real text (:mod:`graphcrm.map.vector`)."""
        from graphcrm.map.png import render_pdf
        from graphcrm.map.vector import render_print_page

        chart = self.data["meta"].get("layout") == "orgchart"  # an org chart: drawn in vector
        page = render_print_page(self.data, paper) if chart else \
            render_page(self.data, paper, slide=True)
        render_pdf(page, Path(path), size=PAPER_SIZES[paper][1])
        return Path(path)

    def pptx(self, path: str | os.PathLike[str]) -> Path:
        """Write the org chart as one editable 16:9 PowerPoint slide (also opens in WPS):
        a native shape per card and per band, connectors bound to the cards for reporting
        lines and ties, the title, subtitle and legend as text
        (:func:`graphcrm.map.deck.write_deck`). Only an org chart has a slide's layout."""
        from graphcrm.map.deck import write_deck

        if self.data["meta"].get("layout") != "orgchart":
            raise BadArgument(Said("error.pptx_orgchart"))
        return write_deck(self.data, path)

    def picture(self) -> Any:
        """The map as a static PNG picture for a notebook (``IPython.display.Image``): a
        notebook that stays small and renders on GitHub, where the interactive page (a few
        hundred kilobytes inline) would not. Rendered through headless Chromium."""
        import tempfile

        from IPython.display import Image

        with tempfile.TemporaryDirectory(prefix="graphcrm-picture-") as folder:
            data = self.png(Path(folder) / "map.png").read_bytes()
        return Image(data=data, format="png")

    def _repr_html_(self) -> str:
        """An iframe with the page in ``srcdoc`` (JupyterLab, VS Code: no file needed)."""
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                'style="width:100%;height:640px;border:1px solid #ddd" '
                'sandbox="allow-scripts allow-downloads"></iframe>')


def stakeholder_map(V: ValuedGraph, settings: MapSettings | None = None) -> StakeholderMap:
    """Build the map of the valued graph ``V`` (a project's neighbourhood, or a whole
    network)."""
    return StakeholderMap(map_data(V, settings or MapSettings()))


def organization_map(summary: OrganizationSummary, as_of: dt.date,
                     settings: MapSettings | None = None) -> StakeholderMap:
    """The organization view from a store's :meth:`~graphcrm.stores.Store.organization_summary`."""
    return StakeholderMap(organization_map_data(summary, as_of, settings or MapSettings()))
