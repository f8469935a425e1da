"""The stakeholder matrix: every stakeholder by influence and stance, in four quadrants.

A power/interest grid read for a bid: power is the stakeholder's influence in the project
(``high`` from ``high_influence`` on), interest is how strongly they lean either way (a stance
other than neutral). The quadrants say what to do:

=================  ============================  ==================
                   leans (champion … opponent)   neutral or unknown
=================  ============================  ==================
high influence     manage closely                keep satisfied
low influence      keep informed                 monitor
=================  ============================  ==================

Each row carries the stakeholder's coverage level, single thread and best chain from
:func:`graphcrm.analysis.gaps.coverage_gaps`, and the table opens with the coverage score as
``gaps`` says it, so a bid review starts from one table.
"""

from __future__ import annotations

from graphcrm.analysis.gaps import GapsResult, coverage_gaps
from graphcrm.analysis.network import require_project, roles_of
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import Role, Stance
from graphcrm.reports.matrix import QUADRANTS, MatrixResult

__all__ = ["stakeholder_matrix", "MatrixResult", "QUADRANTS"]


def stakeholder_matrix(
    V: ValuedGraph,
    project: str,
    *,
    high_influence: int | None = None,
    gaps: GapsResult | None = None,
) -> MatrixResult:
    """Place every stakeholder of ``project`` (our bid team aside) in a quadrant.

    Parameters
    ----------
    V
        The valued graph (:func:`~graphcrm.analysis.valued.value`).
    project
        The project id.
    high_influence
        Influence from which a stakeholder counts as powerful (default: the model's
        ``high_influence``).
    gaps
        The project's coverage, when already computed on ``V`` (computed here otherwise).

    Returns
    -------
    MatrixResult
        One row per stakeholder: ``quadrant``, ``person_id``, ``name``, ``organization``,
        ``roles``, ``influence``,
        ``stance``, ``stance_score``, ``coverage`` and ``best_strength`` (for decision-making
        stakeholders), ordered by quadrant and influence.

    Example
    -------
    >>> import datetime as dt, networkx as nx
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph(projects={"P": {"customer_id": "c"}})
    >>> G.add_node("a", name="A", org_kind="customer", org_name="C", projects={"P": {
    ...     "roles": ["user"], "influence": 5, "stance": "champion"}})
    >>> stakeholder_matrix(value(G, dt.date(2026, 1, 1)), "P").to_frame()["quadrant"].tolist()
    ['manage closely']
    """
    G = V.people
    require_project(G, project)
    covered = gaps or coverage_gaps(V, project, plan=False)  # the levels, not the plan
    coverage = {r["person_id"]: r for r in covered.stakeholder_rows}
    rows = []
    for person, data in G.nodes(data=True):
        roles = [r for r in roles_of(G, person, project) if r != Role.BID_TEAM.value]
        if not roles:
            continue
        entry = data["projects"][project]
        influence = V.model.influence(entry["influence"])
        score = Stance(entry["stance"]).score if entry["stance"] else 0
        high, leans = influence >= (high_influence or V.model.high_influence), score != 0
        quadrant = QUADRANTS[(0 if high else 2) + (0 if leans else 1)]
        rows.append({
            "quadrant": quadrant, "person_id": person, "name": data["name"],
            "organization": data.get("org_name"), "roles": roles, "influence": influence,
            "stance": entry["stance"] or "unknown", "stance_score": score,
            "leaning": entry.get("leaning"),
            "owner_id": entry.get("owner") if entry.get("owner") in G else None,
            "owner_name": G.nodes[entry["owner"]]["name"] if entry.get("owner") in G else None,
            "coverage": coverage.get(person, {}).get("coverage"),
            "single_thread": coverage.get(person, {}).get("broker_names") or None,
            "best_strength": coverage.get(person, {}).get("best_strength"),
        })
    order = {q: i for i, q in enumerate(QUADRANTS)}
    rows.sort(key=lambda r: (order[r["quadrant"]], -r["influence"], r["name"]))
    return MatrixResult(project, rows, covered.score)


