import pytest

from plans import services
from tests.helpers import make_assessment, make_history, role
from tests.plans.factories import make_plan
from tests.roles.factories import load_generated


@pytest.fixture(params=["small", "large"])
def sized_plan(request, owner, starter):
    """Two data sizes for query-count tests: one assessment and one focus item with its
    suggestion; or a 60-skill rubric, 50 past assessments, a goal, a draft and 12 focus
    items with 15 actions each."""
    if request.param == "small":
        items = make_plan(owner, skills=["user-needs"])
        slug = "product-manager"
    else:
        load_generated(8, 60)
        history = make_history(owner, "gen-role-3", 50)
        slug = "gen-role-3"
        items = make_plan(
            owner, skills=[f"gen-skill-{i}" for i in range(12)], assessment=history[0], actions=15
        )
        make_assessment(owner, slug, submit=False)
    services.set_goal(user=owner, role=role(slug))
    services.set_rhythm(user=owner, rhythm=3)
    return {"size": request.param, "items": items, "slug": slug}
