import datetime as dt

import pytest

from graphcrm.analysis.model import TieModel
from tests.analysis.conftest import make_valued

M = TieModel()


def test_probability_table_and_interpolation():
    assert [M.probability(s) for s in range(1, 6)] == [0.2, 0.4, 0.6, 0.8, 0.95]
    assert M.probability(2.5) == pytest.approx(0.5)
    assert M.probability(0) == 0.2 and M.probability(9) == 0.95


@pytest.mark.parametrize(("level", "half_life"), [(None, 180), (1, 180), (2, 365), (3, 730),
                                                   (4, 1460)])
def test_half_life_by_level_family_ties_decay_slowest(level, half_life):
    # after one half-life the part of the strength above 1 has halved: 5 → 3
    assert M.effective_strength(5, half_life, level) == pytest.approx(3.0)


def test_undated_ties_keep_their_strength():
    assert M.effective_strength(4, None, 1) == 4.0
    hop = M.hop("a", "b", {"type": "KNOWS", "strength": 4, "since": "2001-01-01"},
                dt.date(2026, 1, 1))
    assert hop.undated and hop.effective_strength == 4.0  # since is not a contact


def test_a_reporting_line_carries_more_down_than_up_and_does_not_decay():
    # a → b recorded: a reports to b. Up (a mentions us to their superior): 2, .4
    up = M.hop("a", "b", {"type": "REPORTS_TO"}, dt.date(2026, 1, 1))
    assert (up.effective_strength, up.probability, up.undated, up.direction) == (
        2.0, 0.4, False, "up")
    # down (the superior introduces us to their subordinate): 3, .6
    down = M.hop("b", "a", {"type": "REPORTS_TO", "direction": "down"}, dt.date(2026, 1, 1))
    assert (down.effective_strength, down.probability, down.direction) == (3.0, 0.6, "down")


def test_the_reach_graph_values_a_reporting_line_by_its_direction():
    V = make_valued({"boss": "o-c", "sub": "o-c"}, details={"sub": {"reports_to": "boss"}})
    assert (V.reach["boss"]["sub"]["p"], V.reach["sub"]["boss"]["p"]) == (0.6, 0.4)
    assert [h.direction for h in V.hops(["boss", "sub", "boss"])] == ["down", "up"]


def test_coverage_levels_are_one_rule():
    assert [M.coverage(w, r, b).value for w, r, b in [
        (2, 0, 0), (1, 2, 0), (1, 1, 0), (1, 0, 0), (0, 2, 0), (0, 0, 3), (0, 0, 0)]] == [
        "in_depth", "in_depth", "contacted", "contacted", "reachable", "contested",
        "uncovered"]
    # a working tie always counts as a route: its probability is above the route threshold
    assert M.probability(M.cold_below) >= M.weak_probability


def test_cadence_picks_the_strictest_role():
    assert M.cadence(["evaluator", "informant"]) == (7, "informant")
    assert M.cadence(["decision_maker"]) == (14, "decision_maker")
    assert M.cadence(["user"]) == (30, "user")
