import pytest

from assessments import services
from roles.models import Role
from tests.roles.factories import load_starter


@pytest.fixture
def starter(db):
    load_starter()


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user("owner", "owner@example.com", "a-long-Passw0rd!")


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user("outsider", "outsider@example.com", "a-long-Passw0rd!")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


def role(slug):
    return Role.objects.select_related("track").get(slug=slug)


def make_assessment(user, slug="product-manager", levels=None, submit=True, default=3, evidence=None):
    """A draft, or a submitted assessment with every skill rated (``levels`` overrides)."""
    assessment = services.start_assessment(user=user, role=role(slug))
    levels = levels or {}
    ratings = {
        s: (levels.get(s, default), (evidence or {}).get(s, "")) for s in sorted(assessment.skill_slugs())
    }
    return services.save_ratings(assessment=assessment, ratings=ratings, submit=submit)


def form_data(assessment, levels=None, default=3, action="save", **extra):
    data = {"action": action}
    for slug in assessment.skill_slugs():
        level = (levels or {}).get(slug, default)
        if level is not None:
            data[f"level-{slug}"] = str(level)
        data[f"evidence-{slug}"] = ""
    data.update(extra)
    return data
