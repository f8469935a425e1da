"""Coverage on a graph with one stakeholder of each status, worked out by hand."""

import pytest

from graphcrm.analysis.gaps import coverage_gaps
from graphcrm.errors import LookupFailed
from tests.analysis.conftest import make_valued

PEOPLE = {"us1": "o-us", "us2": "o-us", "dm1": "o-c", "dm2": "o-c", "dm3": "o-c",
          "ev1": "o-c", "br": "o-c", "k": "o-c", "z": "o-c", "p": "o-c", "q": "o-c",
          "cfo": "o-c", "boss": "o-c"}
TIES = [
    ("us1", "dm1", 4), ("us2", "dm1", 4),                   # dm1: two routes, 0.8: covered
    ("us1", "br", 4), ("us2", "br", 4), ("br", "dm2", 4),   # dm2: every route through br
    ("br", "k", 4), ("k", "dm2", 4),                        # k knows dm2 well, behind br
    ("z", "dm2", 4), ("z", "dm3", 4),                       # dm3 only 4 hops away, via br, z
    ("us1", "p", 1), ("p", "ev1", 1), ("us2", "q", 1), ("q", "ev1", 1),  # ev1: two weak
]
ROLES = [("us1", "bid_team"), ("us2", "bid_team"), ("dm1", "decision_maker", 5),
         ("dm2", "decision_maker", 4), ("dm3", "decision_maker", 5), ("ev1", "evaluator", 3)]
# dm2 and dm3 report to a boss we have no tie to (a reporting line is a working tie)
DETAILS = {"dm2": {"reports_to": "boss"}, "dm3": {"reports_to": "boss"},
           "cfo": {"department": "Finance"}, "dm1": {"department": "Board"}}


@pytest.fixture
def result():
    return coverage_gaps(make_valued(PEOPLE, TIES, ROLES, details=DETAILS), "P", max_hops=3)


def row(result, person):
    return result.stakeholders.set_index("person_id").loc[person]


def test_each_status(result):
    status = dict(zip(result.stakeholders["person_id"], result.stakeholders["status"],
                      strict=True))
    assert status == {"dm1": "covered", "dm2": "single-threaded", "dm3": "uncovered",
                      "ev1": "weak"}
    assert list(result.stakeholders["status"]) == ["uncovered", "single-threaded", "weak",
                                                   "covered"]


def test_routes_strength_and_broker(result):
    assert (row(result, "dm1")["routes"], row(result, "dm1")["best_strength"]) == (2, 0.8)
    dm2 = row(result, "dm2")
    assert (dm2["routes"], dm2["broker_ids"], dm2["best_strength"]) == (1, ["br"], 0.64)
    assert row(result, "dm3")["routes"] == 0
    assert row(result, "ev1")["best_strength"] == pytest.approx(0.04)  # .2 * .2


def test_introducers_know_them_well_and_are_not_the_broker(result):
    # k: we reach k at .8*.8 = .64 (through br), k knows dm2 at .8 → .512
    assert row(result, "dm2")["introducers"] == [{"person_id": "k", "name": "K",
                                                 "score": 0.512}]


def test_introduction_plan_is_a_greedy_cover(result):
    # z knows both dm2 (not through br) and dm3: one new relationship covers influence 9
    plan = result.plan
    assert len(plan) == 1
    step = plan.iloc[0]
    assert (step["meet_id"], sorted(step["covers"]), step["influence"]) == ("z", ["DM2", "DM3"], 9)
    assert step["who_id"] in {"us1", "us2"} and step["via"] == ["BR", "DM2"]


def test_coverage_score_and_parts(result):
    assert result.score == {"uncovered": 5.0, "single-threaded": 4.0, "weak": 3.0,
                            "covered": 5.0, "total": 17.0, "score": pytest.approx(5 / 17)}


def test_org_chart_holes(result):
    holes = result.holes.values.tolist()
    assert ["superior unknown", "DM1", "who does DM1 report to?"] in holes
    assert not any(h[1] in ("DM2", "DM3") for h in holes)
    departments = {h[1] for h in holes if h[0] == "department without contact"}
    assert departments == {"Finance"}  # the board (dm1) is known to us
    # nobody known for procurement or as a user: buying-centre roles to find
    assert [h[1] for h in holes if h[0] == "role unknown"] == ["procurement", "user"]
    assert ["role unknown", "user", "no user known at the customer: find out who it is"] \
        in holes


def test_holes_in_chinese(result):
    text = result.text("zh")
    assert "采购：？ —— 客户方还不知道谁是采购：需要摸清" in text
    assert "上级不明：DM1 —— DM1 的上级是谁？" in text
    assert "部门无联系人：Finance —— 1 人，我方一个都不认识" in text


def test_records_carry_the_json_fields(result):
    record = result.records()["stakeholders"][0]
    assert {"person_id", "status", "best_strength", "broker_ids"} <= set(record)


def test_unknown_project():
    with pytest.raises(LookupFailed, match="no project 'Q'"):
        coverage_gaps(make_valued(PEOPLE, TIES, ROLES), "Q")


def test_a_decision_maker_on_our_bid_team_is_covered_directly():
    # dm is on the bid team too; 'leaf' knows only dm (degree 1: Adamic–Adar of (dm, dm)
    # would divide by log 1); us reaches dm by one other route
    V = make_valued({"us": "o-us", "dm": "o-c", "leaf": "o-c"},
                   [("us", "dm", 4), ("dm", "leaf", 2)],
                   [("us", "bid_team"), ("dm", "bid_team"), ("dm", "decision_maker", 5)])
    row = coverage_gaps(V, "P").stakeholders.iloc[0]
    assert (row["person_id"], row["status"], row["routes"], row["broker_ids"]) == (
        "dm", "covered", 2, [])  # dm themself, and us → dm


def test_a_bid_team_member_at_a_competitor_still_starts_chains():
    V = make_valued({"x": "o-x", "dm": "o-c", "y": "o-x"}, [("x", "dm", 4), ("y", "dm", 5)],
                   [("x", "bid_team"), ("dm", "decision_maker", 5)])
    row = coverage_gaps(V, "P").stakeholders.iloc[0]
    # x starts the chain; y, another competitor employee, is still no route
    assert (row["status"], row["routes"], row["best_chain"]) == ("single-threaded", 1,
                                                                 ["X", "DM"])
