"""What a copy safe to share may carry: one allow-list, used by the map and by export.

``--redact`` keeps only the facts named here and drops everything else, including columns
the import did not recognise (``E-mail``, ``Mobile``, ``备注`` arrive as extra columns and
could hold anything): a fact reaches a redacted output only when it is listed below.
Who informs us (the ``informant`` role) is never shared.

Example
-------
>>> shareable({"name": "王", "email": "w@x", "extra": {"备注": "secret"}}, PERSON_FIELDS)
{'name': '王'}
>>> shareable_roles(["informant", "user"])
['user']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphcrm.domain import Role

__all__ = [
    "PERSON_FIELDS", "PRIVATE_PERSON_FIELDS", "TIE_FIELDS", "ORGANIZATION_FIELDS",
    "PROJECT_FIELDS", "SECRET_ROLES", "shareable", "shareable_roles",
]

#: A person's facts that a redacted output keeps.
PERSON_FIELDS = ("name", "org_id", "org_name", "org_kind", "title", "department",
                 "reports_to", "last_interaction")
#: A person's facts that only an unredacted output shows.
PRIVATE_PERSON_FIELDS = ("email", "phone", "notes")
#: A tie's facts that a redacted output keeps (never its notes or extra columns).
TIE_FIELDS = ("strength", "level", "since", "last_contact")
#: An organization's facts that a redacted output keeps.
ORGANIZATION_FIELDS = ("id", "name", "kind", "industry", "region", "parent_id")
#: A project's facts that a redacted output keeps.
PROJECT_FIELDS = ("id", "name", "customer_id", "stage", "value", "deadline")
#: Roles a redacted output leaves out.
SECRET_ROLES = frozenset({Role.INFORMANT.value})


def shareable(record: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The entries of ``record`` named in ``fields`` that have a value."""
    return {f: record[f] for f in fields if record.get(f) is not None}


def shareable_roles(roles: Iterable[str]) -> list[str]:
    """``roles`` without those a redacted output leaves out, in their order."""
    return [r for r in roles if r not in SECRET_ROLES]
