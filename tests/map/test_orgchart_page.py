"""The org chart in a real headless Chromium: cards that do not overlap, superiors above,
the same picture on every load and from either store, placeholders, saved layouts, the PDF
and PNG for slides, a hostile dataset, and no console error in any interaction."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from graphcrm import api
from graphcrm.analysis.valued import value
from graphcrm.cli import cli
from graphcrm.errors import BadArgument, InputError
from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.map import MapSettings, read_positions, stakeholder_map
from graphcrm.resources import sample_dir
from tests.conftest import TINY, run_on
from tests.map.browser import wait_until_stable
from tests.map.test_page import ARTIFACTS, HOSTILE, click_node, node_of

pytestmark = pytest.mark.browser
AS_OF = dt.date(2026, 11, 26)
DOTTED = "p203,p103,DOTTED_LINE,,,2024-01-01,,技术部向集团总工虚线汇报\n"


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graphcrm-data">(.*?)</script>',
                      html, re.S).group(1)
    return json.loads(block)


def sample_with_dotted_line(folder: Path) -> Path:
    """The sample, and 张伟 (江苏 technology department) with a dotted line to the group's
    chief engineer 郑宏: a second superior, as the relationships sheet gives it."""
    copy = Path(shutil.copytree(sample_dir(), folder / "sample"))
    with (copy / "relationships.csv").open("a", encoding="utf-8") as out:
        out.write(DOTTED)
    return copy


def chart_of(page) -> dict:
    """What the browser shows: each card's box, and the reporting lines."""
    return page.evaluate("""() => {
        const m = window.graphcrmMap, boxes = {};
        m.data.nodes.forEach(n => { boxes[n.id] = m.network.getBoundingBox(n.id); });
        const lines = m.data.edges.filter(e => e.layer === 'tree' && !e.dashes)
            .map(e => [e.from, e.to]);
        return {boxes: boxes, lines: lines, positions: m.network.getPositions()}; }""")


def assert_tidy(found: dict) -> None:
    boxes = found["boxes"]
    overlaps = [(a, b) for (a, p), (b, q) in itertools.combinations(boxes.items(), 2)
                if p["left"] < q["right"] and q["left"] < p["right"]
                and p["top"] < q["bottom"] and q["top"] < p["bottom"]]
    assert overlaps == []
    below = [(report, boss) for report, boss in found["lines"]
             if not boxes[boss]["bottom"] < boxes[report]["top"]]
    assert below == []


