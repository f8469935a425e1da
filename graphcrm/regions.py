"""Which part of a store a question needs, so that it loads thousands of people, not all.

A chain ``u0 … uk`` of at most ``h`` ties from a set of people ``S`` to a target ``t`` lies
inside ``B(S, a) ∪ B(t, b)`` — everyone within ``a`` ties of ``S`` or ``b`` ties of ``t`` —
whenever ``a + b >= h - 1``: the first ``a + 1`` people are within ``a`` of ``S``, the rest
within ``h - a - 1`` of ``t``. And a person ``v`` lies on such a chain only if
``d(S, v) + d(v, t) <= h``. :func:`path_region` grows the two balls one step at a time,
always the side with the smaller frontier, until ``a + b = h`` (reading only ids), and keeps
the people whose two distances can add up to ``h`` at most, a distance not yet known counted
as one more than its ball's radius (a lower bound): so a hub three ties from the target brings
only those of its thousands of contacts who know one of us, not all of them. A thousand of
our people and one target load a couple of thousand people rather than the whole network.

The region of each question:

- ``path``: :func:`path_region` (above) — a hub's contacts are read as ids when the search
  expands it, and loaded only when their distances allow a chain short enough (at 100,000
  people, ``path`` from all 1,000 of us loads 2,267 people instead of 10,492). Inside the
  loaded region, :meth:`graphcrm.analysis.compact.Compact.chain_region` keeps exactly the
  people ``v`` with ``d(S, v) + d(v, t) <= h``, the people on some chain short enough.
- ``gaps``, ``informants``, ``matrix``, ``map P``: the project's neighbourhood,
  :func:`ball` of radius 2 around its stakeholders. This is the question's own scope (the
  coverage, best chains and brokers *within the project's neighbourhood*, the same on both
  stores), not an approximation: the answers are defined on it, so no smaller region gives
  the same answers in general (a hub two ties from a stakeholder can carry the best chain).
- ``health``: :func:`contact_region` — our people, whom they know directly, and the
  stakeholders; a hub enters only as one of those.
- who is who: only the people a question names, our people and the stakeholders
  (``Store.people_index(named=…, involved=True)``), not every person of the store.
"""

from __future__ import annotations

from collections.abc import Collection

from graphcrm.stores.base import Store

__all__ = ["path_region", "contact_region", "ball"]


def path_region(store: Store, sources: Collection[str], target: str, max_hops: int) -> set[str]:
    """Everyone who may lie on a chain of at most ``max_hops`` ties from ``sources`` to
    ``target`` (a superset: the analysis finds the chains).

    Proof that no one on such a chain is left out: the balls grow until their radii add up
    to ``max_hops`` (or a ball holds its whole component), so every chain lies inside their
    union (module docs); a person is kept when ``low(S, v) + low(v, t) <= max_hops``, where
    ``low`` is the distance where the ball found it, else its radius plus one (else
    infinity, for a ball that holds its whole component); each ``low`` is at most the true
    distance, and a person on a chain has ``d(S, v) + d(v, t) <= max_hops``.
    """
    # each ball as its layers: layers[side][r] holds the people found at distance r
    layers: list[list[set[str]]] = [[set(sources)], [{target}]]
    inside = [set(sources), {target}]
    while len(layers[0]) + len(layers[1]) - 2 < max_hops and (layers[0][-1] or layers[1][-1]):
        near, far = layers[0][-1], layers[1][-1]
        side = 0 if 0 < len(near) <= len(far) or not far else 1
        step = store.neighbours(layers[side][-1]) - inside[side]
        layers[side].append(step)
        inside[side] |= step
    radius = [len(layers[side]) - 1 for side in (0, 1)]
    beyond = [radius[side] + 1 if layers[side][-1] else max_hops + 1 for side in (0, 1)]
    # low(S, v) + low(v, t) <= max_hops, by whole layers (set operations, not a look-up
    # per person: the ball around 10,000 of us holds 100,000 people at a million)
    region = set(sources) | {target}  # the ends always: a question names them
    for near_at, near in enumerate(layers[0]):
        for far_at, far in enumerate(layers[1]):
            if near_at + far_at <= max_hops:
                region |= near & far
        if near_at + beyond[1] <= max_hops:
            region |= near - inside[1]
    for far_at, far in enumerate(layers[1]):
        if beyond[0] + far_at <= max_hops:
            region |= far - inside[0]
    return region


def contact_region(store: Store, ours: Collection[str], stakeholders: Collection[str],
                   colleagues: Collection[str] = ()) -> set[str]:
    """Our people, everyone they know directly, the stakeholders, and those of our
    ``colleagues`` (everyone at our own organizations) who have a tie to a stakeholder: what
    a contact plan reads (who is overdue — by the last contact with anyone on our side,
    :func:`graphcrm.graph.last_contact` —, whose tie to us is cooling, who of us knows them
    best)."""
    near = store.neighbours(stakeholders) & set(colleagues) if colleagues else set()
    return set(ours) | store.neighbours(ours) | set(stakeholders) | near


def ball(store: Store, seeds: Collection[str], radius: int) -> set[str]:
    """Everyone within ``radius`` ties (any type, either direction, or the org chart) of
    ``seeds``, ``seeds`` included: what a project's neighbourhood is made of."""
    found, frontier = set(seeds), set(seeds)
    for _ in range(radius):
        if not frontier:
            break
        frontier = store.neighbours(frontier) - found
        found |= frontier
    return found
