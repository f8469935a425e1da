import pytest

from graphcrm.domain import (
    DECISION_ROLES,
    Channel,
    OrgKind,
    Role,
    Sentiment,
    Stance,
    TieLevel,
    TieType,
)


@pytest.mark.parametrize(
    ("text", "stance", "score"),
    [
        ("supporter", Stance.SUPPORTER, 1),
        ("+1", Stance.SUPPORTER, 1),
        ("1", Stance.SUPPORTER, 1),
        ("SUPPORTER", Stance.SUPPORTER, 1),
        ("opponent", Stance.OPPONENT, -2),
        ("-2", Stance.OPPONENT, -2),
        ("Champion", Stance.CHAMPION, 2),
        ("＋２", Stance.CHAMPION, 2),  # full-width, as Chinese input methods type it
        ("0", Stance.NEUTRAL, 0),
        ("sceptic", Stance.SKEPTIC, -1),
        ("反对", Stance.OPPONENT, -2),
    ],
)
def test_stance_synonyms(text, stance, score):
    assert Stance.parse(text) is stance
    assert stance.score == score


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("decision_maker", Role.DECISION_MAKER),
        ("Decision Maker", Role.DECISION_MAKER),
        ("decision-maker", Role.DECISION_MAKER),
        ("决策者", Role.DECISION_MAKER),
        ("项目线人", Role.INFORMANT),
        ("案源介绍人", Role.REFERRER),
        ("BID_TEAM", Role.BID_TEAM),
    ],
)
def test_role_synonyms(text, role):
    assert Role.parse(text) is role


def test_other_vocabularies():
    assert OrgKind.parse("Design Institute") is OrgKind.PARTNER
    assert OrgKind.parse("竞争对手") is OrgKind.COMPETITOR
    assert TieType.parse("knows") is TieType.KNOWS
    assert not TieType.KNOWS.directed and TieType.INFLUENCES.directed
    assert TieLevel.parse("4").number == 4
    assert TieLevel.parse("友情") is TieLevel.FRIENDSHIP
    assert Channel.parse("WeChat") is Channel.MESSAGE
    assert Sentiment.parse("-1") is Sentiment.NEGATIVE
    assert Sentiment.parse("positive").score == 1


def test_unknown_word_lists_the_accepted_values():
    with pytest.raises(ValueError, match=r"unknown stance .*champion, supporter"):
        Stance.parse("maybe")
    with pytest.raises(ValueError):
        Stance.parse("3")


def test_decision_roles_are_the_buying_centre():
    assert Role.DECISION_MAKER in DECISION_ROLES
    assert Role.INFORMANT not in DECISION_ROLES
    assert Role.BID_TEAM not in DECISION_ROLES


def test_chinese_spellings_of_our_own_company():
    """我司 and 己方, as Chinese bid teams write their own side in an organizations sheet."""
    for text in ("我方", "本公司", "我司", "己方"):
        assert OrgKind.parse(text) is OrgKind.OWN
