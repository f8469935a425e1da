"""The same place every week (issue 26, 2): a week-two sync — a deputy replaced by his
successor, an engineer moved under another superior — and the map written over last week's
page keeps every unchanged card where it was; the successor stands in the place of the one
he replaced; the moved card stands under its new superior; no two cards overlap. On both
stores, through the command line as a team uses it."""

from __future__ import annotations

import itertools
import json
import re

import openpyxl

from graphcrm.map.layout import CARD_HEIGHT, CARD_WIDTH
from tests.conftest import run_on
from tests.fixtures.grid_tender import write_workbook


def _week_two(source, target):
    book = openpyxl.load_workbook(source)
    sheet = book["客户架构人员表"]
    for row in sheet.iter_rows(min_row=3):
        if row[1].value == "吴海峰":  # transferred away; 钱卫 takes his post
            row[1].value, row[6].value = "钱卫", "13900000999"
        if row[1].value == "许晓东":  # moved: now answers to 孙立平
            row[5].value = "孙立平"
    book.save(target)
    return target


def _cards(page):
    data = json.loads(re.search(r'id="graphcrm-data">(.*?)</script>',
                                page.read_text(encoding="utf-8"), re.S).group(1))
    return {n["name"]: (n["x"], n["y"]) for n in data["nodes"] if not n.get("placeholder")}


def test_a_week_later_the_unchanged_stand_where_they_stood(target, tmp_path):
    week1 = write_workbook(tmp_path / "w1.xlsx")
    assert run_on(target, "import", week1, "--author", "王明").exit_code == 0
    page = tmp_path / "gate.html"
    drawn = run_on(target, "map", "-o", page, "--as-of", "2026-12-01")
    assert drawn.exit_code == 0, drawn.output
    before = _cards(page)
    week2 = _week_two(week1, tmp_path / "w2.xlsx")
    synced = run_on(target, "import", week2, "--sync", "--author", "王明")
    assert synced.exit_code == 0, synced.output
    assert run_on(target, "map", "-o", page, "--as-of", "2026-12-01").exit_code == 0
    after = _cards(page)
    unchanged = [p for p in before if p in after and p not in ("许晓东",)]
    kept = [p for p in unchanged if before[p] == after[p]]
    assert len(kept) >= 0.9 * len(unchanged), sorted(set(unchanged) - set(kept))
    assert "吴海峰" not in after and after["钱卫"] == before["吴海峰"]
    assert after["许晓东"][1] > after["孙立平"][1]  # below the superior he answers to now
    assert not [(a, b) for (a, p), (b, q) in itertools.combinations(after.items(), 2)
                if abs(p[0] - q[0]) < CARD_WIDTH and abs(p[1] - q[1]) < CARD_HEIGHT]
    # a fresh page (no earlier one to follow) lays the chart out anew
    fresh = tmp_path / "fresh.html"
    assert run_on(target, "map", "-o", fresh, "--as-of", "2026-12-01").exit_code == 0
    assert _cards(fresh) != after


def test_cards_say_what_changed_since_the_gate(target, tmp_path):
    """``map --since gate-1``: 钱卫, new, says 新; 蔡明, from 怀疑 to 支持, says 态度↑;
    吴海峰, who left since the gate, stands greyed where he stood, 已调离 · 继任 钱卫 (no
    --former needed; nobody else who left before the gate); the others say nothing (issue
    26, 3)."""
    week1 = write_workbook(tmp_path / "w1.xlsx")
    assert run_on(target, "import", week1, "--author", "王明").exit_code == 0
    assert run_on(target, "snapshot", "gate-1").exit_code == 0
    page = tmp_path / "gate.html"
    assert run_on(target, "map", "-o", page, "--as-of", "2026-12-01").exit_code == 0
    before = _cards(page)
    week2 = _week_two(week1, tmp_path / "w2.xlsx")
    book = openpyxl.load_workbook(week2)
    for row in book["决策链条梳理"].iter_rows(min_row=2):
        if row[1].value == "蔡明":
            row[4].value = "支持"
    book.save(week2)
    assert run_on(target, "import", week2, "--sync", "--author", "王明").exit_code == 0
    drawn = run_on(target, "--lang", "zh", "map", "-o", page, "--since", "gate-1",
                   "--as-of", "2026-12-01")
    assert drawn.exit_code == 0, drawn.output
    data = json.loads(re.search(r'id="graphcrm-data">(.*?)</script>',
                                page.read_text(encoding="utf-8"), re.S).group(1))
    first = {n["name"]: n["label"].splitlines()[0] for n in data["nodes"] if "name" in n}
    assert first["钱卫"].endswith("· 新") and first["蔡明"].endswith("· 态度↑")
    assert not first["刘洪涛"].endswith(("新", "↑", "↓", "变化"))
    gone = next(n for n in data["nodes"] if n.get("name") == "吴海峰")
    assert "已调离" in gone["label"] and "继任 钱卫" in gone["label"]
    assert sum("已调离" in n.get("label", "") for n in data["nodes"]) == 1
    # the successor in his place, the greyed card beside; his reports where they were
    # (their sheet still names 吴海峰), and no two organizations' bands over each other
    after = _cards(page)
    assert after["钱卫"] == before["吴海峰"] and after["吴海峰"] != before["吴海峰"]
    assert all(after[p] == before[p] for p in ("曾凡", "蒋红梅", "蔡明", "周立新"))
    tops = [b for b in data["meta"]["bands"] if b["kind"] == "organization" and b["depth"] == 0]
    assert not [(a["label"], b["label"]) for a, b in itertools.combinations(tops, 2)
                if a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]]
    plain = run_on(target, "--lang", "zh", "map", "-o", tmp_path / "plain.html",
                   "--as-of", "2026-12-01")
    assert plain.exit_code == 0 and "吴海峰" not in (tmp_path / "plain.html").read_text(
        encoding="utf-8")  # without --since, nobody who left


