"""The starter framework: loaded only into an empty framework, updated only on request.

Start-up commands call ``load_if_empty``; an editor's work is never overwritten by them.
``plan_update`` is a three-way merge of the last loaded starter file (the baseline, kept in
``StarterBaseline``), the framework as it is now, and a newer file: a field the file
changes is taken only where nobody edited it since the last load; otherwise it is a
conflict and the edit is kept unless forced. Design notes: docs/framework-format.md.
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from roles import framework
from roles.models import Role, Skill, StarterBaseline, Track

KINDS = ("tracks", "dimensions", "categories", "skills", "roles", "guides", "resources")
SINGULAR = {
    "tracks": "track",
    "dimensions": "dimension",
    "categories": "category",
    "skills": "skill",
    "roles": "role",
    "guides": "guide",
    "resources": "resource",
}
# Records identified by a pair of fields rather than a slug: their key is "first→second".
# A learning resource is its own record (skill→title), merged field by field like a guide:
# a new starter resource is added, one an editor deleted stays deleted, an edit is kept.
PAIRS = {"guides": ("from_role", "to_role"), "resources": ("skill", "title")}
PAIR_SEPARATOR = "→"
# Lists of sub-records: (kind, key) → the field that identifies an item, and whether an item
# is merged field by field (levels) or as one value (an expectation's level and importance
# only make sense together).
SUBLISTS = {("skills", "levels"): ("level", "fields"), ("roles", "expectations"): ("skill", "whole")}
# Dicts of sub-values, merged key by key.
SUBDICTS = {("roles", "dimensions")}
# Fields whose value is a set (order carries no meaning). Every other list (alternative
# titles, a level's examples, a guide's pitfalls or further reading…) is one ordered value.
SETS = {("roles", "next_roles")}

Path = tuple  # a field's address inside one record, e.g. ("levels", 4, "descriptor")
Flat = dict[tuple[str, str], dict[Path, Any]]


def is_empty() -> bool:
    """True when no tracks, roles or skills exist yet (a new site)."""
    return not (Track.objects.exists() or Role.objects.exists() or Skill.objects.exists())


def digest(data: dict) -> str:
    return hashlib.sha256(framework.dumps(data).encode()).hexdigest()


def record_baseline(data: dict, *, source: str) -> None:
    StarterBaseline.objects.create(document=data, sha256=digest(data), source=source)


def baseline() -> dict | None:
    latest = StarterBaseline.objects.order_by("-loaded_at", "-pk").first()
    return latest.document if latest else None


def load_if_empty(data: dict, *, source: str) -> framework.LoadReport | None:
    """Load ``data`` into an empty framework; return None and write nothing otherwise."""
    with transaction.atomic():
        # Two containers starting at once: the second waits here, then finds content.
        framework.lock_imports()
        if not is_empty():
            return None
        report = framework.load(data)
        record_baseline(data, source=source)
        return report


# --- flattening: a framework document as {(kind, slug): {field path: value}} ---------------


def identity(kind: str, item: dict) -> str:
    """A record's key: its slug, or for a guide "from-role→to-role"."""
    if kind in PAIRS:
        return PAIR_SEPARATOR.join(item[name] for name in PAIRS[kind])
    return item["slug"]


def flatten(data: dict) -> Flat:
    """``data`` (any version of the format, read as the current one) as flat fields."""
    data = framework.upgrade(data) if data else data
    flat: Flat = {}
    for kind in KINDS:
        identifying = PAIRS.get(kind, ("slug",))
        for item in data.get(kind, []):
            fields: dict[Path, Any] = {}
            for key, value in item.items():
                if key in identifying:
                    continue
                if (kind, key) in SUBLISTS:
                    ident, mode = SUBLISTS[(kind, key)]
                    for sub in value:
                        rest = {k: v for k, v in sub.items() if k != ident}
                        if mode == "whole":
                            fields[(key, sub[ident])] = rest
                        else:
                            for name, v in rest.items():
                                fields[(key, sub[ident], name)] = v
                elif (kind, key) in SUBDICTS:
                    for name, v in value.items():
                        fields[(key, name)] = v
                elif (kind, key) in SETS:
                    fields[(key,)] = sorted(value)
                else:
                    fields[(key,)] = value
            flat[(kind, identity(kind, item))] = fields
    return flat


