"""The colours graphcrm draws with, defined once for the map and the exports.

Organization kinds fill a person's mark; stances colour its border on the map and, in a
GEXF or GraphML export, the node itself (a stance says more about a stakeholder than their
employer does); tie types colour the lines.
"""

from __future__ import annotations

__all__ = ["KIND_COLOR", "STANCE_COLOR", "TIE_COLOR", "PATH_COLOR", "rgb"]

KIND_COLOR = {"own": "#2e7d32", "customer": "#1565c0", "partner": "#ef6c00",
              "competitor": "#c62828", "other": "#757575"}
STANCE_COLOR = {"champion": "#1b5e20", "supporter": "#66bb6a", "neutral": "#9e9e9e",
                "skeptic": "#fb8c00", "opponent": "#b71c1c"}
TIE_COLOR = {"KNOWS": "#90a4ae", "INFLUENCES": "#8e24aa", "REFERRED": "#00897b",
             "REPORTS_TO": "#bdbdbd"}
PATH_COLOR = "#f9a825"


def rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers.

    >>> rgb("#1565c0")
    (21, 101, 192)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
