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
>>> shareable_projects({"P": {"roles": ["informant"], "stance": "champion", "influence": 2},
...                     "Q": {"roles": ["user", "informant"], "influence": 3}})
{'Q': {'roles': ['user'], 'influence': 3}}

The rule every shareable output keeps: a reader cannot tell which person had a hidden role.
A person whose only part in a project is hidden has no part in it at all in the copy (no
stance, influence or notes of that project, no organization drawn because of them), exactly
as a contact with no part in it; and nothing in the copy derives from a person's id without a
secret of that copy alone (:func:`card_secret`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from graphcrm.domain import Role

__all__ = [
    "PERSON_FIELDS", "PRIVATE_PERSON_FIELDS", "TIE_FIELDS", "ORGANIZATION_FIELDS",
    "PROJECT_FIELDS", "SECRET_ROLES", "shareable", "shareable_roles", "shareable_projects",
    "card_secret",
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


def shareable_projects(projects: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """A person's parts in projects (project → ``roles``, ``stance``, ``influence``, …) as a
    redacted output may show them: the shareable roles only, and no part at all where none is
    left (see the module docs)."""
    shown = {}
    for project, entry in projects.items():
        roles = shareable_roles(entry.get("roles") or [])
        if roles or not entry.get("roles"):
            shown[project] = {**entry, "roles": roles}
    return shown


def card_secret() -> bytes:
    """A new secret for one shared output: the keys it gives people's cards are digests under
    it, so that no reader can recompute them from ids (``p001``, ``p002`` …)."""
    return os.urandom(16)
