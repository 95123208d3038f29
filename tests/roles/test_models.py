import pytest
from django.db import IntegrityError, transaction

from roles.models import Expectation, Role, Skill, SkillCategory, SkillLevel, Track
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


def test_it_refuses_an_expectation_level_outside_1_to_5(starter):
    exp = Expectation.objects.first()
    for bad in (0, 6):
        exp.level = bad
        with pytest.raises(IntegrityError), transaction.atomic():
            exp.save()


def test_it_refuses_a_second_expectation_for_the_same_role_and_skill(starter):
    exp = Expectation.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Expectation.objects.create(role=exp.role, skill=exp.skill, level=2)


def test_it_refuses_an_unknown_importance(starter):
    exp = Expectation.objects.first()
    exp.importance = "critical"
    with pytest.raises(IntegrityError), transaction.atomic():
        exp.save()


def test_it_refuses_duplicate_and_out_of_range_skill_levels(starter):
    skill = Skill.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillLevel.objects.create(skill=skill, level=3, name="Again", descriptor="Twice.")
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillLevel.objects.create(skill=skill, level=6, name="Six", descriptor="Too high.")


def test_it_refuses_an_empty_level_descriptor(starter):
    level = SkillLevel.objects.first()
    level.descriptor = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        level.save()


def test_it_refuses_duplicate_slugs(starter):
    track = Track.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(name="Clone", slug="product-manager", track=track, seniority=9, summary="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.create(name="Clone", slug="user-needs", category=SkillCategory.objects.first())


def test_it_filters_published_roles_and_orders_them_along_the_ladder(starter):
    Role.objects.filter(slug="chief-product-officer").update(published=False)
    slugs = list(Role.objects.published().ladder_order().values_list("slug", flat=True))
    assert "chief-product-officer" not in slugs
    assert slugs == [
        "associate-product-manager",
        "product-manager",
        "senior-product-manager",
        "principal-product-manager",
        "group-product-manager",
        "product-leader",
        "director-of-product",
    ]


def test_it_searches_names_summaries_and_skills(starter):
    def found(text):
        return set(Role.objects.published().search(text).values_list("slug", flat=True))

    assert found("Chief") == {"chief-product-officer"}
    assert "product-leader" in found("portfolio")  # summary text, stemmed
    assert len(found("mentoring")) >= 1  # skill descriptions
    assert found("zzzqqq") == set()
    assert found("") == set(Role.objects.published().values_list("slug", flat=True))
    # Hostile websearch syntax never raises.
    assert isinstance(found('"unterminated OR -( & | !'), set)
