"""Review links and reviews in the admin: superusers may look (support, data requests),
nobody edits, as for assessments. Token hashes are never shown."""

from django.contrib import admin

from reviews.models import Review, ReviewLink, ReviewRating


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReviewLink)
class ReviewLinkAdmin(ReadOnlyAdmin):
    list_display = ["public_id", "assessment", "created_at", "expires_at", "revoked_at", "last_opened_at"]
    list_select_related = ["assessment"]
    fields = [
        "public_id",
        "assessment",
        "message",
        "invited_email",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_opened_at",
    ]
    readonly_fields = fields


class ReviewRatingInline(admin.TabularInline):
    model = ReviewRating
    fields = ["skill_slug", "level", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "reviewer", "created_at", "updated_at"]
    list_select_related = ["assessment", "reviewer"]
    fields = ["assessment", "reviewer", "link", "comment", "created_at", "updated_at"]
    readonly_fields = fields
    inlines = [ReviewRatingInline]
