import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles.models import LearningResource, ResourceKind, Skill
from roles.queries import resources_for
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db


@pytest.fixture
def skill():
    load_starter()
    return Skill.objects.order_by("pk").first()


def resource(skill, **fields):
    values = {
        "title": "A book",
        "author_or_source": "Someone",
        "url": "https://example.org/book",
        "kind": ResourceKind.BOOK,
        "why": "It helps.",
    } | fields
    return LearningResource(skill=skill, **values)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/a", "data:text/html,x", "//example.org", "example.org"]
)
def test_it_refuses_a_url_without_http_or_https_in_the_database_and_the_form(skill, url):
    with pytest.raises(IntegrityError), transaction.atomic():
        resource(skill, url=url).save()
    with pytest.raises(ValidationError) as error:
        resource(skill, url=url).full_clean()
    assert "url" in error.value.message_dict


def test_it_accepts_http_and_https_in_any_case(skill):
    for i, url in enumerate(["http://example.org/a", "HTTPS://example.org/b"]):
        item = resource(skill, title=f"T{i}", url=url)
        item.full_clean()
        item.save()
    assert LearningResource.objects.filter(skill=skill, title__in=["T0", "T1"]).count() == 2


@pytest.mark.parametrize(("low", "high"), [(0, 3), (1, 6), (4, 2)])
def test_it_refuses_levels_outside_the_scale_or_reversed(skill, low, high):
    with pytest.raises(IntegrityError), transaction.atomic():
        resource(skill, min_level=low, max_level=high).save()


def test_it_needs_a_url_except_for_a_practice(skill):
    with pytest.raises(IntegrityError), transaction.atomic():
        resource(skill, url="").save()
    with pytest.raises(ValidationError, match="only a practice"):
        resource(skill, url="").full_clean()
    resource(skill, url="", kind=ResourceKind.PRACTICE).save()


@pytest.mark.parametrize(
    "fields", [{"why": "two\nlines"}, {"why": ""}, {"title": ""}, {"author_or_source": ""}, {"kind": "video"}]
)
def test_it_refuses_empty_or_multi_line_text_and_unknown_kinds(skill, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        resource(skill, **fields).save()


def test_it_refuses_the_same_title_twice_for_a_skill(skill):
    resource(skill).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        resource(skill).save()


def test_it_deletes_a_skills_resources_with_the_skill(skill):
    LearningResource.objects.filter(skill=skill).delete()
    resource(skill).save()
    skill.expectations.all().delete()
    skill.delete()
    assert not LearningResource.objects.filter(title="A book").exists()


def test_it_fetches_resources_per_skill_in_one_query(skill, django_assert_num_queries):
    other = Skill.objects.exclude(pk=skill.pk).order_by("pk").first()
    LearningResource.objects.filter(skill__in=[skill, other]).delete()
    resource(skill, title="Second", order=2).save()
    resource(skill, title="First", order=1, min_level=1, max_level=2).save()
    resource(other, title="Practice", url="", kind=ResourceKind.PRACTICE, min_level=4).save()
    with django_assert_num_queries(1):  # the resources of both skills, with their skill's slug
        found = resources_for([skill.slug, other.slug, "no-such-skill"])
    assert [row["title"] for row in found[skill.slug]] == ["First", "Second"]
    assert found[other.slug][0]["kind_label"] == "Practice" and found[other.slug][0]["url"] == ""
    assert found["no-such-skill"] == []
    at_three = resources_for([skill.slug, other.slug], level=3)
    assert [row["title"] for row in at_three[skill.slug]] == ["Second"] and at_three[other.slug] == []
    with django_assert_num_queries(0):
        assert resources_for([]) == {}
