"""How hard the property tests try: a few hundred cases in the normal suite, the same every
run (derandomized, so CI is repeatable); ``GRAPHCRM_FUZZ=N`` multiplies the cases by N and
draws new ones each run (the long fuzzing run in the README)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("GRAPHCRM_FUZZ", "1") or 1))


def fuzz(examples: int) -> settings:
    """Hypothesis settings for a property test that runs ``examples`` cases normally."""
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
