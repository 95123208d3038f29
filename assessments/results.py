"""The result page's parts (views.result): the scored body, computed lazily so a cached
fragment costs nothing, and what sits around it and depends on the live framework or the
person: the next role, the rubric-change notice, the name on the printout."""

from typing import TypedDict
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import cached_property

from assessments import charts, scoring, tables
from assessments.rubric import MAX_LISTED_CHANGES, Snapshot, changes

# A submitted assessment's result never changes: its body is kept as template fragments
# (result.html) for an hour, in each worker's own memory (the "fragments" cache), so
# people's evidence notes never go to a cache shared between machines.
RESULT_FRAGMENT_TIMEOUT = 3600


class ResultBody:
    """What a result's fragments (cached by assessment and rubric hash, see result.html)
    show, computed on first use: on a fragment hit, never."""

    def __init__(self, assessment):
        self.assessment = assessment

    @cached_property
    def ratings(self):
        return list(self.assessment.ratings.order_by("id"))

    @cached_property
    def score(self):
        evidence = {r.skill_slug: r.evidence for r in self.ratings}
        return scoring.score(self.assessment.rubric, scoring.ratings_of(self.ratings), evidence)

    @cached_property
    def chart(self):
        return charts.BarChart(self.score.skills)

    @cached_property
    def table(self):
        return tables.result_table(self.score)


class NextRole(TypedDict):
    slug: str
    name: str
    url: str  # the role's page
    compare_url: str  # the comparison of the assessed role with it


class RubricNotice(TypedDict):
    deleted: bool  # the role is gone from the framework
    changes: list[str]  # what changed, the first MAX_LISTED_CHANGES, in words
    more: int  # how many more changes there are


def next_role(picker, role) -> NextRole | None:
    """The assessed role's typical next role among ``picker`` (queries.published_roles
    rows with ``is_next``): one on the role's own track first, then the first in ladder
    order. None when the role leads nowhere (or is gone)."""
    candidates = [row for row in picker if row.get("is_next")]
    if role is None or not candidates:
        return None
    candidates.sort(key=lambda row: row["track_name"] != role.track.name)  # stable: ladder order kept
    row = candidates[0]
    query = urlencode([("roles", role.slug), ("roles", row["slug"])])
    return {
        "slug": row["slug"],
        "name": row["name"],
        "url": row["url"],
        "compare_url": f"{reverse('roles:compare')}?{query}",
    }


def rubric_notice(snapshot: Snapshot, live: Snapshot | None) -> RubricNotice | None:
    """Whether the result needs the "live rubric has changed" notice, and what it says.

    Compares the frozen snapshot with the same role's live rubric (rubric.changes): pure,
    so it costs only the two queries that built ``live``.
    """
    if live is None:
        return {"deleted": True, "changes": [], "more": 0}
    found = changes(snapshot, live)
    if not found:
        return None
    return {
        "deleted": False,
        "changes": found[:MAX_LISTED_CHANGES],
        "more": max(0, len(found) - MAX_LISTED_CHANGES),
    }


def person_name(user) -> str:
    """Whose result a printout says it is: the account's name, or "Visitor"."""
    if not user.is_authenticated:
        return "Visitor"
    return user.get_full_name() or user.get_username()
