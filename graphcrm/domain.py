"""The domain vocabulary of graphcrm: every kind, role, stance and level, defined once.

Each enumeration accepts the spellings a bid team's spreadsheet will contain: the canonical
English word in any case, common synonyms, the numeric scale where there is one, and the
Chinese words used in project sales (决策者, 线人, 介绍人, 支持, 反对 ...). ``parse`` raises
``ValueError`` with the accepted values; the importer turns that into a located problem.

Example
-------
>>> Stance.parse("+1") is Stance.SUPPORTER
True
>>> Role.parse("项目线人") is Role.INFORMANT
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from functools import cache
from typing import TypeVar

__all__ = [
    "Vocabulary",
    "OrgKind",
    "Role",
    "Stance",
    "TieType",
    "TieLevel",
    "Channel",
    "Sentiment",
    "ProjectStage",
    "PersonStatus",
    "Coverage",
    "MapStatus",
    "DECISION_ROLES",
    "MAP_LAYOUTS",
    "REPORTS_TO",
    "PAPERS",
    "is_former",
    "our_side",
    "normalize_token",
    "chinese_words",
]

V = TypeVar("V", bound="Vocabulary")


def normalize_token(text: str) -> str:
    """Fold a spreadsheet value for synonym look-up: NFKC, case-folded, ``-``/space to ``_``.

    NFKC turns full-width characters (``＋１``, common in Chinese input methods) into ASCII.
    """
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    return "_".join(folded.replace("-", " ").split()) if not _is_signed_number(folded) else folded


def _is_signed_number(text: str) -> bool:
    return text[:1] in "+-" and text[1:].isdigit()


class Vocabulary(str, Enum):
    """Base of every vocabulary: a ``str`` enum whose values are the canonical words."""

    @classmethod
    def parse(cls: type[V], text: str | int) -> V:
        """Return the member named by ``text`` (canonical word, synonym or number)."""
        token = normalize_token(str(text))
        table = _lookup(cls)
        if token in table:
            return cls(table[token])
        expected = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown {cls.label()} (expected one of: {expected})")

    @classmethod
    def label(cls) -> str:
        """A human name for the vocabulary, used in error messages."""
        return cls.__doc__.split(":")[0].strip().lower() if cls.__doc__ else cls.__name__

    def __str__(self) -> str:
        return self.value


_SYNONYMS: dict[type[Vocabulary], dict[str, str]] = {}


def _synonyms(vocabulary: type[Vocabulary], mapping: dict[str, str]) -> None:
    _SYNONYMS[vocabulary] = mapping


def chinese_words(vocabulary: type[Vocabulary]) -> dict[str, str]:
    """The first Chinese synonym of each member that has one, by canonical value.

    >>> chinese_words(Stance)["supporter"]
    '支持'
    """
    found: dict[str, str] = {}
    for word, value in _SYNONYMS.get(vocabulary, {}).items():
        if any("\u4e00" <= ch <= "\u9fff" for ch in word):
            found.setdefault(value, word)
    return found


@cache
def _lookup(vocabulary: type[Vocabulary]) -> dict[str, str]:
    table = {normalize_token(m.value): m.value for m in vocabulary}
    table.update({normalize_token(k): v for k, v in _SYNONYMS.get(vocabulary, {}).items()})
    return table


class OrgKind(Vocabulary):
    """Organization kind: who an organization is to us."""

    CUSTOMER = "customer"
    OWN = "own"
    PARTNER = "partner"
    COMPETITOR = "competitor"
    OTHER = "other"


_synonyms(
    OrgKind,
    {
        "client": "customer", "客户": "customer", "cliente": "customer",
        "ours": "own", "us": "own", "our_company": "own", "我方": "own", "本公司": "own",
        "我司": "own", "己方": "own", "propia": "own",
        "design_institute": "partner", "consultant": "partner", "integrator": "partner",
        "合作伙伴": "partner", "伙伴": "partner", "设计院": "partner", "咨询": "partner",
        "集成商": "partner", "socio": "partner",
        "竞争对手": "competitor", "对手": "competitor", "competidor": "competitor",
        "友商": "competitor",
        "业主": "customer", "甲方": "customer", "建设单位": "customer", "招标人": "customer",
        "业主单位": "customer", "用户单位": "customer",
        "总包": "partner", "epc": "partner", "总包单位": "partner", "招标代理": "partner",
        "代理": "partner", "代理商": "partner", "分包": "partner",
        "我公司": "own",
        "其他": "other", "协会": "other", "otro": "other",
    }
)


class Role(Vocabulary):
    """Stakeholder role: a person's part in one project."""

    DECISION_MAKER = "decision_maker"
    EVALUATOR = "evaluator"
    USER = "user"
    PROCUREMENT = "procurement"
    INFLUENCER = "influencer"
    GATEKEEPER = "gatekeeper"
    INFORMANT = "informant"
    REFERRER = "referrer"
    BID_TEAM = "bid_team"


