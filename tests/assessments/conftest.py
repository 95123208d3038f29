import pytest

from tests.helpers import make_assessment, make_history
from tests.roles.factories import load_generated


@pytest.fixture(params=["small", "large"])
def sized(request, owner, starter):
    """Two data sizes for query-count tests: the starter rubric with one past assessment,
    and a 60-skill generated rubric with 50 past assessments."""
    if request.param == "small":
        history = [make_assessment(owner, "product-manager", default=1)]
    else:
        load_generated(8, 60)
        history = make_history(owner, "gen-role-3", 50)
    return {"slug": history[0].role_slug, "history": history, "size": request.param}