def test_the_sample_org_chart(open_map, browser, tmp_path):
    """Every superior above their reports, no two cards overlapping, positions identical
    across two loads and equal to the ones computed in Python; then every interaction with
    no console error; screenshots at desk and phone width for the README."""
    G = build_graph(read_dataset([sample_with_dotted_line(tmp_path)]))
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-js-ess", paths=True,
                                                          layout="orgchart"))
    page = open_map(result)
    found = chart_of(page)
    assert_tidy(found)
    assert len(found["lines"]) > 30
    computed = {n["id"]: {"x": n["x"], "y": n["y"]} for n in result.data["nodes"]}
    assert found["positions"] == computed  # the browser lays nothing out again
    again = open_map(result, "again.html")
    assert chart_of(again)["positions"] == found["positions"]
    # a dotted line is drawn over the tree, dotted, to the second superior
    dotted = [e for e in result.data["edges"] if e["dashes"] == [2, 5]]
    assert len(dotted) == 1 and dotted[0]["arrows"] == "to"
    legend = page.locator("#gc-legend").text_content()
    for words in ("card colour: champion", "reports to (the org chart", "dotted-line",
                  "decision maker", "best path", "band: an organization"):
        assert words in legend
    # interactions: panel, search, filters, inner ties, reset, drag and save the layout
    shown = ("layer => window.graphcrmMap.edges.get().filter(e => e.layer === layer"
             " && !e.hidden).map(e => [e.from, e.to])")
    assert page.evaluate(shown, "inner") == page.evaluate(shown, "across") == []
    # acquaintances on demand: a clicked card's own, then every one across organizations
    zhang = node_of(page, "张伟")
    click_node(page, zhang)
    assert page.locator("#gc-panel-name").text_content() == "张伟"
    own = page.evaluate(shown, "inner") + page.evaluate(shown, "across")
    assert own and all(zhang in ends for ends in own)
    page.locator("#gc-across").check()
    across = page.evaluate(shown, "across")
    assert len(across) > len([e for e in own if e in across]) and any(
        zhang not in ends for ends in across)
    page.locator("#gc-inner").check()
    assert any(zhang not in ends for ends in page.evaluate(shown, "inner"))
    inner = "window.graphcrmMap.edges.get().filter(e => e.layer === 'inner' && !e.hidden).length"
    page.select_option("#gc-role", "decision_maker")
    page.fill("#gc-search", "王建国")
    page.press("#gc-search", "Enter")
    page.locator("#gc-reset").click()
    assert not page.locator("#gc-panel").is_visible()
    assert page.evaluate(inner) == 0 and page.evaluate(shown, "across") == []
    assert page.locator("#gc-cluster").is_hidden()  # the chart groups by organization
    page.locator("#gc-legend-toggle").click()  # folded, and the chart framed again
    page.locator("#gc-legend-toggle").click()
    with page.expect_download() as download:
        page.locator("#gc-png").click()
    assert Path(download.value.path()).read_bytes()[:4] == b"\x89PNG"
    assert page.record["errors"] == [] and len(page.record["requests"]) == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "orgchart-desktop.png"))
    phone = browser.new_page(viewport={"width": 390, "height": 800})
    errors: list[str] = []
    phone.on("pageerror", lambda e: errors.append(str(e)))
    phone.goto(result.save(tmp_path / "phone.html").as_uri())
    wait_until_stable(phone)
    phone.screenshot(path=str(ARTIFACTS / "orgchart-phone.png"))
    assert errors == []
    phone.close()


@pytest.mark.parametrize("pseudonymize", [False, True])
def test_a_cards_chinese_lines_never_overlap(open_map, pseudonymize):
    """Measured in the page: every line of every card is spaced at least as far as its ink
    is tall (CJK glyphs ink more than their font size), and a card's lines fit its text
    area; in Chinese, the sample's org chart, also pseudonymized (role labels are longer
    than names: "我方 投标团队 1 · 2026-11" wrapped) (issue 26, 5)."""
    G = build_graph(read_dataset([sample_dir()]))
    page = open_map(stakeholder_map(value(G, AS_OF), MapSettings(
        project="prj-js-ess", layout="orgchart", lang="zh", pseudonymize=pseudonymize)),
        "zh.html")
    page.wait_for_timeout(300)  # drawn at least once: the spacing is set as the cards draw
    found = page.evaluate("""() => {
        const net = window.graphcrmMap.network;
        const ctx = document.createElement('canvas').getContext('2d');
        const cards = [];
        for (const id of Object.keys(net.body.nodes)) {
            const lines = net.body.nodes[id].labelModule.lines;
            if (!Array.isArray(lines) || lines.length < 2) continue;
            let ink = 0;
            lines.forEach(line => (line.blocks || []).forEach(block => {
                ctx.font = block.font;
                const m = ctx.measureText(block.text);
                ink = Math.max(ink, m.actualBoundingBoxAscent + m.actualBoundingBoxDescent);
            }));
            cards.push({id: id, spacing: Math.min(...lines.map(l => l.height)), ink: ink,
                        text: lines.reduce((sum, l) => sum + l.height, 0)});
        }
        return cards; }""")
    assert len(found) > 30
    cramped = [c for c in found if c["spacing"] < c["ink"]]
    assert cramped == []
    assert max(c["text"] for c in found) <= 80  # five lines in the card's text area


