"""The rating scale every rubric uses, and how central a skill is to a role.

The one definition of both: models and their constraints, forms, the admin, the importer,
scoring, charts and templates (the ``scale`` template library) all read them from here.
The words for each level belong to each skill's rubric (SkillLevel.name), not to the scale.
"""

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
