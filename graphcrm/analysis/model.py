"""How much a tie is worth today: strength → probability, decay with time, one configuration.

A request passes along a tie with a probability that grows with the tie's strength; a chain
of ties passes it with the product of their probabilities, so the best chain is the shortest
path under the cost ``-log p`` (Dijkstra, Yen). Ties cool without contact: the effective
strength slides back toward 1 ("we have met") with a half-life that depends on the tie's
level, evaluated as of a date:

    effective = 1 + (strength - 1) * 2 ** (-days_since_last_contact / half_life(level))

A tie with no last contact (neither ``last_contact`` nor an interaction between the two) is
taken at face value and flagged ``undated``: ``since`` says when it began, not when the two
last spoke. A reporting line (``REPORTS_TO``, and a dotted-line second superior) does not
decay (colleagues meet daily) and carries a request both ways, unequally: down, a superior
introduces us to a subordinate at ``reports_to_strength`` (3: "the director asked me to see
you"); up, a subordinate mentions us to their superior at ``reports_up_strength`` (2: they
pass a word up, they do not open the door). It is never a contact of ours: coverage
(:meth:`TieModel.coverage`) counts it as a route, never as a working tie. ``INFLUENCES`` carries a
request only from the influencer to the influenced, ``KNOWS`` and ``REFERRED`` both ways;
ties without a strength count as ``default_strength``. All of it lives in :class:`TieModel`.

Example
-------
>>> m = TieModel()
>>> m.probability(5), m.probability(1)
(0.95, 0.2)
>>> round(m.effective_strength(5, days=180, level=1), 2)  # business tie, half-life 180 d
3.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphcrm.domain import Coverage
from graphcrm.graph import REPORTING
from graphcrm.reports.paths import Hop

__all__ = ["TieModel", "Hop", "DEFAULT_MODEL", "as_date", "days_between", "UP", "DOWN"]

#: The way a request runs along a reporting line: from the subordinate up to the superior,
#: or from the superior down (the ``direction`` of a reporting :class:`Hop`).
UP, DOWN = "up", "down"


def as_date(value: str | dt.date | None) -> dt.date | None:
    """A date from ISO text (or a date); ``None`` stays ``None``. A date known only to the
    month is the middle of it (the 15th), one known only to the year its middle (1 July):
    the least wrong day to count decay from.

    >>> as_date("2026-11"), as_date("1998"), as_date("2026-11-20")
    (datetime.date(2026, 11, 15), datetime.date(1998, 7, 1), datetime.date(2026, 11, 20))
    """
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value)
    if len(text) == 7:
        return dt.date(int(text[:4]), int(text[5:7]), 15)
    if len(text) == 4:
        return dt.date(int(text), 7, 1)
    return dt.date.fromisoformat(text[:10])


def days_between(earlier: str | dt.date | None, later: dt.date) -> int | None:
    """Whole days from ``earlier`` to ``later`` (never negative); ``None`` if undated."""
    start = as_date(earlier)
    return None if start is None else max(0, (later - start).days)


@dataclass(frozen=True)
class TieModel:
    """Every number that turns ties into probabilities, in one place.

    Parameters
    ----------
    probabilities
        Probability that a request passes a tie of strength 1…5 (interpolated between).
    half_life_days
        Half-life of a tie's strength above 1, by level 1 (business) … 4 (family-like);
        ties without a level count as business ties.
    reports_to_strength, reports_up_strength
        Strength of a formal reporting line from the superior down (they can introduce us
        to their subordinate), and from the subordinate up (they can mention us to their
        superior).
    default_strength
        Strength of a tie recorded without a strength.
    weak_probability
        From this chain probability a route counts toward coverage; a weaker one is listed
        as weak, not counted (``gaps``). ``probability(cold_below)`` is above it, so a
        working tie is always a route that counts.
    known_well_probability
        From this tie probability (strength 3 or more, today) two people know each other
        well enough for one to introduce us to the other (``gaps``' introducers and plan).
    cadence_days
        How often each role should hear from us; ``other`` for every other role
        (``health``).
    cold_below
        A tie whose strength today falls below this, recorded at or above it, is cooling
        (``health``); a direct tie of one of ours at or above it is a *working tie*
        (:meth:`coverage`).
    coverage_weights
        What each coverage level (:class:`~graphcrm.domain.Coverage`) counts for in the
        coverage score: the score is the influence-weighted mean over the stakeholders.
    planned_strength
        The strength of a tie an introduction plan's step would make (the plan is checked
        by adding those ties and computing coverage again).
    high_influence
        Influence (1–5) from which a stakeholder counts as powerful (``matrix``).
    unknown_influence
        The influence a stakeholder recorded without one counts as (every analysis).
    informant_weights
        The weight of each component of a key informant's score (``informants``).

    Every analysis reads its numbers from the model of the valued graph it is given: one
    table, one place (``graphcrm.open(store, model=TieModel(...))`` changes them for every
    question and the map).
    """

    probabilities: tuple[float, float, float, float, float] = (0.2, 0.4, 0.6, 0.8, 0.95)
    half_life_days: tuple[int, int, int, int] = (180, 365, 730, 1460)
    reports_to_strength: float = 3.0
    reports_up_strength: float = 2.0
    default_strength: float = 3.0
    weak_probability: float = 0.3
    known_well_probability: float = 0.6
    cadence_days: dict[str, int] = field(
        default_factory=lambda: {"decision_maker": 14, "informant": 7, "other": 30}
    )
    cold_below: float = 2.5
    high_influence: int = 4
    unknown_influence: int = 3
    informant_weights: dict[str, float] = field(default_factory=lambda: {
        "access": 0.30, "our_tie": 0.25, "brokerage": 0.15, "structural_holes": 0.10,
        "stance_fit": 0.20})
    coverage_weights: dict[str, float] = field(default_factory=lambda: {
        Coverage.IN_DEPTH.value: 1.0, Coverage.CONTACTED.value: 0.7,
        Coverage.REACHABLE.value: 0.4, Coverage.CONTESTED.value: 0.1,
        Coverage.UNCOVERED.value: 0.0})
    planned_strength: float = 3.0

    def coverage(self, working: int, routes: int, blocked: int) -> Coverage:
        """The coverage level of a stakeholder, the one rule (:class:`Coverage`).

        Parameters
        ----------
        working
            How many of us hold a working tie to them: a direct tie, not a reporting line,
            whose strength today is at least ``cold_below``.
        routes
            How many node-independent routes that count (chain probability at least
            ``weak_probability``, within the hop limit, through nobody who opposes or
            doubts us and no competitor's person) reach them; a working tie is one.
        blocked
            How many routes that count there would be if opponents, skeptics and
            competitors' people were let through.

        Returns
        -------
        Coverage
            ``in_depth`` when two of us hold working ties, or one does and a second,
            independent route counts; ``contacted`` when one of us holds a working tie;
            ``reachable`` when routes count but none of us has a working tie;
            ``contested`` when the only routes run through people against us;
            ``uncovered`` otherwise.

        Examples
        --------
        >>> m = TieModel()
        >>> [m.coverage(*c).value for c in [(2, 2, 0), (1, 2, 0), (1, 1, 0), (0, 3, 0),
        ...                                 (0, 0, 1), (0, 0, 0)]]
        ['in_depth', 'in_depth', 'contacted', 'reachable', 'contested', 'uncovered']
        """
        if working >= 2 or (working and routes >= 2):
            return Coverage.IN_DEPTH
        if working:
            return Coverage.CONTACTED
        if routes:
            return Coverage.REACHABLE
        return Coverage.CONTESTED if blocked else Coverage.UNCOVERED

    def working(self, strength_today: float) -> bool:
        """Whether a direct tie of this strength today is a working tie (not cold).

        >>> TieModel().working(2.5), TieModel().working(2.4)
        (True, False)
        """
        return strength_today >= self.cold_below

    def influence(self, recorded: int | None) -> int:
        """A stakeholder's influence, counting one recorded without as
        ``unknown_influence``.

        >>> TieModel().influence(None), TieModel().influence(5)
        (3, 5)
        """
        return recorded or self.unknown_influence

    def probability(self, strength: float) -> float:
        """Probability for a (possibly fractional) strength between 1 and 5."""
        s = min(5.0, max(1.0, float(strength)))
        low = math.floor(s)
        if low >= 5:
            return self.probabilities[4]
        a, b = self.probabilities[low - 1], self.probabilities[low]
        return round(a + (b - a) * (s - low), 6)

    def half_life(self, level: int | None) -> int:
        """Half-life in days of a tie of ``level`` (1–4; None = business)."""
        return self.half_life_days[(level or 1) - 1]

    def effective_strength(self, strength: float, days: int | None, level: int | None) -> float:
        """Strength after ``days`` without contact (``None`` days: undated, face value)."""
        if days is None:
            return float(strength)
        return 1 + (float(strength) - 1) * 2 ** (-days / self.half_life(level))

    def cadence(self, roles: list[str]) -> tuple[int, str]:
        """The strictest contact cadence among ``roles``, with the role that sets it."""
        options = [(self.cadence_days.get(r, self.cadence_days["other"]), r) for r in roles]
        return min(options) if options else (self.cadence_days["other"], "other")

    def hop(self, source: str, target: str, data: Mapping[str, Any], as_of: dt.date) -> Hop:
        """Value one tie (edge attributes ``data`` of the people graph) as of ``as_of``."""
        kind = data["type"]
        direction = None
        if kind in REPORTING:  # recorded subordinate → superior: up, unless said otherwise
            direction = data.get("direction", UP)
            line = self.reports_up_strength if direction == UP else self.reports_to_strength
            strength: float | None = line
            effective, days, undated = line, None, False
        else:
            strength = data.get("strength")
            base = strength if strength is not None else self.default_strength
            days = days_between(data.get("last_contact"), as_of)
            undated = days is None
            effective = self.effective_strength(base, days, data.get("level"))
        return Hop(source, target, kind, strength, effective, data.get("level"),
                   data.get("last_contact"), self.probability(effective), undated, direction)


DEFAULT_MODEL = TieModel()
