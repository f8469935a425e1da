"""The questions a bid team asks, each declared once: its parameters, defaults and ranges,
how it takes the project, and the parts of its result.

Both interfaces are built from these declarations: :func:`asks` checks each
:class:`~graphcrm.api.GraphCRM` method against its question when the module is imported (a
default that differs from the declaration is an error before anything runs) and checks and
converts the arguments of every call; :mod:`graphcrm.cli.analysis_commands` makes each
command's arguments and options from the same declaration. So ``graphcrm informants P`` and
``graphcrm.open().informants(P)`` ask the same question with the same defaults, by
construction.

Every question about a project takes it the same way: in Python as the argument ``project``
(positional after the question's subject, or by keyword), on the command line as ``PROJECT``
or ``--project/-p`` (``path``, whose arguments are people, takes ``--project/-p``).

Example
-------
>>> QUESTIONS["informants"].defaults()["top"]
10
>>> QUESTIONS["path"].check({"k": 0})
Traceback (most recent call last):
...
graphcrm.errors.BadArgument: k must be at least 1 (got 0)
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from graphcrm.errors import BadArgument, WrongType
from graphcrm.words import Said

__all__ = ["Param", "Question", "QUESTIONS", "DateLike", "asks", "as_date",
           "people_of_argument"]

#: A date as a Python user has one: ``datetime.date`` or ``datetime.datetime`` (a
#: ``pandas.Timestamp`` is one), text, or None for today.
DateLike = dt.date | str | None

_F = TypeVar("_F", bound=Callable[..., Any])

#: Kinds of parameter: a count (a whole number, at least ``low``), a flag, people (by id or
#: name, several), a person, a text.
KINDS = ("count", "flag", "people", "person", "text", "date")


@dataclass(frozen=True)
class Param:
    """One parameter of a question: its Python name, default, kind and help.

    ``option`` is its command-line spelling when it is not ``--name-with-dashes``; ``low``
    bounds a count; ``none`` says ``None`` is allowed for a count (all of them)."""

    name: str
    default: Any
    kind: str
    help: str
    low: int = 1
    option: str | None = None
    metavar: str | None = None
    none: bool = False


@dataclass(frozen=True)
class Question:
    """A question: the command ``name``, the API ``method``, the ``subject`` (parameters
    before the project: the people a question is about), its ``params`` (keyword-only in
    Python, options on the command line), whether it takes a project and an ``as_of``, the
    ``parts`` of its result (``--part``) and the command's help."""

    name: str
    method: str
    help: str
    subject: tuple[Param, ...] = ()
    params: tuple[Param, ...] = ()
    project: bool = True
    #: on the command line the project may be ``PROJECT`` too (not for ``path``, whose
    #: arguments are people)
    project_positional: bool = True
    project_help: str = "The project (id or name), as PROJECT."
    as_of: bool = True
    parts: tuple[str, ...] = ()
    parts_help: str = ""
    examples: tuple[str, ...] = field(default=())
    #: with no rows in JSON or CSV, the command says why on stderr (``path``)
    reason_to_stderr: bool = False

    def defaults(self) -> dict[str, Any]:
        """The default of each parameter, by name."""
        return {p.name: p.default for p in self.params}

    def check(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` checked and converted: counts whole numbers in range, people a tuple
        of names (a single name is one person, not its characters), flags booleans, dates
        any date a Python user has (:func:`as_date`).

        Raises
        ------
        WrongType
            A value of the wrong type (``top="5"``), naming the parameter and the type.
        BadArgument
            A count out of range.
        """
        out = dict(values)
        for param in (*self.subject, *self.params):
            if param.name in out:
                out[param.name] = _checked(param, out[param.name])
        if "as_of" in out:
            out["as_of"] = as_date(out["as_of"], "as_of")
        if out.get("project") is not None and not isinstance(out["project"], str):
            raise WrongType(Said("error.type_project", kind=type(out["project"]).__name__,
                                 value=repr(out["project"])))
        return out


def _checked(param: Param, value: Any) -> Any:
    if param.kind == "count":
        if value is None and param.none:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise WrongType(Said("error.type_count", name=param.name,
                                 kind=type(value).__name__, value=repr(value)))
        if value < param.low:
            raise BadArgument(Said("error.count_low", name=param.name, low=param.low,
                                   value=value))
        return value
    if param.kind == "flag":
        if not isinstance(value, bool):
            raise WrongType(Said("error.type_flag", name=param.name, value=repr(value)))
        return value
    if param.kind == "people":
        return people_of_argument(value, param.name)
    if param.kind in ("person", "text"):
        if not isinstance(value, str):
            raise WrongType(Said("error.type_text", name=param.name,
                                 kind=type(value).__name__, value=repr(value)))
        return value
    if param.kind == "date":  # a snapshot's name, or a date in any form
        if isinstance(value, str):
            return value
        day = as_date(value, param.name)
        return day.isoformat() if day else value
    return value


def people_of_argument(value: Any, name: str) -> tuple[str, ...]:
    """People as a tuple of ids or names: one text is one person (``avoid="刘洋"``).

    >>> people_of_argument("刘洋", "avoid"), people_of_argument(["刘洋", "p201"], "avoid")
    (('刘洋',), ('刘洋', 'p201'))
    """
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence | set | frozenset) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise WrongType(Said("error.type_people", name=name, kind=type(value).__name__,
                         value=repr(value)))


def as_date(value: Any, name: str = "date") -> dt.date | None:
    """A date from any form a Python user has: ``datetime.date``, ``datetime.datetime``,
    ``pandas.Timestamp``, ``numpy.datetime64`` or text (``2026-11-01``, ``2026/11/1``,
    ``2026年11月1日``); None stays None.

    Raises
    ------
    WrongType
        Not a date (a number, say).
    BadArgument
        Text that is no date.

    Examples
    --------
    >>> import pandas as pd
    >>> as_date("2026年11月1日"), as_date(pd.Timestamp("2026-11-01 09:30"))
    (datetime.date(2026, 11, 1), datetime.date(2026, 11, 1))
    """
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        from graphcrm.ingest.validate import parse_day, refusal  # --help stays fast

        try:
            return parse_day(value.strip())
        except ValueError as err:
            raise BadArgument(Said("error.not_a_date", name=name, value=repr(value),
                                   why=refusal(err))) from None
    convert = getattr(value, "to_pydatetime", None) or getattr(value, "item", None)
    if convert is not None:
        converted = convert()
        if isinstance(converted, dt.date):
            return converted.date() if isinstance(converted, dt.datetime) else converted
    raise WrongType(Said("error.type_date", name=name, kind=type(value).__name__,
                         value=repr(value)))


def asks(question: Question) -> Callable[[_F], _F]:
    """Make a :class:`~graphcrm.api.GraphCRM` method the Python side of ``question``: its
    keyword parameters must be the question's, with the question's defaults (checked now,
    when the method is defined), and every call's arguments are checked and converted
    (:meth:`Question.check`) before it runs."""

    def decorate(method: _F) -> _F:
        signature = inspect.signature(method)
        declared = question.defaults()
        for name, default in declared.items():
            found = signature.parameters.get(name)
            if found is None or found.default != default:
                raise TypeError(f"{method.__qualname__}: parameter {name} must default to "
                                f"{default!r}, as question {question.name!r} declares")
        if question.project and "project" not in signature.parameters:
            raise TypeError(f"{method.__qualname__} must take a project")

        known = [n for n in signature.parameters if n != "self"]

        @functools.wraps(method)
        def checked(self: Any, *args: Any, **kwargs: Any) -> Any:
            for name in kwargs:
                if name not in signature.parameters:
                    close = difflib.get_close_matches(name, known, n=1)
                    raise WrongType(Said("error.no_argument_like", method=question.method,
                                         name=repr(name), close=repr(close[0])) if close
                                    else Said("error.no_argument", method=question.method,
                                              name=repr(name), known=", ".join(known)))
            try:
                bound = signature.bind(self, *args, **kwargs)
            except TypeError as err:
                raise WrongType(f"{question.method}(): {err}") from None
            values = question.check({k: v for k, v in bound.arguments.items()
                                     if k != "self"})
            bound.arguments.update(values)
            result = method(*bound.args, **bound.kwargs)
            day = values.get("as_of")
            if isinstance(day, dt.date) and day < dt.date.today() and hasattr(result, "noted"):
                result.noted("note.as_known", day=day.isoformat())
            return result

        checked.question = question  # type: ignore[attr-defined]
        return cast(_F, checked)

    return decorate


_AS_OF = "the date ties are valued at (default: today)"
_AVOID_PATH = Param("avoid", (), "people", "Never pass through (repeat).", metavar="PERSON")

QUESTIONS: dict[str, Question] = {q.name: q for q in (
    Question(
        "path", "paths",
        "Best influence paths from our people (or SOURCE) to TARGET.\n\n"
        "People are named by id or by name. Each path lists every hop: who, tie type, "
        "recorded strength, strength today, level and last contact; the chain strength is the "
        "product of the hops' probabilities.",
        subject=(Param("people", (), "people", "[SOURCE] TARGET"),),
        params=(
            Param("k", 3, "count", "How many paths.", option="--k"),
            Param("max_hops", 4, "count", "Ties per path at most."),
            _AVOID_PATH,
            Param("avoid_opponents", False, "flag",
                  "Never pass through an opponent (their stance in --project, else in any "
                  "project TARGET is a stakeholder of)."),
            Param("strict", False, "flag", "With --avoid-opponents: skeptics too."),
            Param("include_competitors", False, "flag", "Let paths pass competitor staff."),
        ),
        project_positional=False, reason_to_stderr=True,
        project_help="Project: its stances count; its bid team starts, with all of ours.",
        examples=("graphcrm path 王建国 --project prj-js-ess",
                  "graphcrm path 林晓 王建国 --avoid-opponents --project prj-js-ess",
                  "graphcrm path p201 --max-hops 3 --avoid 周建平 --format json"),
    ),
    Question(
        "gaps", "gaps",
        "Each decision-making stakeholder: in depth, contacted, reachable, contested or "
        "uncovered.\n\n"
        "Also: the routes that count and the weak ones, the single thread (broker) and the "
        "blockers of each, a plan that adds threads (checked by simulation), org-chart holes "
        "and the coverage score with its map status.",
        params=(
            Param("max_hops", 4, "count", "Longer routes do not count."),
            Param("avoid", (), "people",
                  "Coverage without this person (repeatable): who only they cover.",
                  metavar="PERSON"),
        ),
        parts=("stakeholders", "plan", "holes"),
        parts_help="With --format csv (or json): only this part (CSV default: stakeholders).",
        examples=("graphcrm gaps prj-bh-bms",
                  "graphcrm gaps prj-js-ess --as-of 2027-01-01 --format json",
                  "graphcrm gaps prj-js-ess --format csv --part plan > plan.csv",
                  "graphcrm gaps prj-js-ess --avoid 林晓      # if 林晓 left: whom only she "
                  "covers"),
    ),
    Question(
        "handover", "handover",
        "What the team loses when PERSON leaves: the stakeholders whose coverage falls "
        "without them (with the best chain left and who else could take each), and the calls "
        "the contact plan gives them (with who would make each instead).",
        subject=(Param("person", None, "person", "PERSON"),),
        project_help="Only this project (id or name), as PROJECT.",
        parts=("stakeholders", "calls"),
        parts_help="With --format csv: this part (default: stakeholders).",
        examples=("graphcrm handover 林晓",
                  "graphcrm handover 韩梅 prj-bh-bms --format json",
                  "graphcrm handover 林晓 --format csv --part calls > calls.csv"),
    ),
    Question(
        "informants", "informants",
        "Ranked key-informant candidates, with the reasons for each score.\n\n"
        "The score adds access to the decision makers, our tie to the candidate, brokerage "
        "between us and them, structural holes (Burt) and stance; the brokerage role relative "
        "to organizations follows Gould & Fernandez.",
        params=(
            Param("top", 10, "count", "How many candidates.", none=True),
            Param("include_competitors", False, "flag", "Rank competitor staff (as a risk)."),
        ),
        examples=("graphcrm informants prj-js-ess",
                  "graphcrm informants prj-js-ess --top 5 --format csv"),
    ),
    Question(
        "health", "health",
        "Ties going cold and contacts overdue, as a plan: whom, by whom, why.\n\n"
        "Cadences: decision makers every 14 days, informants every 7, others every 30.",
        params=(
            Param("avoid", (), "people",
                  "The plan without this person (repeatable): who would call instead.",
                  metavar="PERSON"),
        ),
        project_help="Only this project (id or name), as PROJECT.",
        examples=("graphcrm health prj-js-ess",
                  "graphcrm health --project prj-js-ess --as-of 2026-12-15 --format csv"),
    ),
    Question(
        "matrix", "matrix",
        "Stakeholders by influence and stance, in four quadrants, with coverage.",
        examples=("graphcrm matrix prj-js-ess",
                  "graphcrm matrix prj-js-ess --format json"),
    ),
    Question(
        "changes", "changes",
        "What changed since a snapshot or a date, and what it did to the bid.\n\n"
        "People added and gone, role, stance and influence changes, ties added, removed or "
        "re-rated; then, for each project, every decision-making stakeholder's coverage and "
        "best chain from us, and the coverage score, before and after (both valued as of "
        "--as-of).",
        subject=(Param("since", None, "date",
                       "A snapshot name (graphcrm snapshot) or a date: changes made since "
                       "then.", metavar="SNAPSHOT|DATE"),),
        project_help="Only this project (id or name), as PROJECT.",
        examples=("graphcrm changes --since gate-2",
                  "graphcrm changes prj-js-ess --since 2026-11-01",
                  "graphcrm changes --since gate-2 --format csv > changes.csv"),
    ),
)}
