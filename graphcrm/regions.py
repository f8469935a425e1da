"""Which part of a store a question needs, so that it loads thousands of people, not all.

A chain ``u0 … uk`` of at most ``h`` ties from a set of people ``S`` to a target ``t`` lies
inside ``B(S, a) ∪ B(t, b)`` — everyone within ``a`` ties of ``S`` or ``b`` ties of ``t`` —
whenever ``a + b >= h - 1``: the first ``a + 1`` people are within ``a`` of ``S``, the rest
within ``h - a - 1`` of ``t``. :func:`path_region` grows the two balls one step at a time,
always the side with the smaller frontier, so that a thousand of our people and one target
load a few thousand people rather than the whole network.

The region of each question:

- ``path``: :func:`path_region` (above) — a hub enters only when it lies within ``a`` ties
  of our people or ``b`` of the target, and its neighbours only when the search expands it.
  Inside the loaded region, :func:`graphcrm.analysis.network.chain_region` keeps exactly the
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
    ``target`` (a superset: the analysis finds the chains)."""
    balls = [set(sources), {target}]
    frontiers = [set(sources), {target}]
    for _ in range(max(0, max_hops - 1)):
        side = 0 if 0 < len(frontiers[0]) <= len(frontiers[1]) or not frontiers[1] else 1
        if not frontiers[side]:
            break
        step = store.neighbours(frontiers[side]) - balls[side]
        balls[side] |= step
        frontiers[side] = step
    return balls[0] | balls[1]


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
