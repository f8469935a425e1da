"""Coverage levels on hand-built bids whose answers are worked out by hand.

The bid (project P at o-c; us1, us2 ours), as of 2026-06-01, tie strength → probability
1 .2, 2 .4, 3 .6, 4 .8, 5 .95; a reporting line carries .6 down (superior → subordinate) and
.4 up; a route counts from .3:

- gm (decision maker, 5): us1 and us2 both know him — two working ties: **in depth**;
- cfo (evaluator, 4, owner us2): only us1 knows her: **contacted**, single-threaded through
  us1; k knows her well but only us1 knows k;
- dep (decision maker, 4, newly appointed): reports to gm; s1 reports to him and us2 knows
  s1 only slightly (1). Routes: us1 → gm → dep (.95 × .6 = .57) counts; us2 → s1 → dep
  (.2 × .4 = .08) is weak: **reachable**, single-threaded through gm — never "contacted";
- ev (evaluator, 3): reached only through opp (opponent), sk (skeptic) and rival (a
  competitor's employee): **contested**, those three the blockers;
- old (evaluator, 2): us1 knew him well (4) but last spoke in January 2024: gone cold (.22),
  a weak route: **uncovered**, the weak route listed;
- inf (influencer, 2): two routes through different people, us1 → a → inf and
  us2 → b → inf (.64 each), nobody of ours has met him: **reachable**, not single-threaded.
"""

import math

import pytest

from graphcrm.analysis.gaps import coverage_gaps
from graphcrm.analysis.valued import value
from graphcrm.errors import LookupFailed
from tests.analysis.conftest import AS_OF, make_graph, make_valued

BID_PEOPLE = {"us1": "o-us", "us2": "o-us", "gm": "o-c", "cfo": "o-c", "k": "o-c",
              "dep": "o-c", "s1": "o-c", "ev": "o-c", "opp": "o-c", "sk": "o-c",
              "rival": "o-x", "old": "o-c", "inf": "o-c", "a": "o-c", "b": "o-c"}
BID_TIES = [
    ("us1", "gm", 5), ("us2", "gm", 4),
    ("us1", "cfo", 4), ("us1", "k", 4), ("k", "cfo", 4),
    ("us2", "s1", 1),
    ("us1", "opp", 4), ("opp", "ev", 4), ("us2", "sk", 4), ("sk", "ev", 3),
    ("us2", "rival", 4), ("rival", "ev", 5),
    ("us1", "old", 4, "KNOWS", "2024-01-15"),
    ("us1", "a", 4), ("a", "inf", 4), ("us2", "b", 4), ("b", "inf", 4),
]
BID_ROLES = [
    ("us1", "bid_team"), ("us2", "bid_team"),
    ("gm", "decision_maker", 5),
    ("cfo", "evaluator", 4, None, {"owner": "us2"}),
    ("dep", "decision_maker", 4),
    ("ev", "evaluator", 3), ("opp", "user", 3, "opponent"), ("sk", "user", 2, "skeptic"),
    ("old", "evaluator", 2), ("inf", "influencer", 2),
]
BID_DETAILS = {"dep": {"reports_to": "gm", "status": "new"}, "s1": {"reports_to": "dep"}}


def bid_graph():
    return make_graph(BID_PEOPLE, BID_TIES, BID_ROLES, details=BID_DETAILS)


@pytest.fixture
def bid():
    return coverage_gaps(value(bid_graph(), AS_OF), "P")


def rows(result):
    return {r["person_id"]: r for r in result.part("stakeholders").rows}


def steps(result):
    return {r["stakeholder_id"]: r for r in result.part("plan").rows}


def test_each_level_by_hand(bid):
    level = {p: r["coverage"] for p, r in rows(bid).items()}
    assert level == {"gm": "in_depth", "cfo": "contacted", "dep": "reachable",
                     "ev": "contested", "old": "uncovered", "inf": "reachable"}
    # worst first, then by influence
    assert [r["person_id"] for r in bid.part("stakeholders").rows] == [
        "old", "ev", "dep", "inf", "cfo", "gm"]


def test_two_working_ties_are_in_depth(bid):
    gm = rows(bid)["gm"]
    assert gm["working_ids"] == ["us1", "us2"] and gm["routes"] == 2
    assert not gm["single_threaded"] and gm["broker_ids"] == []


