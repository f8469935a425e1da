import datetime as dt

import pytest

from graphcrm.analysis.model import TieModel

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


def test_reports_to_is_a_working_tie_that_does_not_decay():
    hop = M.hop("a", "b", {"type": "REPORTS_TO"}, dt.date(2026, 1, 1))
    assert (hop.effective_strength, hop.probability, hop.undated) == (3.0, 0.6, False)


def test_cadence_picks_the_strictest_role():
    assert M.cadence(["evaluator", "informant"]) == (7, "informant")
    assert M.cadence(["decision_maker"]) == (14, "decision_maker")
    assert M.cadence(["user"]) == (30, "user")
