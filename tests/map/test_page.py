"""The map page in a real headless Chromium: offline, counted, clickable, searchable, safe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graphcrm.analysis.valued import value
from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.map import MapSettings, stakeholder_map
from tests.conftest import TINY

pytestmark = pytest.mark.browser
AS_OF = dt.date(2026, 11, 26)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def node_of(page, name):
    return page.evaluate("(name) => window.graphcrmMap.data.nodes.find(n => n.name === name).id",
                         name)


def click_node(page, node):
    box = page.locator("#gc-network").bounding_box()
    point = page.evaluate(
        """(id) => { const m = window.graphcrmMap.network;
                     return m.canvasToDOM(m.getPositions([id])[id]); }""", node)
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_the_sample_project_map(open_map, sample):
    G = build_graph(sample)
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-js-ess", paths=True))
    page = open_map(result)
    assert page.record["errors"] == []
    assert len(page.record["requests"]) == 1 and page.record["requests"][0].startswith("file:")
    counts = page.evaluate("[window.graphcrmMap.nodes.length, window.graphcrmMap.edges.length]")
    assert counts == [G.number_of_nodes(), G.number_of_edges()]
    click_node(page, node_of(page, "张伟"))
    assert page.locator("#gc-panel").is_visible()
    assert page.locator("#gc-panel-name").text_content() == "张伟"
    assert "东方新能源江苏有限公司" in page.locator("#gc-panel-facts").text_content()
    page.locator("#gc-close").click()
    page.fill("#gc-search", "王建国")
    page.press("#gc-search", "Enter")
    assert page.locator("#gc-panel-name").text_content() == "王建国"
    facts = page.locator("#gc-panel-facts").text_content()
    assert "decision maker" in facts and "best path from us" in facts
    page.locator("#gc-focus").click()
    hidden = page.evaluate("window.graphcrmMap.nodes.get().filter(n => n.hidden).length")
    assert 0 < hidden < G.number_of_nodes()
    page.locator("#gc-reset").click()
    assert page.evaluate("window.graphcrmMap.nodes.get().filter(n => n.hidden).length") == 0
    page.select_option("#gc-role", "decision_maker")
    shown = page.evaluate("window.graphcrmMap.nodes.get().filter(n => !n.hidden).length")
    assert shown == 2  # 王建国 and 刘国强
    page.locator("#gc-reset").click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sample-map.png"))
    assert page.record["errors"] == [] and len(page.record["requests"]) == 1


def test_nothing_can_leave_the_page(open_map, sample):
    page = open_map(stakeholder_map(value(build_graph(sample), AS_OF),
                                    MapSettings(project="prj-bh-bms")))
    outcome = page.evaluate(
        """async () => { try { await fetch('https://example.com/x'); return 'sent'; }
                        catch (e) { return 'blocked'; } }""")
    assert outcome == "blocked"
    assert all(url.startswith("file:") for url in page.record["requests"])


def test_png_button_makes_a_picture_offline(open_map, sample):
    page = open_map(stakeholder_map(value(build_graph(sample), AS_OF),
                                    MapSettings(project="prj-bh-bms")))
    with page.expect_download() as download:
        page.locator("#gc-png").click()
    assert download.value.suggested_filename == "graphcrm-map.png"
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # the picture is the map plus a title band and the legend below it
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    canvas = page.evaluate("""() => { const c = document.querySelector('#gc-network canvas');
                                      return [c.width, c.height]; }""")
    rows = page.evaluate("window.graphcrmMap.data.meta.legend.length")
    assert width == canvas[0] and height > canvas[1] + 18 * rows


HOSTILE = ['<script>alert("name")</script>', '<img src=x onerror=alert("title")>',
           "\"'><svg onload=alert('notes')>"]


def test_a_hostile_dataset_shows_text_and_runs_nothing(open_map, make_tables):
    tables = {name: [list(r) for r in rows] for name, rows in TINY.items()}
    tables["people"].append(["evil", HOSTILE[0], "o-c", HOSTILE[1], "c", HOSTILE[2], ""])
    tables["organizations"][2][1] = HOSTILE[1]
    tables["projects"][1][1] = HOSTILE[0]
    tables["stakeholders"].append(["P1", "evil", "evaluator", "4", "neutral"])
    tables["relationships"].append(["evil", "c", "KNOWS", "3", "", "", "", HOSTILE[2]])
    G = build_graph(read_dataset([make_tables(tables)]))
    G.nodes["evil"]["notes"] = HOSTILE[2]
    page = open_map(stakeholder_map(value(G, AS_OF), MapSettings(project="P1")))
    before = page.evaluate("document.querySelectorAll('*').length")
    page.fill("#gc-search", "<script>")
    page.press("#gc-search", "Enter")
    assert page.locator("#gc-panel-name").text_content() == HOSTILE[0]
    facts = page.locator("#gc-panel-facts").text_content()
    assert HOSTILE[1] in facts and HOSTILE[2] in facts  # shown literally
    assert page.evaluate("document.title") == HOSTILE[0]
    click_node(page, node_of(page, HOSTILE[0]))
    page.mouse.move(5, 5)
    assert page.record["dialogs"] == []
    assert page.record["errors"] == []
    injected = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e =>
        ['IMG', 'SVG', 'IFRAME'].includes(e.tagName.toUpperCase()) ||
        [...e.attributes].some(a => a.name.startsWith('on'))).length""")
    assert injected == 0
    assert page.evaluate("document.scripts.length") == 3
    after = page.evaluate("document.querySelectorAll('*').length")
    assert after - before < 40  # only the panel's rows and search results were added


