import pytest

from assessments import services
from roles.models import Role


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


@pytest.fixture(params=["small", "large"])
def sized(request, owner, starter):
    """Two data sizes for query-count tests: the starter rubric with one past assessment,
    and a 60-skill generated rubric with 50 past assessments."""
    from tests.roles.factories import load_generated

    if request.param == "small":
        slug, past = "product-manager", 1
    else:
        load_generated(8, 60)
        slug, past = "gen-role-3", 50
    history = [make_assessment(owner, slug, default=1 + i % 5) for i in range(past)]
    return {"slug": slug, "history": history, "size": request.param}
