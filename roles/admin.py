"""Rubric administration: roles, skills with their five levels, dimensions and tracks."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.db.models import Count
from django.urls import path
from django.utils.html import format_html

from roles import admin_views, caching
from roles.models import (
    Dimension,
    Expectation,
    Role,
    RoleDimension,
    Skill,
    SkillCategory,
    SkillLevel,
    Track,
)
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

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        levels = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            levels.append(form.cleaned_data["level"])
            if not (form.cleaned_data.get("descriptor") or "").strip():
                form.add_error("descriptor", "Describe what someone at this level does.")
        duplicates = sorted({n for n in levels if levels.count(n) > 1})
        if duplicates:
            raise forms.ValidationError(
                f"Each level may appear once; repeated: {', '.join(map(str, duplicates))}."
            )
        if sorted(levels) != list(LEVELS):
            missing = sorted(set(LEVELS) - set(levels))
            raise forms.ValidationError(
                f"A skill needs exactly the {len(LEVELS)} levels {LEVEL_RANGE_TEXT}; "
                f"missing: {', '.join(map(str, missing))}."
            )


class SkillLevelInline(admin.StackedInline):
    model = SkillLevel
    formset = SkillLevelFormSet
    extra = 0
    min_num = len(LEVELS)
    max_num = len(LEVELS)
    fields = [("level", "name"), "descriptor", "growth"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "order", "role_count", "updated_at"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SkillLevelInline]

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
