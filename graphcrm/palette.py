"""The colours graphcrm draws with, defined once for the map and the exports.

Organization kinds fill a person's mark; stances colour its border on the map and, in a
GEXF or GraphML export, the node itself (a stance says more about a stakeholder than their
employer does); tie types colour the lines.
"""

from __future__ import annotations

from graphcrm.domain import REPORTS_TO, OrgKind, Stance, TieType

__all__ = ["KIND_COLOR", "STANCE_COLOR", "TIE_COLOR", "PATH_COLOR", "rgb"]

KIND_COLOR = {OrgKind.OWN.value: "#2e7d32", OrgKind.CUSTOMER.value: "#1565c0",
              OrgKind.PARTNER.value: "#ef6c00", OrgKind.COMPETITOR.value: "#c62828",
              OrgKind.OTHER.value: "#757575"}
STANCE_COLOR = {Stance.CHAMPION.value: "#1b5e20", Stance.SUPPORTER.value: "#66bb6a",
                Stance.NEUTRAL.value: "#9e9e9e", Stance.SKEPTIC.value: "#fb8c00",
                Stance.OPPONENT.value: "#b71c1c"}
TIE_COLOR = {TieType.KNOWS.value: "#90a4ae", TieType.INFLUENCES.value: "#8e24aa",
             TieType.REFERRED.value: "#00897b", TieType.DOTTED_LINE.value: "#6d6d6d",
             REPORTS_TO: "#bdbdbd"}  # the org chart
PATH_COLOR = "#f9a825"


def rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers.

    >>> rgb("#1565c0")
    (21, 101, 192)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