def test_a_page_of_another_project_is_no_anchor():
    """An earlier page anchors only the chart of the same project (by its title): a card of
    ours stands where last week's page of this project had it, not where another project's
    page did."""
    from graphcrm.analysis.valued import value
    from graphcrm.map import MapSettings
    from graphcrm.map.anchors import Previous
    from graphcrm.map.data import map_data
    from graphcrm.map.orgchart import card_key
    from tests.analysis.conftest import AS_OF, make_graph

    G = make_graph({"us": "o-us", "dm": "o-c"}, [("us", "dm", 4)], [("dm", "decision_maker", 5)])
    earlier = {card_key("us"): (5000.0, 5000.0)}

    def where(title):
        data = map_data(value(G, AS_OF), MapSettings(
            project="P", layout="orgchart", previous=Previous(earlier, {}, title)))
        return next((n["x"], n["y"]) for n in data["nodes"] if n.get("name") == "US")

    assert where("Project P") == (5000.0, 5000.0)  # this project's page: kept
    assert where("Another project") != (5000.0, 5000.0)  # another's: laid out afresh


def _slide_cards(path, names):
    """Each card of a PowerPoint slide read back: the person's name (in its first line) →
    the card's top-left corner on the slide (EMU); namesakes by name and title line."""
    from pptx import Presentation

    out = {}
    for shape in Presentation(path).slides[0].shapes:
        if shape.name.startswith("card "):
            lines = re.split("[\n\v]", shape.text_frame.text)
            found = [word for word in lines[0].split() if word in names]
            if found:
                key = found[0] if found[0] != "张伟" else f"张伟 {lines[1]}"
                assert key not in out
                out[key] = (shape.left, shape.top)
    return out


def test_a_week_later_the_slide_keeps_its_key_people_in_place(target, tmp_path):
    """The slide's key people, read back from two weeks' PowerPoint slides: the page written
    with the first keeps the slide's places, and the second slide, written over that page,
    has at least 90% of the unchanged where they stood on the slide — the successor in his
    predecessor's place; also when a week goes by without a slide."""
    from tests.fixtures.grid_tender import CUSTOMER_PEOPLE, OUR_PEOPLE, RIVAL_PEOPLE

    names = {p[0] for _, people in CUSTOMER_PEOPLE for p in people} | {"钱卫"} | {
        p[0] for p in OUR_PEOPLE + RIVAL_PEOPLE}
    week1 = write_workbook(tmp_path / "w1.xlsx")
    assert run_on(target, "import", week1, "--author", "王明").exit_code == 0
    page = tmp_path / "gate.html"
    drawn = run_on(target, "map", "-o", page, "--as-of", "2026-12-01",
                   "--pptx", tmp_path / "w1.pptx")
    assert drawn.exit_code == 0, drawn.output
    before = _slide_cards(tmp_path / "w1.pptx", names)
    assert 25 <= len(before) < len(_cards(page))  # the key people, not everyone
    # a week without a slide: the page still keeps the slide's places
    assert run_on(target, "map", "-o", page, "--as-of", "2026-12-01").exit_code == 0
    week2 = _week_two(week1, tmp_path / "w2.xlsx")
    assert run_on(target, "import", week2, "--sync", "--author", "王明").exit_code == 0
    assert run_on(target, "map", "-o", page, "--as-of", "2026-12-01",
                  "--pptx", tmp_path / "w2.pptx").exit_code == 0
    after = _slide_cards(tmp_path / "w2.pptx", names)
    unchanged = [p for p in before if p in after and p != "许晓东"]
    kept = [p for p in unchanged if before[p] == after[p]]
    assert len(kept) >= 0.9 * len(unchanged), sorted(set(unchanged) - set(kept))
    assert "吴海峰" not in after and after["钱卫"] == before["吴海峰"]
    # without the earlier page, the slide is laid out afresh: the places came from it
    assert run_on(target, "map", "-o", tmp_path / "fresh.html", "--as-of", "2026-12-01",
                  "--pptx", tmp_path / "fresh.pptx").exit_code == 0
    assert _slide_cards(tmp_path / "fresh.pptx", names) != after
