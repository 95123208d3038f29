import pytest

from roles.models import Role
from roles.services import duplicate_role
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db


def test_it_duplicates_a_role_with_texts_expectations_and_next_roles():
    load_starter()
    role = Role.objects.get(slug="product-manager")
    copy = duplicate_role(role=role)
    assert (copy.name, copy.slug, copy.published) == (
        "Copy of Digital Product Manager",
        "copy-of-product-manager",
        False,
    )
    assert copy.track_id == role.track_id and copy.seniority == role.seniority
    assert sorted(copy.dimension_texts.values_list("dimension__slug", "text")) == sorted(
        role.dimension_texts.values_list("dimension__slug", "text")
    )
    assert sorted(copy.expectations.values_list("skill__slug", "level", "importance")) == sorted(
        role.expectations.values_list("skill__slug", "level", "importance")
    )
    assert set(copy.next_roles.all()) == set(role.next_roles.all())


def test_it_picks_a_free_slug_for_each_further_copy():
    load_starter()
    role = Role.objects.get(slug="product-manager")
    slugs = [duplicate_role(role=role).slug for _ in range(3)]
    assert slugs == ["copy-of-product-manager", "copy-of-product-manager-2", "copy-of-product-manager-3"]
