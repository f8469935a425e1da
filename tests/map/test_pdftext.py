"""Radicals back to the characters written (no browser: the CMap rewriting itself)."""

from graphcrm.map.pdftext import IDEOGRAPH_OF, _cmap


def test_radicals_become_the_simplified_characters_a_chinese_font_draws():
    assert IDEOGRAPH_OF[0x2F3E] == "户" and IDEOGRAPH_OF[0x2F79] == "网"
    assert IDEOGRAPH_OF[ord("⻅")] == "见" and IDEOGRAPH_OF[ord("⻚")] == "页"


def test_a_cmap_keeps_its_sources_and_fixes_its_destinations():
    before = ("2 beginbfchar\n<2F3E> <2F3E>\n<41> <0041>\nendbfchar\n"
              "1 beginbfrange\n<10> <12> <2F78>\nendbfrange\n")
    after = _cmap(before)
    assert "<2F3E> <6237>" in after  # a source code equal to a radical's stays
    assert "<41> <0041>" in after
    assert "<10> <12> [<7F36> <7F51> <7F8A>]" in after  # 缶 网 羊: the range one by one
