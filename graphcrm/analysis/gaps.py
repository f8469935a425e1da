"""Coverage gaps: which decision-making stakeholders we reach, weakly, through one person, or not.

For each decision-making stakeholder of a project (decision makers, evaluators, procurement,
influencers) this finds the best chain from our people (Dijkstra on ``-log p``) and the
number of node-independent routes to them within the hop limit: by Menger's theorem, the
size of a minimum node cut between our people (joined to one source) and them
(:func:`networkx.algorithms.connectivity.local_node_connectivity`). With one route, every
route passes the same person: the broker, found as the minimum node cut.

Status, in this order: ``uncovered`` (no route), ``single-threaded`` (one route: if the broker
leaves, we lose access), ``weak`` (best chain below the model's ``weak_probability``),
``covered``. The coverage score is the influence-weighted share of covered stakeholders.

The introduction plan picks new relationships (one of our people meets a contact) that cover
every uncovered or single-threaded stakeholder, by greedy weighted set cover: repeatedly the
contact who covers the most remaining influence (Chvátal 1979; within a factor ln n of the
smallest plan). A contact covers a stakeholder by being them, or by knowing them well while
not being their present broker. Likely new ties are ranked by the Adamic–Adar index
(Adamic & Adar 2003, :func:`networkx.adamic_adar_index`).

References
----------
K. Menger, "Zur allgemeinen Kurventheorie", Fundamenta Mathematicae 10, 1927.
V. Chvátal, "A greedy heuristic for the set-covering problem", Math. of OR 4(3), 1979.
L. Adamic, E. Adar, "Friends and neighbors on the Web", Social Networks 25(3), 2003.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
from networkx.algorithms.connectivity import local_node_connectivity, minimum_st_node_cut

from graphcrm.analysis.network import (
    arc_cost,
    chain_region,
    competitor_staff,
    decision_stakeholders,
    hop_distances,
    our_people,
    region_graph,
    require_project,
    roles_of,
)
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import OrgKind, Role
from graphcrm.results import Block, Part, Result, plain
from graphcrm.words import joined, vocab, word

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GapsResult", "coverage_gaps", "adamic_adar", "contacts", "STATUSES"]

STATUSES = ("uncovered", "single-threaded", "weak", "covered")
STAKEHOLDER_COLUMNS = ["person_id", "name", "roles", "influence", "leaning", "status",
                       "best_strength",
                       "routes", "broker_ids", "broker_names", "best_chain", "introducers",
                       "likely_ties"]
PLAN_COLUMNS = ["step", "meet_id", "meet_name", "who_id", "who_name", "via", "covers", "influence"]
HOLE_COLUMNS = ["hole", "where", "detail"]
_SOURCE = "\x00ours"


@dataclass(frozen=True)
class GapsResult(Result):
    """Coverage of one project's decision-making stakeholders.

    ``stakeholders``: one row per stakeholder (``person_id``, ``name``, ``roles``,
    ``influence``, ``status``, ``best_strength``, ``routes``, ``brokers``, ``broker_names``,
    ``best_chain``, ``introducers``, ``likely_ties``). ``plan``: the introduction plan.
    ``holes``: org-chart holes, including the buying-centre roles nobody is known for at the
    customer. ``score``: the coverage score and its parts.
    """

    project: str
    stakeholder_rows: list[dict[str, Any]]
    plan_rows: list[dict[str, Any]]
    hole_rows: list[dict[str, Any]]
    score: dict[str, float]

    kind = "gaps"

    @property
    def stakeholders(self) -> pd.DataFrame:
        """One row per decision-making stakeholder, as a DataFrame."""
        return self.to_frame("stakeholders")

    @property
    def plan(self) -> pd.DataFrame:
        """The introduction plan, as a DataFrame."""
        return self.to_frame("plan")

    @property
    def holes(self) -> pd.DataFrame:
        """The org-chart holes, as a DataFrame."""
        return self.to_frame("holes")

    def parts(self) -> dict[str, Part]:
        """``stakeholders``, ``plan`` and ``holes`` (``--part`` for CSV)."""
        holes = [{"hole": r["hole"], "where": r["where"],
                  "detail": _detail(r["reason"], r["values"], "en")} for r in self.hole_rows]
        return {"stakeholders": Part(STAKEHOLDER_COLUMNS, self.stakeholder_rows),
                "plan": Part(PLAN_COLUMNS, self.plan_rows),
                "holes": Part(HOLE_COLUMNS, holes)}

    def records(self) -> dict[str, Any]:
        """One object: ``score``, ``stakeholders``, ``plan`` and ``holes`` (the JSON output)."""
        return plain({"score": self.score, **{n: p.rows for n, p in self.parts().items()}})

    def blocks(self, lang: str) -> list[Block]:
        score = self.score
        out = [Block(word("gaps.score", lang, **score))]
        people = Counter(r["status"] for r in self.stakeholder_rows)
        for status in STATUSES[::-1]:
            if people.get(status):
                out.append(Block(word("gaps.part", lang, status=word(f"status.{status}", lang),
                                      people=word("people", lang, n=int(people[status])),
                                      influence=score[status],
                                      means=word(f"status.{status}.means", lang)),
                                 indent="  "))
        out.append(Block())
        out.append(self.table("stakeholders", lang, ["name", "roles", "influence", "status",
                                                     "best_strength", "routes", "broker_names"]))
        needy = [r for r in self.part("stakeholders").rows if r["status"] != "covered"]
        if needy:
            out += [Block(), Block(word("gaps.introducers", lang))]
            for row in needy:
                ideas = [word("gaps.introducer", lang, name=i["name"], score=i["score"])
                         for i in row["introducers"]]
                ideas += [word("gaps.likely", lang, name=t["name"], score=t["score"])
                          for t in row["likely_ties"]]
                out.append(Block(word("gaps.needy", lang, name=row["name"],
                                      status=word(f"status.{row['status']}", lang),
                                      ideas=joined(ideas, lang, zh="；")
                                      or word("gaps.nobody", lang)),
                                 indent="    ", wrap=True))
        if self.plan_rows:
            out += [Block(), Block(word("gaps.plan", lang))]
            for row in self.part("plan").rows:
                chain = " → ".join(row["via"])
                via = word("gaps.cold", lang) if not row["who_id"] else \
                    word("gaps.via", lang, chain=chain) if row["via"] else ""
                who = row["who_name"] if isinstance(row["who_name"], str) else \
                    word("gaps.one_of_us", lang)
                out.append(Block(word("gaps.step", lang, step=row["step"], who=who,
                                      meet=row["meet_name"], via=via,
                                      covers=joined(row["covers"], lang),
                                      influence=row["influence"]),
                                 indent="    ", wrap=True))
        if self.hole_rows:
            out += [Block(), Block(word("gaps.holes", lang))]
            for row in self.hole_rows:
                detail = _detail(row["reason"], row["values"], lang)
                out.append(Block(word("gaps.hole", lang, hole=word(f"hole.{row['hole']}", lang),
                                      where=_where(row, row["values"], lang), detail=detail),
                                 indent="    ", wrap=True))
        return out


def _detail(reason: str, values: dict[str, Any], lang: str) -> str:
    """A hole's detail in ``lang``, from its reason code and values (the catalogue's
    words: the analysis itself says nothing in any language)."""
    return word(reason, lang, **{k: (word("people", lang, n=v) if k == "people"
                                     else vocab(Role(v), lang) if k == "role" else v)
                                 for k, v in values.items()})


def _where(row: dict[str, Any], values: dict[str, Any], lang: str) -> str:
    if row["hole"] == "role unknown":
        return word("gaps.missing", lang, role=vocab(Role(values["role"]), lang))
    return str(row["where"])


def coverage_gaps(V: ValuedGraph, project: str, *, max_hops: int = 4) -> GapsResult:
    """How well our people reach each decision-making stakeholder of ``project``.

    Parameters
    ----------
    V
        The valued graph (:func:`~graphcrm.analysis.valued.value`).
    project
        The project id.
    max_hops
        Routes longer than this do not count.

    Returns
    -------
    GapsResult

    Example
    -------
    >>> import datetime as dt
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph(projects={"P": {"customer_id": "c"}})
    >>> G.add_node("us", name="Us", org_kind="own", projects={}, department=None)
    >>> G.add_node("b", name="B", org_kind="customer", projects={}, department=None)
    >>> G.add_node("dm", name="DM", org_kind="customer", department=None, reports_to=None,
    ...            projects={"P": {"roles": ["decision_maker"], "influence": 5}})
    >>> for a, c in [("us", "b"), ("b", "dm")]:
    ...     _ = G.add_edge(a, c, key="KNOWS", type="KNOWS", strength=4)
    >>> r = coverage_gaps(value(G, dt.date(2026, 1, 1)), "P")
    >>> r.stakeholders.loc[0, ["status", "broker_names"]].tolist()
    ['single-threaded', ['B']]
    """
    G, H, model = V.people, V.reach, V.model
    require_project(G, project)
    ours = our_people(G, project)
    targets = decision_stakeholders(G, project, model)
    skip = frozenset(competitor_staff(G, keep=[*targets, *ours]))
    distance, chains = (nx.multi_source_dijkstra(H, set(ours), weight=arc_cost(skip))
                        if ours else ({}, {}))
    forward = hop_distances(H, ours, max_hops, excluded=skip)
    rows = []
    for person, influence in targets.items():
        best = math.exp(-distance[person]) if person in distance else 0.0
        if person in ours:  # one of us: reached directly, plus whatever the others have
            others = [o for o in ours if o != person]
            routes = 1 + _routes(H, others, person, max_hops, skip,
                                 hop_distances(H, others, max_hops, excluded=skip))[0]
            brokers: list[str] = []
        else:
            routes, brokers = _routes(H, ours, person, max_hops, skip, forward)
        if person in ours:
            status = "covered"
        elif routes == 0:
            status = "uncovered"
        elif routes == 1:
            status = "single-threaded"
        elif best < model.weak_probability:
            status = "weak"
        else:
            status = "covered"
        rows.append({
            "person_id": person,
            "name": G.nodes[person]["name"],
            "roles": roles_of(G, person, project),
            "influence": influence,
            "status": status,
            "best_strength": round(best, 3),
            "routes": routes,
            "broker_ids": brokers,
            "leaning": G.nodes[person]["projects"].get(project, {}).get("leaning"),
            "broker_names": [G.nodes[b]["name"] for b in brokers],
            "best_chain": [G.nodes[n]["name"] for n in chains.get(person, [])],
            "introducers": [] if status == "covered" else
            _introducers(G, H, skip, distance, chains, person, brokers,
                         model.known_well_probability),
            "likely_ties": [] if status == "covered" else
            _likely_ties(G, H, skip, ours, person),
        })
    order = {s: i for i, s in enumerate(STATUSES)}
    rows.sort(key=lambda r: (order[r["status"]], -r["influence"], r["name"]))
    holes = _holes(G, project, H, skip, ours)
    plan = _plan(G, H, skip, distance, chains, rows, model.known_well_probability)
    return GapsResult(project, rows, plan, holes, _score(rows))


def _routes(H: nx.DiGraph, ours: list[str], target: str, max_hops: int,
            skip: frozenset[str], forward: dict[str, int]) -> tuple[int, list[str]]:
    keep = chain_region(H, ours, target, max_hops, excluded=skip, forward=forward)
    if target not in keep:
        return 0, []
    flow = region_graph(H, keep)
    flow.add_edges_from((_SOURCE, s) for s in ours if s in keep)
    routes = local_node_connectivity(flow, _SOURCE, target)
    brokers = sorted(minimum_st_node_cut(flow, _SOURCE, target)) if routes == 1 else []
    return routes, brokers


def _introducers(G: nx.MultiDiGraph, H: nx.DiGraph, skip: frozenset[str],
                 distance: dict[str, float], chains: dict[str, list[str]], target: str,
                 brokers: list[str], well: float) -> list[dict[str, Any]]:
    """People we reach well who know ``target`` well (a tie of probability ``well`` or
    more), best first (at most three); not the broker, and not someone we reach only
    through the target."""
    found = []
    for contact in H.predecessors(target):
        known = H[contact][target]["p"]
        if contact in skip or contact in brokers or known < well or contact not in distance \
                or target in chains[contact]:
            continue
        reach = math.exp(-distance[contact])
        found.append({"person_id": contact, "name": G.nodes[contact]["name"],
                      "score": round(reach * known, 3)})
    return sorted(found, key=lambda f: -f["score"])[:3]


def _likely_ties(G: nx.MultiDiGraph, H: nx.DiGraph, skip: frozenset[str], ours: list[str],
                 target: str) -> list[dict[str, Any]]:
    """Our people most likely to get on with ``target`` directly (Adamic–Adar, top two)."""
    if target not in H or target in skip:
        return []
    mine = contacts(H, target, skip)
    pairs = [o for o in ours if o != target and o in H and o not in skip and o not in mine]
    scored = [(o, s) for o in pairs if (s := adamic_adar(H, o, target, skip)) > 0]
    return [{"person_id": o, "name": G.nodes[o]["name"], "score": round(s, 3)}
            for o, s in sorted(scored, key=lambda x: -x[1])[:2]]


def contacts(H: nx.DiGraph, person: str, skip: Collection[str] = ()) -> set[str]:
    """Everyone ``person`` has an arc to or from in ``H``, but the people in ``skip``."""
    return (set(H.succ[person]) | set(H.pred[person])).difference(skip)


def adamic_adar(H: nx.DiGraph, u: str, v: str, skip: Collection[str] = ()) -> float:
    """The Adamic–Adar index of ``u`` and ``v`` in ``H`` taken as undirected, without the
    people in ``skip``: the sum over their common contacts ``w`` of ``1 / log deg(w)``.

    The value :func:`networkx.adamic_adar_index` gives on the undirected graph without
    ``skip``, computed from the few people involved rather than that whole graph.

    Example
    -------
    >>> H = nx.DiGraph([("u", "w"), ("w", "v"), ("x", "w")])
    >>> round(adamic_adar(H, "u", "v"), 4)  # w has three contacts: 1 / log 3
    0.9102

    References
    ----------
    .. [1] L. Adamic, E. Adar, "Friends and neighbors on the Web", *Social Networks* 25(3)
       (2003), 211–230.
    """
    common = contacts(H, u, skip) & contacts(H, v, skip)
    return sum(1 / math.log(len(contacts(H, w, skip))) for w in common)


def _plan(G: nx.MultiDiGraph, H: nx.DiGraph, skip: frozenset[str], distance: dict[str, float],
          chains: dict[str, list[str]], table: list[dict[str, Any]], well: float
          ) -> list[dict[str, Any]]:
    needy = [r for r in table if r["status"] in ("uncovered", "single-threaded")]
    remaining = {r["person_id"]: r["influence"] for r in needy}
    brokers = {r["person_id"]: r["broker_ids"] for r in needy}
    covers: dict[str, set[str]] = {t: {t} for t in remaining}
    for target in remaining:
        for contact in H.predecessors(target):
            if contact not in skip and H[contact][target]["p"] >= well \
                    and contact not in brokers[target] \
                    and G.nodes[contact]["org_kind"] != OrgKind.OWN:
                covers.setdefault(contact, set()).add(target)
    rows: list[dict[str, Any]] = []
    while remaining:
        def gain(contact: str) -> tuple[float, float]:
            return (sum(remaining.get(t, 0) for t in covers[contact]),
                    -distance.get(contact, math.inf))
        contact = max(sorted(covers), key=gain)
        covered = sorted(covers[contact] & set(remaining))
        if not covered:
            break
        chain = chains.get(contact, [])
        who = chain[0] if chain else None
        rows.append({
            "step": len(rows) + 1,
            "meet_id": contact, "meet_name": G.nodes[contact]["name"],
            "who_id": who, "who_name": G.nodes[who]["name"] if who else None,
            "via": [G.nodes[n]["name"] for n in chain[1:-1]],
            "covers": [G.nodes[t]["name"] for t in covered],
            "influence": sum(remaining.pop(t) for t in covered),
        })
    return rows


#: Buying-centre roles every bid needs someone for at the customer (a hole when nobody is).
BUYING_CENTRE = (Role.DECISION_MAKER, Role.EVALUATOR, Role.PROCUREMENT, Role.USER)


def _holes(G: nx.MultiDiGraph, project: str, H: nx.DiGraph, skip: frozenset[str],
           ours: list[str]) -> list[dict[str, Any]]:
    """Org-chart holes: buying-centre roles nobody is known for at the customer, decision
    makers whose superior is unknown, customer departments none of us knows anyone in —
    as data: what (``hole``), where, and a reason code with its values (the words come
    from the catalogue when the result is shown)."""
    rows = []
    customer = G.graph["projects"][project].get("customer_id")
    known = {r for n, d in G.nodes(data=True) if d.get("org_kind") != OrgKind.OWN
             for r in roles_of(G, n, project)}
    for role in BUYING_CENTRE:
        if role.value not in known:
            rows.append(_hole("role unknown", role.value, "gaps.missing_role",
                              {"role": role.value}))
    for person, data in sorted(G.nodes(data=True)):
        if Role.DECISION_MAKER.value in roles_of(G, person, project) and not data.get(
                "reports_to"):
            rows.append(_hole("superior unknown", data["name"], "gaps.superior",
                              {"name": data["name"]}))
    entries = {n: d["projects"][project] for n, d in G.nodes(data=True)
               if project in d["projects"]}
    if any(e.get("owner") for e in entries.values()):  # the team assigns owners: each DM one
        for person, entry in sorted(entries.items()):
            if Role.DECISION_MAKER.value in entry["roles"] and entry.get("owner") not in G:
                rows.append(_hole("no owner", G.nodes[person]["name"], "gaps.no_owner",
                                  {"name": G.nodes[person]["name"]}))
    reached = {b for a in ours if a in H and a not in skip for b in H.successors(a)} - skip
    departments: dict[str, list[str]] = {}
    for person, data in G.nodes(data=True):
        if data.get("org_id") == customer and data.get("department"):
            departments.setdefault(data["department"], []).append(person)
    for department, members in sorted(departments.items()):
        if not reached.intersection(members):
            rows.append(_hole("department without contact", department, "gaps.department",
                              {"people": len(members)}))
    return rows


def _hole(hole: str, where: str, reason: str, values: dict[str, Any]) -> dict[str, Any]:
    return {"hole": hole, "where": where, "reason": reason, "values": values}


def _score(table: list[dict[str, Any]]) -> dict[str, float]:
    parts = {s: float(sum(r["influence"] for r in table if r["status"] == s))
             for s in STATUSES}
    total = sum(parts.values())
    return {**parts, "total": total, "score": parts["covered"] / total if total else 0.0}
