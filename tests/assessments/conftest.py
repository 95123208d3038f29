import pytest

from tests.helpers import make_assessment


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