def test_one_of_ours_alone_is_contacted_and_the_broker(bid):
    cfo = rows(bid)["cfo"]
    assert cfo["working_ids"] == ["us1"]
    # us1 → cfo and us1 → k → cfo are one thread: both start at us1
    assert (cfo["routes"], cfo["single_threaded"], cfo["broker_ids"]) == (1, True, ["us1"])


def test_a_new_deputy_behind_formal_lines_is_reachable_not_contacted(bid):
    dep = rows(bid)["dep"]
    assert dep["working_ids"] == []
    assert [r["ids"] for r in dep["counted_routes"]] == [["us1", "gm", "dep"]]
    assert dep["counted_routes"][0]["strength"] == pytest.approx(0.95 * 0.6, abs=1e-3)
    # up from his subordinate: .2 × .4, listed as weak, not counted
    assert [r["ids"] for r in dep["weak_routes"]] == [["us2", "s1", "dep"]]
    assert dep["weak_routes"][0]["strength"] == pytest.approx(0.08, abs=1e-3)
    # without us1, us2 → gm → dep (.8 × .6) still counts: gm alone is on every route
    assert (dep["single_threaded"], dep["broker_ids"]) == (True, ["gm"])


def test_routes_only_through_people_against_us_are_contested(bid):
    ev = rows(bid)["ev"]
    assert (ev["routes"], ev["counted_routes"]) == (0, [])
    # the people against us on the independent routes found: us2 → rival → ev, then
    # us1 → opp → ev (sk's route starts at us2 too: not independent of rival's)
    assert ev["blocker_ids"] == ["rival", "opp"] and ev["blocker_names"] == ["RIVAL", "OPP"]


def test_a_tie_gone_cold_is_no_working_tie(bid):
    old = rows(bid)["old"]
    assert (old["working_ids"], old["routes"]) == ([], 0)
    # 4 → 1 + 3 × 2^(-868/180) today: about 1.1, probability about .22
    assert [r["ids"] for r in old["weak_routes"]] == [["us1", "old"]]
    assert old["weak_routes"][0]["strength"] == pytest.approx(0.22, abs=0.01)


def test_two_independent_introductions_are_reachable_without_a_broker(bid):
    inf = rows(bid)["inf"]
    assert inf["routes"] == 2 and not inf["single_threaded"]
    assert sorted(r["ids"][0] for r in inf["counted_routes"]) == ["us1", "us2"]


def test_the_score_weighs_levels_by_influence(bid):
    # 5 × 1 + 4 × .7 + 4 × .4 + 3 × .1 + 2 × 0 + 2 × .4 = 10.5 of 20
    assert bid.score["score"] == pytest.approx(10.5 / 20)
    assert bid.score["percent"] == 52
    assert bid.score["people"] == {"in_depth": 1, "contacted": 1, "reachable": 2,
                                   "contested": 1, "uncovered": 1}
    # the key players we hold (gm, cfo) have no stance recorded: none supports us
    assert bid.score["map_status"] == "no_supportive_key_player"


def test_map_status_follows_the_key_players():
    champion = [r if r[0] != "gm" else ("gm", "decision_maker", 5, "champion")
                for r in BID_ROLES]
    G = make_graph(BID_PEOPLE, BID_TIES, champion, details=BID_DETAILS)
    assert coverage_gaps(value(G, AS_OF), "P").score["map_status"] == "ok"
    far = make_graph(BID_PEOPLE, [*(t for t in BID_TIES if t[1] not in ("gm", "cfo")),
                                  ("us1", "inf", 4)], BID_ROLES, details=BID_DETAILS)
    assert coverage_gaps(value(far, AS_OF), "P").score["map_status"] == "no_key_player"
    nobody = make_graph(BID_PEOPLE, [], BID_ROLES, details=BID_DETAILS)
    assert coverage_gaps(value(nobody, AS_OF), "P").score["map_status"] == "no_contact"


