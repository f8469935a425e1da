"""Relationship health: ties going cold and stakeholders overdue for contact, as a call plan.

Two kinds of trouble, both judged as of a date with the :class:`TieModel`:

- a **cooling tie**: a tie between one of our people (the project's bid team, with a
  project) and a contact outside our company whose effective strength
  (decayed since the last contact) is below ``cold_below`` while its recorded strength is not;
- an **overdue stakeholder**: a project stakeholder whom none of our people has contacted
  within the cadence of their strictest role (decision makers every 14 days, informants
  every 7, others every 30, by default), or ever.

Each becomes a line of the plan: whom to call, by which of our people (the owner the team
assigned, else the one with the strongest tie to them today, else whoever starts the best
chain to them) and through whom when they have no tie of their own (``via``: "王明 经 赵老"),
and why, most urgent first. One line per person: every reason to call them, joined.
Urgency is days overdue over the cadence (never contacted counts as four cadences),
weighted by influence; for a cooling tie, the strength it has lost.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphcrm.analysis.model import days_between
from graphcrm.analysis.network import our_people, roles_of
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import OrgKind, Role, TieType
from graphcrm.graph import REPORTING, last_contacts
from graphcrm.reports.health import ContactPlan, reason_text

__all__ = ["contact_plan", "ContactPlan", "reason_text"]


def contact_plan(
    V: ValuedGraph,
    project: str | None = None,
    *,
    cold_below: float | None = None,
) -> ContactPlan:
    """Whom to call this week, by whom, and why.

    Parameters
    ----------
    V
        The valued graph (:func:`~graphcrm.analysis.valued.value`); cadences come from its
        model's ``cadence_days``.
    project
        Only this project's stakeholders and bid team (default: every project, all our people).
    cold_below
        A tie whose effective strength falls below this is cooling (default: the model's
        ``cold_below``).

    Returns
    -------
    ContactPlan
        One row per call, most urgent first: ``urgency``, ``person_id``, ``name``,
        ``organization``, ``by`` and ``by_name``,
        ``kind`` (``overdue`` or ``cooling``), ``reason``, ``last_contact``, ``days``.

    Example
    -------
    >>> import datetime as dt
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph(projects={"P": {}})
    >>> G.add_node("us", name="Us", org_kind="own", projects={}, last_interaction=None)
    >>> G.add_node("dm", name="DM", org_kind="customer", org_name="C", last_interaction=None,
    ...            projects={"P": {"roles": ["decision_maker"], "influence": 5}})
    >>> _ = G.add_edge("us", "dm", key="KNOWS", type="KNOWS", strength=4,
    ...                last_contact="2026-01-01")
    >>> plan = contact_plan(value(G, dt.date(2026, 3, 1)), "P")
    >>> plan.to_frame()[["name", "by_name", "kind"]].values.tolist()
    [['DM', 'Us', 'overdue']]
    """
    G, H, as_of, model = V.people, V.reach, V.as_of, V.model
    cold = model.cold_below if cold_below is None else cold_below
    ours = set(our_people(G, project))
    # sorted: among equal chains, the same one on every run (a set has no order)
    _, chains = nx.multi_source_dijkstra(H, sorted(ours), weight="cost") if ours else ({}, {})
    rows = []
    contacted = last_contacts(G)  # one pass over the ties, the same rule as the map's
    for person, data in G.nodes(data=True):
        if person in ours or data["org_kind"] == OrgKind.OWN:
            continue
        roles = [r for r in roles_of(G, person, project) if r != Role.BID_TEAM.value]
        if not roles:
            continue
        last = contacted[person]
        cadence, role = model.cadence(roles)
        days = days_between(last, as_of)
        step = _next_step(data, project)
        late = step is not None and step[1] < as_of.isoformat()  # the team's own next step
        if days is not None and days <= cadence and not late:
            continue
        influence = max((model.influence(e["influence"]) for p, e in data["projects"].items()
                         if project in (None, p)), default=model.unknown_influence)
        best = _best_of_ours(H, ours, chains, person)
        owner = _owner(G, data, project)
        by = owner or best  # the one the team assigned (我方负责人) calls first
        via = _via(H, by, person, chains) if by else []
        why: list[tuple[str, dict[str, Any]]] = []
        if days is None or days > cadence:
            why.append(("health.overdue", {"role": Role(role), "days": days,
                                           "cadence": cadence}) if days is not None else
                       ("health.never", {"role": Role(role), "cadence": cadence}))
        if late and step is not None:
            why.append(("health.step_overdue", {"step": step[0], "due": step[1]}))
        if owner and not H.has_edge(owner, person):
            why.append(("health.owner_no_tie", {"owner": G.nodes[owner]["name"],
                                                "best": G.nodes[best]["name"] if best else "—"}))
        overdue = max(0.0, ((days if days is not None else 4 * cadence) - cadence) / cadence)
        rows.append({  # one line per person: every reason to call them, joined
            "urgency": round((overdue + (1 if late else 0)) * influence / 5, 2),
            "person_id": person, "name": data["name"], "organization": data.get("org_name"),
            "by_id": by, "by_name": G.nodes[by]["name"] if by else None,
            "via": [G.nodes[n]["name"] for n in via],
            "kind": "overdue" if why[0][0] != "health.step_overdue" else "next step overdue",
            "_why": why, "last_contact": last, "days": days,
        })
    for u, v, tie in G.edges(data=True):
        if tie["type"] in REPORTING or tie.get("strength") is None:
            continue
        if (u in ours) == (v in ours):
            continue
        mine, contact = (u, v) if u in ours else (v, u)
        if G.nodes[contact]["org_kind"] == OrgKind.OWN:
            continue
        hop = V.tie(mine, contact, tie)
        if hop.undated or hop.effective_strength >= cold or tie["strength"] < cold:
            continue
        days = days_between(tie.get("last_contact"), as_of)
        rows.append({
            "urgency": round(tie["strength"] - hop.effective_strength, 2),
            "person_id": contact, "name": G.nodes[contact]["name"],
            "organization": G.nodes[contact].get("org_name"),
            "by_id": mine, "by_name": G.nodes[mine]["name"], "via": [], "kind": "cooling",
            "_why": [("health.cooling", {"tie": TieType(tie["type"]), "old": tie["strength"],
                                         "now": hop.effective_strength, "days": days})],
            "last_contact": tie.get("last_contact"), "days": days,
        })
    rows.sort(key=lambda r: (-r["urgency"], r["name"]))
    return ContactPlan(project, rows)


def _owner(G: nx.MultiDiGraph, data: dict[str, Any], project: str | None) -> str | None:
    """The one of ours the team assigned to this person (我方负责人), when in post."""
    owners = sorted({e["owner"] for p, e in data["projects"].items()
                     if project in (None, p) and e.get("owner") and e["owner"] in G})
    return owners[0] if owners else None


def _next_step(data: dict[str, Any], project: str | None) -> tuple[str, str] | None:
    """The person's next step and its due date (the earliest due), if the team set one."""
    steps = sorted((str(e["due"]), str(e.get("next_step") or "")) for p, e in
                   data["projects"].items() if project in (None, p) and e.get("due"))
    return (steps[0][1], steps[0][0]) if steps else None


def _via(H: nx.DiGraph, by: str, person: str, chains: dict[str, list[str]]) -> list[str]:
    """Who stands between ``by`` and ``person`` when ``by`` has no tie of their own to
    them: the best chain's people in between (``by``'s own best chain, when the best chain
    from all of us starts elsewhere)."""
    if H.has_edge(by, person):
        return []
    chain = chains.get(person) or []
    if not chain or chain[0] != by:
        try:
            chain = nx.dijkstra_path(H, by, person, weight="cost")
        except nx.NetworkXNoPath:
            return []
    return chain[1:-1]


def _best_of_ours(H: nx.DiGraph, ours: set[str], chains: dict[str, list[str]],
                  person: str) -> str | None:
    """Which of our people has the strongest tie to ``person`` today; failing a direct tie,
    who starts the best chain to them (None: nobody reaches them)."""
    direct = [(H[o][person]["p"], o) for o in sorted(ours) if H.has_edge(o, person)]
    if direct:
        return max(direct)[1]
    chain = chains.get(person)
    return chain[0] if chain else None
