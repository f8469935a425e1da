
import pandas as pd

from graphcrm.analysis.health import contact_plan
from tests.analysis.conftest import make_valued

PEOPLE = {"us1": "o-us", "us2": "o-us", "dm": "o-c", "inf": "o-c", "user": "o-c",
          "old": "o-c", "mate": "o-us"}
TIES = [("us1", "dm", 2, "KNOWS", "2026-05-01"), ("us2", "dm", 4, "KNOWS", "2026-05-01"),
        ("us1", "inf", 4, "KNOWS", "2026-05-30"),
        ("us2", "old", 4, "KNOWS", "2025-06-01", 1),      # a year cold: 1 + 3*2**(-365/180)
        ("us1", "mate", 4, "KNOWS", "2020-01-01")]        # a colleague is not a contact
ROLES = [("us1", "bid_team"), ("us2", "bid_team"), ("dm", "decision_maker", 5),
         ("inf", "informant", 1), ("user", "user", 2)]


def plan():
    return contact_plan(make_valued(PEOPLE, TIES, ROLES, [("2026-05-12", "dm", "us1")]),
                        "P").to_frame()


def test_overdue_against_each_roles_cadence():
    rows = plan().set_index("person_id")
    dm = rows.loc["dm"]
    # last contact: the interaction on 05-12 (20 days ago); decision makers every 14 days
    assert (dm["kind"], dm["days"], dm["by_id"]) == ("overdue", 20, "us2")  # strongest tie: us2
    assert dm["reason"] == "decision maker: last contact 20 days ago (every 14 days)"
    assert "inf" not in rows.index  # 2 days ago, cadence 7
    user = rows.loc["user"]
    assert user["reason"] == "user: never contacted (every 30 days)"
    assert pd.isna(user["by_name"])  # nobody reaches them


def test_cooling_ties_and_order():
    frame = plan()
    cooling = frame[frame["kind"] == "cooling"]
    assert cooling["person_id"].tolist() == ["old"]
    assert cooling.iloc[0]["reason"].startswith("knows tie cooled from 4 to 1.7")
    assert cooling.iloc[0]["by_id"] == "us2"
    # most urgent first: user never contacted (4 cadences: (120-30)/30 * 2/5 = 1.2)
    assert frame["urgency"].is_monotonic_decreasing
    assert frame.iloc[0]["person_id"] == "old"  # lost 2.27 of strength


def test_whole_store_without_a_project():
    frame = contact_plan(make_valued(PEOPLE, TIES, ROLES)).to_frame()
    assert {"dm", "user", "old"} <= set(frame["person_id"])
    assert "mate" not in set(frame["person_id"])
