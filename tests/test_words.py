"""The catalogue: every word in both languages, vocabulary words that import back."""

import string

import pytest

from graphcrm.domain import Role, Stance, TieLevel
from graphcrm.words import LANGUAGES, VOCABULARIES, WORDS, cell, column, default_lang, word


def _fields(text: str) -> set[str]:
    return {name.split(".")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(WORDS))
def test_every_word_has_both_languages_with_the_same_placeholders(key):
    english, chinese = WORDS[key]
    assert english.strip() and chinese.strip()
    assert _fields(english) == _fields(chinese)
    if not key.startswith(("col.", "path.warn", "informants.stance")) and \
            not english.startswith("{") and key not in ("none",):
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), key


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_every_vocabulary_value_has_a_word_that_imports_back(vocabulary):
    for member in vocabulary:
        chinese = word(f"{vocabulary.__name__}.{member.value}", "zh")
        assert vocabulary.parse(chinese) is member, (member, chinese)
        assert word(f"{vocabulary.__name__}.{member.value}", "en")


def test_the_bid_teams_own_words():
    assert [word(f"Role.{r.value}", "zh") for r in Role] == [
        "决策者", "评估者", "使用者", "采购", "影响者", "把关者", "项目线人", "案源介绍人",
        "投标团队"]
    assert [word(f"Stance.{s.value}", "zh") for s in Stance] == [
        "铁杆", "支持", "中立", "怀疑", "反对"]
    assert [word(f"TieLevel.{lv.value}", "zh") for lv in TieLevel] == [
        "商务", "业余", "友情", "亲情"]


def test_plurals_and_cells():
    assert word("people", "en", n=1) == "1 person"
    assert word("people", "en", n=0) == "0 people"
    assert word("people", "zh", n=3) == "3 人"
    assert cell("roles", ["decision_maker", "informant"], "zh") == ["决策者", "项目线人"]
    assert cell("level", 3, "en") == "friendship"  # a tie level by its name, not its number
    assert cell("name", "status", "zh") == "status"  # only vocabulary columns are translated
    assert column("stance_fit", "zh", "informants") == "立场分"
    assert column("stance", "zh", "informants") == column("stance", "zh", "matrix") == "立场"
    assert column("stance", "zh", "matrix") == "立场"


def test_an_unknown_key_fails_loudly():
    with pytest.raises(KeyError):
        word("no.such.word", "en")


@pytest.mark.parametrize(("env", "expected"), [
    ({"GRAPHCRM_LANG": "zh"}, "zh"), ({"GRAPHCRM_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LC_ALL": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "de_DE.UTF-8"}, "en"), ({"GRAPHCRM_LANG": "klingon", "LANG": "C"}, "en"),
])
def test_default_language_from_the_environment(monkeypatch, env, expected):
    for name in ("GRAPHCRM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_lang() == expected
    assert default_lang() in LANGUAGES
