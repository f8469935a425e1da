from graphcrm.analysis.matrix import stakeholder_matrix
from tests.analysis.conftest import make_valued


def test_quadrants_and_coverage():
    V = make_valued(
        {"us": "o-us", "a": "o-c", "b": "o-c", "c": "o-c", "d": "o-c"},
        [("us", "a", 4), ("a", "b", 4)],
        [("us", "bid_team"), ("a", "decision_maker", 5, "opponent"),
         ("b", "evaluator", 4, "neutral"), ("c", "user", 2, "champion"), ("d", "user", 1)],
    )
    frame = stakeholder_matrix(V, "P").to_frame().set_index("person_id")
    assert frame["quadrant"].to_dict() == {"a": "manage closely", "b": "keep satisfied",
                                           "c": "keep informed", "d": "monitor"}
    assert frame.loc["a", "stance_score"] == -2
    assert frame.loc["d", "stance"] == "unknown"
    # us knows a (a working tie); b only through a, who opposes us: contested
    assert (frame.loc["a", "coverage"], frame.loc["b", "coverage"]) == ("contacted",
                                                                        "contested")
    assert frame.loc["a", "single_thread"] == ["US"]
    assert "us" not in frame.index