def test_redacted_page_in_the_browser(open_map, sample):
    G = build_graph(sample)
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-js-ess", redact=True,
                                            pseudonymize=True))
    page = open_map(result)
    assert page.record["errors"] == []
    page.fill("#gc-search", "Decision maker 1")
    page.press("#gc-search", "Enter")
    assert page.locator("#gc-panel-name").text_content() == "Decision maker 1"
    facts = page.locator("#gc-panel-facts").text_content()
    assert "email" not in facts and "notes" not in facts


def test_the_map_in_chinese(open_map, sample):
    """``--lang zh``: the controls, the panel's facts, tooltips and the legend in Chinese."""
    G = build_graph(sample)
    result = stakeholder_map(value(G, AS_OF),
                             MapSettings(project="prj-js-ess", paths=True, lang="zh"))
    page = open_map(result)
    assert page.record["errors"] == []
    assert page.locator("#gc-reset").text_content() == "显示全部"
    assert page.locator("#gc-cluster").text_content() == "按单位分组"
    assert page.locator("#gc-search").get_attribute("placeholder") == "搜索姓名"
    assert page.locator("#gc-role option").first.text_content() == "全部角色"
    legend = page.locator("#gc-legend").text_content()
    assert "决策者" in legend and "弱关系或无日期关系" in legend and "decision" not in legend
    page.fill("#gc-search", "王建国")
    page.press("#gc-search", "Enter")
    facts = page.locator("#gc-panel-facts").text_content()
    assert "决策者" in facts and "我方最佳链路" in facts and "单位" in facts
    assert "decision maker" not in facts and "best path" not in facts
    page.locator("#gc-cluster").click()
    assert page.locator("#gc-cluster").text_content() == "取消分组"


def _visible_in_view(page) -> tuple[int, int]:
    """How many shown nodes there are, and how many of them lie inside the canvas."""
    return tuple(page.evaluate("""() => {
        const m = window.graphcrmMap, box = document.getElementById('gc-network')
            .getBoundingClientRect();
        const shown = m.nodes.get().filter(n => !n.hidden).map(n => n.id);
        const pos = m.network.getPositions(shown);
        const inside = shown.filter(id => { const p = m.network.canvasToDOM(pos[id]);
            return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; });
        return [shown.length, inside.length]; }"""))


def test_interactions_refit_close_and_stay_error_free(open_map, sample):
    """Issue 13's interaction fixes: a filter refits the view to what it shows, "Show all"
    closes the panel, grouping and ungrouping log no console error, and the layout is the
    same every time the page opens."""
    G = build_graph(sample)
    result = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-js-ess"))
    page = open_map(result)
    first = page.evaluate("window.graphcrmMap.network.getPositions()")
    again = open_map(result, "again.html").evaluate("window.graphcrmMap.network.getPositions()")
    assert first == again  # the same data give the same picture, every time
    page.evaluate("window.graphcrmMap.network.moveTo({scale: 4, position: {x: 2000, y: 2000}})")
    page.select_option("#gc-role", "decision_maker")
    shown, inside = _visible_in_view(page)
    assert shown == 2 and inside == 2  # refitted onto the two decision makers
    page.fill("#gc-search", "王建国")
    page.press("#gc-search", "Enter")
    assert page.locator("#gc-panel").is_visible()
    page.locator("#gc-reset").click()
    assert not page.locator("#gc-panel").is_visible()
    page.locator("#gc-cluster").click()
    page.locator("#gc-cluster").click()
    page.locator("#gc-cluster").click()
    page.locator("#gc-reset").click()
    assert page.record["errors"] == []
    assert page.evaluate("window.graphcrmMap.nodes.get().filter(n => n.hidden).length") == 0


def test_the_legend_folds_and_starts_folded_on_a_phone(browser, sample, tmp_path):
    result = stakeholder_map(value(build_graph(sample), AS_OF),
                             MapSettings(project="prj-js-ess"))
    path = result.save(tmp_path / "phone.html")
    page = browser.new_page(viewport={"width": 390, "height": 800})  # a phone in WeChat
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    legend = page.locator("#gc-legend")
    network = page.locator("#gc-network").bounding_box()
    box = legend.bounding_box()
    assert box["height"] < 40 and box["width"] * box["height"] < 0.05 * (
        network["width"] * network["height"])  # only its title shows
    page.locator("#gc-legend-toggle").click()
    assert page.locator("#gc-legend .row").first.is_visible()
    assert errors == []
    page.close()
    wide = browser.new_page(viewport={"width": 1400, "height": 900})
    wide.goto(path.as_uri())
    assert wide.locator("#gc-legend .row").first.is_visible()  # open on a desk
    wide.locator("#gc-legend-toggle").click()
    assert not wide.locator("#gc-legend .row").first.is_visible()
    wide.close()
