"""The scoring rules (assessments/scoring.py), on hand-built snapshots."""

import pytest

from assessments import scoring


def level(n, name=None):
    return {
        "level": n,
        "name": name or f"L{n}",
        "descriptor": f"Does level {n} things.",
        "growth": f"Grow from {n}.",
    }


def skill(slug, expected, importance="core"):
    return {
        "slug": slug,
        "name": slug.title(),
        "description": "",
        "expected": expected,
        "importance": importance,
        "levels": [level(n) for n in range(1, 6)],
    }


def snapshot(*skills, categories=None):
    return {
        "schema": 1,
        "role": {"slug": "r", "name": "Role", "track": "T"},
        "version": "2026-01-01T00:00:00+00:00",
        "hash": "x",
        "categories": categories or [{"slug": "c", "name": "Cat", "skills": list(skills)}],
    }


RUBRIC = snapshot(skill("a", 3), skill("b", 3), skill("c", 2, "supporting"), skill("d", 4, "supporting"))


@pytest.mark.parametrize(
    ("mine", "expected", "status", "gap"),
    [(1, 3, "below", -2), (3, 3, "meets", 0), (5, 3, "exceeds", 2), (None, 3, "below", None)],
)
def test_it_computes_gap_and_status_per_skill(mine, expected, status, gap):
    result = scoring.score(snapshot(skill("a", expected)), {"a": mine})
    s = result.skills[0]
    assert (s.status, s.gap) == (status, gap)
    assert s.status_label == status.title()
    assert s.status_symbol == {"below": "▼", "meets": "✓", "exceeds": "▲"}[status]


def test_it_formats_gaps_with_a_real_minus_sign():
    assert [scoring.format_change(v) for v in (2, 0, -1, None)] == ["+2", "0", "−1", "—"]


def test_readiness_is_the_share_of_core_skills_met():
    # Core: a (3) met, b (3) missed. Supporting skills do not count.
    result = scoring.score(RUBRIC, {"a": 3, "b": 2, "c": 5, "d": 5})
    assert (result.core_met, result.core_total, result.readiness) == (1, 2, 50)
    assert scoring.score(RUBRIC, {"a": 4, "b": 3, "c": 1, "d": 1}).readiness == 100
    assert scoring.score(RUBRIC, {"a": 1, "b": 1, "c": 5, "d": 5}).readiness == 0


def test_readiness_rounds_down_so_it_never_claims_full_readiness_early():
    rubric = snapshot(*[skill(f"s{i}", 2) for i in range(3)])
    assert scoring.score(rubric, {"s0": 2, "s1": 2, "s2": 1}).readiness == 66


def test_readiness_uses_all_skills_when_a_role_has_no_core_skills():
    rubric = snapshot(skill("a", 2, "supporting"), skill("b", 2, "supporting"))
    result = scoring.score(rubric, {"a": 2, "b": 1})
    assert (result.core_met, result.core_total, result.readiness) == (1, 2, 50)


def test_weighted_score_counts_core_double_and_caps_at_the_expectation():
    # possible = 2*3 + 2*3 + 1*2 + 1*4 = 18
    # achieved = 2*min(5,3) + 2*1 + 1*min(2,2) + 1*min(3,4) = 6 + 2 + 2 + 3 = 13 -> 72%
    result = scoring.score(RUBRIC, {"a": 5, "b": 1, "c": 2, "d": 3})
    assert result.weighted_score == 13 * 100 // 18 == 72
    # Being far ahead everywhere is still 100%, never more.
    assert scoring.score(RUBRIC, {"a": 5, "b": 5, "c": 5, "d": 5}).weighted_score == 100


def test_a_core_gap_costs_more_than_a_supporting_gap():
    core_gap = scoring.score(RUBRIC, {"a": 2, "b": 3, "c": 2, "d": 4}).weighted_score
    supporting_gap = scoring.score(RUBRIC, {"a": 3, "b": 3, "c": 1, "d": 4}).weighted_score
    assert core_gap < supporting_gap < 100


def test_unrated_skills_count_as_zero_and_below():
    result = scoring.score(RUBRIC, {"a": 3})
    assert result.counts == {"below": 3, "meets": 1, "exceeds": 0}
    assert result.weighted_score == 6 * 100 // 18


def test_strengths_are_furthest_ahead_first_core_before_supporting_and_capped():
    rubric = snapshot(*[skill(f"s{i}", 2, "core" if i % 2 else "supporting") for i in range(8)])
    ratings = {"s0": 4, "s1": 4, "s2": 3, "s3": 3, "s4": 2, "s5": 5, "s6": 1, "s7": 3}
    strengths = scoring.score(rubric, ratings).strengths
    assert [s.slug for s in strengths] == ["s5", "s1", "s0", "s3", "s7"]
    assert len(strengths) == scoring.MAX_STRENGTHS


def test_meeting_the_expectation_is_not_a_strength():
    result = scoring.score(RUBRIC, {"a": 3, "b": 4, "c": 2, "d": 4})
    assert [s.slug for s in result.strengths] == ["b"]
    assert scoring.score(RUBRIC, {"a": 3, "b": 3, "c": 2, "d": 4}).strengths == []