_synonyms(
    Role,
    {
        "decision": "decision_maker", "decider": "decision_maker", "dm": "decision_maker",
        "决策者": "decision_maker", "决策人": "decision_maker", "拍板人": "decision_maker",
        "technical_evaluator": "evaluator", "评估者": "evaluator", "评估人": "evaluator",
        "技术评估": "evaluator",
        "end_user": "user", "使用者": "user", "用户": "user",
        "purchasing": "procurement", "buyer": "procurement", "采购": "procurement",
        "采购人员": "procurement",
        "影响者": "influencer", "影响人": "influencer",
        "把关者": "gatekeeper", "守门人": "gatekeeper",
        "线人": "informant", "项目线人": "informant", "内线": "informant", "coach": "informant",
        "介绍人": "referrer", "案源介绍人": "referrer", "referral": "referrer",
        "bid": "bid_team", "our_team": "bid_team", "sales": "bid_team", "投标团队": "bid_team",
        "我方团队": "bid_team",
    }
)

#: Roles that take part in the customer's decision (the ones coverage is measured on).
DECISION_ROLES: frozenset[Role] = frozenset(
    {Role.DECISION_MAKER, Role.EVALUATOR, Role.PROCUREMENT, Role.INFLUENCER}
)


class Stance(Vocabulary):
    """Stance: attitude toward us in one project, from champion (+2) to opponent (-2)."""

    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    OPPONENT = "opponent"

    @property
    def score(self) -> int:
        """The stance on the -2 … +2 scale."""
        return _STANCE_SCORE[self]


_STANCE_SCORE = {
    Stance.CHAMPION: 2, Stance.SUPPORTER: 1, Stance.NEUTRAL: 0, Stance.SKEPTIC: -1,
    Stance.OPPONENT: -2,
}
_synonyms(
    Stance,
    {
        "2": "champion", "+2": "champion", "supportive": "supporter", "ally": "supporter",
        "1": "supporter", "+1": "supporter", "0": "neutral", "-0": "neutral",
        "-1": "skeptic", "sceptic": "skeptic", "skeptical": "skeptic", "-2": "opponent",
        "against": "opponent", "hostile": "opponent",
        "铁杆": "champion", "坚定支持": "champion", "支持": "supporter", "中立": "neutral",
        "怀疑": "skeptic", "观望": "skeptic", "反对": "opponent",
    }
)


class TieType(Vocabulary):
    """Relationship type: the kinds of tie between two people that an import may carry."""

    KNOWS = "KNOWS"
    INFLUENCES = "INFLUENCES"
    REFERRED = "REFERRED"
    #: a second, dotted-line superior (matrix reporting): source reports to target
    DOTTED_LINE = "DOTTED_LINE"

    @property
    def directed(self) -> bool:
        """KNOWS is mutual; the others point from source to target (as recorded and drawn)."""
        return self is not TieType.KNOWS

    @property
    def requests_one_way(self) -> bool:
        """Whether a request travels the tie only from source to target: an INFLUENCES tie
        (the source's opinion moves the target, not the other way). Every other tie carries
        requests both ways — a referrer and whom they referred know each other, a dotted
        line joins two colleagues — whichever way it was recorded.

        >>> [t.value for t in TieType if t.requests_one_way]
        ['INFLUENCES']
        """
        return self is TieType.INFLUENCES


_synonyms(
    TieType,
    {
        "know": "KNOWS", "认识": "KNOWS", "influence": "INFLUENCES", "影响": "INFLUENCES",
        "refers": "REFERRED", "referral": "REFERRED", "介绍": "REFERRED",
        "虚线汇报": "DOTTED_LINE", "dotted line": "DOTTED_LINE", "dotted": "DOTTED_LINE",
        "matrix": "DOTTED_LINE", "虚线上级": "DOTTED_LINE", "矩阵汇报": "DOTTED_LINE",
    }
)


