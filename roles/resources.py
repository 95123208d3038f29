"""Learning resources: books, articles, courses and practices that help grow one skill.

Each resource belongs to one skill and says which levels of the scale (roles/scale.py) it
helps with: someone rated within ``min_level``–``max_level`` on the skill gains most from
it. Rubric editors manage them in the admin; they travel in framework files (format 3).
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q

from roles.scale import HIGHEST_LEVEL, LEVEL_CHOICES, LOWEST_LEVEL

# The one list of allowed URL schemes: the form validator and the database check agree.
URL_SCHEMES = ("http", "https")
validate_http_url = URLValidator(
    schemes=list(URL_SCHEMES), message="Enter a web address starting with http:// or https://."
)
URL_SCHEME_IN_DB = Q(url="") | Q(url__iregex=r"^https?://")


class ResourceKind(models.TextChoices):
    BOOK = "book", "Book"
    ARTICLE = "article", "Article"
    COURSE = "course", "Course"
    PRACTICE = "practice", "Practice"


class LearningResource(models.Model):
    """A book, article, course or practice that helps someone grow one skill."""

    skill = models.ForeignKey("roles.Skill", on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    author_or_source = models.CharField(
        max_length=200, help_text="Who wrote it or who publishes it (a person, a publisher, a site)."
    )
    url = models.URLField(
        "URL",
        max_length=500,
        blank=True,
        validators=[validate_http_url],
        help_text="An http:// or https:// address; leave blank only for a practice.",
    )
    kind = models.CharField(max_length=12, choices=ResourceKind.choices, default=ResourceKind.BOOK)
    why = models.CharField(max_length=200, help_text="One line, in our own words: why it helps.")
    min_level = models.PositiveSmallIntegerField(
        "from level", choices=LEVEL_CHOICES, default=LOWEST_LEVEL, help_text="The lowest level it helps with."
    )
    max_level = models.PositiveSmallIntegerField(
        "to level", choices=LEVEL_CHOICES, default=HIGHEST_LEVEL, help_text="The highest level it helps with."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position among the skill's resources.")

    class Meta:
        ordering = ["skill", "order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "title"], name="learning_resource_unique_title"),
            models.CheckConstraint(condition=~Q(title=""), name="learning_resource_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(author_or_source=""), name="learning_resource_author_not_empty"
            ),
            models.CheckConstraint(
                condition=~Q(why="") & ~Q(why__contains="\n") & ~Q(why__contains="\r"),
                name="learning_resource_why_one_line",
            ),
            models.CheckConstraint(condition=URL_SCHEME_IN_DB, name="learning_resource_url_http"),
            models.CheckConstraint(
                condition=Q(kind=ResourceKind.PRACTICE) | ~Q(url=""),
                name="learning_resource_url_unless_practice",
                violation_error_message="Give a web address; only a practice may have none.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="learning_resource_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    min_level__gte=LOWEST_LEVEL, max_level__lte=HIGHEST_LEVEL, min_level__lte=F("max_level")
                ),
                name="learning_resource_levels_in_scale",
                violation_error_message="The from level must not be above the to level.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.author_or_source})"

    def clean(self):
        # The database refuses it too (learning_resource_why_one_line); here it is said at the field.
        if "\n" in self.why or "\r" in self.why:
            raise ValidationError({"why": "Keep the reason to one line."})

    def helps_at(self, level):
        return self.min_level <= level <= self.max_level


def for_gap(rows, *, level, expected):
    """The rows (roles.queries.ResourceRow) that help someone at ``level`` (None: not
    rated yet, the lowest level) on the way to ``expected``: those whose levels overlap
    ``level``…``expected - 1``, the steps still to climb."""
    low = LOWEST_LEVEL if level is None else level
    high = max(low, expected - 1)
    return [row for row in rows if row["min_level"] <= high and row["max_level"] >= low]
