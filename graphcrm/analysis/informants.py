"""Key informants: who could tell us what is really happening in a project, and why.

A good informant (项目线人) has access to the decision-making stakeholders, a working tie to
us, sits between us and them, bridges otherwise unconnected people, and is well disposed.
Each candidate (anyone within two ties of a decision-making stakeholder whom we can reach,
except our own people and the decision makers themselves; competitor staff only on request,
flagged as a risk) gets a score in 0…1, a weighted sum of components that are each in 0…1:

``access``
    Influence-weighted mean, over the decision-making stakeholders, of the candidate's best
    chain probability to them (Dijkstra on ``-log p``, one search per stakeholder).
``our_tie``
    Our best chain probability to the candidate.
``brokerage``
    Betweenness restricted to paths from our people to the stakeholders
    (:func:`networkx.betweenness_centrality_subset` on ``-log p``), relative to the best
    candidate.
``structural_holes``
    The mean of ``1 - constraint`` and efficiency (effective size over the number of
    contacts), Burt 1992 (:func:`networkx.constraint`, :func:`networkx.effective_size`, ties
    weighted by probability; :func:`burt_measures` computes them as NetworkX defines them).
``stance``
    Champion 1, supporter 0.75, neutral or unknown 0.5, skeptic 0.25, opponent 0.

Each candidate's brokerage role relative to organizations (Gould & Fernandez 1989) counts
the open two-step relays ``u → v → w`` (no tie ``u → w``) through them: coordinator (all
three in one organization), gatekeeper (``u`` outside, ``v`` and ``w`` inside: lets the outside
in), representative (``u`` and ``v`` inside, ``w`` outside: speaks for their organization),
consultant (``u`` and ``w`` in one organization, ``v`` in another) and liaison (three
organizations); the role reported is the most frequent.

References
----------
R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard UP, 1992.
R. V. Gould, R. M. Fernandez, "Structures of mediation: a formal approach to brokerage in
transaction networks", Sociological Methodology 19, 1989.
U. Brandes, "On variants of shortest-path betweenness centrality and their generic
computation", Social Networks 30(2), 2008.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphcrm.analysis.model import DEFAULT_MODEL
from graphcrm.analysis.network import (
    competitor_staff,
    decision_stakeholders,
    our_people,
    region_graph,
    require_project,
    roles_of,
    stance_of,
)
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import OrgKind, Role, Stance
from graphcrm.reports.informants import InformantsResult, reasons_text

if TYPE_CHECKING:
    from graphcrm.analysis.compact import Compact

__all__ = ["key_informants", "brokerage_roles", "burt_measures", "subset_betweenness",
           "betweenness_within",
           "WEIGHTS", "GF_ROLES", "InformantsResult", "reasons_text"]

#: How the components add up to the score: the default model's (one place: the model).
WEIGHTS: Mapping[str, float] = DEFAULT_MODEL.informant_weights
GF_ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")
_STANCE = {"champion": 1.0, "supporter": 0.75, "neutral": 0.5, "skeptic": 0.25, "opponent": 0.0}
_REACH = 2  # candidates are within this many ties of a decision-making stakeholder


def brokerage_roles(H: nx.DiGraph | Compact, person: str,
                    group: Mapping[str, str | None], *, skip: Collection[str] = ()) -> Counter:
    """Gould–Fernandez brokerage counts of ``person`` in the directed graph ``H``.

    Parameters
    ----------
    H
        Who can pass a request to whom (a reach graph, or its arrays).
    person
        The broker ``v`` of the relays ``u → v → w`` counted.
    group
        Each person's group (organization id).
    skip
        People left out (as if not in ``H``).

    Returns
    -------
    collections.Counter
        Counts by role: coordinator, gatekeeper, representative, consultant, liaison (roles
        with none left out).

    Notes
    -----
    The relays through a hub number (in-degree × out-degree); they are counted from the group
    sizes of its in- and out-neighbours, less the pairs that are no relay (``u`` is ``w``, or
    ``u → w`` exists), which are found by set intersection. The cost is that of the ties among
    the broker's neighbours, not of the pairs.

    Examples
    --------
    >>> H = nx.DiGraph([("out", "v"), ("v", "in")])
    >>> brokerage_roles(H, "v", {"out": "A", "v": "B", "in": "B"})["gatekeeper"]
    1

    References
    ----------
    .. [1] R. V. Gould, R. M. Fernandez, "Structures of mediation: a formal approach to
       brokerage in transaction networks", *Sociological Methodology* 19 (1989), 89–126.
    """
    mine = group.get(person)
    if isinstance(H, nx.DiGraph):
        before, following = list(H.predecessors(person)), H.successors
    else:
        before, following = [u for u, _ in H.predecessors(person)], H.successors
    sources = [u for u in before if u not in skip]
    targets = set(following(person)).difference(skip)
    # every pair (u, w), by the groups' relation to the broker's, counted from group sizes …
    into, out = Counter(group.get(u) for u in sources), Counter(group.get(w) for w in targets)
    inside_in, inside_out = into[mine], out[mine]
    outside_in, outside_out = len(sources) - inside_in, len(targets) - inside_out
    consultant = sum(n * out[g] for g, n in into.items() if g != mine)
    counts = Counter({
        "coordinator": inside_in * inside_out, "gatekeeper": outside_in * inside_out,
        "representative": inside_in * outside_out, "consultant": consultant,
        "liaison": outside_in * outside_out - consultant,
    })
    # … less the pairs that are no relay: u is w, or u reaches w directly
    for u in sources:
        closed = targets.intersection(following(u))
        if u in targets:
            closed.add(u)
        gu = group.get(u)
        for w in closed:
            counts[_gf_role(gu, group.get(w), mine)] -= 1
    return Counter({role: n for role, n in counts.items() if n})


def _gf_role(source: str | None, target: str | None, broker: str | None) -> str:
    """The Gould–Fernandez role of a broker in group ``broker`` relaying from a person in
    group ``source`` to one in group ``target``."""
    if source == broker == target:
        return "coordinator"
    if source != broker and target == broker:
        return "gatekeeper"
    if source == broker and target != broker:
        return "representative"
    return "consultant" if source == target else "liaison"


def key_informants(
    V: ValuedGraph,
    project: str,
    *,
    top: int | None = 15,
    include_competitors: bool = False,
    weights: Mapping[str, float] | None = None,
) -> InformantsResult:
    """Rank the people who could best tell us what is happening in ``project``.

    Parameters
    ----------
    V
        The valued graph (:func:`~graphcrm.analysis.valued.value`).
    project
        The project id.
    top
        How many candidates to return (None: all).
    include_competitors
        Rank competitor staff too, flagged as a risk (left out by default).
    weights
        Weight of each component in the score (see module docs; default: the model's
        ``informant_weights``).

    Returns
    -------
    InformantsResult
        One row per candidate, best first: ``rank``, ``person_id``, ``name``,
        ``organization``, ``score``, the components, ``constraint``, ``effective_size``,
        ``gf_role`` and its counts, ``recorded_informant``, ``risk`` and ``reasons``
        (``to_frame()`` gives them as a DataFrame).

    Example
    -------
    >>> import datetime as dt
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph(projects={"P": {}})
    >>> G.add_node("us", name="Us", org_kind="own", org_id="o", projects={})
    >>> G.add_node("i", name="I", org_kind="customer", org_id="c", projects={})
    >>> G.add_node("dm", name="DM", org_kind="customer", org_id="c",
    ...            projects={"P": {"roles": ["decision_maker"], "influence": 5}})
    >>> for a, b in [("us", "i"), ("i", "dm")]:
    ...     _ = G.add_edge(a, b, key="KNOWS", type="KNOWS", strength=5)
    >>> key_informants(value(G, dt.date(2026, 1, 1)), "P").to_frame()["name"].tolist()
    ['I']
    """
    G = V.people
    chosen = V.model.informant_weights if weights is None else weights
    require_project(G, project)
    ours = set(our_people(G, project))
    targets = decision_stakeholders(G, project, V.model)
    competitors = competitor_staff(G)
    skip = frozenset(() if include_competitors else competitor_staff(G, keep=[*targets, *ours]))
    C = V.compact  # the whole neighbourhood as arrays: no NetworkX graph of it is made
    near = C.distances_dict(C.hop_distances(targets, _REACH, both=True, excluded=skip))
    position = V.arcs.position
    nearest = V.nearest(sorted(ours), skip)  # the best chain from any of us
    reach_us = {n: float(nearest[position[n]]) for n in near
                if n in position and math.isfinite(nearest[position[n]])}
    candidates = sorted(n for n in near if n not in ours and n in reach_us
                        and G.nodes[n]["org_kind"] != OrgKind.OWN
                        and Role.DECISION_MAKER.value not in roles_of(G, n, project))
    if not candidates:
        return InformantsResult(project, components=tuple(chosen))
    to_targets = V.distance_table(sorted(targets), skip, reverse=True)  # one search each
    row_of = {t: i for i, t in enumerate(to_targets[0])}
    import numpy as np

    # the people on a best chain from us to a target, and the arcs of those chains
    region = C.on_best_chains(sorted(ours), to_targets[1])
    region[[C.position[n] for n in skip if n in C.position]] = False
    tail = C.tail
    tight = region[tail] & region[C.head]
    on_some = np.zeros_like(tight)
    for row in to_targets[1]:
        on_some |= C.tight(row)
    tight &= on_some
    ahead: dict[str, list[str]] = {C.nodes[i]: [] for i in np.flatnonzero(region).tolist()}
    for u, w in zip(tail[tight].tolist(), C.head[tight].tolist(), strict=True):
        ahead[C.nodes[u]].append(C.nodes[w])
    between = betweenness_within(C, sorted(ours), sorted(targets), set(ahead), ahead=ahead)
    top_between = max((between.get(c, 0.0) for c in candidates), default=0) or 1
    rows = []
    for c in candidates:
        others = {t: w for t, w in targets.items() if t != c}
        weight = sum(others.values()) or 1
        reach = {t: math.exp(-float(to_targets[1][row_of[t], position[c]]))
                 if t in row_of else 0.0 for t in others}  # exp(-inf) = 0: out of reach
        stance = stance_of(G, c, project)
        rows.append({
            "person_id": c, "name": G.nodes[c]["name"],
            "organization": G.nodes[c].get("org_name"), "title": G.nodes[c].get("title"),
            "access": sum(reach[t] * w for t, w in others.items()) / weight,
            "our_tie": math.exp(-reach_us[c]),
            "brokerage": between.get(c, 0.0) / top_between,
            "structural_holes": 0.0,
            "stance_fit": _STANCE.get(stance or "neutral", 0.5),
            "constraint": None, "effective_size": None,
            "stance_word": stance,
            "recorded_informant": Role.INFORMANT.value in roles_of(G, c, project),
            "risk": "competitor staff" if c in competitors else None,
            "_reach": reach,
        })
    _add_structural_holes(V, skip, rows)
    for row in rows:
        row["score"] = sum(chosen[k] * row[k] for k in chosen)
    rows.sort(key=lambda r: (-r["score"], r["name"]))
    rows = rows[:top] if top else rows
    group = {n: d.get("org_id") for n, d in G.nodes(data=True)}
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        roles = brokerage_roles(C, row["person_id"], group, skip=skip)
        # the most frequent role; a tie goes to the first in GF_ROLES (not to whichever
        # relay happened to be counted first)
        row["gf_role"] = max(GF_ROLES, key=lambda r: roles[r]) if roles else None
        row["gf_counts"] = {r: roles[r] for r in GF_ROLES if roles[r]}
        row["_why"] = _reasons(G, row, row.pop("_reach"))
        row["stance"] = row.pop("stance_word")
        for column in ("score", *chosen, "constraint", "effective_size"):
            if row[column] is not None:
                row[column] = round(float(row[column]), 3)
    return InformantsResult(project, rows, tuple(chosen))


def burt_measures(U: nx.Graph, nodes: Iterable[str], weight: str = "weight",
                  *, chunk: int = 256) -> dict[str, tuple[float, float]]:
    """Burt's constraint and effective size of ``nodes`` in the weighted graph ``U``.

    The same quantities as :func:`networkx.constraint` and :func:`networkx.effective_size`
    (with ``weight``), computed as sparse-matrix products, as NetworkX's own whole-graph
    paths do. With ``W`` the symmetric weight matrix, ``P = D⁻¹W`` each tie's share of a
    person's ties (``p_ij``) and ``M = diag(1/max)W`` its share of their strongest, for a
    person ``i`` with contacts ``N(i)``:

    - constraint ``c_i = Σ_{j∈N(i)} (P_ij + (P²)_ij)²``, since ``Σ_q p_iq p_qj`` runs over
      ``i``'s contacts ``q`` exactly where ``p_iq ≠ 0``;
    - effective size ``e_i = |N(i)| - Σ_{j∈N(i)} (P Mᵀ)_ij``.

    The rows of ``nodes`` are multiplied ``chunk`` at a time and masked to each person's
    contacts, so that a super-connector among the contacts costs C loops, not Python ones,
    and memory stays bounded. ``tests/analysis/test_informants.py`` checks the values equal
    NetworkX's on random graphs with hubs.

    Parameters
    ----------
    U
        An undirected graph; ``weight`` on each tie (1 when missing). Self-loops are ignored
        (NetworkX counts one as a contact; graphcrm's graphs have none).
    nodes
        The people to measure.
    weight
        The edge attribute holding the tie's weight.
    chunk
        Rows multiplied at a time.

    Returns
    -------
    dict
        ``node → (constraint, effective_size)``; NaN for a node without neighbours.

    Examples
    --------
    >>> U = nx.Graph([("a", "b"), ("a", "c")])
    >>> nx.set_edge_attributes(U, 1.0, "weight")
    >>> burt_measures(U, ["a"])["a"]
    (0.5, 2.0)

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes: The Social Structure of Competition*. Harvard
       University Press, 1992.
    """
    ties = [(u, v, float(data.get(weight, 1))) for u, v, data in U.edges(data=True)]
    return {n: (c, e) for n, (c, e, _) in _burt(ties, list(nodes), chunk=chunk).items()}


def _burt(ties: list[tuple[str, str, float]], wanted: list[str], *, chunk: int = 256
          ) -> dict[str, tuple[float, float, int]]:
    """:func:`burt_measures` from a list of undirected weighted ties: ``node →
    (constraint, effective size, number of contacts)``."""
    from scipy import sparse

    index: dict[str, int] = {}
    for u, v, _ in ties:
        index.setdefault(u, len(index))
        index.setdefault(v, len(index))
    for node in wanted:
        index.setdefault(node, len(index))
    size = len(index)
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for u, v, w in ties:
        if u != v:
            i, j = index[u], index[v]
            rows += (i, j)
            cols += (j, i)
            values += (w, w)
    W = sparse.csr_matrix((values, (rows, cols)), shape=(size, size))
    return _burt_matrix(W, wanted, [index[n] for n in wanted], chunk=chunk)


def _burt_matrix(W: Any, wanted: list[str], positions: list[int], *, chunk: int = 256
                 ) -> dict[str, tuple[float, float, int]]:
    """:func:`burt_measures` of ``wanted`` (rows ``positions``) from the symmetric weight
    matrix ``W`` (a ``scipy.sparse.csr_matrix`` without diagonal): ``node → (constraint,
    effective size, number of contacts)``."""
    import numpy as np
    from scipy import sparse

    size = W.shape[0]
    B = W.copy()
    B.data = np.ones_like(B.data)  # contacts
    degree = np.asarray(B.sum(axis=1)).ravel()
    total = np.asarray(W.sum(axis=1)).ravel()
    peak = W.max(axis=1).toarray().ravel() if size else np.zeros(0)
    with np.errstate(divide="ignore"):
        P = sparse.diags(np.where(total > 0, 1 / total, 0.0)) @ W
        MT = (sparse.diags(np.where(peak > 0, 1 / peak, 0.0)) @ W).T.tocsr()
    result: dict[str, tuple[float, float, int]] = {}
    for start in range(0, len(positions), chunk):
        part = positions[start:start + chunk]
        rows_p, rows_b = P[part], B[part]
        constraint = (rows_p + rows_p @ P).multiply(rows_b).power(2).sum(axis=1)
        redundancy = (rows_p @ MT).multiply(rows_b).sum(axis=1)
        for offset, position in enumerate(part):
            node = wanted[start + offset]
            if degree[position] == 0:
                result[node] = (math.nan, math.nan, 0)
            else:
                result[node] = (float(constraint[offset, 0]),
                                float(degree[position] - redundancy[offset, 0]),
                                int(degree[position]))
    return result


def _add_structural_holes(V: ValuedGraph, skip: frozenset[str], rows: list[dict]) -> None:
    """Burt's constraint, effective size and the structural-holes component of each row, on
    the reach graph taken as undirected (a pair's weight: the ``p`` of its last arc in
    ``reach.edges()`` order, as :meth:`networkx.Graph.add_weighted_edges_from` leaves it)
    without ``skip``.

    Arcs come in the order of their source's position, so a pair's last arc is the one from
    the later person, when there is one."""
    import numpy as np
    from scipy import sparse

    arcs = V.arcs
    kept = arcs.without(skip)
    source, target, p = arcs.source[kept], arcs.target[kept], arcs.p[kept]
    size = len(arcs.nodes)
    low, high = np.minimum(source, target), np.maximum(source, target)
    later = source > target  # the pair's last arc
    earlier = ~later & (source != target)
    first = sparse.csr_matrix((p[earlier], (low[earlier], high[earlier])), shape=(size, size))
    last = sparse.csr_matrix((p[later], (low[later], high[later])), shape=(size, size))
    mask = last.copy()
    mask.data = np.ones_like(mask.data)
    upper = (first - first.multiply(mask) + last).tocsr()
    upper.eliminate_zeros()
    weights = (upper + upper.T).tocsr()
    wanted = [r["person_id"] for r in rows]
    measures = _burt_matrix(weights, wanted, [arcs.position[n] for n in wanted])
    for row in rows:
        constraint, effective, degree = measures[row["person_id"]]
        if math.isnan(constraint) or not degree:
            continue
        row["constraint"], row["effective_size"] = constraint, effective
        row["structural_holes"] = ((1 - min(1.0, constraint)) + min(1.0, effective / degree)) / 2


def subset_betweenness(H: nx.DiGraph, sources: list[str], targets: list[str],
                       from_sources: Mapping[str, Mapping[str, float]],
                       to_targets: Mapping[str, Mapping[str, float]],
                       skip: Collection[str] = ()) -> dict[str, float]:
    """Betweenness of every person on the best chains from ``sources`` to ``targets``
    (weight ``cost``, not normalized), as :func:`networkx.betweenness_centrality_subset`
    gives it on ``H`` without ``skip``, computed on the chains' own region.

    A person ``v`` is on a best chain from ``s`` to ``t`` exactly when
    ``d(s, v) + d(v, t) = d(s, t)`` (``from_sources[s]``, ``to_targets[t]``; compared with a
    relative slack of 1e-9, which can only add people). Every best chain from ``s`` to such
    a ``v`` is the start of a best chain to ``t``, so the region holds all of them and
    Brandes' path counts on it are the counts on the whole graph (:func:`betweenness_within`);
    people outside it lie on no best chain (betweenness 0, left out of the result).
    ``key_informants`` finds the same region from the distances to the targets alone
    (:meth:`~graphcrm.analysis.compact.Compact.on_best_chains`).

    Parameters
    ----------
    H
        The reach graph.
    sources, targets
        Where chains start and end.
    from_sources
        For each source, the best-chain cost from it to each person.
    to_targets
        For each target, the best-chain cost from each person to it.
    skip
        People no chain passes.

    Returns
    -------
    dict
        Person → betweenness, for the people of the region.

    Examples
    --------
    >>> H = nx.DiGraph()
    >>> H.add_weighted_edges_from([("s", "a", 1.0), ("a", "t", 1.0), ("s", "b", 1.0),
    ...                            ("b", "t", 1.0), ("s", "c", 5.0)], weight="cost")
    >>> d_s = {"s": nx.single_source_dijkstra_path_length(H, "s", weight="cost")}
    >>> d_t = {"t": nx.single_source_dijkstra_path_length(H.reverse(), "t", weight="cost")}
    >>> sorted(subset_betweenness(H, ["s"], ["t"], d_s, d_t).items())
    [('a', 0.5), ('b', 0.5), ('s', 0.0), ('t', 0.0)]

    References
    ----------
    .. [1] U. Brandes, "On variants of shortest-path betweenness centrality and their
       generic computation", *Social Networks* 30(2) (2008), 136–145.
    """
    region: set[str] = set()
    for t in targets:
        back = to_targets.get(t, {})
        for s in sources:
            ahead = from_sources.get(s, {})
            if t not in ahead:
                continue
            bound = ahead[t] * (1 + 1e-9) + 1e-12
            region.update(v for v, d in back.items() if v in ahead and ahead[v] + d <= bound)
    return betweenness_within(H, sources, targets, region - set(skip))


def betweenness_within(H: nx.DiGraph | Compact, sources: list[str], targets: list[str],
                       region: Collection[str], *,
                       ahead: Mapping[str, Collection[str]] | None = None) -> dict[str, float]:
    """:func:`networkx.betweenness_centrality_subset` (weight ``cost``, not normalized) on
    the reach graph within ``region``: the betweenness on the whole graph when ``region``
    holds every best chain from a source to a target (:func:`subset_betweenness`).

    ``ahead``: for each person of the region, the next people on a best chain to some
    target (tight arcs); then each source's Dijkstra is run only over the people it reaches
    along them (:func:`_brandes_subset`)."""
    if not region:
        return {}
    starts, ends = [s for s in sources if s in region], [t for t in targets if t in region]
    if isinstance(H, nx.DiGraph):
        return _brandes_subset(region_graph(H, region), starts, ends, ahead=ahead)
    R = H.within(H.mask(region))  # the region's arcs, each person's in the graph's order
    adjacency: dict[str, list[tuple[str, float]]] = {v: [] for v in R.nodes}
    for u, w, cost in zip(R.tail.tolist(), R.head.tolist(), R.cost.tolist(), strict=True):
        adjacency[R.nodes[u]].append((R.nodes[w], cost))
    return _brandes(R.nodes, adjacency, starts, ends, ahead=ahead)


def _brandes_subset(G: nx.DiGraph, sources: list[str], targets: list[str], *,
                    ahead: Mapping[str, Collection[str]] | None = None) -> dict[str, float]:
    """:func:`networkx.betweenness_centrality_subset` (directed, ``weight="cost"``, not
    normalized), step for step — the same Dijkstra (Brandes' path counts, equal chains by
    float equality as NetworkX compares them) and the same accumulation, in the same order,
    so the very same floats — over adjacency lists made once instead of a weight function
    called for every arc from every source (3 million calls at 100,000 people).

    With ``ahead`` (each person's next people on a best chain to a target), each source's
    search runs over only the people it reaches along those arcs: every person on a best
    chain from it to a target, whose path counts and distances come from people on such
    chains only (a best chain's every prefix is a best chain). Everyone left out adds
    nothing (their delta is 0 and pushes no one ahead of anyone kept in the heap's order),
    so the floats are the same; a property test asserts it with ``==``."""
    adjacency = {v: [(w, arc.get("cost", 1)) for w, arc in following.items()]
                 for v, following in G._succ.items()}
    return _brandes(list(G), adjacency, sources, targets, ahead=ahead)


def _brandes(nodes: list[str], adjacency: Mapping[str, list[tuple[str, float]]],
             sources: list[str], targets: list[str], *,
             ahead: Mapping[str, Collection[str]] | None = None) -> dict[str, float]:
    """:func:`_brandes_subset` over ``nodes`` (in the graph's order) and each one's arcs
    (``adjacency``: the next person and the arc's cost, in the graph's order)."""
    betweenness = dict.fromkeys(nodes, 0.0)
    wanted = set(targets)
    for s in sources:
        kept: Collection[str] = adjacency
        if ahead is not None:
            kept, frontier = {s}, [s]
            while frontier:
                frontier = [w for v in frontier for w in ahead.get(v, ()) if w not in kept]
                kept.update(frontier)
        order: list[str] = []
        before: dict[str, list[str]] = {v: [] for v in kept}  # no one else is reached
        sigma = dict.fromkeys(kept, 0.0)
        done: dict[str, float] = {}
        sigma[s] = 1.0
        seen: dict[str, float] = {s: 0}
        counter = itertools.count()
        queue: list[tuple[float, int, str, str]] = [(0, next(counter), s, s)]
        while queue:
            dist, _, pred, v = heapq.heappop(queue)
            if v in done:
                continue
            sigma[v] += sigma[pred]
            order.append(v)
            done[v] = dist
            for w, cost in adjacency[v]:
                if w not in kept:
                    continue
                through = dist + cost
                if w not in done and (w not in seen or through < seen[w]):
                    seen[w] = through
                    heapq.heappush(queue, (through, next(counter), v, w))
                    sigma[w] = 0.0
                    before[w] = [v]
                elif through == seen[w]:
                    sigma[w] += sigma[v]
                    before[w].append(v)
        delta = dict.fromkeys(order, 0.0)
        ends = wanted - {s}
        while order:
            w = order.pop()
            coeff = ((delta[w] + 1.0) if w in ends else delta[w]) / sigma[w]
            for v in before[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                betweenness[w] += delta[w]
    return betweenness


def _reasons(G: nx.MultiDiGraph, row: dict, reach: dict[str, float]
             ) -> list[tuple[str, dict[str, Any]]]:
    """Why a candidate ranks where it does: catalogue keys and their values."""
    best = sorted(((p, t) for t, p in reach.items() if p > 0), reverse=True)[:2]
    parts: list[tuple[str, dict[str, Any]]] = []
    if best:
        parts.append(("informants.reaches",
                      {"who": ", ".join(f"{G.nodes[t]['name']} {p:.2f}" for p, t in best)}))
    parts.append(("informants.our_tie", {"p": row["our_tie"]}))
    if row["stance_word"]:
        parts.append(("informants.stance", {"stance": Stance(row["stance_word"])}))
    if row["brokerage"] >= 0.5:
        parts.append(("informants.on_routes", {}))
    if row["gf_role"]:
        parts.append(("informants.gf", {"role": row["gf_role"],
                                        "organization": row["organization"] or ""}))
    if row["recorded_informant"]:
        parts.append(("informants.already", {}))
    if row["risk"]:
        parts.append(("informants.risk", {}))
    return parts


