"""The progress page's per-skill trends, built from already-loaded assessments."""

from typing import TypedDict

from plans.trend import MIN_POINTS, Trend, trend


class SkillTrend(TypedDict):
    name: str
    expected: int
    levels: list[int]
    latest: int
    met: bool
    trend: Trend


class RoleTrends(TypedDict):
    role_name: str
    count: int
    skills: list[SkillTrend]


def skill_trends(history) -> list[RoleTrends]:
    """For each role with MIN_POINTS or more submitted assessments in ``history`` (oldest
    first, ratings prefetched), each skill of its latest rubric rated at least MIN_POINTS
    times: its levels, trend and expectation (from the latest snapshot)."""
    by_role: dict[str, list] = {}
    for assessment in history:
        by_role.setdefault(assessment.role_slug, []).append(assessment)
    result: list[RoleTrends] = []
    for assessments in by_role.values():
        if len(assessments) < MIN_POINTS:
            continue
        latest = assessments[-1]
        levels: dict[str, list] = {}
        for assessment in assessments:
            for rating in assessment.ratings.all():
                if rating.level is not None:
                    levels.setdefault(rating.skill_slug, []).append((assessment.submitted_at, rating.level))
        rows: list[SkillTrend] = []
        for skill in latest.skills():
            points = levels.get(skill["slug"], [])
            found = trend(points, skill["expected"])
            if found is None:
                continue
            last_level = points[-1][1]
            met = last_level >= skill["expected"]
            if met:
                found["months_to_expected"] = None
            rows.append(
                {
                    "name": skill["name"],
                    "expected": skill["expected"],
                    "levels": [level for _, level in points],
                    "latest": last_level,
                    "met": met,
                    "trend": found,
                }
            )
        result.append({"role_name": latest.role_name, "count": len(assessments), "skills": rows})
    return result
