"""What a person reads of each answer: one module per question of :mod:`graphcrm.analysis`,
holding its result (the parts, the records, and the wording in English or Chinese, from the
one catalogue :mod:`graphcrm.words`).

The analyses compute and return data with reason codes; they build these results and never
word anything themselves. A result is turned into a table, JSON or CSV by
:mod:`graphcrm.output`, and shows itself in a notebook (:mod:`graphcrm.results`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graphcrm.results import Part
from graphcrm.words import joined, word

__all__ = ["Reasons", "said", "worded_part"]

#: Reason codes as an analysis gives them: (catalogue key, the values it is filled with).
Reasons = Sequence[tuple[str, dict[str, Any]]]


def said(reasons: Reasons, lang: str,
         shown: Callable[[str, dict[str, Any], str], dict[str, Any]] | None = None) -> str:
    """Reason codes as one line in ``lang``: each key's sentence filled with its values (as
    ``shown`` words them: vocabulary, counts, lists), joined in the language's punctuation.

    >>> said([("health.never", {"role": "user", "cadence": "30 days"})], "en")
    'user: never contacted (every 30 days)'
    """
    return joined([word(key, lang, **(shown(key, values, lang) if shown else values))
                   for key, values in reasons], lang, zh="；", en="; ")


def worded_part(columns: list[str], rows: list[dict[str, Any]], column: str,
                text: Callable[[Reasons, str], str]) -> Part:
    """A part of ``rows`` whose ``column`` is their reason codes (``_why``) in English, as
    ``text`` words them: the records' interface (JSON, CSV) says why in one language."""
    return Part(columns, [{c: text(r["_why"], "en") if c == column and "_why" in r
                           else r.get(c) for c in columns} for r in rows])
