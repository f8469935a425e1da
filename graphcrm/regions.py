"""Which part of a store a question needs, so that it loads thousands of people, not all.

A chain ``u0 … uk`` of at most ``h`` ties from a set of people ``S`` to a target ``t`` lies
inside ``B(S, a) ∪ B(t, b)`` — everyone within ``a`` ties of ``S`` or ``b`` ties of ``t`` —
whenever ``a + b >= h - 1``: the first ``a + 1`` people are within ``a`` of ``S``, the rest
within ``h - a - 1`` of ``t``. :func:`path_region` grows the two balls one step at a time,
always the side with the smaller frontier, so that a thousand of our people and one target
load a few thousand people rather than the whole network.
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


def contact_region(store: Store, ours: Collection[str], stakeholders: Collection[str]
                   ) -> set[str]:
    """Our people, everyone they know directly, and the stakeholders: what a contact plan
    reads (who is overdue, whose tie to us is cooling, who of us knows them best)."""
    return set(ours) | store.neighbours(ours) | set(stakeholders)


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
