"""The career framework: tracks, roles, comparison dimensions, skills and their rubrics."""

import re

from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse

from roles import search
from roles.fields import LinesField

# The scale and importance are defined once, in roles/scale.py (LEVELS re-exported).
from roles.scale import HIGHEST_LEVEL, LEVEL_CHOICES, LOWEST_LEVEL, Importance
from roles.scale import LEVELS as LEVELS

LEVEL_IN_SCALE = Q(level__gte=LOWEST_LEVEL, level__lte=HIGHEST_LEVEL)


class OrderedNamed(models.Model):
    """A named, slugged grouping shown in a set order: tracks, dimensions, skill categories."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Track(OrderedNamed):
    description = models.TextField(blank=True)


class Dimension(OrderedNamed):
    """An axis along which roles are compared in prose (e.g. Focus & Scope)."""

    description = models.TextField(blank=True)


class SkillCategory(OrderedNamed):
    class Meta(OrderedNamed.Meta):
        verbose_name_plural = "skill categories"


class Skill(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position within its category.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category__order", "order", "name"]

    def __str__(self):
        return self.name


class SkillLevel(models.Model):
    """One step of a skill's rubric: one per level of the scale, each with an observable behaviour."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    name = models.CharField(max_length=60)
    descriptor = models.TextField(help_text="What someone at this level observably does.")
    growth = models.TextField(blank=True, help_text="How to grow from this level to the next one.")
    examples = LinesField(
        models.CharField(max_length=300),
        default=list,
        blank=True,
        help_text="One or two concrete artefacts that show this level, one per line.",
    )

    class Meta:
        ordering = ["skill", "level"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="skill_level_unique_per_skill"),
            models.CheckConstraint(condition=LEVEL_IN_SCALE, name="skill_level_level_1_to_5"),
            models.CheckConstraint(condition=~Q(descriptor=""), name="skill_level_descriptor_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="skill_level_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.skill} · {self.level} {self.name}"


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def ladder_order(self):
        return self.order_by("track__order", "seniority", "name")

    def search(self, text):
        """Roles whose search document matches ``text`` (roles/search.py); all for blank text,
        none for text with no word in it."""
        if not (text or "").strip():
            return self
        query = search.parse(text)
        if query is None:
            return self.none()
        return self.filter(pk__in=RawSQL(*search.matching_ids_sql(query)))


