"""Older versions of the file format, read as the current one.

Version 2 added a role's ``alternative_titles``, a level's ``examples`` and the ``guides``
list; version 3 the ``resources`` list. Loading an older file leaves what it cannot say as
it is on the site (loading.py); comparing
documents (the starter file's three-way merge) needs both sides in one shape, which
``upgrade`` gives: the fields version 1 did not have, empty.
"""

import copy

from roles.framework.document import Document
from roles.framework.schema import VERSION


def upgrade(data: Document) -> Document:
    """A copy of a valid document in the current version's shape."""
    data = copy.deepcopy(data)
    data.setdefault("version", VERSION)
    if data["version"] < 2:
        for skill in data.get("skills", []):
            for level in skill.get("levels", []):
                level.setdefault("examples", [])
        for role in data.get("roles", []):
            role.setdefault("alternative_titles", [])
        data.setdefault("guides", [])
        data["version"] = 2
    if data["version"] < 3:
        data.setdefault("resources", [])
        data["version"] = 3
    return data
