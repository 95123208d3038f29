"""Whatever valid file is loaded, its export is a fixpoint: loading the export changes
nothing, and exporting again gives the identical file (docs/framework-format.md).

Deterministic cases found by the fuzz test (test_framework_fuzz.py): an item without its
optional ``order``, a skill moved to another category.
"""

import pytest

from roles import framework
from roles.models import Skill
from tests.roles.factories import load_starter, starter_data

pytestmark = pytest.mark.django_db

STARTER = starter_data()
ORDERED = [(kind, i) for kind in ("tracks", "dimensions", "categories") for i in range(len(STARTER[kind]))]


def assert_export_is_a_fixpoint(data):
    load_starter()
    framework.load(data)
    exported = framework.dumps(framework.export())
    preview = framework.load(framework.parse(exported), dry_run=True)
    assert (preview.created, preview.updated, preview.deleted) == ({}, {}, {})
    report = framework.load(framework.parse(exported))
    assert (report.created, report.updated, report.deleted) == ({}, {}, {})
    assert framework.dumps(framework.export()) == exported


@pytest.mark.parametrize(("kind", "index"), ORDERED, ids=[f"{kind}[{i}]" for kind, i in ORDERED])
def test_an_item_without_its_order_exports_to_a_file_that_loads_unchanged(kind, index):
    data = starter_data()
    del data[kind][index]["order"]  # optional: the item sorts with order 0
    assert_export_is_a_fixpoint(data)


def test_a_skill_moved_to_another_category_exports_to_a_file_that_loads_unchanged():
    data = starter_data()
    moved = data["skills"][1]
    assert moved["category"] == "execution"
    moved["category"] = "strategy"  # listed before the strategy skills, so first among them
    assert_export_is_a_fixpoint(data)
    strategy = Skill.objects.filter(category__slug="strategy").order_by("order", "slug")
    assert [s.slug for s in strategy][:1] == [moved["slug"]]


def test_a_skills_order_is_its_position_among_its_categorys_skills_in_the_file():
    load_starter()
    framework.load(starter_data())
    for category in {skill["category"] for skill in STARTER["skills"]}:
        listed = [skill["slug"] for skill in STARTER["skills"] if skill["category"] == category]
        stored = Skill.objects.filter(category__slug=category).values_list("slug", "order")
        assert dict(stored) == {slug: position for position, slug in enumerate(listed)}
