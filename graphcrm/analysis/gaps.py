"""Coverage of a bid's decision-making stakeholders, in levels a sales team recognises, and a
plan that adds threads.

For each decision-making stakeholder of a project (decision makers, evaluators, procurement,
influencers), from our people (:func:`~graphcrm.analysis.network.our_people`):

- **working ties**: direct ties of ours to them — not a reporting line — whose strength today
  is at least the model's ``cold_below`` (a tie gone cold is no longer one);
- **routes that count**: node-independent chains of at most ``max_hops`` ties, each of
  probability at least the model's ``weak_probability``, through nobody who opposes or
  doubts us in the project, leans to a competitor (倾向XX) or works at one. Found greedily:
  the best chain (:meth:`~graphcrm.analysis.compact.Compact.best_chains`, exact under the
  hop limit), then the best through none of the people on the chains found so far (one of ours
  included: two chains from the same colleague are one thread), up to ``MAX_ROUTES``. Each
  is listed, so every count can be checked by hand; a count is a lower bound of the
  largest number of such routes (Menger 1927) and every route it reports is real;
- **weak routes**: the best chains below ``weak_probability``: listed, never counted;
- **blocked routes**: routes that count once opponents, skeptics and competitors' people
  are let through: when only they reach a stakeholder, the people against us on them are
  the **blockers**;
- **single-threaded**: one route counts and someone on it is on every route that counts:
  the **broker** (one of ours or an intermediary). A flag on any level.

The level (:class:`~graphcrm.domain.Coverage`; the rule is
:meth:`~graphcrm.analysis.model.TieModel.coverage`, one place): ``in_depth`` 深度覆盖,
``contacted`` 已接触, ``reachable`` 可引荐, ``contested`` 受阻, ``uncovered`` 未覆盖. The
**score** is the influence-weighted mean of the levels' weights (the model's
``coverage_weights``: 1, 0.7, 0.4, 0.1, 0), shown as a percentage with the count per level
and a **map status** (:class:`~graphcrm.domain.MapStatus`, after Altify's relationship map):
no working tie to anyone; none to a key player (a decision maker, or influence of
``high_influence`` or more); no key player we hold supports us; or ok.

The **plan** gives each stakeholder not covered in depth one step, most influential first:
a second thread independent of the first (not the broker, not through anyone on the one
route we have) for a single-threaded one; the introduction along the best route for a
reachable one; the way around the blockers, or the blocker to win over, for a contested
one. Who takes the step: the stakeholder's owner on our side (我方负责人) when they can,
else whoever reaches the best introducer (someone who knows the stakeholder well: a tie of
probability ``known_well_probability``), else the colleague most likely to get on with them
(the Adamic–Adar index over shared contacts, Adamic & Adar 2003). Every step says why. The
plan is checked by simulation: its ties (of the model's ``planned_strength``, dated the day
of the question) are added, blockers to win over taken as neutral, and coverage computed
again: each stakeholder's level after the plan, and the score after it.

References
----------
K. Menger, "Zur allgemeinen Kurventheorie", Fundamenta Mathematicae 10, 1927.
L. Adamic, E. Adar, "Friends and neighbors on the Web", Social Networks 25(3), 2003.
R. S. Burt, *Structural Holes*, Harvard University Press, 1992 (a single broker as the
one point of access).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from graphcrm.analysis.model import TieModel
from graphcrm.analysis.network import (
    competitor_staff,
    decision_stakeholders,
    our_people,
    require_project,
    roles_of,
)
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import Coverage, MapStatus, OrgKind, Role, Stance, TieType
from graphcrm.graph import REPORTING, ShownNames, ties_at
from graphcrm.reports.gaps import (
    GapsResult,
    score_text,
)

if TYPE_CHECKING:  # numpy is imported when a question searches
    from graphcrm.analysis.compact import Compact

__all__ = ["GapsResult", "coverage_gaps", "adamic_adar", "contacts", "LEVELS", "MAX_ROUTES",
           "score_text", "key_player"]

#: The coverage levels, best first.
LEVELS = tuple(level.value for level in Coverage)
#: Routes that count are counted up to this many (two make a stakeholder in depth).
MAX_ROUTES = 5
_AGAINST = frozenset({Stance.OPPONENT.value, Stance.SKEPTIC.value})


@dataclass(frozen=True)
class _Question:
    """What every stakeholder's coverage is computed against: the graphs, our people, who
    stands against us, the limits."""

    V: ValuedGraph
    project: str
    ours: list[str]
    against: frozenset[str]   # opponents, skeptics, competitors' people (never ours)
    staff: frozenset[str]     # competitor staff (against us; never to be won over)
    max_hops: int
    names: Mapping[str, str]  # as a reader tells namesakes apart (shown_names)
    planned: frozenset[tuple[str, str]] = frozenset()  # a plan's ties (when simulating)
    extra: tuple[tuple[str, str, dict], ...] = ()  # their arcs
    #: only each stakeholder's level is wanted (a plan's simulation): routes are searched
    #: only as far as the level needs them (:func:`_level`)
    levels_only: bool = False
    #: hop distances from us (by position, :class:`Compact`), by the people left out and the
    #: plan's ends: the same for every stakeholder not against us (computed once)
    forward: dict[tuple[frozenset[str], tuple[str, ...]], Any] = field(
        default_factory=dict, compare=False, repr=False)
    #: for each region (:meth:`region`), ties left from each of its people to its target,
    #: or fewer (what the searches toward the target need: ``Compact.best_chains``)
    towards: dict[Compact, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def model(self) -> TieModel:
        return self.V.model

    @functools.cached_property
    def our_set(self) -> frozenset[str]:
        return frozenset(self.ours)

    @functools.cached_property
    def our_mask(self) -> Any:
        """Our people, as a boolean array over the neighbourhood (:class:`Compact`)."""
        return self.V.compact.mask(self.ours)

    def name(self, person: str) -> str:
        return self.names[person]

    def route(self, cost: float, nodes: list[str]) -> dict[str, Any]:
        strength = math.exp(-cost)  # shown rounded down: a weak 0.298 never reads 0.30
        return {"name": f"{' → '.join(self.name(n) for n in nodes)} "
                        f"({math.floor(strength * 100 + 1e-9) / 100:.2f})",
                "ids": nodes, "strength": round(strength, 3)}

    def region(self, target: str, skip: Collection[str]) -> Compact:
        """The graph of the people on some chain of at most ``max_hops`` ties from us to
        ``target`` through none of ``skip`` (and the plan's ties, when simulating), as
        arrays: searched once for each route, broker and blocked route."""
        ends = {n for u, v, _ in self.extra for n in (u, v)} - set(skip)
        starts = [*self.ours, *sorted(ends)]  # the plan's ties shorten chains: a wider region
        key = (frozenset(skip), tuple(sorted(ends)))
        C = self.V.compact  # the whole neighbourhood: searched as arrays
        if key not in self.forward:
            self.forward[key] = C.hop_distances(starts, self.max_hops, excluded=skip)
        forward = self.forward[key]
        backward = C.hop_distances([target], self.max_hops, reverse=True, excluded=skip)
        keep = (forward >= 0) & (backward >= 0) & (forward + backward <= self.max_hops)
        kept = keep | self.our_mask | C.mask(ends)
        R = C.within(kept, extra=self.extra)
        if not self.extra:  # a part of the graph: no chain in it shorter than in the whole
            self.towards[R] = backward[kept]
        return R

    def routes(self, target: str, arcs: Compact, *,
               excluded: Collection[str] = (), weak: int = 2, most: int = MAX_ROUTES
               ) -> tuple[list[tuple[float, list[str]]], list[tuple[float, list[str]]]]:
        """Node-independent routes to ``target`` within ``arcs`` (greedy, best first): up
        to ``most`` that count, then up to ``weak`` weak ones, through none of
        ``excluded``."""
        cut = -math.log(self.model.weak_probability)
        counted: list[tuple[float, list[str]]] = []
        weaker: list[tuple[float, list[str]]] = []
        used: set[str] = set(excluded)
        # ties left to the target from each person: the searches enter nobody too far
        toward = self.towards.get(arcs)
        if toward is None:
            toward = arcs.hop_distances([target], self.max_hops, reverse=True)
        while len(counted) < most:
            found = arcs.best_chains(self.ours, self.max_hops, excluded=used,
                                     stop=target, toward=toward)(target)
            if found is None or (found[0] > cut + 1e-12 and len(weaker) >= weak):
                break
            (counted if found[0] <= cut + 1e-12 else weaker).append(found)
            used |= set(found[1][:-1])
        return counted, weaker

    def counts(self, target: str, arcs: Compact, without: str
               ) -> bool:
        """Whether a route that counts reaches ``target`` within ``arcs`` without
        ``without``."""
        counted, _ = self.routes(target, arcs, excluded={without}, weak=0, most=1)
        return bool(counted)


def coverage_gaps(V: ValuedGraph, project: str, *, max_hops: int = 4,
                  plan: bool = True) -> GapsResult:
    """How well our people reach each decision-making stakeholder of ``project``, in levels,
    and the plan that adds threads where they are thin.

    Parameters
    ----------
    V
        The valued graph (:func:`~graphcrm.analysis.valued.value`).
    project
        The project id.
    max_hops
        Routes longer than this do not count.
    plan
        Whether to make the plan and check it by simulation (``coverage_gaps`` calls itself
        without, on the graph with the plan's ties).

    Returns
    -------
    GapsResult

    Examples
    --------
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
    >>> dm = r.part("stakeholders").rows[0]
    >>> dm["coverage"], dm["single_threaded"], dm["broker_names"]
    ('reachable', True, ['Us', 'B'])
    >>> r.plan.loc[0, ["approach", "who_name", "via", "coverage_after"]].tolist()
    ['introduce', 'Us', ['B'], 'contacted']
    >>> r.score["percent"], r.score["after_plan"]["percent"]
    (40, 70)

    References
    ----------
    .. [1] K. Menger, "Zur allgemeinen Kurventheorie", *Fundamenta Mathematicae* 10 (1927).
    """
    return _coverage_gaps(V, project, max_hops=max_hops, plan=plan)


class _Sides(NamedTuple):
    """Who is who in the project, the same before and after a plan: our people, the
    decision-making stakeholders (with influence), competitor staff, those against us."""

    ours: list[str]
    targets: dict[str, int]
    staff: frozenset[str]
    against: frozenset[str]
    names: Mapping[str, str]


def _sides(V: ValuedGraph, project: str) -> _Sides:
    G = V.people
    require_project(G, project)
    ours = our_people(G, project)
    targets = decision_stakeholders(G, project, V.model)
    staff = frozenset(competitor_staff(G, keep=[*targets, *ours]))
    against = frozenset(_against(G, project) | staff) - set(ours)
    return _Sides(ours, targets, staff, against, ShownNames(G))


def _coverage_gaps(V: ValuedGraph, project: str, *, max_hops: int, plan: bool,
                   sides: _Sides | None = None,
                   won_over: frozenset[str] = frozenset(),
                   planned: frozenset[tuple[str, str]] = frozenset(),
                   extra: tuple[tuple[str, str, dict], ...] = (),
                   with_holes: bool = True, levels_only: bool = False) -> GapsResult:
    G = V.people
    sides = _sides(V, project) if sides is None else sides
    ours, targets, staff = sides.ours, sides.targets, sides.staff
    q = _Question(V, project, ours, sides.against - won_over, staff, max_hops, sides.names,
                  planned, extra, levels_only=levels_only)
    rows = [_coverage_row(q, person, influence) for person, influence in targets.items()]
    order = {level: i for i, level in enumerate(LEVELS)}
    rows.sort(key=lambda r: (-order[r["coverage"]], -r["influence"], r["name"]))
    holes = _holes(G, project, V.compact, staff, ours) if with_holes else []
    score = _score(rows, V.model)
    steps: list[dict[str, Any]] = []
    if plan:
        steps = _plan(q, rows)
        if steps:
            after = _simulate(V, project, steps, max_hops, sides)
            level_after = {r["person_id"]: r["coverage"] for r in after.stakeholder_rows}
            for row in rows:
                row["coverage_after"] = level_after.get(row["person_id"])
            for step in steps:
                step["coverage_after"] = level_after.get(step["stakeholder_id"]) \
                    if step["simulated"] else None
            score["after_plan"] = {k: after.score[k] for k in ("score", "percent", "people")}
    for row in rows:
        del row["_blocked"], row["owner"]
    return GapsResult(project, rows, steps, holes, score)


def _against(G: nx.MultiDiGraph, project: str) -> set[str]:
    """The people against us in ``project``: opponents and skeptics, and those who lean to
    a competitor (倾向XX)."""
    found = set()
    for person, data in G.nodes(data=True):
        entry = data["projects"].get(project)
        if entry and (entry.get("stance") in _AGAINST or entry.get("leaning")):
            found.add(person)
    return found


def _working(q: _Question, target: str) -> list[tuple[float, str]]:
    """Our people who hold a working tie to ``target`` (strength today, who), strongest
    first: a direct tie either way, not a reporting line, not gone cold."""
    # the target's ties with ours (not each of ours' ties: thousands at a million)
    strengths: dict[str, list[float]] = {}
    for u, v, tie in ties_at(q.V.people, target):
        mine = u if v == target else v
        if mine in q.our_set and tie["type"] not in REPORTING:
            strengths.setdefault(mine, []).append(q.V.tie(mine, target, tie).effective_strength)
    for mine, met in q.planned:
        if met == target and mine in q.our_set:
            strengths.setdefault(mine, []).append(q.model.planned_strength)
    held = [(max(found), mine) for mine, found in strengths.items()
            if q.model.working(max(found))]
    return sorted(held, key=lambda h: (-h[0], h[1]))


def _coverage_row(q: _Question, person: str, influence: int) -> dict[str, Any]:
    G = q.V.people
    entry = G.nodes[person]["projects"].get(q.project, {})
    row: dict[str, Any] = {
        "person_id": person, "name": q.name(person), "roles": roles_of(G, person, q.project),
        "influence": influence, "stance": entry.get("stance"), "leaning": entry.get("leaning"),
        "single_threaded": False, "broker_ids": [], "broker_names": [], "working_ids": [],
        "working_names": [], "routes": 0, "best_strength": 0.0, "best_chain": [],
        "counted_routes": [], "weak_routes": [], "blocker_ids": [], "blocker_names": [],
        "coverage_after": None, "owner": entry.get("owner") if entry.get("owner") in G else None,
        "_blocked": [],
    }
    if person in q.ours:  # one of us: covered by being here
        row.update(coverage=Coverage.IN_DEPTH.value, working_ids=[person],
                   working_names=[q.name(person)])
        return row
    skip = (q.against | q.staff) - {person}
    working = [w for _, w in _working(q, person)]
    if q.levels_only:
        row.update(coverage=_level(q, person, skip, len(working)), working_ids=working)
        return row
    arcs = q.region(person, skip)
    counted, weak = q.routes(person, arcs)
    blocked: list[tuple[float, list[str]]] = []
    if not counted and not working:  # everyone let through
        blocked, _ = q.routes(person, q.region(person, ()), weak=0)
    level = q.model.coverage(len(working), len(counted), len(blocked))
    brokers: list[str] = []
    if len(counted) == 1:  # who on the one route is on every route that counts
        brokers = [n for n in counted[0][1][:-1] if not q.counts(person, arcs, n)]
    blockers = list(dict.fromkeys(n for _, nodes in blocked for n in nodes[:-1]
                                  if n in q.against))
    best = min([*counted, *weak], default=None)
    row.update(
        coverage=level.value, single_threaded=bool(brokers), broker_ids=brokers,
        broker_names=[q.name(b) for b in brokers], working_ids=working,
        working_names=[q.name(w) for w in working], routes=len(counted),
        best_strength=round(math.exp(-best[0]), 3) if best else 0.0,
        best_chain=[q.name(n) for n in best[1]] if best else [],
        counted_routes=[q.route(*r) for r in counted], weak_routes=[q.route(*r) for r in weak],
        blocker_ids=blockers, blocker_names=[q.name(b) for b in blockers],
        _blocked=blocked)
    return row


def _level(q: _Question, person: str, skip: Collection[str], working: int) -> str:
    """The level of :func:`_coverage_row` (:meth:`TieModel.coverage`) from no more routes
    than it depends on: none with two working ties, two with one, one without; a blocked
    route only when none counts. The routes are found one after the other, each through
    none of the people on those before, so the first found are the same whether the search
    goes on or not; and once the best route left is weak, no later one counts."""
    counted: list[tuple[float, list[str]]] = []
    if working < 2:
        counted, _ = q.routes(person, q.region(person, skip), weak=0,
                              most=2 if working else 1)
    blocked: list[tuple[float, list[str]]] = []
    if not counted and not working:
        blocked, _ = q.routes(person, q.region(person, ()), weak=0, most=1)
    return q.model.coverage(working, len(counted), len(blocked)).value


def contacts(H: nx.DiGraph | Compact, person: str, skip: Collection[str] = ()) -> set[str]:
    """Everyone ``person`` has an arc to or from in ``H`` (a reach graph, or its arrays),
    but the people in ``skip``."""
    if isinstance(H, nx.DiGraph):
        return (set(H.succ[person]) | set(H.pred[person])).difference(skip)
    return H.contacts(person).difference(skip)


def adamic_adar(H: nx.DiGraph | Compact, u: str, v: str, skip: Collection[str] = ()
                ) -> float:
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


def _plan(q: _Question, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One step for each stakeholder not covered in depth, most influential first."""
    steps: list[dict[str, Any]] = []
    for row in sorted(rows, key=lambda r: (-r["influence"], LEVELS.index(r["coverage"]),
                                           r["name"])):
        if row["coverage"] == Coverage.IN_DEPTH.value:
            continue
        step = _step(q, row)
        steps.append({"step": len(steps) + 1, "stakeholder_id": row["person_id"],
                      "stakeholder": row["name"], "influence": row["influence"],
                      "coverage_now": row["coverage"], "coverage_after": None, **step})
    return steps


def _step(q: _Question, row: dict[str, Any]) -> dict[str, Any]:
    """The step that adds a thread to ``row``'s stakeholder: who of ours meets whom, by
    which introducers, and why."""
    target, level = row["person_id"], row["coverage"]
    skip = (q.against | q.staff) - {target}
    if row["routes"] >= 2 and level == Coverage.REACHABLE.value:  # introduce along the best
        nodes = row["counted_routes"][0]["ids"]
        return _meet(q, "introduce", target, nodes[0], nodes[1:-1], [
            ("why.best_route", {"route": row["counted_routes"][0]["name"]})])
    thread = {n for r in row["counted_routes"] for n in r["ids"][:-1]} \
        if row["routes"] == 1 else set()
    avoid = thread | set(row["working_ids"])
    free = [o for o in q.ours if o not in avoid]
    independent = [("why.independent", {"names": [q.name(n) for n in
                                                  sorted(avoid, key=q.name)]})] if avoid else []
    action = "second_thread" if avoid else \
        "way_around" if level == Coverage.CONTESTED.value else "introduce"
    owner = row["owner"] if row["owner"] in free else None
    introduced = _introduction(q, target, free, avoid | skip, owner)
    if introduced is not None:
        who, via, why = introduced
        return _meet(q, action, target, who, via, [*why, *independent])
    direct = action if avoid or level == Coverage.CONTESTED.value else "direct"
    if owner is not None:
        return _meet(q, direct, target, owner, [],
                     [("why.owner", {"who": q.name(owner)}), *independent])
    likely = _likely(q, target, free, skip | avoid)  # a shared contact is no broker
    if likely is not None:
        who, shared = likely
        return _meet(q, direct, target, who, [],
                     [("why.shared", {"names": shared}), *independent])
    if level == Coverage.REACHABLE.value:  # no second thread: meet them along the one route
        nodes = row["counted_routes"][0]["ids"]
        return _meet(q, "introduce", target, nodes[0], nodes[1:-1], [
            ("why.best_route", {"route": row["counted_routes"][0]["name"]}),
            ("why.no_second", {})])
    if level == Coverage.UNCOVERED.value and row["weak_routes"]:
        nodes = row["weak_routes"][0]["ids"]
        return _meet(q, "introduce", target, nodes[0], nodes[1:-1], [
            ("why.weak_route", {"route": row["weak_routes"][0]["name"]})])
    if level == Coverage.CONTESTED.value:
        won = _win_over(q, row)
        if won is not None:
            return won
    return {"approach": "second_thread" if avoid else "cold", "meet_id": target,
            "meet_name": q.name(target), "who_id": None, "who_name": None, "via": [],
            "_via": [], "won_over": None, "simulated": False,
            "_why": [("why.nobody_else" if avoid else "why.nobody", {}), *independent]}


def _meet(q: _Question, action: str, target: str, who: str, via: list[str],
          why: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    return {"approach": action, "meet_id": target, "meet_name": q.name(target), "who_id": who,
            "who_name": q.name(who), "via": [q.name(n) for n in via], "_via": via,
            "won_over": None, "simulated": True, "_why": why}


def _introduction(q: _Question, target: str, free: list[str], skip: Collection[str],
                  owner: str | None
                  ) -> tuple[str, list[str], list[tuple[str, dict[str, Any]]]] | None:
    """The best introduction to ``target`` from ``free`` people of ours: through someone who
    knows them well, whom one of ``free`` reaches by a chain that counts (probability
    ``weak_probability`` or more) through none of ``skip``; the owner's own introduction
    when they have one. (who, introducers, why) or None."""
    C = q.V.compact  # over the whole neighbourhood: one search from each side, as arrays
    found: list[tuple[bool, float, str, list[str], float]] = []
    contacts = [(c, float(C.p[k])) for c, k in C.predecessors(target)
                if c not in skip and c not in q.ours and C.p[k] >= q.model.known_well_probability]
    if not contacts:
        return None
    searches = [(True, C.best_chains([owner], q.max_hops - 1, excluded={*skip, target}))
                ] if owner else []
    searches.append((False, C.best_chains(free, q.max_hops - 1, excluded={*skip, target})))
    for contact, known in contacts:
        for own, chains in searches:
            reached = chains(contact)
            if reached is not None and math.exp(-reached[0]) >= q.model.weak_probability:
                reach = math.exp(-reached[0])
                found.append((own, reach * known, contact, reached[1], reach))
    if not found:
        return None
    _, _, contact, chain, reach = max(found, key=lambda f: (f[0], f[1]))
    hop = q.V.hops([contact, target])[0]
    why = [("why.introducer", {"name": q.name(contact),
                               "strength": f"{hop.effective_strength:.1f}"})]
    if len(chain) > 1:
        why.append(("why.reach", {"name": q.name(contact), "strength": f"{reach:.2f}"}))
    if owner is not None and chain[0] == owner:
        why.insert(0, ("why.owner", {"who": q.name(owner)}))
    return chain[0], chain[1:], why


def _likely(q: _Question, target: str, free: list[str], skip: Collection[str]
            ) -> tuple[str, list[str]] | None:
    """The one of ``free`` most likely to get on with ``target`` (Adamic–Adar over shared
    contacts, none of ``skip``), with the shared contacts' names."""
    H = q.V.compact
    if target not in H.position:
        return None
    theirs = contacts(H, target, skip)
    scored = [(adamic_adar(H, o, target, skip), o) for o in free if o in H.position]
    scored = [(s, o) for s, o in scored if s > 0]
    if not scored:
        return None
    _, who = max(scored, key=lambda x: (x[0], -free.index(x[1])))
    shared = sorted(q.name(n) for n in contacts(H, who, skip) & theirs)
    return who, shared


def _win_over(q: _Question, row: dict[str, Any]) -> dict[str, Any] | None:
    """For a contested stakeholder with no way around: the blocker on the best blocked
    route to win over (not competitor staff), met by the one of ours that route starts
    from."""
    for _, nodes in row["_blocked"]:
        for person in reversed(nodes[:-1]):
            if person in q.against and person not in q.staff:
                entry = q.V.people.nodes[person]["projects"].get(q.project, {})
                index = nodes.index(person)
                step = _meet(q, "win_over", person, nodes[0], nodes[1:index], [
                    ("why.blocker", {"name": q.name(person), "stance": entry.get("stance"),
                                     "leaning": entry.get("leaning"),
                                     "stakeholder": row["name"]})])
                step["won_over"] = person
                return step
    return None


def _simulate(V: ValuedGraph, project: str, steps: list[dict[str, Any]], max_hops: int,
              sides: _Sides, *, levels_only: bool = True) -> GapsResult:
    """Coverage after the plan: its ties added (a KNOWS tie of the model's
    ``planned_strength``, dated the day of the question: the latest evidence between the
    two, as :func:`~graphcrm.analysis.network.reach_graph` takes it) and the blockers it
    wins over no longer against us. Nothing is valued again or copied: the plan's ties are
    valued by the same model and date and laid over the reach graph in each search's
    region."""
    C = V.compact
    tie = {"type": TieType.KNOWS.value, "strength": V.model.planned_strength,
           "last_contact": V.as_of.isoformat(), "level": None, "planned": True}
    extra, planned = [], set()
    for step in (s for s in steps if s["simulated"]):
        a, b = step["who_id"], step["meet_id"]
        planned |= {(a, b), (b, a)}
        p = V.tie(a, b, tie).probability
        for u, v in ((a, b), (b, a)):
            k = C.arc(u, v)
            if k is None or C.ties[k]["type"] not in REPORTING or C.p[k] < p:  # type: ignore[index]
                extra.append((u, v, {"p": p, "cost": -math.log(p), "tie": tie}))
    won = frozenset(s["won_over"] for s in steps if s["simulated"] and s["won_over"])
    return _coverage_gaps(V, project, max_hops=max_hops, plan=False, sides=sides, won_over=won,
                          planned=frozenset(planned), extra=tuple(extra), with_holes=False,
                          levels_only=levels_only)  # the levels after the plan only


def key_player(row: dict[str, Any], model: TieModel) -> bool:
    """Whether a stakeholder is a key player: a decision maker, or of ``high_influence``."""
    return Role.DECISION_MAKER.value in row["roles"] or row["influence"] >= model.high_influence


#: Buying-centre roles every bid needs someone for at the customer (a hole when nobody is).
BUYING_CENTRE = (Role.DECISION_MAKER, Role.EVALUATOR, Role.PROCUREMENT, Role.USER)


def _holes(G: nx.MultiDiGraph, project: str, C: Compact, skip: frozenset[str],
           ours: list[str]) -> list[dict[str, Any]]:
    """Org-chart holes: buying-centre roles nobody is known for at the customer, decision
    makers whose superior is unknown, customer departments none of us knows anyone in —
    as data: what (``hole``), where, and a reason code with its values (the words come
    from the catalogue when the result is shown)."""
    rows = []
    customer = G.graph["projects"][project].get("customer_id")
    entries = {n: d["projects"][project] for n, d in G.nodes(data=True)
               if project in d["projects"]}  # the project's people: the roles are theirs
    known = {r for n, e in entries.items() if G.nodes[n].get("org_kind") != OrgKind.OWN
             for r in e["roles"]}
    for role in BUYING_CENTRE:
        if role.value not in known:
            rows.append(_hole("role unknown", role.value, "gaps.missing_role",
                              {"role": role.value}))
    for person, entry in sorted(entries.items()):
        data = G.nodes[person]
        if Role.DECISION_MAKER.value in entry["roles"] and not data.get("reports_to"):
            rows.append(_hole("superior unknown", data["name"], "gaps.superior",
                              {"name": data["name"]}))
    if any(e.get("owner") for e in entries.values()):  # the team assigns owners: each DM one
        for person, entry in sorted(entries.items()):
            if Role.DECISION_MAKER.value in entry["roles"] and entry.get("owner") not in G:
                rows.append(_hole("no owner", G.nodes[person]["name"], "gaps.no_owner",
                                  {"name": G.nodes[person]["name"]}))
    reached = {b for a in ours if a in C.position and a not in skip
               for b in C.successors(a)} - skip
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


def _score(rows: list[dict[str, Any]], model: TieModel) -> dict[str, Any]:
    """The influence-weighted coverage score, people and influence by level, and the map
    status (:class:`MapStatus`)."""
    people = {level: sum(1 for r in rows if r["coverage"] == level) for level in LEVELS}
    influence = {level: float(sum(r["influence"] for r in rows if r["coverage"] == level))
                 for level in LEVELS}
    total = sum(influence.values())
    weighted = sum(model.coverage_weights[level] * influence[level] for level in LEVELS)
    score = weighted / total if total else 0.0
    held = {Coverage.IN_DEPTH.value, Coverage.CONTACTED.value}
    keys = [r for r in rows if key_player(r, model) and r["coverage"] in held]
    if not any(r["coverage"] in held for r in rows):
        status = MapStatus.NO_CONTACT
    elif not keys:
        status = MapStatus.NO_KEY_PLAYER
    elif not any(r["stance"] and Stance(r["stance"]).score > 0 for r in keys):
        status = MapStatus.NO_SUPPORTIVE_KEY_PLAYER
    else:
        status = MapStatus.OK
    return {"score": score, "percent": round(100 * score), "total": total, "people": people,
            "influence": influence, "map_status": status.value, "after_plan": None}
