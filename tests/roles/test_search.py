"""The role search (roles/search.py): word forms, synonyms, ranking, and documents that the
database keeps current whoever edits the framework (roles/migrations/0008_role_search.py)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roles import framework, queries, search
from roles.models import Expectation, Role, RoleDimension, Skill, SkillLevel
from roles.starter import load_if_empty
from tests.helpers import isolated
from tests.roles.factories import load_generated, load_starter, starter_data, with_changes

pytestmark = pytest.mark.django_db

ALL = {
    "associate-product-manager",
    "product-manager",
    "senior-product-manager",
    "principal-product-manager",
    "group-product-manager",
    "product-leader",
    "director-of-product",
    "chief-product-officer",
}


@pytest.fixture
def starter():
    load_starter()


def found(text):
    return set(Role.objects.search(text).values_list("slug", flat=True))


def ranked(text, **kwargs):
    return [row["slug"] for row in queries.search_results(search.parse(text), **kwargs)]


def expecting(skill):
    return set(Expectation.objects.filter(skill__slug=skill).values_list("role__slug", flat=True))


def test_strategy_finds_every_role_expecting_strategic_thinking(starter):
    assert expecting("strategic-thinking") == ALL
    for text in ("strategy", "Strategy", "strategies", "strategic", "strategically"):
        assert found(text) == ALL, text


def test_okr_finds_the_roles_whose_rubric_mentions_objectives(starter):
    okr = found("OKR")
    assert okr == ALL - {"associate-product-manager"}
    for text in ("okrs", "OKRs", "objectives", "objectives and key results"):
        assert found(text) == okr, text


def test_head_of_product_finds_the_product_leader(starter):
    assert ranked("Head of Product")[0] == "product-leader"
    assert ranked("product leader")[0] == "product-leader"
    assert "product-leader" in found("heads of product")


def test_it_forgives_plurals_and_ing_forms(starter):
    assert found("roadmap") == found("roadmaps") == found("roadmapping") != set()
    assert found("mentor") == found("mentoring") == found("mentors") != set()
    assert found("stakeholder") == found("stakeholders") != set()
    assert found("prioritise") == found("prioritising") == found("prioritize") != set()
    assert found("prioritisation") == found("prioritization") == expecting("planning-prioritisation")


@pytest.mark.parametrize(
    "text, slug",
    [
        ("cpo", "chief-product-officer"),
        ("VP Product", "chief-product-officer"),
        ("vp of product", "chief-product-officer"),
        ("PM", "product-manager"),
        ("APM", "associate-product-manager"),
        ("gpm", "group-product-manager"),
    ],
)
def test_it_knows_the_abbreviations_and_titles_people_type(starter, text, slug):
    assert ranked(text)[0] == slug


def test_it_combines_synonyms_with_other_words_and_operators(starter):
    assert found("senior strategy") <= found("strategy")
    assert "senior-product-manager" in found("senior strategy")
    assert found("okr -director") == found("okr") - {"director-of-product"}
    assert found("cpo or apm") == found("cpo") | found("apm")
    assert {"chief-product-officer", "associate-product-manager"} <= found("cpo or apm")
    # In quotes, words are a phrase as typed: no synonyms.
    assert found('"pm"') == set()


def test_it_has_nothing_to_search_for_without_words():
    assert search.parse('"(&|!') is None
    assert search.parse("- - -") is None
    assert search.parse("or or") is None  # websearch's operator, with nothing either side
    assert search.parse("the") is not None  # a word, if a stop word: it matches nothing


def test_every_equivalent_finds_what_its_group_finds(starter):
    for group in search.EQUIVALENTS:
        results = [found(phrase) for phrase in group]
        assert all(r == results[0] for r in results), group


def test_it_ranks_within_a_track_and_reports_ties_in_ladder_order(starter):
    rows = queries.search_results(search.parse("strategy"))
    assert [r["rank"] for r in rows] == sorted((r["rank"] for r in rows), reverse=True)
    track_id = Role.objects.get(slug="product-leader").track_id
    in_track = ranked("strategy", track_id=track_id)
    assert in_track == [slug for slug in ranked("strategy") if slug in in_track]
    assert set(in_track) == set(Role.objects.filter(track_id=track_id).values_list("slug", flat=True))


def test_the_reasons_name_titles_parts_skills_and_rubric(starter):
    rows = {r["slug"]: r for r in queries.search_results(search.parse("head of product"))}
    assert "Matched: alternative title “Head of Product”" in search.reasons(rows["product-leader"])
    row = {
        "name_matched": False,
        "matched_titles": [],
        "summary_matched": True,
        "matched_dimensions": ["Focus & Scope"],
        "matched_skills": [["Strategic thinking", "3", "true"]] + [[f"S{n}", "2", "false"] for n in range(5)],
    }
    assert search.reasons(row) == [
        "Matched in: summary, focus & scope",
        "Matched skill: Strategic thinking",
        "Matched in the rubric of: S0 (level 2), S1 (level 2), S2 (level 2) and 2 more",
    ]


# The documents follow every kind of edit, through the ORM (the admin) and the importer.


def test_it_follows_an_edit_of_a_skill(starter):
    skill = Skill.objects.get(slug="product-vision")
    skill.description += " Includes zeppelin design."
    skill.save()
    assert found("zeppelin") == expecting("product-vision")
    Expectation.objects.filter(skill=skill, role__slug="product-manager").delete()
    assert found("zeppelin") == expecting("product-vision") - {"product-manager"}


def test_it_follows_the_expected_level(starter):
    # Only the expected level's texts count: level 1 is nobody's expectation on vision.
    assert not Expectation.objects.filter(skill__slug="product-vision", level=1).exists()
    SkillLevel.objects.filter(skill__slug="product-vision", level=1).update(growth="Ride a zeppelin.")
    assert found("zeppelin") == set()
    Expectation.objects.filter(skill__slug="product-vision", role__slug="product-manager").update(level=1)
    assert found("zeppelin") == {"product-manager"}


def test_it_follows_roles_titles_and_dimension_texts(starter):
    role = Role.objects.get(slug="product-manager")
    role.alternative_titles = [*role.alternative_titles, "Zeppelin Captain"]
    role.save()
    assert ranked("zeppelin captain") == ["product-manager"]
    RoleDimension.objects.filter(role__slug="product-leader").update(text="Steers the zeppelin fleet.")
    assert found("zeppelin") == {"product-manager", "product-leader"}
    Role.objects.filter(slug="product-leader").delete()
    assert found("zeppelin") == {"product-manager"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM roles_rolesearch rs LEFT JOIN roles_role r ON r.id = rs.role_id")
        assert cursor.fetchone()[0] == Role.objects.count()


def test_it_follows_an_import(starter):
    def rename(data):
        for skill in data["skills"]:
            if skill["slug"] == "strategic-thinking":
                skill["levels"][1]["descriptor"] += " Keeps a zeppelin logbook."

    framework.load(with_changes(starter_data(), rename))
    assert found("zeppelin") == {
        e.role.slug for e in Expectation.objects.filter(skill__slug="strategic-thinking", level=2)
    }


def test_it_finds_generated_roles_beside_the_starter(starter):
    load_generated(8, 60)
    assert len(found("generated skill 7")) == 8
    assert ranked("Generated role 3")[0] == "gen-role-3"


def test_a_site_on_the_previous_starter_gets_the_objectives_texts_from_update_framework():
    def previous(data):  # the starter file before the objectives sentences were added
        for skill in data["skills"]:
            for level in skill["levels"]:
                level["descriptor"] = level["descriptor"].split(" Agrees the product's objectives")[0]
                level["descriptor"] = level["descriptor"].split(" Makes sure the teams' objectives")[0]
                level["descriptor"] = level["descriptor"].split(" Sets how the company writes")[0]

    load_if_empty(with_changes(starter_data(), previous), source="previous starter")
    assert found("OKR") == {"director-of-product"}  # a dimension text only
    out = io.StringIO()
    call_command("update_framework", stdout=out)
    assert "change: skill planning-prioritisation: level 3 descriptor changed" in out.getvalue()
    assert found("OKR") == ALL - {"associate-product-manager"}


# Search text built from what the parser treats specially: synonym phrases, websearch's
# operators, quotes, stop words, tsquery syntax and punctuation, in any order.
SEARCH_WORDS = st.sampled_from(
    [phrase for group in search.EQUIVALENTS for phrase in group]
    + list(search.EXPANSIONS)
    + ["or", "OR", "-", "--", "-pm", '"', '"pm', 'okr"', "the", "of", "&", "|", "!", "<->", ":*", "(", ")"]
    + ["strategy", "x" * 40, "\x00", "é", "🚀", "'", "\\", "-okr", "or-", "pm,", "(okr)"]
)
SEARCH_TEXT = st.one_of(
    st.lists(SEARCH_WORDS, max_size=30).map(" ".join),
    st.text(max_size=120),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=SEARCH_TEXT)
def test_any_search_text_runs_and_returns_published_roles_best_first(starter, client, text):
    with isolated():
        query = search.parse(text)
        if query is not None:
            rows = queries.search_results(query)
            assert {r["slug"] for r in rows} <= ALL
            assert [r["rank"] for r in rows] == sorted((r["rank"] for r in rows), reverse=True)
            assert all(search.reasons(r) for r in rows)  # every match says why
        assert client.get("/roles/", {"q": text}).status_code == 200