def test_a_single_thread_gets_a_second_thread_from_someone_else(bid):
    cfo = steps(bid)["cfo"]
    # us1 is the thread; us2 owns her: us2 approaches her, not us1
    assert (cfo["approach"], cfo["who_id"]) == ("second_thread", "us2")
    assert "us2 owns them" not in cfo["why"] and "US2 owns them on our side" in cfo["why"]
    assert "independent of US1" in cfo["why"]
    dep = steps(bid)["dep"]
    assert dep["who_id"] == "us2" and dep["who_id"] not in rows(bid)["dep"]["broker_ids"]
    # the shared contact is S1, not GM: GM is the one thread there is
    assert "shared contacts: S1;" in dep["why"]


def test_a_reachable_one_gets_the_introduction_along_the_best_route(bid):
    inf = steps(bid)["inf"]
    assert (inf["approach"], inf["who_id"], inf["via"]) == ("introduce", "us1", ["A"])


def test_a_contested_one_gets_the_blocker_to_win_over(bid):
    ev = steps(bid)["ev"]
    # no way around; rival works for a competitor (not to be won over); us1 → opp is the
    # best blocked route left
    assert (ev["approach"], ev["meet_id"], ev["who_id"]) == ("win_over", "opp", "us1")
    assert "OPP (opponent) is on every route to EV" in ev["why"]


def test_the_plan_is_checked_by_simulation(bid):
    after = {p: r["coverage_after"] for p, r in rows(bid).items()}
    # old: us1 meets him again along the weak route — one thread, contacted; ev: opp won
    # over, us1 → opp → ev counts
    assert after == {"gm": "in_depth", "cfo": "in_depth", "dep": "in_depth",
                     "ev": "reachable", "old": "contacted", "inf": "in_depth"}
    assert bid.score["after_plan"]["score"] > bid.score["score"]
    assert bid.score["after_plan"]["percent"] == round(
        100 * (5 + 4 + 4 + 3 * .4 + 2 * .7 + 2) / 20)
    # the plan's step for each says the same
    assert {p: s["coverage_after"] for p, s in steps(bid).items()} == {
        p: a for p, a in after.items() if p != "gm"}


def test_text_names_levels_routes_and_steps_in_both_languages(bid):
    def squash(text):  # the terminal wraps lines: compare without any spaces
        return "".join(text.split())

    en, zh = squash(bid.text("en")), squash(bid.text("zh"))
    for said in ("Coverage 52% (in depth 1 · contacted 1 · reachable 2 · contested 1 · "
                 "uncovered 1); map status: no key player supports us",
                 "after the plan's 5 steps (simulated): 88%"):
        assert squash(said) in en
    for said in ("覆盖率 52%（深度覆盖 1 · 已接触 1 · 可引荐 2 · 受阻 1 · 未覆盖 1）",
                 "关系图状态：关键人无支持者", "DEP【可引荐，单线：GM】", "US1 → GM → DEP (0.57)",
                 "弱路线（不计）：US2 → S1 → DEP (0.08)", "EV【受阻，受阻于 RIVAL、OPP】",
                 "给 CFO 加第二条线：US2 去见 CFO", "US2 是我方负责人",
                 "US1 去做 OPP 的工作，以打开通往 EV 的路", "通往EV的路线都经过OPP（反对）"):
        assert squash(said) in zh, said
    for english in ("indepth", "reachable", "single", "owns", "weak", "opponent"):
        assert english not in zh


def test_json_and_csv_carry_levels_routes_blockers_and_brokers(bid):
    record = {r["person_id"]: r for r in bid.records()["stakeholders"]}
    assert {"coverage", "single_threaded", "broker_ids", "broker_names", "working_ids",
            "counted_routes", "weak_routes", "blocker_ids", "blocker_names",
            "coverage_after"} <= set(record["dep"])
    assert record["dep"]["counted_routes"][0]["ids"] == ["us1", "gm", "dep"]
    assert bid.records()["score"]["map_status"] == "no_supportive_key_player"
    assert all(not k.startswith("_") for r in bid.records()["plan"] for k in r)


def test_a_weak_route_never_reads_as_strong_as_the_threshold():
    # .55 × .545 = .29975: below .3, shown 0.29, not 0.30
    V = make_valued({"us": "o-us", "x": "o-c", "dm": "o-c"},
                    [("us", "x", 2.75), ("x", "dm", 2.725)],
                    [("us", "bid_team"), ("dm", "decision_maker", 5)])
    dm = rows(coverage_gaps(V, "P"))["dm"]
    assert dm["routes"] == 0 and dm["weak_routes"][0]["name"].endswith("(0.29)")
    assert math.isclose(dm["best_strength"], 0.3, abs_tol=1e-3)


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


