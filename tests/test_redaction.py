"""The rule for shareable outputs, as a property: in a redacted or pseudonymized map (network
or org chart) and a redacted export, a person whose only part in the project is hidden (our
informant) is drawn exactly as a plain contact with the same facts otherwise; and no card key
can be recomputed from a person's id."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.analysis.valued import value
from graphcrm.export import flatten
from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.map import MapSettings
from graphcrm.map.data import map_data
from tests.conftest import write_tables

AS_OF = dt.date(2026, 11, 26)
INFORMANT, CONTACT = "p-i", "p-c"


def _bid(org: str, stance: str, influence: int, notes: str, strength: int) -> Path:
    """Our bid team, the customer's decision maker and user, a partner organization; the
    informant and the plain contact work side by side at ``org``, with the same title,
    superior and ties: only the informant has a (hidden) part in the project."""
    people = [["id", "name", "org_id", "title", "department", "reports_to", "notes"],
              ["u1", "林晓", "us", "大客户经理", "销售部", "", ""],
              ["b", "王建国", "cust", "总经理", "总经办", "", ""],
              ["x", "张伟", "cust", "副总", "总经办", "b", ""],
              ["y", "刘工", "design", "院长", "院办", "", ""],
              [INFORMANT, "杨帆", org, "工程师", "技术部", "y" if org == "design" else "b",
               "线人，经常提供内部消息"],
              [CONTACT, "孙悦", org, "工程师", "技术部", "y" if org == "design" else "b", ""]]
    ties = [["source", "target", "type", "strength", "level", "since", "last_contact"],
            ["u1", "b", "KNOWS", "3", "1", "2024-01-01", "2026-11-01"],
            ["u1", "x", "KNOWS", "2", "1", "2024-01-01", ""]]
    for person in (INFORMANT, CONTACT):
        ties += [["u1", person, "KNOWS", str(strength), "2", "2023-05-01", "2026-11-20"],
                 [person, "x", "KNOWS", "3", "1", "2022-01-01", ""]]
    tables = {
        "organizations": [["id", "name", "kind"], ["us", "华信", "own"],
                          ["cust", "东方新能源", "customer"], ["design", "华东设计院", "partner"]],
        "people": people, "relationships": ties,
        "projects": [["id", "name", "customer_id", "stage"], ["P", "储能项目", "cust", "bidding"]],
        "stakeholders": [["project_id", "person_id", "role", "influence", "stance", "notes"],
                         ["P", "u1", "bid_team", "", "", ""],
                         ["P", "b", "decision_maker", "5", "neutral", ""],
                         ["P", "x", "user", "3", "supporter", ""],
                         ["P", INFORMANT, "informant", str(influence), stance, notes]],
    }
    return write_tables(Path(tempfile.mkdtemp()), tables)


def _alike(record: object, names: tuple[str, str]) -> str:
    """``record`` as text with either person's name (or pseudonym) written the same way."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    for name in names:
        text = text.replace(json.dumps(name, ensure_ascii=False)[1:-1], "¤")
    return text


@settings(max_examples=12, deadline=None)
@given(org=st.sampled_from(["cust", "design"]),
       stance=st.sampled_from(["champion", "supporter", "opponent", ""]),
       influence=st.integers(1, 5), notes=st.sampled_from(["", "报价底线 1,180 万"]),
       strength=st.integers(1, 5))
def test_a_hidden_informant_looks_like_a_plain_contact(org, stance, influence, notes, strength):
    G = build_graph(read_dataset([_bid(org, stance, influence, notes, strength)]))
    V = value(G, AS_OF)
    # (highlighted chains are left out: the two give equally strong chains, one is drawn)
    for layout in ("orgchart", "network"):
        ids: dict[str, str] = {}
        for pseudonymize in (False, True):
            data = map_data(V, MapSettings(project="P", layout=layout, redact=True,
                                           pseudonymize=pseudonymize))
            ids = ids or {n["name"]: n["id"] for n in data["nodes"]
                          if n["name"] in ("杨帆", "孙悦")}
            if layout == "orgchart" and org == "design":
                # no organization is drawn because of her: nobody else there has a part
                assert ids == {} and "华东设计院" not in json.dumps(data, ensure_ascii=False)
                continue
            assert len(ids) == 2, layout
            first, second = (next(n for n in data["nodes"] if n["id"] == ids[who])
                             for who in ("杨帆", "孙悦"))
            pair = (first["name"], second["name"])
            strip = ("id", "x", "y", "key")
            assert _alike({k: v for k, v in first.items() if k not in strip}, pair) == \
                _alike({k: v for k, v in second.items() if k not in strip}, pair)
            ties = [sorted(_alike({k: v for k, v in e.items() if k not in ("id", "from", "to")},
                                  pair) for e in data["edges"] if ids[who] in (e["from"], e["to"]))
                    for who in ("杨帆", "孙悦")]
            assert ties[0] == ties[1]
            assert "线人" not in json.dumps(data, ensure_ascii=False)
    exported = flatten(G, redact=True, valued=V)
    first, second = (dict(exported.nodes[p]) for p in (INFORMANT, CONTACT))
    for attrs in (first, second):
        attrs.pop("person_id")
    assert _alike(first, ("杨帆", "孙悦")) == _alike(second, ("杨帆", "孙悦"))


def test_redacted_card_keys_come_from_a_secret_of_that_output():
    """Unredacted, a card's key is a digest of the id (a saved layout finds it again);
    redacted, it is a digest under a secret of that page alone: hashing every likely id finds
    none, and two redacted copies share no key."""
    G = build_graph(read_dataset([_bid("cust", "champion", 3, "", 4)]))
    V = value(G, AS_OF)
    plain = map_data(V, MapSettings(project="P", layout="orgchart"))
    guesses = {hashlib.blake2b(p.encode(), digest_size=6).hexdigest() for p in G}
    assert {n["key"] for n in plain["nodes"] if "key" in n and not n.get("placeholder")} \
        <= guesses
    copies = [map_data(V, MapSettings(project="P", layout="orgchart", redact=True))
              for _ in range(2)]
    keys = [{n["key"] for n in c["nodes"] if not n.get("placeholder")} for c in copies]
    assert keys[0] and not keys[0] & guesses and not keys[0] & keys[1]


def test_a_saved_layout_still_places_the_redacted_copy():
    G = build_graph(read_dataset([_bid("cust", "champion", 3, "", 4)]))
    V = value(G, AS_OF)
    key = hashlib.blake2b(b"b", digest_size=6).hexdigest()
    data = map_data(V, MapSettings(project="P", layout="orgchart", redact=True,
                                   positions={key: (1234.0, -55.0)}))
    (boss,) = [n for n in data["nodes"] if n["name"] == "王建国"]
    assert (boss["x"], boss["y"]) == (1234.0, -55.0)