def test_drag_save_layout_and_apply_it_next_time(open_map, tmp_path):
    G = build_graph(read_dataset([sample_dir()]))
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-metro5",
                                                          layout="orgchart"))
    page = open_map(result)
    moved = node_of(page, result.data["nodes"][0]["name"])
    before = page.evaluate("(id) => window.graphcrmMap.network.getPositions([id])[id]", moved)
    box = page.locator("#gc-network").bounding_box()
    start = page.evaluate("(id) => { const m = window.graphcrmMap.network; "
                          "return m.canvasToDOM(m.getPositions([id])[id]); }", moved)
    page.mouse.move(box["x"] + start["x"], box["y"] + start["y"])
    page.mouse.down()
    page.mouse.move(box["x"] + start["x"] + 60, box["y"] + start["y"] + 40, steps=8)
    page.mouse.up()
    after = page.evaluate("(id) => window.graphcrmMap.network.getPositions([id])[id]", moved)
    assert after != before
    with page.expect_download() as download:
        page.locator("#gc-save-layout").click()
    assert download.value.suggested_filename == "graphcrm-layout.json"
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    key = result.data["nodes"][0]["key"]
    assert saved["positions"][key] == pytest.approx([after["x"], after["y"]], abs=0.1)
    assert "p0" not in json.dumps(saved)  # keys are digests, never person ids
    assert page.record["errors"] == []
    # next time: the moved card stays where it was put; a stale entry is ignored; a card
    # the file does not know is placed by the layout
    other = result.data["nodes"][1]
    del saved["positions"][other["key"]]
    saved["positions"]["0123456789ab"] = [1.0, 2.0]
    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps(saved), encoding="utf-8")
    again = stakeholder_map(value(G, AS_OF), MapSettings(
        project="prj-metro5", layout="orgchart", positions=read_positions(layout)))
    nodes = {n["key"]: n for n in again.data["nodes"]}
    assert [nodes[key]["x"], nodes[key]["y"]] == pytest.approx([after["x"], after["y"]], abs=0.1)
    assert (nodes[other["key"]]["x"], nodes[other["key"]]["y"]) == (other["x"], other["y"])
    shown = open_map(again, "again.html")
    assert shown.record["errors"] == []


def test_placeholders_are_dashed_cards_in_the_customers_band(open_map):
    G = build_graph(read_dataset([sample_dir()]))
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-metro5",
                                                          layout="orgchart", lang="zh"))
    page = open_map(result)
    holes = [n for n in result.data["nodes"] if n.get("placeholder")]
    assert [n["name"] for n in holes] == ["使用者：？"]
    band = next(b for b in result.data["meta"]["bands"] if b["label"] == "华南城市轨道交通有限公司")
    x, y = holes[0]["x"], holes[0]["y"]
    assert band["x"] < x < band["x"] + band["width"] and band["y"] < y < band["y"] + band["height"]
    assert_tidy(chart_of(page))
    assert page.evaluate("(id) => window.graphcrmMap.network.getPositions([id])[id] !== undefined",
                         holes[0]["id"])
    assert page.record["errors"] == []