def test_unknown_project():
    with pytest.raises(LookupFailed, match="no project 'Q'"):
        coverage_gaps(make_valued(PEOPLE, TIES, ROLES), "Q")


def test_a_decision_maker_on_our_bid_team_is_covered_directly():
    # dm is on the bid team too; 'leaf' knows only dm (degree 1: Adamic–Adar of (dm, dm)
    # would divide by log 1); us reaches dm by one other route
    V = make_valued({"us": "o-us", "dm": "o-c", "leaf": "o-c"},
                   [("us", "dm", 4), ("dm", "leaf", 2)],
                   [("us", "bid_team"), ("dm", "bid_team"), ("dm", "decision_maker", 5)])
    row = coverage_gaps(V, "P").part("stakeholders").rows[0]
    assert (row["person_id"], row["coverage"], row["broker_ids"]) == ("dm", "in_depth", [])


def test_a_bid_team_member_at_a_competitor_still_starts_chains():
    V = make_valued({"x": "o-x", "dm": "o-c", "y": "o-x"}, [("x", "dm", 4), ("y", "dm", 5)],
                   [("x", "bid_team"), ("dm", "decision_maker", 5)])
    row = coverage_gaps(V, "P").part("stakeholders").rows[0]
    # x starts the chain (a working tie); y, another competitor employee, is no route
    assert (row["coverage"], row["routes"], row["best_chain"], row["broker_ids"]) == (
        "contacted", 1, ["X", "DM"], ["x"])


def _random_bid(seed: int):
    """A bid of 30 people with people against us, a competitor's, reporting lines, cold and
    weak ties: levels of every kind, plans of every kind."""
    import random

    rng = random.Random(seed)
    people = {f"u{i}": "o-us" for i in range(3)}
    people |= {f"c{i}": "o-c" for i in range(25)} | {"x0": "o-x", "x1": "o-x"}
    ids = list(people)
    ties = []
    for _ in range(rng.randint(25, 70)):
        a, b = rng.sample(ids, 2)
        ties.append((a, b, rng.choice([1, 2, 3, 4, 5]),
                     rng.choice(["KNOWS", "KNOWS", "INFLUENCES", "REFERRED"]),
                     rng.choice([None, None, "2024-01-15", "2026-05-01"])))
    ties = list({(a, b, k): (a, b, s, k, d) for a, b, s, k, d in ties}.values())
    stakeholders = rng.sample([p for p in ids if p.startswith("c")], 12)
    roles = [(p, rng.choice(["decision_maker", "evaluator", "influencer", "procurement",
                             "user"]), rng.randint(1, 5),
              rng.choice([None, None, "supporter", "opponent", "skeptic"]))
             for p in stakeholders]
    details = {p: {"reports_to": rng.choice(stakeholders)} for p in rng.sample(
        [p for p in ids if p.startswith("c") and p not in stakeholders[:3]], 6)}
    return make_graph(people, ties, roles, details=details)


@pytest.mark.parametrize("seed", range(30))
def test_the_plan_s_simulation_finds_each_level_as_the_whole_search_would(seed, monkeypatch):
    """The simulation asks only for the levels after the plan, and searches routes only as
    far as a level depends on them (gaps._level): the same levels, the same score after, as
    the whole search gives on the same graph with the same plan."""
    from graphcrm.analysis import gaps

    simulated = []
    simulate = gaps._simulate

    def recorded(*args, **kwargs):
        simulated.append(args)
        return simulate(*args, **kwargs)

    monkeypatch.setattr(gaps, "_simulate", recorded)
    result = coverage_gaps(value(_random_bid(seed), AS_OF), "P")
    if not simulated:
        assert not result.part("plan").rows
        return
    quick = simulate(*simulated[0])
    whole = simulate(*simulated[0], levels_only=False)
    assert [(r["person_id"], r["coverage"]) for r in quick.stakeholder_rows] == [
        (r["person_id"], r["coverage"]) for r in whole.stakeholder_rows]
    assert quick.score == whole.score
    assert {r["coverage_after"] for r in rows(result).values()} <= set(gaps.LEVELS)