class Role(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="roles")
    seniority = models.PositiveSmallIntegerField(
        help_text="Order on the ladder, 1 the most junior; roles of a similar scope on different tracks"
        " share a number (the ladder map shows them side by side)."
    )
    alternative_titles = LinesField(
        models.CharField(max_length=120),
        default=list,
        blank=True,
        help_text="Other names companies use for this role, one per line; the role search finds them.",
    )
    summary = models.TextField()
    published = models.BooleanField(default=False)
    next_roles = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="previous_roles", help_text="Typical next steps."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["track__order", "seniority", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="role_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("roles:detail", args=[self.slug])


class RoleDimension(models.Model):
    """A role's text for one comparison dimension."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="dimension_texts")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="role_texts")
    text = models.TextField()

    class Meta:
        ordering = ["dimension__order"]
        constraints = [
            models.UniqueConstraint(fields=["role", "dimension"], name="role_dimension_unique"),
        ]

    def __str__(self):
        return f"{self.role} · {self.dimension}"


class Expectation(models.Model):
    """The level a role expects on a skill, and how central that skill is to the role.

    Level and importance are separate ideas (as in O*NET): a skill can be expected at a
    high level yet be supporting, or at a modest level yet core.
    """

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="expectations")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="expectations")
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    importance = models.CharField(max_length=12, choices=Importance.choices, default=Importance.CORE)

    class Meta:
        ordering = ["skill__category__order", "skill__order", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="expectation_unique_per_role_skill"),
            models.CheckConstraint(condition=LEVEL_IN_SCALE, name="expectation_level_1_to_5"),
            models.CheckConstraint(
                condition=Q(importance__in=Importance.values), name="expectation_importance_valid"
            ),
        ]

    def __str__(self):
        return f"{self.role} · {self.skill}: {self.level}"

    @property
    def is_core(self):
        return self.importance == Importance.CORE


class ContentVersion(models.Model):
    """A token that changes whenever framework content changes (roles/caching.py).

    Rendered role pages are cached under the current token, so replacing it makes every
    cached page obsolete at once, in every gunicorn worker and container. A random token
    rather than a counter: a rolled-back or re-created row can never bring back a token
    that old cache entries were stored under.
    """

    name = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.name}: {self.token}"


class StarterBaseline(models.Model):
    """A starter framework file as it was last loaded (roles/starter.py).

    The baseline of the three-way merge that ``update_framework`` runs: a field that differs
    from it has been edited on this site, and an update keeps that edit.
    """

    loaded_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    document = models.JSONField()

    class Meta:
        get_latest_by = "loaded_at"

    def __str__(self):
        return f"{self.source} ({self.loaded_at:%Y-%m-%d %H:%M})"


class GuideQuerySet(models.QuerySet):
    def published(self):
        """Published guides between two published roles."""
        return self.filter(published=True, from_role__published=True, to_role__published=True)

    def between(self, roles):
        """Guides whose two roles are both among ``roles``."""
        return self.filter(from_role__in=roles, to_role__in=roles)


def _lines(help_text):
    return LinesField(models.TextField(), default=list, blank=True, help_text=f"{help_text} One per line.")


class TransitionGuide(models.Model):
    """How to move from one role to another: what changes, how to grow, what to watch for.

    The skill gaps themselves are not stored here: a guide page computes them from the two
    roles' expectations, so it always agrees with the comparison.
    """

    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="guides_from")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="guides_to")
    what_changes = models.TextField(help_text="How the job itself changes. Blank lines separate paragraphs.")
    pitfalls = _lines("Common mistakes people make in the move.")
    first_30_days = _lines("What to do in the first month in the new role.")
    days_31_to_60 = _lines("What to do in the second month.")
    days_61_to_90 = _lines("What to do in the third month.")
    evidence = _lines("Evidence to collect that shows readiness for the new role.")
    alternative_role = models.ForeignKey(
        Role,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Another role people at the starting point often choose instead, if any.",
    )
    how_to_choose = models.TextField(
        blank=True, help_text="How to choose between this move and the alternative."
    )
    featured = models.BooleanField(default=False, help_text="Shown on the home page (one guide at most).")
    published = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["from_role__track__order", "from_role__seniority", "to_role__seniority", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="guide_unique_per_pair"),
            models.CheckConstraint(condition=~Q(from_role=F("to_role")), name="guide_roles_differ"),
            models.CheckConstraint(condition=~Q(what_changes=""), name="guide_what_changes_not_empty"),
            models.UniqueConstraint(
                fields=["featured"], condition=Q(featured=True), name="guide_one_featured"
            ),
        ]

    def __str__(self):
        return f"{self.from_role} → {self.to_role}"

    def get_absolute_url(self):
        return reverse("guides:detail", args=[self.from_role.slug, self.to_role.slug])

    def phases(self):
        """The first-90-days outline as (title, steps) pairs, empty months left out."""
        months = (
            ("Days 1–30", self.first_30_days),
            ("Days 31–60", self.days_31_to_60),
            ("Days 61–90", self.days_61_to_90),
        )
        return [(title, steps) for title, steps in months if steps]

    def paragraphs(self):
        return [p.strip() for p in re.split(r"\n\s*\n", self.what_changes) if p.strip()]


class GuideReading(models.Model):
    """Further reading for a guide: a title and an author, nothing more."""

    guide = models.ForeignKey(TransitionGuide, on_delete=models.CASCADE, related_name="readings")
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "title"], name="guide_reading_unique_title"),
            models.CheckConstraint(condition=~Q(title=""), name="guide_reading_title_not_empty"),
            models.CheckConstraint(condition=~Q(author=""), name="guide_reading_author_not_empty"),
        ]

    def __str__(self):
        return f"{self.title} ({self.author})"


# Learning resources per skill live in roles/resources.py; framework files between
# preview and confirmation in roles/uploads.py.
from roles.resources import LearningResource, ResourceKind  # noqa: E402, F401
from roles.uploads import FrameworkUpload  # noqa: E402, F401
