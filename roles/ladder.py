"""The ladder map: every published role on its track, side by side, with the moves between them."""

from typing import TypedDict

from roles.models import Role, Track


class LadderStep(TypedDict):
    role: Role
    state: str  # "current", "previous" (leads to the current role), "next" (follows it) or ""
    next: list[Role]  # where this role usually leads, on any track
    previous: list[Role]  # which roles usually lead here, on any track
    position: int  # 1-based place on its own track
    track_size: int


class LadderTrack(TypedDict):
    track: Track
    steps: list[LadderStep]
    entry: list[Role]  # roles on other tracks that lead into this track


class Ladder(TypedDict):
    tracks: list[LadderTrack]
    current: LadderStep | None


def ladder(current_id: int | None = None) -> Ladder:
    """The published ladder, with the role ``current_id`` (if any) and its neighbours marked.

    Queries: 1. published roles with their tracks  2. next-role links.
    """
    roles = list(Role.objects.published().select_related("track").ladder_order())
    by_id = {role.pk: role for role in roles}
    links = Role.next_roles.through.objects.filter(
        from_role__in=list(by_id), to_role__in=list(by_id)
    ).values_list("from_role_id", "to_role_id")
    following: dict[int, list[Role]] = {pk: [] for pk in by_id}
    preceding: dict[int, list[Role]] = {pk: [] for pk in by_id}
    for source, target in sorted(links, key=lambda link: (by_id[link[1]].seniority, by_id[link[1]].name)):
        following[source].append(by_id[target])
        preceding[target].append(by_id[source])
    for previous in preceding.values():
        previous.sort(key=lambda role: (role.seniority, role.name))

    tracks: list[LadderTrack] = []
    found = None
    for role in roles:
        if not tracks or tracks[-1]["track"].pk != role.track_id:
            tracks.append({"track": role.track, "steps": [], "entry": []})
        state = ""
        if current_id is not None:
            if role.pk == current_id:
                state = "current"
            elif role in following.get(current_id, []):
                state = "next"
            elif role in preceding.get(current_id, []):
                state = "previous"
        step: LadderStep = {
            "role": role,
            "state": state,
            "next": following[role.pk],
            "previous": preceding[role.pk],
            "position": len(tracks[-1]["steps"]) + 1,
            "track_size": 0,
        }
        tracks[-1]["steps"].append(step)
        if state == "current":
            found = step
    for column in tracks:
        for step in column["steps"]:
            step["track_size"] = len(column["steps"])
            for source in step["previous"]:
                if source.track_id != column["track"].pk and source not in column["entry"]:
                    column["entry"].append(source)
    return {"tracks": tracks, "current": found}


def route(plan: Ladder, start: Role, end: Role) -> list[Role]:
    """The shortest chain of typical next roles from ``start`` to ``end`` ([] when none)."""
    following = {step["role"].pk: step["next"] for column in plan["tracks"] for step in column["steps"]}
    paths = {start.pk: [start]}
    queue = [start.pk]
    while queue:
        pk = queue.pop(0)
        for role in following.get(pk, []):
            if role.pk not in paths:
                paths[role.pk] = paths[pk] + [role]
                queue.append(role.pk)
    return paths.get(end.pk, [])
