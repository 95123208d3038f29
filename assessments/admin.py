"""Assessments in the admin: superusers may look (support, data requests), nobody edits.

Rubric editors have no permissions in this app, so Django's own permission checks keep
them out (403). Even superusers cannot add or change assessments or ratings here: a
person's self-assessment is theirs, and an admin quietly adjusting it would make the
history untrustworthy. Deleting stays possible so that deleting a user account in the
admin (which cascades to their assessments) is not blocked.
"""

from django.contrib import admin

from assessments.models import Assessment, Rating


class RatingInline(admin.TabularInline):
    model = Rating
    fields = ["skill_slug", "level", "evidence"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = [
        "role_name",
        "user",
        "status",
        "readiness",
        "weighted_score",
        "submitted_at",
        "created_at",
    ]
    list_filter = ["status", "submitted_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email", "role_name", "role_slug"]
    date_hierarchy = "created_at"
    # The snapshot JSON is large and only meaningful through the result page.
    exclude = ["rubric"]
    readonly_fields = [
        "id",
        "user",
        "role",
        "role_name",
        "role_slug",
        "status",
        "readiness",
        "weighted_score",
        "rubric_hash",
        "rubric_updated_at",
        "skill_count",
        "created_at",
        "updated_at",
        "submitted_at",
    ]
    inlines = [RatingInline]
    # The result page is private to its owner (404 for everyone else, staff included).
    view_on_site = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "role")

    @admin.display(description="Skills in the snapshot")
    def skill_count(self, obj):
        return len(obj.skills())

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
