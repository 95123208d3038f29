"""Rubric administration: roles, skills with their five levels, dimensions, tracks and guides."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.urls import path
from django.utils.html import format_html

from roles import admin_views, caching
from roles.models import (
    Dimension,
    Expectation,
    GuideReading,
    LearningResource,
    Role,
    RoleDimension,
    Skill,
    SkillCategory,
    SkillLevel,
    Track,
    TransitionGuide,
)
from roles.resources import validate_http_url
from roles.scale import LEVEL_RANGE_TEXT, LEVELS
from roles.services import duplicate_role


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class SkillLevelFormSet(forms.BaseInlineFormSet):
    """A skill's rubric must be exactly the levels of the scale, each with a descriptor."""

    def validate_unique(self):
        # clean() checks the five levels together and puts a repeat next to its level
        # field; the database constraint still guards the save.
        pass

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        levels = []
        kept = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            kept.append(form)
            levels.append(form.cleaned_data["level"])
            if not (form.cleaned_data.get("descriptor") or "").strip():
                form.add_error("descriptor", "Describe what someone at this level does.")
        duplicates = sorted({n for n in levels if levels.count(n) > 1})
        if duplicates:
            # Next to the field that has the problem, not only at the top of the page.
            for form in kept:
                if form.cleaned_data["level"] in duplicates:
                    form.add_error("level", f"Level {form.cleaned_data['level']} appears more than once.")
            raise forms.ValidationError(
                f"Each level may appear once; repeated: {', '.join(map(str, duplicates))}."
            )
        if sorted(levels) != list(LEVELS):
            missing = sorted(set(LEVELS) - set(levels))
            raise forms.ValidationError(
                f"A skill needs exactly the {len(LEVELS)} levels {LEVEL_RANGE_TEXT}; "
                f"missing: {', '.join(map(str, missing))}."
            )


class SkillLevelForm(forms.ModelForm):
    def validate_constraints(self):
        # Uniqueness of a level within its skill is the formset's check (see above): checked
        # row by row against the database it would reject swapping two levels' numbers.
        try:
            self.instance.validate_constraints(exclude=self._get_validation_exclusions() | {"skill"})
        except ValidationError as exc:
            self._update_errors(exc)

    class Meta:
        model = SkillLevel
        fields = ["level", "name", "descriptor", "growth", "examples"]
        widgets = {
            "name": forms.TextInput(attrs={"size": 16}),
            "descriptor": forms.Textarea(attrs={"rows": 6, "cols": 30}),
            "growth": forms.Textarea(attrs={"rows": 6, "cols": 24}),
            "examples": forms.Textarea(attrs={"rows": 6, "cols": 24}),
        }


class SkillLevelInline(admin.TabularInline):
    """The five levels side by side, one row each, so they can be read against each other."""

    model = SkillLevel
    form = SkillLevelForm
    formset = SkillLevelFormSet
    extra = 0
    min_num = len(LEVELS)
    max_num = len(LEVELS)
    fields = ["level", "name", "descriptor", "growth", "examples"]
    classes = ["skill-levels"]

    class Media:
        css = {"all": ["css/admin-levels.css"]}


# The form's own URL check words its failure as "Enter a valid URL."; say which addresses are allowed.
URL_MESSAGE = {models.URLField: {"error_messages": {"invalid": validate_http_url.message}}}


class LearningResourceInline(admin.StackedInline):
    """A skill's books, articles, courses and practices (shown on role pages and results)."""

    model = LearningResource
    extra = 0
    formfield_overrides = URL_MESSAGE
    fields = [("title", "kind"), ("author_or_source", "url"), "why", ("min_level", "max_level", "order")]
    verbose_name = "learning resource"


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "order", "role_count", "updated_at"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SkillLevelInline, LearningResourceInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("category")
            .annotate(role_count=Count("expectations"))
        )

    @admin.display(description="Roles using it", ordering="role_count")
    def role_count(self, obj):
        return obj.role_count

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj is None and isinstance(inline, SkillLevelInline) and request.method == "GET":
            kwargs["initial"] = [{"level": n} for n in LEVELS]
        return kwargs


class RoleDimensionInline(admin.StackedInline):
    model = RoleDimension
    extra = 0
    verbose_name = "dimension text"