class TieLevel(Vocabulary):
    """Tie level: the four levels of a customer relationship, business (1) to family-like (4)."""

    BUSINESS = "business"
    PERSONAL = "personal"
    FRIENDSHIP = "friendship"
    FAMILY = "family"

    @property
    def number(self) -> int:
        """The level as 1 (business) … 4 (family-like)."""
        return list(TieLevel).index(self) + 1


_synonyms(
    TieLevel,
    {
        "1": "business", "2": "personal", "3": "friendship", "4": "family",
        "商务": "business", "业务": "business", "业余": "personal", "个人": "personal",
        "友情": "friendship", "朋友": "friendship", "亲情": "family", "family_like": "family",
        # 关系性质: what the tie is, as a Chinese team writes it
        "同学": "friendship", "战友": "friendship", "私交": "friendship",
        "校友": "personal", "老乡": "personal", "同事": "personal", "老同事": "personal",
        "老上下级": "personal", "师生": "personal", "亲戚": "family", "家人": "family",
        "商务关系": "business", "工作关系": "business",
    }
)


class Channel(Vocabulary):
    """Interaction channel: how one of our people was in contact with a contact."""

    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    SOCIAL = "social"
    EVENT = "event"
    MEAL = "meal"
    VISIT = "visit"


_synonyms(
    Channel,
    {
        "phone": "call", "telephone": "call", "e_mail": "email", "mail": "email",
        "wechat": "message", "chat": "message", "sms": "message", "dinner": "meal",
        "lunch": "meal", "会议": "meeting", "会面": "meeting", "电话": "call", "邮件": "email",
        "微信": "message", "消息": "message", "社交": "social", "活动": "event", "饭局": "meal",
        "吃饭": "meal", "拜访": "visit", "宴请": "meal", "聚餐": "meal", "走访": "visit",
        "考察": "visit", "现场考察": "visit", "技术交流": "meeting", "交流": "meeting",
        "座谈": "meeting", "汇报": "meeting", "短信": "message", "电话沟通": "call",
    }
)


class Sentiment(Vocabulary):
    """Sentiment: how an interaction went, negative (-1), neutral (0) or positive (+1)."""

    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"

    @property
    def score(self) -> int:
        """The sentiment as -1, 0 or +1."""
        return {"negative": -1, "neutral": 0, "positive": 1}[self.value]


_synonyms(
    Sentiment,
    {
        "-1": "negative", "0": "neutral", "1": "positive", "+1": "positive", "bad": "negative",
        "good": "positive", "负面": "negative", "中性": "neutral", "正面": "positive",
        "积极": "positive", "消极": "negative", "好": "positive", "较好": "positive",
        "很好": "positive", "一般": "neutral", "差": "negative", "不好": "negative",
        "较差": "negative",
    }
)


class ProjectStage(Vocabulary):
    """Project stage: where a bid stands, from lead to won or lost."""

    LEAD = "lead"
    QUALIFYING = "qualifying"
    BIDDING = "bidding"
    WON = "won"
    LOST = "lost"


_synonyms(
    ProjectStage,
    {
        "线索": "lead", "opportunity": "qualifying", "资格确认": "qualifying",
        "投标": "bidding", "tender": "bidding", "招标": "bidding", "投标阶段": "bidding",
        "立项": "qualifying", "可研": "qualifying", "赢单": "won", "中标": "won", "丢单": "lost",
        "未中标": "lost",
    }
)


class PersonStatus(Vocabulary):
    """Person status: whether a person still holds the post the store records for them."""

    IN_POST = "in_post"
    #: newly appointed to the post (新任): in post, and new to us
    NEW = "new"
    #: moved to another post at the same organization (调任): in post there
    MOVED = "moved"
    #: transferred away from the organization (调离)
    TRANSFERRED = "transferred"
    LEFT = "left"
    RETIRED = "retired"

    @property
    def former(self) -> bool:
        """True for someone who no longer holds a post here (transferred away, left,
        retired): on no chain and in no plan, their history kept.

        >>> PersonStatus.parse("调离").former, PersonStatus.parse("新任").former
        (True, False)
        """
        return self in _FORMER