def test_growth_areas_are_core_first_then_largest_gap_with_next_level_and_guidance():
    result = scoring.score(RUBRIC, {"a": 2, "b": 1, "c": 2, "d": 1})
    growth = result.growth_areas
    assert [s.slug for s in growth] == ["b", "a", "d"]
    b = growth[0]
    assert b.next_level == level(2)
    assert b.growth == "Grow from 1."
    assert b.current["level"] == 1
    assert "c" not in [s.slug for s in growth]


def test_next_steps_are_the_three_biggest_gaps_core_first_then_by_size():
    rubric = snapshot(
        skill("small-core", 3),
        skill("big-supporting", 5, "supporting"),
        skill("big-core", 4),
        skill("unrated-core", 2),
        skill("tie-core", 4),
        skill("met", 1),
    )
    ratings = {"small-core": 2, "big-supporting": 1, "big-core": 1, "tie-core": 1, "met": 1}
    result = scoring.score(rubric, ratings)
    # Gaps: big-core −3 and tie-core −3 (rubric order on ties), unrated-core −2 (its whole
    # expectation), small-core −1; the supporting gap of 4 comes after every core gap.
    assert [s.slug for s in result.growth_areas] == [
        "big-core",
        "tie-core",
        "unrated-core",
        "small-core",
        "big-supporting",
    ]
    assert [s.slug for s in result.next_steps] == ["big-core", "tie-core", "unrated-core"]
    assert scoring.MAX_NEXT_STEPS == 3
    assert result.next_steps[0].next_level == level(2) and result.next_steps[0].growth == "Grow from 1."
    assert scoring.score(rubric, dict.fromkeys(ratings, 5) | {"unrated-core": 2}).next_steps == []


def test_a_role_without_core_skills_says_so():
    assert scoring.score(RUBRIC, {}).has_core
    assert not scoring.score(snapshot(skill("a", 2, "supporting")), {"a": 2}).has_core


def test_groups_keep_category_order():
    rubric = snapshot(
        categories=[
            {"slug": "x", "name": "X", "skills": [skill("a", 1), skill("b", 1)]},
            {"slug": "y", "name": "Y", "skills": [skill("c", 1)]},
        ]
    )
    groups = scoring.score(rubric, {"a": 1, "b": 1, "c": 1}).groups()
    assert [(name, [s.slug for s in rows]) for name, rows in groups] == [("X", ["a", "b"]), ("Y", ["c"])]


def test_rescore_uses_the_target_expectations_over_shared_skills_only():
    target = snapshot(skill("a", 4), skill("b", 2, "supporting"), skill("z", 3))
    result = scoring.rescore({"a": 4, "b": 1, "c": 5, "d": 5}, target)
    assert [s.slug for s in result.skills] == ["a", "b"]
    assert [m["slug"] for m in result.missing] == ["z"]
    assert (result.core_met, result.core_total, result.readiness) == (1, 1, 100)
    # possible 2*4 + 1*2 = 10, achieved 2*4 + 1*1 = 9
    assert result.weighted_score == 90
    assert [s.slug for s in result.growth_areas] == ["b"]


def test_rescore_with_nothing_shared_has_no_percentages():
    result = scoring.rescore({"a": 3}, snapshot(skill("z", 3)))
    assert result.skills == [] and result.readiness is None and result.weighted_score is None


def test_changes_per_skill_between_two_assessments():
    first = (snapshot(skill("a", 3), skill("b", 3), skill("old", 1)), {"a": 2, "b": 4, "old": 1})
    second = (snapshot(skill("a", 3), skill("b", 3), skill("new", 1)), {"a": 4, "b": 3, "new": 2})
    rows = {r["slug"]: r for r in scoring.changes(first, second)}
    assert [r["slug"] for r in scoring.changes(first, second)] == ["a", "b", "new", "old"]
    assert (rows["a"]["change"], rows["a"]["direction"], rows["a"]["change_display"]) == (2, "up", "+2")
    assert (rows["b"]["change"], rows["b"]["direction"]) == (-1, "down")
    assert (rows["new"]["a"], rows["new"]["b"], rows["new"]["change"]) == (None, 2, None)
    assert (rows["old"]["a"], rows["old"]["b"], rows["old"]["direction"]) == (1, None, "same")


def test_progress_lists_levels_per_skill_over_time():
    history = [
        (snapshot(skill("a", 3), skill("b", 3)), {"a": 1, "b": 2}),
        (snapshot(skill("a", 3)), {"a": 2}),
        (snapshot(skill("a", 3), skill("b", 3)), {"a": 4, "b": 2}),
    ]
    rows = {r["slug"]: r for r in scoring.progress(history)}
    assert rows["a"]["levels"] == [1, 2, 4] and rows["a"]["change"] == 3
    assert rows["b"]["levels"] == [2, None, 2] and rows["b"]["change"] == 0
    assert (rows["b"]["first"], rows["b"]["last"]) == (2, 2)