class ExpectationInline(admin.TabularInline):
    model = Expectation
    extra = 0
    autocomplete_fields = ["skill"]
    formfield_overrides = URL_MESSAGE
    fields = ["skill", "level", "importance"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "track", "seniority", "published", "skill_count", "updated_at"]
    list_filter = ["track", "published"]
    list_select_related = ["track"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["next_roles"]
    inlines = [RoleDimensionInline, ExpectationInline]
    actions = ["publish", "unpublish", "duplicate"]
    change_list_template = "admin/roles/role/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("expectations"))

    @admin.display(description="Skills", ordering="skill_count")
    def skill_count(self, obj):
        return obj.skill_count

    @admin.action(description="Publish selected roles", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(published=True)
        caching.bump()  # update() sends no signals
        self.message_user(request, f"Published {count} role(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected roles", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(published=False)
        caching.bump()  # update() sends no signals
        self.message_user(request, f"Unpublished {count} role(s).", messages.SUCCESS)

    @admin.action(description="Duplicate selected roles as unpublished drafts", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = []
        with transaction.atomic():
            for role in queryset.prefetch_related("dimension_texts", "expectations", "next_roles"):
                copies.append(duplicate_role(role=role))
                self.log_addition(request, copies[-1], [{"added": {}}])
        names = ", ".join(c.name for c in copies)
        self.message_user(request, f"Created unpublished draft(s): {names}.", messages.SUCCESS)

    def get_urls(self):
        urls = [
            path(
                "framework/export/",
                self.admin_site.admin_view(admin_views.export_framework),
                name="roles_framework_export",
            ),
            path(
                "framework/import/",
                self.admin_site.admin_view(admin_views.import_framework),
                name="roles_framework_import",
            ),
        ]
        return urls + super().get_urls()


class GuideReadingInline(admin.TabularInline):
    model = GuideReading
    extra = 1
    fields = ["title", "author", "order"]
    verbose_name = "further reading"
    verbose_name_plural = "further reading (title and author only)"


@admin.register(TransitionGuide)
class TransitionGuideAdmin(admin.ModelAdmin):
    list_display = ["__str__", "published", "featured", "alternative_role", "updated_at"]
    list_filter = ["published", "featured"]
    list_select_related = ["from_role", "to_role", "alternative_role"]
    search_fields = ["from_role__name", "to_role__name", "what_changes"]
    inlines = [GuideReadingInline]
    fieldsets = [
        (None, {"fields": [("from_role", "to_role"), ("published", "featured"), "what_changes"]}),
        ("Pitfalls and evidence", {"fields": ["pitfalls", "evidence"]}),
        ("First 90 days", {"fields": ["first_30_days", "days_31_to_60", "days_61_to_90"]}),
        ("The other path", {"fields": ["alternative_role", "how_to_choose"]}),
    ]


@admin.register(LearningResource)
class LearningResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "skill", "kind", "author_or_source", "levels", "order"]
    list_filter = ["kind", ("skill", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["skill"]
    search_fields = ["title", "author_or_source", "why", "skill__name"]
    autocomplete_fields = ["skill"]
    formfield_overrides = URL_MESSAGE
    fields = [
        "skill",
        ("title", "kind"),
        ("author_or_source", "url"),
        "why",
        ("min_level", "max_level", "order"),
    ]
    ordering = ["skill__category__order", "skill__order", "order", "title"]

    @admin.display(description="Levels", ordering="min_level")
    def levels(self, obj):
        return f"{obj.min_level}–{obj.max_level}"


@admin.register(LogEntry)
class ChangeHistoryAdmin(admin.ModelAdmin):
    """Who changed what and when, across the whole framework, read-only.

    Each object's own "History" page shows its entries; this list answers "what changed
    last week?" without opening every role and skill. Rubric editors see only entries
    about the roles app, never about accounts.
    """

    list_display = ["action_time", "user", "content_type", "object_link", "action", "change"]
    list_filter = [
        "action_flag",
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("user", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    list_per_page = 50

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            queryset = queryset.filter(content_type__app_label="roles")
        return queryset

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and (
            request.user.is_superuser or request.user.has_module_perms("roles")
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    # The log is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Object", ordering="object_repr")
    def object_link(self, obj):
        url = obj.get_admin_url() if not obj.is_deletion() else ""
        return format_html('<a href="{}">{}</a>', url, obj.object_repr) if url else obj.object_repr

    @admin.display(description="Action", ordering="action_flag")
    def action(self, obj):
        return "Added" if obj.is_addition() else "Deleted" if obj.is_deletion() else "Changed"

    @admin.display(description="What changed")
    def change(self, obj):
        return obj.get_change_message() or "—"