_FORMER = frozenset({PersonStatus.TRANSFERRED, PersonStatus.LEFT, PersonStatus.RETIRED})
_synonyms(
    PersonStatus,
    {
        "active": "in_post", "current": "in_post", "employed": "in_post", "在职": "in_post",
        "在任": "in_post", "在岗": "in_post", "现任": "in_post",
        "newly_appointed": "new", "appointed": "new", "新任": "new", "新到任": "new",
        "reassigned": "moved", "调任": "moved", "转岗": "moved", "轮岗": "moved",
        "transferred_out": "transferred", "调离": "transferred", "调走": "transferred",
        "resigned": "left", "departed": "left", "former": "left", "离职": "left",
        "离任": "left", "辞职": "left", "已离职": "left", "已调离": "transferred",
        "退休": "retired", "已退休": "retired",
    }
)


def is_former(status: str | None) -> bool:
    """Whether a stored ``status`` value (or None: in post) marks someone no longer in post.

    >>> is_former("left"), is_former(None), is_former("moved")
    (True, False, False)
    """
    return bool(status) and PersonStatus(status).former


def our_side(people: Iterable[tuple[str, str | None, Mapping[str, Sequence[str]]]],
             project: str | None = None) -> list[str]:
    """Our people, the one rule: everyone at an ``own`` organization — the regional
    director who dines with the customer's general manager is ours whether or not the sheet
    puts them on the bid team — and the project's bid team (someone of a partner seconded
    to it). ``people``: ``(id, organization kind, roles by project)`` of the people in post
    (someone who left is on nobody's side).

    >>> people = [("a", "own", {}), ("b", "own", {"P": ["bid_team"]}), ("c", "customer", {}),
    ...           ("d", "partner", {"P": ["bid_team"]})]
    >>> our_side(people, "P"), our_side(people, "Q"), our_side(people)
    (['a', 'b', 'd'], ['a', 'b'], ['a', 'b'])
    """
    chosen = list(people)
    team, own = Role.BID_TEAM.value, OrgKind.OWN.value
    members = {p for p, _, roles in chosen if project is not None
               and team in roles.get(project, ())}
    return sorted(members | {p for p, kind, _ in chosen if kind == own})


class Coverage(Vocabulary):
    """Coverage level: how well our side reaches one decision-making stakeholder, best
    first (the rule that decides it: :meth:`graphcrm.analysis.model.TieModel.coverage`).

    In Altify's terms *In Depth*, *Brief*, *Unknown* (reachable but not met), a contact
    held by the other side, *No Contact*.
    """

    #: two of us hold working ties, or one does and an independent route exists (深度覆盖)
    IN_DEPTH = "in_depth"
    #: one of us holds a working tie: direct, not gone cold (已接触)
    CONTACTED = "contacted"
    #: none of us holds a working tie; routes that count reach them (可引荐)
    REACHABLE = "reachable"
    #: every route that counts runs through an opponent, a skeptic or a competitor's
    #: person (受阻)
    CONTESTED = "contested"
    #: no route that counts (未覆盖)
    UNCOVERED = "uncovered"


_synonyms(
    Coverage,
    {"深度覆盖": "in_depth", "in depth": "in_depth", "已接触": "contacted",
     "可引荐": "reachable", "受阻": "contested", "未覆盖": "uncovered"},
)


class MapStatus(Vocabulary):
    """Relationship-map status: a project's coverage as one verdict, worst first (Altify's
    map status 0–3)."""

    #: none of us holds a working tie to any decision-making stakeholder (没有接触)
    NO_CONTACT = "no_contact"
    #: none of the key players (decision makers, high influence) is contacted (缺关键人)
    NO_KEY_PLAYER = "no_key_player"
    #: no key player we hold is a supporter or champion (关键人无支持者)
    NO_SUPPORTIVE_KEY_PLAYER = "no_supportive_key_player"
    #: a key player we hold supports us (正常)
    OK = "ok"


_synonyms(
    MapStatus,
    {"没有接触": "no_contact", "缺关键人": "no_key_player",
     "关键人无支持者": "no_supportive_key_player", "正常": "ok"},
)


#: The edge type of the formal hierarchy (from ``people.reports_to``; not a relationship row).
REPORTS_TO = "REPORTS_TO"

#: The views of a people map: the customer's org chart with the bid drawn on it, or the
#: force-directed network of everyone's ties.
MAP_LAYOUTS = ("orgchart", "network")
#: The pages a map prints on: A4 landscape, or a 16:9 slide.
PAPERS = ("a4", "16:9")
