"""The rating scale every rubric uses, and how central a skill is to a role.

The one definition of both: models and their constraints, forms, the admin, the importer,
scoring, charts and templates (the ``scale`` template library) all read them from here.
What a level means on every skill (its scope and autonomy) is ``LEVEL_SCALE``; the words
for what each level looks like in one skill belong to that skill's rubric (SkillLevel).
"""

from dataclasses import dataclass

from django.db import models

LOWEST_LEVEL = 1
HIGHEST_LEVEL = 5
LEVELS = range(LOWEST_LEVEL, HIGHEST_LEVEL + 1)
LEVEL_CHOICES = [(n, str(n)) for n in LEVELS]
# "1–5" (an en dash), for help texts and messages.
LEVEL_RANGE_TEXT = f"{LOWEST_LEVEL}–{HIGHEST_LEVEL}"


class Importance(models.TextChoices):
    CORE = "core", "Core"
    SUPPORTING = "supporting", "Supporting"


@dataclass(frozen=True)
class ScaleStep:
    """What a level means on every skill: how wide the work is and how much guidance it has."""

    level: int
    name: str
    scope: str
    autonomy: str


# Every page that shows levels explains them from here ({% level_scale %}).
LEVEL_SCALE = (
    ScaleStep(1, "Guided", "Your own tasks", "Someone more experienced frames the work and reviews it."),
    ScaleStep(
        2, "Feature area", "A feature or feature area", "You frame the work and ask for help on hard calls."
    ),
    ScaleStep(
        3,
        "Whole product",
        "A whole product",
        "You set its direction within wider goals and answer for results.",
    ),
    ScaleStep(
        4,
        "Several teams",
        "Several teams, a product area or a portfolio",
        "You set the direction other people's work fits into and settle clashes between teams.",
    ),
    ScaleStep(
        5,
        "Company",
        "The company and its market",
        "You shape what the whole organisation does and how it competes.",
    ),
)
SCALE = {step.level: step for step in LEVEL_SCALE}
assert tuple(SCALE) == tuple(LEVELS), "LEVEL_SCALE must describe every level of the scale"