def test_pdf_and_png_for_the_slides(tmp_path):
    """``map --pdf`` (A4 and 16:9) and ``--png``: one landscape page whose text holds the
    title, the customer, the valuation date and the legend."""
    from click.testing import CliRunner

    store = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "import", str(sample_dir())]).exit_code == 0
    for paper, (width, height) in (("a4", (842, 595)), ("16:9", (960, 540))):
        pdf = tmp_path / f"gate-{paper.replace(':', 'x')}.pdf"
        done = runner.invoke(cli, ["--store", store, "--lang", "en", "map", "prj-js-ess",
                                   "-o", str(tmp_path / "gate.html"), "--pdf", str(pdf),
                                   "--paper", paper, "--png", str(tmp_path / "gate.png"),
                                   "--as-of", "2026-11-26"])
        assert done.exit_code == 0, done.output
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (width, height)
        text = reader.pages[0].extract_text()
        for words in ("江苏储能电站智能监控系统", "ties valued as of 2026-11-26",
                      "decision maker", "card colour: supporter", "reports to (the org chart"):
            assert words in text, (paper, words)
        # Chinese as written, not the Kangxi radicals that share its glyphs (客⼾)
        assert "东方新能源江苏有限公司" in text  # 方, not the radical ⽅
        # the org chart in vector: every card's name is text, no picture of the chart
        assert "王建国" in text and "周建平" in text
        assert not reader.pages[0]["/Resources"].get("/XObject")
        assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF], (paper, text)
        assert "Search a name" not in text and "Save layout" not in text  # no controls
    png = (tmp_path / "gate.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # a 16:9 slide drawn at twice the resolution: 3200 × 1800 pixels
    assert int.from_bytes(png[16:20], "big") == 3200 and int.from_bytes(png[20:24], "big") == 1800


def test_the_slide_page_shows_title_and_legend_whole(browser, tmp_path):
    """What ``--png`` photographs: the title, the subtitle and every legend row inside the
    picture, no control, the chart framed whole."""
    from graphcrm.map.page import render_page

    G = build_graph(read_dataset([sample_dir()]))
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-js-ess",
                                                          layout="orgchart"))
    path = tmp_path / "slide.html"
    path.write_text(render_page(result.data, slide=True), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(path.as_uri())
    wait_until_stable(page)
    page.wait_for_timeout(400)
    for selector in ("#gc-title", "#gc-subtitle", "#gc-legend .row >> nth=-1"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 1000, selector
    assert page.locator(".gc-tools").is_hidden()
    inside = page.evaluate("""() => { const m = window.graphcrmMap, c = document
        .getElementById('gc-network').getBoundingClientRect(), pos = m.network.getPositions();
        return Object.values(pos).every(p => { const d = m.network.canvasToDOM(p);
            return d.x > 0 && d.y > 0 && d.x < c.width && d.y < c.height; }); }""")
    assert inside
    page.close()


def test_both_stores_draw_the_same_org_chart(target, tmp_path):
    """The positions come from the data alone: a Neo4j store shared by colleagues draws the
    same chart, card for card, as the embedded file (a dotted line imported into each)."""
    sample = sample_with_dotted_line(tmp_path)
    assert run_on(target, "import", sample).exit_code == 0
    reference = api.GraphCRM(str(tmp_path / "reference.db"))
    reference.import_data([sample])
    out = tmp_path / "shared.html"
    done = run_on(target, "map", "prj-js-ess", "-o", out, "--paths", "--as-of", "2026-11-26")
    assert done.exit_code == 0, done.output
    shared = page_data(out.read_text(encoding="utf-8"))
    mine = reference.map("prj-js-ess", paths=True, as_of=AS_OF, lang="en").data
    assert [(n["name"], n["x"], n["y"]) for n in shared["nodes"]] == \
        [(n["name"], n["x"], n["y"]) for n in mine["nodes"]]
    assert shared["meta"]["bands"] == mine["meta"]["bands"]
    assert sum(e["dashes"] == [2, 5] for e in shared["edges"]) == 1


def test_a_hostile_dataset_on_the_org_chart(open_map, make_tables, tmp_path):
    """Names, titles, departments and organizations that are markup: shown as text on the
    cards, the bands, the placeholders' page, the legend and the PDF; nothing runs."""
    tables = {name: [list(r) for r in rows] for name, rows in TINY.items()}
    tables["people"].append(["evil", HOSTILE[0], "o-c", HOSTILE[1], "", "", ""])
    tables["organizations"][2][1] = HOSTILE[1]
    tables["projects"][1][1] = HOSTILE[0]
    tables["stakeholders"].append(["P1", "evil", "evaluator", "4", "neutral"])
    G = build_graph(read_dataset([make_tables(tables)]))
    G.nodes["evil"]["department"] = HOSTILE[2]  # a band of its own
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="P1", layout="orgchart"))
    assert any(n.get("placeholder") for n in result.data["nodes"])
    page = open_map(result)
    labels = [b["label"] for b in result.data["meta"]["bands"]]
    assert HOSTILE[1] in labels and HOSTILE[2] in labels
    page.fill("#gc-search", "<script>")
    page.press("#gc-search", "Enter")
    assert page.locator("#gc-panel-name").text_content() == HOSTILE[0]
    click_node(page, node_of(page, HOSTILE[0]))
    assert page.record["dialogs"] == [] and page.record["errors"] == []
    injected = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e =>
        ['IMG', 'SVG', 'IFRAME'].includes(e.tagName.toUpperCase()) ||
        [...e.attributes].some(a => a.name.startsWith('on'))).length""")
    assert injected == 0 and page.evaluate("document.scripts.length") == 3
    pdf = result.pdf(tmp_path / "evil.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    assert 'alert("name")' in text  # the title, printed as text


def test_the_api_twin(tmp_path):
    bid = api.GraphCRM(api.demo_store(tmp_path / "demo"))
    assert bid.map("prj-js-ess").data["meta"]["layout"] == "orgchart"
    assert bid.map("prj-js-ess", layout="network").data["meta"]["layout"] == "network"
    assert bid.map().data["meta"]["layout"] == "network"
    with pytest.raises(BadArgument, match="layout must be one of orgchart, network"):
        bid.map("prj-js-ess", layout="tree")
    bad = tmp_path / "bad.json"
    bad.write_text('{"graphcrm": "positions", "positions": {"k": ["x", 1]}}', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.json: card 'k': a position is \[x, y\]"):
        bid.map("prj-js-ess", positions=bad)


def test_two_weeks_pages_in_the_browser_keep_the_unchanged_in_place(browser, tmp_path):
    """Two weeks' pages of the grid tender opened in Chromium, the chart framed as the page
    frames it: after a week-two sync (a deputy replaced, an engineer moved), at least 90% of
    the unchanged cards are drawn at the same place on the canvas — the page a manager
    screenshots, not only the positions in its data (issue 26, 2)."""
    from tests.fixtures.grid_tender import write_workbook
    from tests.map.test_anchors import _week_two

    target = (str(tmp_path / "team.db"), {})
    week1 = write_workbook(tmp_path / "w1.xlsx")
    assert run_on(target, "import", week1, "--author", "王明").exit_code == 0
    page_file = tmp_path / "gate.html"
    assert run_on(target, "map", "-o", page_file, "--as-of", "2026-12-01").exit_code == 0
    first = tmp_path / "week1.html"
    shutil.copy(page_file, first)
    assert run_on(target, "import", _week_two(week1, tmp_path / "w2.xlsx"), "--sync",
                  "--author", "王明").exit_code == 0
    assert run_on(target, "map", "-o", page_file, "--as-of", "2026-12-01").exit_code == 0

    def drawn(path):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        wait_until_stable(page)
        found = page.evaluate("""() => { const m = window.graphcrmMap, out = {};
            const at = m.network.getPositions();
            m.data.nodes.forEach(n => { if (!n.placeholder) {
                const p = m.network.canvasToDOM(at[n.id]);
                out[n.name + ' ' + n.label.split('\\n')[1]] = [Math.round(p.x), Math.round(p.y)];
            } });
            return out; }""")
        page.close()
        return found

    before, after = drawn(first), drawn(page_file)
    unchanged = [k for k in before if k in after and not k.startswith("许晓东")]
    kept = [k for k in unchanged if before[k] == after[k]]
    assert len(unchanged) > 30 and len(kept) >= 0.9 * len(unchanged), sorted(
        set(unchanged) - set(kept))
