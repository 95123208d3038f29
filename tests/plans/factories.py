"""Plans for tests, built through the real services."""

from plans import services
from plans.models import Action, ActionStatus
from tests.helpers import make_assessment

# Digital Product Manager: these three are below the expectation at the default level 1.
GAPS = ["planning-prioritisation", "user-needs", "product-vision", "strategic-thinking"]


def make_plan(user, *, skills=GAPS[:2], slug="product-manager", actions=0, assessment=None):
    """A submitted assessment of ``slug`` at level 1 and focus items for ``skills``, each
    with ``actions`` extra actions (the suggested ones come first). Returns the items."""
    assessment = assessment or make_assessment(user, slug, default=1)
    items = []
    for skill in skills:
        item, _ = services.add_focus(user=user, assessment=assessment, skill_slug=skill)
        Action.objects.bulk_create(
            Action(focus=item, text=f"Step {n} for {skill}", status=ActionStatus.TODO) for n in range(actions)
        )
        items.append(item)
    return items
