"""Plans in the admin, as assessments: superusers may look, nobody edits. Deleting stays
possible so that deleting a user account in the admin (which cascades here) is not blocked."""

from django.contrib import admin

from plans.models import Action, FocusItem, Plan


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["text", "status", "due", "evidence_url"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["user", "target_role_name", "rhythm", "reminded_for"]
    list_select_related = ["user"]


@admin.register(FocusItem)
class FocusItemAdmin(ReadOnlyAdmin):
    list_display = ["skill_name", "user", "level_now", "level_expected", "active"]
    list_select_related = ["user"]
    inlines = [ActionInline]
