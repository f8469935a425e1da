"""The print page for the PDF (no browser): every user string escaped, no script, colours
only as colours."""

from graphcrm.map.vector import render_print_page

EVIL = "<script>alert('x')</script>\"'&"


def test_hostile_strings_stay_text():
    page = render_print_page({
        "nodes": [{"id": "n0", "x": 0, "y": 0, "label": f"{EVIL}\n职务",
                   "color": {"background": "red;fill:url(javascript:x)", "border": "#123456"}}],
        "edges": [],
        "meta": {"title": EVIL, "subtitle": EVIL,
                 "bands": [{"x": 0, "y": 0, "width": 10, "height": 10, "depth": 0,
                            "kind": "organization", "label": EVIL, "color": "#abc"}],
                 "legend": [{"label": EVIL, "symbol": EVIL, "color": "</style>"}]}})
    assert "<script>" not in page and "javascript" not in page and "</style>" not in \
        page.split("</style>", 1)[1]
    assert page.count("&lt;script&gt;") >= 5  # title ×2, subtitle, band, card, legend
    assert "fill='#ffffff'" in page  # a colour that is not one: the card's own default