def unflatten(flat: Flat, order: list[tuple[str, str]]) -> dict:
    data: dict[str, Any] = {"format": framework.FORMAT, "version": framework.VERSION}
    for kind in KINDS:
        data[kind] = []
    for kind, slug in order:
        fields = flat[(kind, slug)]
        item: dict[str, Any] = (
            # Only the first separator splits: a resource's title may itself hold one.
            dict(zip(PAIRS[kind], slug.split(PAIR_SEPARATOR, 1), strict=True))
            if kind in PAIRS
            else {"slug": slug}
        )
        for path, value in fields.items():
            if value is None:
                continue
            key = path[0]
            if (kind, key) in SUBLISTS:
                ident, mode = SUBLISTS[(kind, key)]
                subs = item.setdefault(key, {})
                sub = subs.setdefault(path[1], {ident: path[1]})
                if mode == "whole":
                    sub.update(value)
                else:
                    sub[path[2]] = value
            elif (kind, key) in SUBDICTS:
                item.setdefault(key, {})[path[1]] = value
            else:
                item[key] = value
        for k, key in SUBLISTS:
            if k == kind and key in item:
                # Keyed by each sub-record's identifying field: sort by it.
                subs = item[key]
                item[key] = [subs[ident] for ident in sorted(subs, key=str)]
        data[kind].append(item)
    return data


def describe(kind: str, slug: str, path: Path) -> str:
    """Human words for a field: 'skill vision: level 4 descriptor'."""
    where = f"{SINGULAR[kind]} {slug}"
    if path[0] == "levels":
        return f"{where}: level {path[1]} {path[2]}"
    if path[0] == "expectations":
        return f"{where}: expectation for {path[1]}"
    if path[0] == "dimensions":
        return f"{where}: {path[1]} text"
    return f"{where}: {' '.join(str(p) for p in path).replace('_', ' ')}"


# --- the merge -----------------------------------------------------------------------------


@dataclass
class UpdatePlan:
    changes: list[str] = field(default_factory=list)  # taken from the new file
    conflicts: list[str] = field(default_factory=list)  # edited here and in the file: kept
    notes: list[str] = field(default_factory=list)  # informational
    merged: dict | None = None
    new: dict | None = None


def plan_update(*, base: dict | None, current: dict, new: dict, force: bool = False) -> UpdatePlan:
    """Merge ``new`` into ``current`` relative to ``base`` (None: no baseline recorded).

    Without a baseline every difference counts as an edit, so nothing is overwritten
    unless ``force``.
    """
    plan = UpdatePlan(new=new)
    b, c, n = flatten(base or {}), flatten(current), flatten(new)
    merged: Flat = {key: dict(fields) for key, fields in c.items()}
    order = [(kind, identity(kind, item)) for kind in KINDS for item in current.get(kind, [])]

    for key, new_fields in n.items():
        kind, slug = key
        label = f"{SINGULAR[kind]} {slug}"
        if key not in c:
            if key in b and new_fields == b[key] and not force:
                continue  # deleted here, and the file did not change it: stays deleted
            if key in b and not force:
                plan.conflicts.append(f"{label}: deleted here, kept deleted (the file still has it)")
                continue
            merged[key] = dict(new_fields)
            order.append(key)
            plan.changes.append(f"{label}: {'re-created' if key in b else 'new'}")
            continue
        base_fields = b.get(key, {})
        for path in sorted(set(new_fields) | set(c[key]) | set(base_fields), key=repr):
            was, now, wanted = base_fields.get(path), c[key].get(path), new_fields.get(path)
            if wanted == now or (wanted == was and key in b):
                continue  # nothing to take, or the file did not change it: keep what is here
            what = describe(kind, slug, path)
            verb = "removed" if wanted is None else ("added" if now is None else "changed")
            if key in b and now == was:
                merged[key][path] = wanted
                plan.changes.append(f"{what} {verb}")
            elif force:
                merged[key][path] = wanted
                plan.changes.append(f"{what} {verb} (overwrites an edit made here)")
            else:
                plan.conflicts.append(f"{what}: edited here and changed in the file, kept as edited")
    for key in b:
        if key not in n and key in c:
            plan.notes.append(f"{SINGULAR[key[0]]} {key[1]}: no longer in the file, left as it is")
    plan.merged = unflatten(merged, order)
    return plan


def apply_update(plan: UpdatePlan, *, source: str) -> framework.LoadReport:
    """Write the merged framework and make the new file the baseline, all or nothing."""
    assert plan.merged is not None and plan.new is not None
    with transaction.atomic():
        report = framework.load(plan.merged)
        record_baseline(plan.new, source=source)
    return report
