"""The org chart as an editable PowerPoint slide (issue 26, 4), read back with python-pptx:
the title and names as text, one shape per card, connectors bound to the cards they join."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Emu

from graphcrm.analysis.valued import value
from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.map import MapSettings, stakeholder_map
from tests.conftest import sample_dir
from tests.map.test_data import AS_OF


def _deck(tmp_path, **settings):
    G = build_graph(read_dataset([sample_dir()]))
    chart = stakeholder_map(value(G, AS_OF), MapSettings(project="prj-js-ess",
                                                         layout="orgchart", lang="zh",
                                                         **settings))
    return chart, Presentation(chart.pptx(tmp_path / "gate.pptx"))


def test_a_slide_of_native_shapes_one_per_card(tmp_path):
    chart, deck = _deck(tmp_path)
    assert (deck.slide_width, deck.slide_height) == (Emu(12191695), Emu(6858000))  # 16:9
    shapes = deck.slides[0].shapes
    cards = {s.name.removeprefix("card "): s for s in shapes if s.name.startswith("card ")}
    assert set(cards) == {n["id"] for n in chart.data["nodes"]}
    by_name = {n["name"]: cards[n["id"]] for n in chart.data["nodes"] if "name" in n}
    assert by_name["王建国"].text_frame.text.splitlines()[0].endswith("王建国")
    title = next(s for s in shapes if s.name == "title")
    assert title.text_frame.text == "江苏储能电站智能监控系统"
    subtitle = next(s for s in shapes if s.name == "subtitle").text_frame.text
    assert "客户：东方新能源江苏有限公司" in subtitle and "覆盖率" in subtitle
    legend = next(s for s in shapes if s.name == "legend").text_frame.text
    assert "决策者" in legend
    # every card inside the slide, none overlapping another
    boxes = [(c.left, c.top, c.left + c.width, c.top + c.height) for c in cards.values()]
    assert all(a >= 0 and b >= 0 and c <= deck.slide_width and d <= deck.slide_height
               for a, b, c, d in boxes)
    assert not any(p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
                   for i, p in enumerate(boxes) for q in boxes[i + 1:])


def test_connectors_are_bound_to_the_cards_they_join(tmp_path):
    chart, deck = _deck(tmp_path)
    shapes = deck.slides[0].shapes
    ids = {s.name.removeprefix("card "): s.shape_id for s in shapes
           if s.name.startswith("card ")}
    lines = [s for s in shapes if s.name.startswith(("reports ", "tie "))]
    tree = [e for e in chart.data["edges"] if e.get("layer") == "tree"]
    assert len([s for s in lines if s.name.startswith("reports ")]) == len(tree)
    for line in lines:
        ends = line.name.split(" ", 1)[1].split("-")
        xml = line._element.xml
        assert f'<a:stCxn id="{ids[ends[0]]}"' in xml and f'<a:endCxn id="{ids[ends[1]]}"' \
            in xml, line.name


def test_a_network_map_has_no_slide(tmp_path):
    import pytest

    from graphcrm.errors import BadArgument

    G = build_graph(read_dataset([sample_dir()]))
    network = stakeholder_map(value(G, AS_OF), MapSettings(layout="network"))
    with pytest.raises(BadArgument, match="org chart"):
        network.pptx(tmp_path / "x.pptx")
