"""Load the Cypher statements in ``cypher/*.cypher`` by name: the one place Python reads Cypher.

Values always travel as ``$parameters``. Cypher cannot take a relationship type as a
parameter, so a statement may hold the placeholder ``__TYPE__``, which is filled in here
only with a type from :data:`TIE_TYPES`, never with text from the input.
"""

from __future__ import annotations

from functools import cache

from graphcrm.domain import TieType
from graphcrm.resources import cypher_dir

__all__ = ["statement", "statements", "TIE_TYPES", "LABELS"]

#: Relationship types a statement's ``__TYPE__`` may become.
TIE_TYPES: frozenset[str] = frozenset(t.value for t in TieType)
#: Node labels graphcrm writes (documented in cypher/README.md).
LABELS: frozenset[str] = frozenset({"Organization", "Person", "Project", "Interaction"})
_PLACEHOLDER = "__TYPE__"


@cache
def _read(name: str) -> str:
    path = cypher_dir() / f"{name}.cypher"
    if not path.is_file():
        raise FileNotFoundError(f"no Cypher statement {name!r} ({path})")
    return path.read_text(encoding="utf-8")


def statement(name: str, *, tie_type: str | None = None) -> str:
    """The Cypher statement in ``cypher/<name>.cypher``.

    Parameters
    ----------
    name
        The file's name without ``.cypher``.
    tie_type
        For statements written for any tie type: ``KNOWS``, ``INFLUENCES``, ``REFERRED`` or
        ``DOTTED_LINE``.

    Example
    -------
    >>> "MERGE (a)-[r:KNOWS]->(b)" in statement("import_ties", tie_type="KNOWS")
    True
    """
    text = _read(name)
    if _PLACEHOLDER in text:
        if tie_type not in TIE_TYPES:
            raise ValueError(f"{name}: tie type {tie_type!r} is not one of {sorted(TIE_TYPES)}")
        return text.replace(_PLACEHOLDER, tie_type)
    if tie_type is not None:
        raise ValueError(f"{name} takes no tie type")
    return text


def statements(name: str) -> list[str]:
    """The statements of a file that holds several, each ended by ``;`` (schema.cypher)."""
    lines = [line for line in _read(name).splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
